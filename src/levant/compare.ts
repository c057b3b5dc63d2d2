/** The comparison builtins eq, ne, lt, le, gt, ge of text/template (funcs.go). */
import { sprintf } from './fmt.js';
import { FuncError, REFLECT_VALUE, type ReflectFunc } from './func-types.js';
import { GoChan, GoMap, type GoNum, GoSlice, type RVal, indirectInterface, kindOf, rtypeOf, toGo } from './values.js';

type BasicKind = 'invalid' | 'bool' | 'int' | 'uint' | 'float' | 'string';

function basicKind(v: RVal): BasicKind {
  if (v === undefined) return 'invalid';
  const k = kindOf(toGo(v)!);
  return k === 'bool' || k === 'int' || k === 'uint' || k === 'float' || k === 'string' ? k : 'invalid';
}

const int = (v: RVal): bigint => (typeof v === 'bigint' ? v : (v as GoNum).v);

function isNil(v: RVal): boolean {
  if (v === undefined) return true;
  return v instanceof GoSlice && v.isNil;
}

function eqPair(a: RVal, b: RVal): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return int(a) >= 0n && int(a) === int(b);
    if (k1 === 'uint' && k2 === 'int') return int(b) >= 0n && int(a) === int(b);
    if (a !== undefined && b !== undefined) throw new FuncError('incompatible types for comparison');
    return false;
  }
  switch (k1) {
    case 'int':
    case 'uint':
      return int(a) === int(b);
    case 'bool':
    case 'float':
    case 'string':
      return a === b;
  }
  const kindA = a === undefined ? 'invalid' : kindOf(toGo(a)!);
  const kindB = b === undefined ? 'invalid' : kindOf(toGo(b)!);
  if (kindA !== kindB && kindA !== 'invalid' && kindB !== 'invalid') {
    throw new FuncError(sprintf('non-comparable types %s: %v, %s: %v', [toGo(a), rtypeOf(a!), rtypeOf(b!), toGo(b)]));
  }
  if (isNil(a) || isNil(b)) return isNil(a) === isNil(b);
  if (b instanceof GoSlice || b instanceof GoMap) {
    throw new FuncError(sprintf('non-comparable type %s: %v', [toGo(b), rtypeOf(b)]));
  }
  if (a instanceof GoChan) return a === b;
  return JSON.stringify(toGo(a)) === JSON.stringify(toGo(b));
}

function lt(a: RVal, b: RVal): boolean {
  a = indirectInterface(a);
  b = indirectInterface(b);
  const k1 = basicKind(a);
  if (k1 === 'invalid') throw new FuncError('invalid type for comparison');
  const k2 = basicKind(b);
  if (k2 === 'invalid') throw new FuncError('invalid type for comparison');
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return int(a) < 0n || int(a) < int(b);
    if (k1 === 'uint' && k2 === 'int') return int(b) >= 0n && int(a) < int(b);
    throw new FuncError('incompatible types for comparison');
  }
  switch (k1) {
    case 'bool':
      throw new FuncError('invalid type for comparison');
    case 'int':
    case 'uint':
      return int(a) < int(b);
    case 'float':
      return (a as number) < (b as number);
    default:
      return Buffer.compare(Buffer.from(a as string), Buffer.from(b as string)) < 0;
  }
}

function eq(args: RVal[]): boolean {
  const a = indirectInterface(args[0]);
  if (args.length < 2) throw new FuncError('missing argument for comparison');
  for (const arg of args.slice(1)) if (eqPair(a, indirectInterface(arg))) return true;
  return false;
}

const le = (a: RVal, b: RVal): boolean => lt(a, b) || eq([a, b]);

const two = (call: (a: RVal, b: RVal) => boolean): ReflectFunc => ({
  kind: 'reflect',
  params: [REFLECT_VALUE, REFLECT_VALUE],
  result: 'bool',
  call: (args) => call(args[0], args[1]),
});

export const comparisonFuncs: [string, ReflectFunc][] = [
  ['eq', { kind: 'reflect', params: [REFLECT_VALUE, REFLECT_VALUE], variadic: true, result: 'bool', call: eq }],
  ['ne', two((a, b) => !eq([a, b]))],
  ['lt', two(lt)],
  ['le', two(le)],
  ['gt', two((a, b) => !le(a, b))],
  ['ge', two((a, b) => !lt(a, b))],
];
