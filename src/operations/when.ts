/** Moments as people read them, in UTC like the rest of the bot. Pure. */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `Sun 6 Dec 15:34 UTC` (the year too when it is not `now`'s). */
export function dayAndTime(ms: number, now?: number): string {
  const d = new Date(ms);
  const year = now !== undefined && new Date(now).getUTCFullYear() !== d.getUTCFullYear() ? ` ${d.getUTCFullYear()}` : '';
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}${year} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** `15:34 UTC` when `ms` falls on `now`'s day (UTC), else with its date: `Sun 6 Dec 15:34 UTC`. */
export function timeOrDay(ms: number, now: number): string {
  if (dayOf(ms) !== dayOf(now)) return dayAndTime(ms, now);
  const d = new Date(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}
