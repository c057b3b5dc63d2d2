/** Times and durations as the alert messages print them (UTC, like the rest of the bot). */

const pad = (n: number) => String(n).padStart(2, '0');

/** `10:12:03` (UTC). */
export function clock(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `10:12` (UTC). */
export const clockMinutes = (ms: number) => clock(ms).slice(0, 5);

/** `7 min 37 s`, `3 h 12 min`, `2 d 4 h`, `45 s`: two units at most. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const units: Array<[number, string]> = [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  const parts: string[] = [];
  let rest = s;
  for (const [size, name] of units) {
    if (parts.length === 2) break;
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || (parts.length > 0 && parts.length < 2)) parts.push(`${n} ${name}`);
  }
  const text = parts.filter((p, i) => i === 0 || !p.startsWith('0 ')).join(' ');
  return text || '0 s';
}
