/** Go's assignability checks for function arguments (exec.go validateType, canBeNil). */
import { REFLECT_VALUE } from './func-types.js';
import { GoMap, GoNum, GoSlice, type GoType, type GoValue, IFACE, Iface, type RVal, rtypeOf } from './values.js';

export class ConvertError extends Error {}

export function canBeNil(typ: GoType): boolean {
  return typ === IFACE || typ === REFLECT_VALUE || typ.startsWith('[]') || typ.startsWith('map[') || typ.includes('chan ') || typ.startsWith('*');
}

export function isIntType(typ: GoType): boolean {
  return /^int(8|16|32|64)?$/.test(typ);
}

export function isUintType(typ: GoType): boolean {
  return /^uint(8|16|32|64|ptr)?$/.test(typ);
}

/** reflect.Zero(typ) for the types functions declare. */
export function zeroOf(typ: GoType): RVal {
  if (typ === IFACE) return new Iface(null);
  if (typ === REFLECT_VALUE) return undefined;
  if (typ.startsWith('[]')) return new GoSlice(typ.slice(2), [], true);
  if (typ.startsWith('map[')) {
    const m = /^map\[(.+?)\](.+)$/.exec(typ)!;
    return new GoMap(m[1]!, m[2]!, new Map());
  }
  if (typ === 'string') return '';
  if (typ === 'bool') return false;
  if (typ === 'int') return 0n;
  if (typ === 'float64') return 0;
  if (isIntType(typ) || isUintType(typ)) return new GoNum(typ, 0n);
  return undefined;
}

/** A Go value of an integer type, from a literal. */
export function intOfType(typ: GoType, v: bigint): Exclude<GoValue, null> {
  return typ === 'int' ? v : new GoNum(typ, v);
}

/** validateType: checks (and possibly unwraps) `value` for a parameter of type `typ`. */
export function validateType(value: RVal, typ: GoType | undefined): RVal {
  if (value === undefined) {
    if (typ === undefined) return undefined;
    if (canBeNil(typ)) return zeroOf(typ);
    throw new ConvertError(`invalid value; expected ${typ}`);
  }
  if (typ === undefined || typ === REFLECT_VALUE || typ === IFACE) return value;
  if (rtypeOf(value) === typ) return value;
  if (value instanceof Iface && value.inner !== null) value = value.inner;
  if (rtypeOf(value) === typ) return value;
  throw new ConvertError(`wrong type for value; expected ${typ}; got ${rtypeOf(value)}`);
}
