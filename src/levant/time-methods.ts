/**
 * The methods of time.Time a template can call (`now.Year`, `(toDate ...).Unix`). Those that
 * return time.Month, time.Weekday or time.Duration are left out: those types print by name but
 * count as integers, which these values cannot be both of.
 */
import { formatTime, inZone, localZoneName } from './time-format.js';
import { GoTime, type GoValue, type ObjectMethod, int64 } from './values.js';

const TIME = 'time.Time';
const m = (params: string[], result: string, call: (args: GoValue[]) => GoValue): ObjectMethod => ({ params, result, call });

/** Wall-clock fields in the time's own zone. */
const wall = (t: GoTime): Date => new Date(t.date.getTime() + t.offsetMinutes * 60_000);
const nanosTotal = (t: GoTime): bigint => BigInt(t.date.getTime()) * 1_000_000n + BigInt(t.subMsNanos);
const floorDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b));

export function timeMethods(t: GoTime): Map<string, ObjectMethod> {
  const w = wall(t);
  const local = (d: Date): GoTime => new GoTime(d, -d.getTimezoneOffset(), localZoneName(d), t.subMsNanos);
  return new Map<string, ObjectMethod>([
    ['Year', m([], 'int', () => BigInt(w.getUTCFullYear()))],
    ['Day', m([], 'int', () => BigInt(w.getUTCDate()))],
    ['Hour', m([], 'int', () => BigInt(w.getUTCHours()))],
    ['Minute', m([], 'int', () => BigInt(w.getUTCMinutes()))],
    ['Second', m([], 'int', () => BigInt(w.getUTCSeconds()))],
    ['Nanosecond', m([], 'int', () => BigInt(w.getUTCMilliseconds()) * 1_000_000n + BigInt(t.subMsNanos))],
    [
      'YearDay',
      m([], 'int', () => {
        const start = new Date(0);
        start.setUTCFullYear(w.getUTCFullYear(), 0, 1);
        const day = new Date(0);
        day.setUTCFullYear(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate());
        return BigInt(Math.round((day.getTime() - start.getTime()) / 86_400_000) + 1);
      }),
    ],
    ['Unix', m([], 'int64', () => int64(floorDiv(nanosTotal(t), 1_000_000_000n)))],
    ['UnixMilli', m([], 'int64', () => int64(floorDiv(nanosTotal(t), 1_000_000n)))],
    ['UnixMicro', m([], 'int64', () => int64(floorDiv(nanosTotal(t), 1_000n)))],
    ['UnixNano', m([], 'int64', () => int64(nanosTotal(t)))],
    ['Format', m(['string'], 'string', (a) => formatTime(t, a[0] as string))],
    ['String', m([], 'string', () => formatTime(t, 'string'))],
    ['IsZero', m([], 'bool', () => nanosTotal(t) === -62_135_596_800_000_000_000n)],
    ['UTC', m([], TIME, () => inZone(t, 0, 'UTC'))],
    ['Local', m([], TIME, () => local(t.date))],
    ['Before', m([TIME], 'bool', (a) => nanosTotal(t) < nanosTotal(a[0] as GoTime))],
    ['After', m([TIME], 'bool', (a) => nanosTotal(t) > nanosTotal(a[0] as GoTime))],
    ['Equal', m([TIME], 'bool', (a) => nanosTotal(t) === nanosTotal(a[0] as GoTime))],
    [
      'AddDate',
      m(['int', 'int', 'int'], TIME, (a) => {
        // time.Date normalizes overflowing months and days as Date.setUTCFullYear does.
        const d = new Date(w.getTime());
        d.setUTCFullYear(w.getUTCFullYear() + Number(a[0]), w.getUTCMonth() + Number(a[1]), w.getUTCDate() + Number(a[2]));
        return new GoTime(new Date(d.getTime() - t.offsetMinutes * 60_000), t.offsetMinutes, t.zoneName, t.subMsNanos);
      }),
    ],
  ]);
}
