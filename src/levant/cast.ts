/** spf13/cast conversions as Sprig uses them (ToInt64, ToInt, ToFloat64) and Sprig's strval. */
import { sprint } from './fmt.js';
import { FuncError } from './func-types.js';
import { parseGoInt } from './go-strconv.js';
import { formatTime } from './time-format.js';
import { GoNum, GoObject, GoTime, type GoValue, kindOf } from './values.js';

/** Go's float64 → int64 conversion on amd64 (out of range gives the minimum int64). */
export function truncToInt64(f: number): bigint {
  if (!Number.isFinite(f) || Math.abs(f) >= 2 ** 63) return -(2n ** 63n);
  return BigInt(Math.trunc(f));
}

function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === '0') foundZero = true;
    else return s;
  }
  return s;
}

/** cast.ToInt64 (errors are ignored by Sprig, giving 0). */
export function toInt64(v: GoValue): bigint {
  if (v === null) return 0n;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'string') {
    const n = parseGoInt(trimZeroDecimal(v));
    return n !== undefined && n >= -(2n ** 63n) && n < 2n ** 63n ? n : 0n;
  }
  if (typeof v === 'number') return truncToInt64(v);
  if (typeof v === 'bigint') return v;
  if (v instanceof GoNum) return BigInt.asIntN(64, v.v);
  return 0n;
}

/** cast.ToFloat64. */
export function toFloat64(v: GoValue): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const t = v.trim() === v ? v.replace(/_/g, '') : 'x';
    if (/^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf(inity)?|nan)$/i.test(t)) {
      const low = t.toLowerCase().replace(/^[+]/, '');
      if (low.includes('inf')) return low.startsWith('-') ? -Infinity : Infinity;
      if (low === 'nan') return NaN;
      return Number(t);
    }
    return 0;
  }
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof GoNum) return Number(v.v);
  return 0;
}

/** Sprig's strval: strings as they are, Stringers via String(), everything else with %v. */
export function strval(v: GoValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof GoTime) return formatTime(v, 'string');
  if (v instanceof GoObject && v.stringer) return v.stringer();
  return sprint([v]);
}

/** Whether a value is an int or uint kind. */
export const isIntegral = (v: GoValue): v is bigint | GoNum => v !== null && (kindOf(v) === 'int' || kindOf(v) === 'uint');

/** Go's runtime panic for integer division by zero. */
export function divZero(): never {
  throw new FuncError('runtime error: integer divide by zero');
}
