/**
 * Go's time.ParseInLocation (Go 1.24 src/time/format.go: nextStdChunk, parse and ParseError),
 * for Sprig's toDate/mustToDate. Works on the UTF-8 bytes as Go does: strings are carried as
 * latin1 "byte strings" so that every index is a byte index.
 */
import { localZoneName } from './time-format.js';
import { GoTime } from './values.js';

export class TimeParseError extends Error {}

enum Std {
  None,
  LongMonth,
  Month,
  NumMonth,
  ZeroMonth,
  LongWeekDay,
  WeekDay,
  Day,
  UnderDay,
  ZeroDay,
  UnderYearDay,
  ZeroYearDay,
  Hour,
  Hour12,
  ZeroHour12,
  Minute,
  ZeroMinute,
  Second,
  ZeroSecond,
  LongYear,
  Year,
  PM,
  pm,
  TZ,
  ISO8601TZ,
  ISO8601SecondsTZ,
  ISO8601ShortTZ,
  ISO8601ColonTZ,
  ISO8601ColonSecondsTZ,
  NumTZ,
  NumSecondsTz,
  NumShortTZ,
  NumColonTZ,
  NumColonSecondsTZ,
  FracSecond0,
  FracSecond9,
}

const STD0X = [Std.ZeroMonth, Std.ZeroDay, Std.ZeroHour12, Std.ZeroMinute, Std.ZeroSecond, Std.Year];
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const SHORT_MONTHS = LONG_MONTHS.map((m) => m.slice(0, 3));
const SHORT_DAYS = LONG_DAYS.map((d) => d.slice(0, 3));

const isDigit = (s: string, i: number): boolean => i < s.length && s[i]! >= '0' && s[i]! <= '9';
const startsWithLowerCase = (s: string): boolean => s.length > 0 && s[0]! >= 'a' && s[0]! <= 'z';

interface Chunk {
  prefix: string;
  std: Std;
  /** Digits of a fractional-second element. */
  digits: number;
  suffix: string;
}

function nextStdChunk(layout: string): Chunk {
  const at = (i: number, std: Std, len: number, digits = 0): Chunk => ({ prefix: layout.slice(0, i), std, digits, suffix: layout.slice(i + len) });
  const has = (i: number, s: string): boolean => layout.startsWith(s, i);
  for (let i = 0; i < layout.length; i++) {
    switch (layout[i]) {
      case 'J':
        if (has(i, 'Jan')) {
          if (has(i, 'January')) return at(i, Std.LongMonth, 7);
          if (!startsWithLowerCase(layout.slice(i + 3))) return at(i, Std.Month, 3);
        }
        break;
      case 'M':
        if (has(i, 'Mon')) {
          if (has(i, 'Monday')) return at(i, Std.LongWeekDay, 6);
          if (!startsWithLowerCase(layout.slice(i + 3))) return at(i, Std.WeekDay, 3);
        }
        if (has(i, 'MST')) return at(i, Std.TZ, 3);
        break;
      case '0':
        if (i + 1 < layout.length && layout[i + 1]! >= '1' && layout[i + 1]! <= '6') return at(i, STD0X[Number(layout[i + 1]) - 1]!, 2);
        if (has(i, '002')) return at(i, Std.ZeroYearDay, 3);
        break;
      case '1':
        return has(i, '15') ? at(i, Std.Hour, 2) : at(i, Std.NumMonth, 1);
      case '2':
        return has(i, '2006') ? at(i, Std.LongYear, 4) : at(i, Std.Day, 1);
      case '_':
        if (has(i, '_2')) {
          // _2006 is a literal _ followed by the long year.
          if (has(i + 1, '2006')) return { prefix: layout.slice(0, i + 1), std: Std.LongYear, digits: 0, suffix: layout.slice(i + 5) };
          return at(i, Std.UnderDay, 2);
        }
        if (has(i, '__2')) return at(i, Std.UnderYearDay, 3);
        break;
      case '3':
        return at(i, Std.Hour12, 1);
      case '4':
        return at(i, Std.Minute, 1);
      case '5':
        return at(i, Std.Second, 1);
      case 'P':
        if (has(i, 'PM')) return at(i, Std.PM, 2);
        break;
      case 'p':
        if (has(i, 'pm')) return at(i, Std.pm, 2);
        break;
      case '-':
        if (has(i, '-070000')) return at(i, Std.NumSecondsTz, 7);
        if (has(i, '-07:00:00')) return at(i, Std.NumColonSecondsTZ, 9);
        if (has(i, '-0700')) return at(i, Std.NumTZ, 5);
        if (has(i, '-07:00')) return at(i, Std.NumColonTZ, 6);
        if (has(i, '-07')) return at(i, Std.NumShortTZ, 3);
        break;
      case 'Z':
        if (has(i, 'Z070000')) return at(i, Std.ISO8601SecondsTZ, 7);
        if (has(i, 'Z07:00:00')) return at(i, Std.ISO8601ColonSecondsTZ, 9);
        if (has(i, 'Z0700')) return at(i, Std.ISO8601TZ, 5);
        if (has(i, 'Z07:00')) return at(i, Std.ISO8601ColonTZ, 6);
        if (has(i, 'Z07')) return at(i, Std.ISO8601ShortTZ, 3);
        break;
      case '.':
      case ',':
        if (i + 1 < layout.length && (layout[i + 1] === '0' || layout[i + 1] === '9')) {
          const ch = layout[i + 1];
          let j = i + 1;
          while (j < layout.length && layout[j] === ch) j++;
          if (!isDigit(layout, j)) return at(i, ch === '0' ? Std.FracSecond0 : Std.FracSecond9, j - i, j - (i + 1));
        }
        break;
    }
  }
  return { prefix: layout, std: Std.None, digits: 0, suffix: '' };
}

