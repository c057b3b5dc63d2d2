/** GoValues as plain JavaScript data, for callers outside the renderer. */
import { GoChan, GoMap, GoNum, GoObject, GoSlice, GoTime, type GoValue } from './values.js';

/** Ints become numbers (bigints beyond 2^53), maps objects, lists arrays. */
export function toPlain(v: GoValue): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v;
  if (v instanceof GoNum) return Number.isSafeInteger(Number(v.v)) ? Number(v.v) : v.v;
  if (v instanceof GoSlice || v instanceof GoChan) return v.items.map(toPlain);
  if (v instanceof GoMap) return Object.fromEntries([...v.entries].map(([k, x]) => [String(k), toPlain(x)]));
  if (v instanceof GoTime) return v.date;
  if (v instanceof GoObject) return v.stringer ? v.stringer() : Object.fromEntries(v.fields.map((f) => [f.name, toPlain(f.value)]));
  return v;
}
