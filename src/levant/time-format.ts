/** Go's time.Format layouts ("2006-01-02T15:04:05Z07:00") over GoTime values. */
import { GoTime } from './values.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Layout tokens, longest first where one is a prefix of another (as time.nextStdChunk checks). */
const TOKENS = [
  'January',
  'Jan',
  'Monday',
  'Mon',
  'MST',
  '2006',
  '-07:00:00',
  '-0700',
  '-07:00',
  '-07',
  'Z07:00:00',
  'Z0700',
  'Z07:00',
  'Z07',
  '002',
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '_2',
  '15',
  'PM',
  'pm',
  '1',
  '2',
  '3',
  '4',
  '5',
];

const p2 = (n: number): string => String(n).padStart(2, '0');

/** Now, in the local zone of this process. */
export function timeNow(): GoTime {
  const d = new Date();
  return new GoTime(d, -d.getTimezoneOffset(), localZoneName(d));
}

export function inZone(t: GoTime, offsetMinutes: number, zoneName: string): GoTime {
  return new GoTime(t.date, offsetMinutes, zoneName, t.subMsNanos);
}

export function localZoneName(d: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(d).find((x) => x.type === 'timeZoneName');
  const name = part?.value ?? 'UTC';
  return /^GMT[+-]/.test(name) ? '' : name === 'GMT' && d.getTimezoneOffset() === 0 ? 'UTC' : name;
}

function zone(off: number, sep: boolean, seconds: boolean, short: boolean, z: boolean): string {
  if (z && off === 0) return 'Z';
  const sign = off < 0 ? '-' : '+';
  // Offsets are in minutes; a zone parsed from "+01:02:03" keeps its seconds as a fraction.
  const a = Math.round(Math.abs(off) * 60);
  const hh = p2(Math.floor(a / 3600));
  const mm = p2(Math.floor(a / 60) % 60);
  if (short) return sign + hh;
  return sign + hh + (sep ? ':' : '') + mm + (seconds ? (sep ? ':' : '') + p2(a % 60) : '');
}

/** time.Time.Format; `layout === 'string'` gives time.Time.String() without the monotonic part. */
export function formatTime(t: GoTime, layout: string): string {
  if (layout === 'string') layout = '2006-01-02 15:04:05.999999999 -0700 MST';
  const local = new Date(t.date.getTime() + t.offsetMinutes * 60_000);
  const Y = local.getUTCFullYear();
  const M = local.getUTCMonth();
  const D = local.getUTCDate();
  const h = local.getUTCHours();
  const m = local.getUTCMinutes();
  const s = local.getUTCSeconds();
  const nanos = local.getUTCMilliseconds() * 1_000_000 + t.subMsNanos;
  const yday = Math.floor((Date.UTC(Y, M, D) - Date.UTC(Y, 0, 1)) / 86_400_000) + 1;
  const off = t.offsetMinutes;
  let out = '';
  let i = 0;
  while (i < layout.length) {
    // time.nextStdChunk: a run of 0s or 9s after '.' or ',' (and no digit after it) is fractional seconds.
    const frac = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (frac) {
      const digits = String(nanos).padStart(9, '0').slice(0, frac[1]!.length);
      const sep = frac[0][0]!;
      out += frac[1]![0] === '0' ? sep + digits : digits.replace(/0+$/, '') ? sep + digits.replace(/0+$/, '') : '';
      i += frac[0].length;
      continue;
    }
    const tok = TOKENS.find((k) => layout.startsWith(k, i));
    if (!tok) {
      out += layout[i];
      i++;
      continue;
    }
    i += tok.length;
    out += render(tok);
  }
  return out;

  function render(tok: string): string {
    switch (tok) {
      case 'January':
        return MONTHS[M]!;
      case 'Jan':
        return MONTHS[M]!.slice(0, 3);
      case 'Monday':
        return DAYS[local.getUTCDay()]!;
      case 'Mon':
        return DAYS[local.getUTCDay()]!.slice(0, 3);
      case 'MST':
        return t.zoneName || zone(off, false, false, false, false);
      case '2006':
        return String(Y).padStart(4, '0');
      case '06':
        return p2(Y % 100);
      case '01':
        return p2(M + 1);
      case '1':
        return String(M + 1);
      case '02':
        return p2(D);
      case '2':
        return String(D);
      case '_2':
        return String(D).padStart(2, ' ');
      case '002':
        return String(yday).padStart(3, '0');
      case '15':
        return p2(h);
      case '03':
        return p2(h % 12 || 12);
      case '3':
        return String(h % 12 || 12);
      case '04':
        return p2(m);
      case '4':
        return String(m);
      case '05':
        return p2(s);
      case '5':
        return String(s);
      case 'PM':
        return h >= 12 ? 'PM' : 'AM';
      case 'pm':
        return h >= 12 ? 'pm' : 'am';
      case '-07:00:00':
        return zone(off, true, true, false, false);
      case '-0700':
        return zone(off, false, false, false, false);
      case '-07:00':
        return zone(off, true, false, false, false);
      case '-07':
        return zone(off, false, false, true, false);
      case 'Z07:00:00':
        return zone(off, true, true, false, true);
      case 'Z0700':
        return zone(off, false, false, false, true);
      case 'Z07:00':
        return zone(off, true, false, false, true);
      case 'Z07':
        return zone(off, false, false, true, true);
    }
    return tok;
  }
}