/** time's own quote (not strconv's): bytes outside printable ASCII become \xNN. */
function quote(bytes: string): string {
  let out = '"';
  for (const c of bytes) {
    const b = c.charCodeAt(0);
    if (b >= 0x80 || b < 0x20) out += `\\x${b.toString(16).padStart(2, '0')}`;
    else out += c === '"' || c === '\\' ? `\\${c}` : c;
  }
  return `${out}"`;
}

class Bad extends Error {}

function leadingInt(s: string): [bigint, string] {
  let i = 0;
  let x = 0n;
  for (; i < s.length && isDigit(s, i); i++) {
    if (x > (1n << 63n) / 10n) throw new Bad();
    x = x * 10n + BigInt(s.charCodeAt(i) - 48);
    if (x > 1n << 63n) throw new Bad();
  }
  return [x, s.slice(i)];
}

function atoi(s: string): number {
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  const [q, rem] = leadingInt(s);
  if (rem !== '') throw new Bad();
  const x = Number(BigInt.asIntN(64, q));
  return neg ? -x : x;
}

function getnum(s: string, fixed: boolean): [number, string] {
  if (!isDigit(s, 0)) throw new Bad();
  if (!isDigit(s, 1)) {
    if (fixed) throw new Bad();
    return [s.charCodeAt(0) - 48, s.slice(1)];
  }
  return [(s.charCodeAt(0) - 48) * 10 + s.charCodeAt(1) - 48, s.slice(2)];
}

function getnum3(s: string, fixed: boolean): [number, string] {
  let n = 0;
  let i = 0;
  for (; i < 3 && isDigit(s, i); i++) n = n * 10 + s.charCodeAt(i) - 48;
  if (i === 0 || (fixed && i !== 3)) throw new Bad();
  return [n, s.slice(i)];
}

function match(s1: string, s2: string): boolean {
  for (let i = 0; i < s1.length; i++) {
    let c1 = s1.charCodeAt(i);
    let c2 = s2.charCodeAt(i);
    if (c1 !== c2) {
      c1 |= 0x20;
      c2 |= 0x20;
      if (c1 !== c2 || c1 < 0x61 || c1 > 0x7a) return false;
    }
  }
  return true;
}

function lookup(tab: string[], val: string): [number, string] {
  for (let i = 0; i < tab.length; i++) {
    const v = tab[i]!;
    if (val.length >= v.length && match(val.slice(0, v.length), v)) return [i, val.slice(v.length)];
  }
  throw new Bad();
}

