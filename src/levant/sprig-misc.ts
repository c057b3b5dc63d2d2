/** Sprig v3 integer maths, defaults, base64, now and env. */
import { divZero, toFloat64, toInt64 } from './cast.js';
import { type GoFunc, fn } from './func-types.js';
import { decodeStdBase64 } from './go-base64.js';
import { timeNow } from './time-format.js';
import { empty } from './sprig-empty.js';
import { type GoNum, GoSlice, IFACE, int64 } from './values.js';

const I64 = 'int64';
const i64 = (v: bigint): GoNum => int64(v);

function b64dec(s: string): string {
  const r = decodeStdBase64(s);
  return r.ok ? r.bytes.toString('utf8') : r.err;
}

/** Sprig functions that need the caller's environment. */
export function sprigMiscFuncs(env: Record<string, string | undefined>): [string, GoFunc][] {
  return [
    ['default', fn([IFACE, IFACE], IFACE, (a) => (a.length < 2 || empty(a[1]!) ? a[0]! : a[1]!), true)],
    ['empty', fn([IFACE], 'bool', (a) => empty(a[0]!))],
    ['coalesce', fn([IFACE], IFACE, (a) => a.find((x) => !empty(x)) ?? null, true)],
    ['ternary', fn([IFACE, IFACE, 'bool'], IFACE, (a) => (a[2] ? a[0]! : a[1]!))],
    ['int', fn([IFACE], 'int', (a) => toInt64(a[0]!))],
    ['int64', fn([IFACE], I64, (a) => i64(toInt64(a[0]!)))],
    ['float64', fn([IFACE], 'float64', (a) => toFloat64(a[0]!))],
    ['atoi', fn(['string'], 'int', (a) => (/^[+-]?\d+$/.test(a[0] as string) ? BigInt.asIntN(64, BigInt(a[0] as string)) : 0n))],
    ['add', fn([IFACE], I64, (a) => i64(a.reduce<bigint>((s, x) => s + toInt64(x), 0n)), true)],
    ['add1', fn([IFACE], I64, (a) => i64(toInt64(a[0]!) + 1n))],
    ['sub', fn([IFACE, IFACE], I64, (a) => i64(toInt64(a[0]!) - toInt64(a[1]!)))],
    ['mul', fn([IFACE, IFACE], I64, (a) => i64(a.reduce<bigint>((s, x) => BigInt.asIntN(64, s * toInt64(x)), 1n)), true)],
    [
      'div',
      fn([IFACE, IFACE], I64, (a) => {
        const d = toInt64(a[1]!);
        return d === 0n ? divZero() : i64(toInt64(a[0]!) / d);
      }),
    ],
    [
      'mod',
      fn([IFACE, IFACE], I64, (a) => {
        const d = toInt64(a[1]!);
        return d === 0n ? divZero() : i64(toInt64(a[0]!) % d);
      }),
    ],
    ['max', fn([IFACE, IFACE], I64, (a) => i64(a.map(toInt64).reduce((m, x) => (x > m ? x : m))), true)],
    ['min', fn([IFACE, IFACE], I64, (a) => i64(a.map(toInt64).reduce((m, x) => (x < m ? x : m))), true)],
    [
      'until',
      fn(['int'], '[]int', (a) => {
        const n = a[0] as bigint;
        const items: bigint[] = [];
        if (n >= 0n) for (let i = 0n; i < n; i++) items.push(i);
        else for (let i = 0n; i > n; i--) items.push(i);
        return new GoSlice('int', items);
      }),
    ],
    ['seq', fn(['int'], 'string', (a) => seq(a as bigint[]), true)],
    ['untilStep', fn(['int', 'int', 'int'], '[]int', (a) => new GoSlice('int', untilStep(a[0] as bigint, a[1] as bigint, a[2] as bigint)))],
    ['b64enc', fn(['string'], 'string', (a) => Buffer.from(a[0] as string).toString('base64'))],
    ['b64dec', fn(['string'], 'string', (a) => b64dec(a[0] as string))],
    ['env', fn(['string'], 'string', (a) => env[a[0] as string] ?? '')],
    ['now', fn([], 'time.Time', () => timeNow())],
  ];
}

function seq(params: bigint[]): string {
  let start = 1n;
  let end: bigint;
  let step = 1n;
  if (params.length === 0) return '';
  if (params.length === 1) {
    end = params[0]!;
    if (end < start) step = -1n;
    return untilStep(start, end + step, step).join(' ');
  }
  if (params.length === 2) {
    [start, end] = params as [bigint, bigint];
    if (end < start) step = -1n;
    return untilStep(start, end + step, step).join(' ');
  }
  if (params.length === 3) {
    [start, step, end] = params as [bigint, bigint, bigint];
    end += step > 0n ? 1n : step < 0n ? -1n : 0n;
    if ((end < start && step >= 0n) || (end > start && step <= 0n) || step === 0n) return '';
    return untilStep(start, end, step).join(' ');
  }
  return '';
}

function untilStep(start: bigint, stop: bigint, step: bigint): bigint[] {
  const v: bigint[] = [];
  if (stop < start) {
    if (step >= 0n) return v;
    for (let i = start; i > stop; i += step) v.push(i);
    return v;
  }
  if (step <= 0n) return v;
  for (let i = start; i < stop; i += step) v.push(i);
  return v;
}
