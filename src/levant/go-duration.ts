/** time.Duration's String and time.ParseDuration, ported from Go's time package (nanoseconds as bigint). */
const UNITS: Record<string, bigint> = { ns: 1n, us: 1000n, µs: 1000n, μs: 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };
const MAX = 2n ** 63n - 1n;

export class DurationError extends Error {}

/** time.ParseDuration: "1h30m", "-1.5s", "300ms"; Go's error texts. */
export function parseDuration(s: string): bigint {
  const orig = s;
  const bad = (): never => {
    throw new DurationError(`time: invalid duration ${JSON.stringify(orig)}`);
  };
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') bad();
  let total = 0n;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (m[1] === '' && (m[2] === undefined || m[2] === '')) bad();
    s = s.slice(m[0].length);
    const unit = /^[^\d.]*/.exec(s)![0];
    if (unit === '') throw new DurationError(`time: missing unit in duration ${JSON.stringify(orig)}`);
    const scale = UNITS[unit];
    if (scale === undefined) throw new DurationError(`time: unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(orig)}`);
    s = s.slice(unit.length);
    const whole = BigInt(m[1] || '0');
    const frac = m[2] ?? '';
    let v = whole * scale;
    if (frac !== '') v += (BigInt(frac) * scale) / 10n ** BigInt(frac.length);
    if (whole > MAX / scale) bad();
    total += v;
    if (total > MAX + (neg ? 1n : 0n)) bad();
  }
  return neg ? -total : total;
}

function fmtFrac(v: bigint, prec: number): [string, bigint] {
  let out = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print = print || digit !== 0n;
    if (print) out = String(digit) + out;
    v /= 10n;
  }
  return [print ? `.${out}` : '', v];
}

/** time.Duration.String: "1h2m3.5s", "1.5µs", "0s". */
export function durationString(d: bigint): string {
  if (d === 0n) return '0s';
  const neg = d < 0n;
  let u = neg ? -d : d;
  let out: string;
  if (u < 1_000_000_000n) {
    let prec = 0;
    let unit = '';
    if (u < 1000n) return `${(neg ? '-' : '') + String(u)}ns`;
    if (u < 1_000_000n) [prec, unit] = [3, 'µs'];
    else [prec, unit] = [6, 'ms'];
    const [frac, rest] = fmtFrac(u, prec);
    out = String(rest) + frac + unit;
  } else {
    const [frac, secs] = fmtFrac(u, 9);
    u = secs;
    out = `${String(u % 60n) + frac}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${String(u % 60n)}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${String(u)}h${out}`;
    }
  }
  return (neg ? '-' : '') + out;
}
