/** Sprig's empty() (defaults.go): nil, zero numbers, false, empty strings and collections. */
import { GoChan, GoMap, type GoNum, GoSlice, GoTime, type GoValue, kindOf } from './values.js';

export function empty(v: GoValue): boolean {
  if (v === null) return true;
  if (v instanceof GoSlice || v instanceof GoMap) return (v instanceof GoSlice ? v.items.length : v.entries.size) === 0;
  if (v instanceof GoTime) return false;
  if (v instanceof GoChan) return false;
  switch (kindOf(v)) {
    case 'string':
      return v === '';
    case 'bool':
      return v === false;
    case 'int':
    case 'uint':
      return (typeof v === 'bigint' ? v : (v as GoNum).v) === 0n;
    case 'float':
      return v === 0;
    default:
      return false;
  }
}
