/**
 * Change-freeze windows: absolute (a release week) or weekly (Friday afternoons), in UTC.
 * Pure: given the windows and a time, says whether a class is frozen and until when.
 */
export interface AbsoluteFreeze {
  name: string;
  start: string;
  end: string;
  classes?: readonly string[] | undefined;
}
export interface WeeklyFreeze {
  name: string;
  days: readonly string[];
  /** "HH:MM" UTC */
  from: string;
  to: string;
  classes?: readonly string[] | undefined;
}
export interface FreezeConfig {
  windows: readonly AbsoluteFreeze[];
  weekly: readonly WeeklyFreeze[];
}

export interface ActiveFreeze {
  name: string;
  /** Epoch ms when it ends. */
  until: number;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The freeze covering `cls` at `now`, if any (the one ending last when several overlap). */
export function activeFreeze(cfg: FreezeConfig, cls: string, now: number): ActiveFreeze | undefined {
  const applies = (classes?: readonly string[]) => !classes || classes.includes(cls);
  const hits: ActiveFreeze[] = [];
  for (const w of cfg.windows) {
    const start = Date.parse(w.start);
    const end = Date.parse(w.end);
    if (applies(w.classes) && now >= start && now < end) hits.push({ name: w.name, until: end });
  }
  const d = new Date(now);
  const day = DAYS[d.getUTCDay()]!;
  const minute = d.getUTCHours() * 60 + d.getUTCMinutes();
  for (const w of cfg.weekly) {
    if (!applies(w.classes) || !w.days.includes(day)) continue;
    const from = minutes(w.from);
    const to = minutes(w.to);
    if (minute >= from && minute < to) {
      const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      hits.push({ name: w.name, until: midnight + to * 60_000 });
    }
  }
  return hits.sort((a, b) => b.until - a.until)[0];
}
