/** Sprig v3 date.go: date/htmlDate in a zone, durations, dateModify, ago, unixEpoch. */
import { FuncError, type GoFunc, fn } from './func-types.js';
import { DurationError, durationString, parseDuration } from './go-duration.js';
import { TimeParseError, parseInLocation } from './go-time-parse.js';
import { formatTime, inZone, timeNow } from './time-format.js';
import { GoNum, GoTime, type GoValue, IFACE } from './values.js';

const S = 'string';
const TIME = 'time.Time';

/** The time a Sprig date function reads: a time.Time, Unix seconds (int, int64, int32), else now. */
function timeOf(d: GoValue | undefined, int32 = true): GoTime {
  if (d instanceof GoTime) return d;
  const secs = typeof d === 'bigint' ? d : d instanceof GoNum && (d.type === 'int64' || (int32 && d.type === 'int32')) ? d.v : undefined;
  if (secs === undefined) return timeNow();
  const at = new Date(Number(secs) * 1000);
  return new GoTime(at, -at.getTimezoneOffset(), timeNow().zoneName);
}

/** t.In(time.LoadLocation(zone)), an unknown zone being UTC. */
function inLocation(t: GoTime, zone: string): GoTime {
  if (zone === 'Local') {
    return new GoTime(t.date, -t.date.getTimezoneOffset(), timeNow().zoneName, t.subMsNanos);
  }
  if (zone === 'UTC' || zone === '') return inZone(t, 0, 'UTC');
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(t.date);
    const m = /GMT([+-])(\d\d):(\d\d)/.exec(parts.find((p) => p.type === 'timeZoneName')?.value ?? '');
    const minutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
    const short =
      new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }).formatToParts(t.date).find((p) => p.type === 'timeZoneName')?.value ?? '';
    return inZone(t, minutes, /^GMT|^UTC/.test(short) ? '' : short);
  } catch {
    return inZone(t, 0, 'UTC');
  }
}

const dateInZone = (layout: string, d: GoValue | undefined, zone: string): string => formatTime(inLocation(timeOf(d), zone), layout);

function addDuration(t: GoTime, ns: bigint): GoTime {
  return new GoTime(new Date(t.date.getTime() + Number(ns / 1_000_000n)), t.offsetMinutes, t.zoneName);
}

/** Duration.Round(time.Second). */
const roundToSecond = (ns: bigint): bigint => {
  const s = 1_000_000_000n;
  const r = ((ns % s) + s) % s;
  return r + r < s ? ns - r : ns + s - r;
};

function durationRound(v: GoValue | undefined): string {
  let d = 0n;
  if (typeof v === 'string') {
    try {
      d = parseDuration(v);
    } catch {
      d = 0n;
    }
  } else if (v instanceof GoNum && v.type === 'int64') d = v.v;
  else if (v instanceof GoTime) d = BigInt(Date.now() - v.date.getTime()) * 1_000_000n;
  const u = d < 0n ? -d : d;
  const H = 3_600_000_000_000n;
  const steps: [bigint, string][] = [
    [H * 24n * 365n, 'y'],
    [H * 24n * 30n, 'mo'],
    [H * 24n, 'd'],
    [H, 'h'],
    [60_000_000_000n, 'm'],
    [1_000_000_000n, 's'],
  ];
  for (const [size, unit] of steps) if (u > size) return String(u / size) + unit;
  return '0s';
}

/** time.Time{}: what toDate gives for a value its layout cannot read. */
const ZERO_TIME = (): GoTime => {
  const d = new Date(0);
  d.setUTCFullYear(1, 0, 1);
  return new GoTime(d, 0, 'UTC');
};

export const sprigDateFuncs: [string, GoFunc][] = [
  // toDate: time.ParseInLocation(layout, value, time.Local), the error dropped; mustToDate returns it.
  [
    'toDate',
    fn([S, S], TIME, (a) => {
      try {
        return parseInLocation(a[0] as string, a[1] as string, 'Local');
      } catch (e) {
        if (e instanceof TimeParseError) return ZERO_TIME();
        throw e;
      }
    }),
  ],
  [
    'mustToDate',
    fn([S, S], TIME, (a) => {
      try {
        return parseInLocation(a[0] as string, a[1] as string, 'Local');
      } catch (e) {
        if (e instanceof TimeParseError) throw new FuncError(e.message);
        throw e;
      }
    }),
  ],
  ['date', fn([S, IFACE], S, (a) => dateInZone(a[0] as string, a[1], 'Local'))],
  ['htmlDate', fn([IFACE], S, (a) => dateInZone('2006-01-02', a[0], 'Local'))],
  ['dateInZone', fn([S, IFACE, S], S, (a) => dateInZone(a[0] as string, a[1], a[2] as string))],
  ['htmlDateInZone', fn([IFACE, S], S, (a) => dateInZone('2006-01-02', a[0], a[1] as string))],
  [
    'duration',
    fn([IFACE], S, (a) => {
      const v = a[0];
      let n = 0n;
      if (typeof v === 'string') n = /^[+-]?\d+$/.test(v) && BigInt.asIntN(64, BigInt(v)) === BigInt(v) ? BigInt(v) : 0n;
      else if (v instanceof GoNum && v.type === 'int64') n = v.v;
      return durationString(BigInt.asIntN(64, n * 1_000_000_000n));
    }),
  ],
  ['durationRound', fn([IFACE], S, (a) => durationRound(a[0]))],
  [
    'dateModify',
    fn([S, TIME], TIME, (a) => {
      try {
        return addDuration(a[1] as GoTime, parseDuration(a[0] as string));
      } catch (e) {
        if (e instanceof DurationError) return a[1]!;
        throw e;
      }
    }),
  ],
  [
    'mustDateModify',
    fn([S, TIME], TIME, (a) => {
      try {
        return addDuration(a[1] as GoTime, parseDuration(a[0] as string));
      } catch (e) {
        if (e instanceof DurationError) throw new FuncError(e.message);
        throw e;
      }
    }),
  ],
  [
    'ago',
    fn([IFACE], S, (a) => {
      const t = timeOf(a[0], false);
      return durationString(roundToSecond(BigInt(Date.now() - t.date.getTime()) * 1_000_000n));
    }),
  ],
  ['unixEpoch', fn([TIME], S, (a) => String(Math.floor((a[0] as GoTime).date.getTime() / 1000)))],
];
