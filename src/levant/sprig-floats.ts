/** Sprig v3 numeric.go's float functions: decimal addf/subf/mulf/divf, maxf/minf, floor/ceil/round, toDecimal. */
import { toFloat64, toInt64 } from './cast.js';
import { sprint } from './fmt.js';
import { FuncError, type GoFunc, fn } from './func-types.js';
import { Decimal } from './go-decimal.js';
import { parseGoInt } from './go-strconv.js';
import { type GoNum, type GoValue, IFACE, int64 } from './values.js';

const F = 'float64';

/** execDecimalOp: folds the arguments with decimal arithmetic, then back to float64. */
function decimalOp(first: GoValue, rest: GoValue[], op: (a: Decimal, b: Decimal) => Decimal): number {
  try {
    let acc = Decimal.fromFloat(toFloat64(first));
    for (const x of rest) acc = op(acc, Decimal.fromFloat(toFloat64(x)));
    return acc.toFloat();
  } catch (e) {
    throw new FuncError(e instanceof Error ? e.message : String(e));
  }
}

/** Go's math.Max / math.Min: NaN wins, and +0 beats -0 for Max (-0 for Min). */
function goMax(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  if (a === 0 && b === 0) return Object.is(a, -0) ? b : a;
  return a > b ? a : b;
}
function goMin(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  if (a === 0 && b === 0) return Object.is(a, -0) ? a : b;
  return a < b ? a : b;
}

function round(a: GoValue[]): number {
  const roundOn = a.length > 2 ? (a[2] as number) : 0.5;
  const val = toFloat64(a[0]!);
  const pow = 10 ** Number(a[1] as bigint);
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  const r = frac >= roundOn ? Math.ceil(digit) : Math.floor(digit);
  return r / pow;
}

/** toDecimal: the value's %v read as an octal integer, 0 when it is not one. */
function toDecimal(v: GoValue): GoNum {
  const s = sprint([v]);
  if (!/^[+-]?[0-7]+$/.test(s.replace(/_/g, 'x'))) return int64(0n);
  const n = parseGoInt(/^[+-]/.test(s) ? `${s[0]}0o${s.slice(1)}` : `0o${s}`);
  return n !== undefined && n >= -(2n ** 63n) && n < 2n ** 63n ? int64(n) : int64(0n);
}

export const sprigFloatFuncs: [string, GoFunc][] = [
  ['add1f', fn([IFACE], F, (a) => decimalOp(a[0]!, [1n], (x, y) => x.add(y)))],
  ['addf', fn([IFACE], F, (a) => decimalOp(0, a, (x, y) => x.add(y)), true)],
  ['subf', fn([IFACE, IFACE], F, (a) => decimalOp(a[0]!, a.slice(1), (x, y) => x.sub(y)), true)],
  ['mulf', fn([IFACE, IFACE], F, (a) => decimalOp(a[0]!, a.slice(1), (x, y) => x.mul(y)), true)],
  ['divf', fn([IFACE, IFACE], F, (a) => decimalOp(a[0]!, a.slice(1), (x, y) => x.div(y)), true)],
  ['maxf', fn([IFACE, IFACE], F, (a) => a.slice(1).reduce<number>((m, x) => goMax(m, toFloat64(x)), toFloat64(a[0]!)), true)],
  ['minf', fn([IFACE, IFACE], F, (a) => a.slice(1).reduce<number>((m, x) => goMin(m, toFloat64(x)), toFloat64(a[0]!)), true)],
  ['biggest', fn([IFACE, IFACE], 'int64', (a) => int64(a.map(toInt64).reduce((m, x) => (x > m ? x : m))), true)],
  ['floor', fn([IFACE], F, (a) => Math.floor(toFloat64(a[0]!)))],
  ['ceil', fn([IFACE], F, (a) => Math.ceil(toFloat64(a[0]!)))],
  ['round', fn([IFACE, 'int', F], F, round, true)],
  ['toDecimal', fn([IFACE], 'int64', (a) => toDecimal(a[0]!))],
];
