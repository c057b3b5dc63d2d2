/** text/template's predefined functions (funcs.go builtins()). */
import { comparisonFuncs } from './compare.js';
import { ConvertError, canBeNil, isIntType, isUintType, validateType, zeroOf } from './convert.js';
import { htmlEscape, jsEscape, queryEscape } from './escape.js';
import { sprint, sprintf, sprintln } from './fmt.js';
import { type FuncMap, FuncError, type GoFunc, REFLECT_VALUE, type ReflectFunc, fn } from './func-types.js';
import {
  GoMap,
  GoNum,
  GoObject,
  GoSlice,
  type GoValue,
  IFACE,
  type MapKey,
  type ObjectMethod,
  type RVal,
  fromContainer,
  indirect,
  indirectInterface,
  isTrue,
  kindOf,
  lengthOf,
  rtypeOf,
  toGo,
  valueOf,
} from './values.js';

const RV = REFLECT_VALUE;

function reflectFn(params: number, variadic: boolean, result: string, call: (args: RVal[], firstArg?: string) => RVal): ReflectFunc {
  return { kind: 'reflect', params: Array<string>(params).fill(RV), variadic, result, call };
}

function indexArg(index: RVal, cap: number): number {
  let x: bigint;
  if (index === undefined) throw new FuncError('cannot index slice/array with nil');
  const k = kindOf(toGo(index)!);
  if (k === 'int' || k === 'uint') x = typeof index === 'bigint' ? index : (index as GoNum).v;
  else throw new FuncError(`cannot index slice/array with type ${rtypeOf(index)}`);
  if (x < 0n || x > BigInt(cap)) throw new FuncError(`index out of range: ${x}`);
  return Number(x);
}

function mapKey(m: GoMap, index: RVal): MapKey | null {
  if (index === undefined) {
    if (!canBeNil(m.key)) throw new FuncError(`value is nil; should be of type ${m.key}`);
    return null;
  }
  const t = rtypeOf(index);
  const v = toGo(index);
  if (t === m.key || m.key === IFACE) return v instanceof GoNum ? v.v : (v as MapKey);
  const bothInts = (isIntType(t) || isUintType(t)) && (isIntType(m.key) || isUintType(m.key));
  if (bothInts) return typeof v === 'bigint' ? v : (v as GoNum).v;
  throw new FuncError(`value has type ${t}; should be ${m.key}`);
}

function index(args: RVal[]): RVal {
  let item = indirectInterface(args[0]);
  if (item === undefined) throw new FuncError('index of untyped nil');
  for (const raw of args.slice(1)) {
    const idx = indirectInterface(raw);
    const ind = indirect(item);
    if (ind.isNil) throw new FuncError('index of nil pointer');
    const it = ind.v;
    if (it instanceof GoSlice) {
      const x = indexArg(idx, it.items.length);
      if (x >= it.items.length) throw new FuncError('reflect: slice index out of range');
      item = fromContainer(it.elem, it.items[x] ?? null);
    } else if (typeof it === 'string') {
      const bytes = Buffer.from(it);
      const x = indexArg(idx, bytes.length);
      if (x >= bytes.length) throw new FuncError('reflect: string index out of range');
      item = new GoNum('uint8', BigInt(bytes[x]!));
    } else if (it instanceof GoMap) {
      const k = mapKey(it, idx);
      item = k !== null && it.entries.has(k) ? fromContainer(it.elem, it.entries.get(k) ?? null) : zeroOf(it.elem);
    } else throw new FuncError(`can't index item of type ${rtypeOf(it!)}`);
  }
  return item;
}

function slice(args: RVal[]): RVal {
  const item = indirectInterface(args[0]);
  if (item === undefined) throw new FuncError('slice of untyped nil');
  const indexes = args.slice(1);
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  let len: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new FuncError('cannot 3-index slice a string');
    len = Buffer.byteLength(item);
  } else if (item instanceof GoSlice) len = item.items.length;
  else throw new FuncError(`can't slice item of type ${rtypeOf(item)}`);
  const idx = [0, len, len];
  for (const [i, x] of indexes.entries()) idx[i] = indexArg(indirectInterface(x), len);
  if (idx[0]! > idx[1]!) throw new FuncError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) throw new FuncError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (typeof item === 'string') return Buffer.from(item).subarray(idx[0], idx[1]).toString('utf8');
  return new GoSlice(item.elem, item.items.slice(idx[0], idx[1]));
}

function length(args: RVal[]): RVal {
  const { v, isNil } = indirect(args[0]);
  if (isNil) throw new FuncError('len of nil pointer');
  if (v === undefined) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
  const n = lengthOf(toGo(v)!);
  if (n === undefined) throw new FuncError(`len of type ${rtypeOf(v)}`);
  return BigInt(n);
}

/** call of a func value: its arity, then each argument converted to its parameter type. */
function callFuncValue(name: string, f: ObjectMethod, args: RVal[]): RVal {
  if (args.length !== f.params.length) throw new FuncError(`wrong number of args for ${name}: got ${args.length} want ${f.params.length}`);
  const argv = args.map((a, i) => {
    try {
      return toGo(validateType(a, f.params[i]));
    } catch (e) {
      // prepareArg's wording, not evalArg's.
      if (e instanceof ConvertError) throw new FuncError(`arg ${i}: value has type ${a === undefined ? 'invalid' : rtypeOf(a)}; should be ${f.params[i]}`);
      throw e;
    }
  });
  return valueOf(f.call(argv));
}

function call(args: RVal[], callee = ''): RVal {
  const f = indirectInterface(args[0]);
  if (f === undefined) throw new FuncError('call of nil');
  const fv = toGo(f);
  if (fv instanceof GoObject && fv.invoke) return callFuncValue(callee, fv.invoke, args.slice(1));
  throw new FuncError(`non-function of type ${rtypeOf(f)}`);
}

/** evalArgs of funcs.go: one string passes through, anything else is fmt.Sprint'ed. */
function evalArgs(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === null ? '<no value>' : a)));
}

const truth = (v: RVal): boolean => isTrue(indirectInterface(v)).truth;

export function builtinFuncs(): FuncMap {
  const entries: [string, GoFunc][] = [
    ['and', reflectFn(2, true, RV, () => undefined)],
    ['or', reflectFn(2, true, RV, () => undefined)],
    ['not', reflectFn(1, false, 'bool', (a) => !truth(a[0]))],
    ['call', reflectFn(2, true, RV, call)],
    ['index', reflectFn(2, true, RV, index)],
    ['slice', reflectFn(2, true, RV, slice)],
    ['len', reflectFn(1, false, 'int', length)],
    ['html', fn([IFACE], 'string', (a) => htmlEscape(evalArgs(a)), true)],
    ['js', fn([IFACE], 'string', (a) => jsEscape(evalArgs(a)), true)],
    ['urlquery', fn([IFACE], 'string', (a) => queryEscape(evalArgs(a)), true)],
    ['print', fn([IFACE], 'string', (a) => sprint(a), true)],
    ['println', fn([IFACE], 'string', (a) => sprintln(a), true)],
    ['printf', fn(['string', IFACE], 'string', (a) => sprintf(a[0] as string, a.slice(1)), true)],
    ...comparisonFuncs,
  ];
  return new Map(entries);
}
