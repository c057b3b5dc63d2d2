/** The bits of Go's reflect package Sprig leans on: Kind names, DeepEqual, the nil-Type panic. */
import { FuncError } from './func-types.js';
import { GoChan, GoMap, GoNum, GoObject, GoSlice, GoTime, type GoValue } from './values.js';

/** reflect.Kind.String() of a value's dynamic type; nil is "invalid". */
export function kindName(v: GoValue): string {
  if (v === null) return 'invalid';
  if (v instanceof GoTime) return 'struct';
  if (v instanceof GoObject) return v.kind;
  if (v instanceof GoChan) return 'chan';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (v instanceof GoSlice) return 'slice';
  if (v instanceof GoMap) return 'map';
  return v.type;
}

export const NIL_DEREF = 'runtime error: invalid memory address or nil pointer dereference';

/** reflect.TypeOf(v).Kind() for Sprig's list functions: a nil value panics. */
export function listOrError(v: GoValue, what: string): GoSlice {
  if (v === null) throw new FuncError(NIL_DEREF);
  if (!(v instanceof GoSlice)) throw new FuncError(`${what} ${kindName(v)}`);
  return v;
}

/** reflect.DeepEqual: same dynamic types and deeply equal contents; nil and empty slices differ. */
export function deepEqual(a: GoValue, b: GoValue): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a !== 'object' || typeof b !== 'object') return typeof a === typeof b && (a === b || (Number.isNaN(a) && false));
  if (a instanceof GoSlice && b instanceof GoSlice) {
    if (a.type !== b.type || a.isNil !== b.isNil || a.items.length !== b.items.length) return false;
    return a.items.every((x, i) => deepEqual(x, b.items[i]!));
  }
  if (a instanceof GoMap && b instanceof GoMap) {
    if (a.type !== b.type || a.entries.size !== b.entries.size) return false;
    return [...a.entries].every(([k, x]) => b.entries.has(k) && deepEqual(x, b.entries.get(k)!));
  }
  if (a instanceof GoNum && b instanceof GoNum) return a.type === b.type && a.v === b.v;
  if (a instanceof GoTime && b instanceof GoTime) return a.date.getTime() === b.date.getTime() && a.offsetMinutes === b.offsetMinutes;
  if (a instanceof GoObject && b instanceof GoObject) {
    return a === b || (a.type === b.type && a.fields.length === b.fields.length && a.fields.every((f, i) => deepEqual(f.value, b.fields[i]!.value)));
  }
  return a === b;
}