function skip(value: string, prefix: string): string {
  while (prefix.length > 0) {
    if (prefix[0] === ' ') {
      if (value.length > 0 && value[0] !== ' ') throw new Bad();
      prefix = prefix.replace(/^ +/, '');
      value = value.replace(/^ +/, '');
      continue;
    }
    if (value.length === 0 || value[0] !== prefix[0]) throw new Bad();
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return value;
}

const commaOrPeriod = (c: string | undefined): boolean => c === '.' || c === ',';

function parseNanoseconds(value: string, nbytes: number): { ns: number; range: string } {
  if (!commaOrPeriod(value[0])) throw new Bad();
  if (nbytes > 10) {
    value = value.slice(0, 10);
    nbytes = 10;
  }
  let ns = atoi(value.slice(1, nbytes));
  if (ns < 0) return { ns, range: 'fractional second' };
  for (let i = 0; i < 10 - nbytes; i++) ns *= 10;
  return { ns, range: '' };
}

function parseSignedOffset(value: string): number {
  if (value[0] !== '-' && value[0] !== '+') return 0;
  let x: bigint;
  let rem: string;
  try {
    [x, rem] = leadingInt(value.slice(1));
  } catch {
    return 0;
  }
  if (value.slice(1) === rem || x > 23n) return 0;
  return value.length - rem.length;
}

function parseTimeZone(value: string): number | undefined {
  if (value.length < 3) return undefined;
  if (value.startsWith('ChST') || value.startsWith('MeST')) return 4;
  if (value.startsWith('GMT')) return value.length === 3 ? 3 : 3 + parseSignedOffset(value.slice(3));
  if (value[0] === '+' || value[0] === '-') {
    const n = parseSignedOffset(value);
    return n > 0 ? n : undefined;
  }
  let nUpper = 0;
  while (nUpper < 6 && nUpper < value.length && value[nUpper]! >= 'A' && value[nUpper]! <= 'Z') nUpper++;
  if (nUpper === 3) return 3;
  if (nUpper === 4 && (value[3] === 'T' || value.startsWith('WITA'))) return 4;
  if (nUpper === 5 && value[4] === 'T') return 5;
  return undefined;
}

const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const DAYS_BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
const daysIn = (m: number, y: number): number => (m === 2 && isLeap(y) ? 29 : DAYS_BEFORE[m]! - DAYS_BEFORE[m - 1]!);

/** Milliseconds since the epoch of a wall time read as UTC (years 0–99 included). */
function wallMs(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  return date.getTime();
}

export type ParseLocation = 'UTC' | 'Local';

/** Offset (minutes east) and name of this process's local zone at an instant. */
function localAt(ms: number): { offset: number; name: string } {
  const d = new Date(ms);
  return { offset: -d.getTimezoneOffset(), name: localZoneName(d) };
}

/** time.Date in `loc`: a wall time in the local zone finds its offset as Go's Date does. */
function dateIn(loc: ParseLocation, wall: number, nanos: number): GoTime {
  if (loc === 'UTC') return timeAt(wall, nanos, 0, 'UTC');
  let { offset } = localAt(wall);
  const second = localAt(wall - offset * 60_000);
  if (second.offset !== offset) offset = second.offset;
  const at = wall - offset * 60_000;
  return timeAt(at, nanos, offset, localAt(at).name);
}

function timeAt(ms: number, nanos: number, offsetMinutes: number, zoneName: string): GoTime {
  return new GoTime(new Date(ms + Math.floor(nanos / 1_000_000)), offsetMinutes, zoneName, nanos % 1_000_000);
}

/** time.ParseInLocation(layout, value, loc); throws TimeParseError with Go's text. */
export function parseInLocation(layoutText: string, valueText: string, loc: ParseLocation): GoTime {
  const alayout = Buffer.from(layoutText, 'utf8').toString('latin1');
  const avalue = Buffer.from(valueText, 'utf8').toString('latin1');
  const fail = (layoutElem: string, valueElem: string, message: string): never => {
    throw new TimeParseError(
      Buffer.from(
        message === ''
          ? `parsing time ${quote(avalue)} as ${quote(alayout)}: cannot parse ${quote(valueElem)} as ${quote(layoutElem)}`
          : `parsing time ${quote(avalue)}${message}`,
        'latin1',
      ).toString('utf8'),
    );
  };
  let layout = alayout;
  let value = avalue;
  let range = '';
  let amSet = false;
  let pmSet = false;
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let utc = false;
  let zoneOffset = -1;
  let zoneName = '';

  for (;;) {
    const { prefix, std, digits, suffix } = nextStdChunk(layout);
    const stdstr = layout.slice(prefix.length, layout.length - suffix.length);
    try {
      value = skip(value, prefix);
    } catch {
      fail(prefix, value, '');
    }
    if (std === Std.None) {
      if (value.length !== 0) fail('', value, `: extra text: ${quote(value)}`);
      break;
    }
    layout = suffix;
    const hold = value;
    let bad = false;
    try {
      switch (std) {
        case Std.Year: {
          if (value.length < 2) throw new Bad();
          const p = value.slice(0, 2);
          value = value.slice(2);
          year = atoi(p);
          year += year >= 69 ? 1900 : 2000;
          break;
        }
        case Std.LongYear:
          if (value.length < 4 || !isDigit(value, 0)) throw new Bad();
          year = atoi(value.slice(0, 4));
          value = value.slice(4);
          break;
        case Std.Month:
          [month, value] = lookup(SHORT_MONTHS, value);
          month++;
          break;
        case Std.LongMonth:
          [month, value] = lookup(LONG_MONTHS, value);
          month++;
          break;
        case Std.NumMonth:
        case Std.ZeroMonth:
          [month, value] = getnum(value, std === Std.ZeroMonth);
          if (month <= 0 || month > 12) range = 'month';
          break;
        case Std.WeekDay:
          value = lookup(SHORT_DAYS, value)[1];
          break;
        case Std.LongWeekDay:
          value = lookup(LONG_DAYS, value)[1];
          break;
        case Std.Day:
        case Std.UnderDay:
        case Std.ZeroDay:
          if (std === Std.UnderDay && value[0] === ' ') value = value.slice(1);
          [day, value] = getnum(value, std === Std.ZeroDay);
          break;
        case Std.UnderYearDay:
        case Std.ZeroYearDay:
          for (let i = 0; i < 2; i++) if (std === Std.UnderYearDay && value[0] === ' ') value = value.slice(1);
          [yday, value] = getnum3(value, std === Std.ZeroYearDay);
          break;
        case Std.Hour:
          [hour, value] = getnum(value, false);
          if (hour < 0 || hour >= 24) range = 'hour';
          break;
        case Std.Hour12:
        case Std.ZeroHour12:
          [hour, value] = getnum(value, std === Std.ZeroHour12);
          if (hour < 0 || hour > 12) range = 'hour';
          break;
        case Std.Minute:
        case Std.ZeroMinute:
          [min, value] = getnum(value, std === Std.ZeroMinute);
          if (min < 0 || min >= 60) range = 'minute';
          break;
        case Std.Second:
        case Std.ZeroSecond: {
          [sec, value] = getnum(value, std === Std.ZeroSecond);
          if (sec < 0 || sec >= 60) {
            range = 'second';
            break;
          }
          // A fractional second in the value that the layout does not spell.
          if (value.length >= 2 && commaOrPeriod(value[0]) && isDigit(value, 1)) {
            const next = nextStdChunk(layout).std;
            if (next === Std.FracSecond0 || next === Std.FracSecond9) break;
            let n = 2;
            while (n < value.length && isDigit(value, n)) n++;
            ({ ns: nsec, range } = parseNanoseconds(value, n));
            value = value.slice(n);
          }
          break;
        }
        case Std.PM:
        case Std.pm: {
          if (value.length < 2) throw new Bad();
          const p = value.slice(0, 2);
          value = value.slice(2);
          const [am, pm] = std === Std.PM ? ['AM', 'PM'] : ['am', 'pm'];
          if (p === pm) pmSet = true;
          else if (p === am) amSet = true;
          else throw new Bad();
          break;
        }
        case Std.ISO8601TZ:
        case Std.ISO8601ShortTZ:
        case Std.ISO8601ColonTZ:
        case Std.ISO8601SecondsTZ:
        case Std.ISO8601ColonSecondsTZ:
        case Std.NumTZ:
        case Std.NumShortTZ:
        case Std.NumColonTZ:
        case Std.NumSecondsTz:
        case Std.NumColonSecondsTZ: {
          const iso =
            std === Std.ISO8601TZ ||
            std === Std.ISO8601ShortTZ ||
            std === Std.ISO8601ColonTZ ||
            std === Std.ISO8601SecondsTZ ||
            std === Std.ISO8601ColonSecondsTZ;
          if (iso && value[0] === 'Z') {
            value = value.slice(1);
            utc = true;
            break;
          }
          let parts: [string, string, string, string];
          if (std === Std.ISO8601ColonTZ || std === Std.NumColonTZ) {
            if (value.length < 6 || value[3] !== ':') throw new Bad();
            parts = [value[0]!, value.slice(1, 3), value.slice(4, 6), '00'];
            value = value.slice(6);
          } else if (std === Std.NumShortTZ || std === Std.ISO8601ShortTZ) {
            if (value.length < 3) throw new Bad();
            parts = [value[0]!, value.slice(1, 3), '00', '00'];
            value = value.slice(3);
          } else if (std === Std.ISO8601ColonSecondsTZ || std === Std.NumColonSecondsTZ) {
            if (value.length < 9 || value[3] !== ':' || value[6] !== ':') throw new Bad();
            parts = [value[0]!, value.slice(1, 3), value.slice(4, 6), value.slice(7, 9)];
            value = value.slice(9);
          } else if (std === Std.ISO8601SecondsTZ || std === Std.NumSecondsTz) {
            if (value.length < 7) throw new Bad();
            parts = [value[0]!, value.slice(1, 3), value.slice(3, 5), value.slice(5, 7)];
            value = value.slice(7);
          } else {
            if (value.length < 5) throw new Bad();
            parts = [value[0]!, value.slice(1, 3), value.slice(3, 5), '00'];
            value = value.slice(5);
          }
          const [sign, hh, mm, ss] = parts;
          const hr = getnum(hh, true)[0];
          const mi = getnum(mm, true)[0];
          const se = getnum(ss, true)[0];
          // Go tests with > rather than >=: offsets of 24 hours or 60 minutes are written.
          if (hr > 24) range = 'time zone offset hour';
          if (mi > 60) range = 'time zone offset minute';
          if (se > 60) range = 'time zone offset second';
          zoneOffset = (hr * 60 + mi) * 60 + se;
          if (sign === '-') zoneOffset = -zoneOffset;
          else if (sign !== '+') throw new Bad();
          break;
        }
        case Std.TZ: {
          if (value.startsWith('UTC')) {
            utc = true;
            value = value.slice(3);
            break;
          }
          const n = parseTimeZone(value);
          if (n === undefined) throw new Bad();
          zoneName = value.slice(0, n);
          value = value.slice(n);
          break;
        }
        case Std.FracSecond0: {
          const ndigit = 1 + digits;
          if (value.length < ndigit) throw new Bad();
          ({ ns: nsec, range } = parseNanoseconds(value, ndigit));
          value = value.slice(ndigit);
          break;
        }
        case Std.FracSecond9: {
          if (value.length < 2 || !commaOrPeriod(value[0]) || !isDigit(value, 1)) break;
          let i = 0;
          while (i + 1 < value.length && isDigit(value, i + 1)) i++;
          ({ ns: nsec, range } = parseNanoseconds(value, 1 + i));
          value = value.slice(1 + i);
          break;
        }
      }
    } catch (e) {
      if (!(e instanceof Bad)) throw e;
      bad = true;
    }
    if (range !== '') fail(stdstr, value, `: ${range} out of range`);
    if (bad) fail(stdstr, hold, '');
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;

  if (yday >= 0) {
    let d = 0;
    let m = 0;
    if (isLeap(year)) {
      if (yday === 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) yday--;
    }
    if (yday < 1 || yday > 365) fail('', value, ': day-of-year out of range');
    if (m === 0) {
      m = Math.floor((yday - 1) / 31) + 1;
      if (DAYS_BEFORE[m]! < yday) m++;
      d = yday - DAYS_BEFORE[m - 1]!;
    }
    if (month >= 0 && month !== m) fail('', value, ': day-of-year does not match month');
    month = m;
    if (day >= 0 && day !== d) fail('', value, ': day-of-year does not match day');
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year)) fail('', value, ': day out of range');

  const wall = wallMs(year, month, day, hour, min, sec);
  if (utc) return timeAt(wall, nsec, 0, 'UTC');
  if (zoneOffset !== -1) {
    const at = wall - zoneOffset * 1000;
    // The zone of `loc` in effect then, when it has this offset (and name); else a fixed zone.
    const local = loc === 'UTC' ? { offset: 0, name: 'UTC' } : localAt(at);
    if (local.offset * 60 === zoneOffset && (zoneName === '' || zoneName === local.name)) return timeAt(at, nsec, local.offset, local.name);
    return timeAt(at, nsec, zoneOffset / 60, zoneName);
  }
  if (zoneName !== '') {
    const named = loc === 'UTC' ? (zoneName === 'UTC' ? 0 : undefined) : lookupLocalName(zoneName, wall);
    if (named !== undefined) {
      const at = wall - named * 60_000;
      return timeAt(at, nsec, named, zoneName);
    }
    let offset = 0;
    if (zoneName.length > 3 && zoneName.startsWith('GMT')) offset = atoi(zoneName.slice(3)) * 60;
    return timeAt(wall, nsec, offset, zoneName);
  }
  return dateIn(loc, wall, nsec);
}

/** Location.lookupName for the local zone: an abbreviation it uses near that time (minutes east). */
function lookupLocalName(name: string, wall: number): number | undefined {
  const DAY = 86_400_000;
  for (const probe of [wall, wall - 182 * DAY, wall + 182 * DAY]) {
    const z = localAt(probe);
    if (z.name === name) return z.offset;
  }
  return undefined;
}
