/** How template functions are described: Go signatures, so arguments are checked as Go checks them. */
import type { GoType, GoValue, RVal } from './values.js';

/** A function that takes and returns plain Go values (most of Sprig and Levant). */
export interface ValueFunc {
  kind: 'value';
  /** Parameter types; when `variadic`, the last one is the element type of the `...` parameter. */
  params: GoType[];
  variadic?: boolean;
  result: GoType;
  call(args: GoValue[]): GoValue;
}

/** A builtin working on reflect.Values (eq, index, len, ...); its params are all `reflect.Value`. */
export interface ReflectFunc {
  kind: 'reflect';
  params: GoType[];
  variadic?: boolean;
  result: GoType;
  /** `firstArg`: the first argument's source text (Go 1.21+ names the callee of `call` with it). */
  call(args: RVal[], firstArg?: string): RVal;
}

export type GoFunc = ValueFunc | ReflectFunc;
export type FuncMap = Map<string, GoFunc>;

/** The error a Go function returns (or panics with); shown as "error calling NAME: message". */
export class FuncError extends Error {}

export const REFLECT_VALUE: GoType = 'reflect.Value';

/** Shorthand for declaring a ValueFunc. */
export function fn(params: GoType[], result: GoType, call: (args: GoValue[]) => GoValue, variadic = false): ValueFunc {
  return { kind: 'value', params, result, call, variadic };
}
