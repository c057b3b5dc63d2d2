/** Sprig v3 list and dict functions (list.go, dict.go). */
import { strval, toInt64 } from './cast.js';
import { FuncError, type GoFunc, fn } from './func-types.js';
import { strslice } from './sprig-strings.js';
import { GoChan, GoMap, GoSlice, GoTime, type GoValue, IFACE, type MapKey, ifaceSlice, stringMap, stringSlice } from './values.js';

const MAP = 'map[string]interface {}';
const LIST = '[]interface {}';

const NIL_DEREF = 'runtime error: invalid memory address or nil pointer dereference';

/** reflect.Kind names as Sprig's "Cannot find X on type %s" messages print them. */
function kindName(v: Exclude<GoValue, null>): string {
  if (v instanceof GoTime) return 'struct';
  if (v instanceof GoChan) return 'chan';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (v instanceof GoSlice) return 'slice';
  if (v instanceof GoMap) return 'map';
  return v.type;
}

function asList(v: GoValue, what: string): GoSlice {
  if (v === null) throw new FuncError(NIL_DEREF);
  if (!(v instanceof GoSlice)) throw new FuncError(`Cannot ${what} on type ${kindName(v)}`);
  return v;
}

const nilList = (): GoSlice => new GoSlice(IFACE, [], true);

function deepEqual(a: GoValue, b: GoValue): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a !== 'object' || typeof b !== 'object') return typeof a === typeof b && a === b;
  if (a instanceof GoSlice && b instanceof GoSlice) {
    return a.type === b.type && a.items.length === b.items.length && a.items.every((x, i) => deepEqual(x, b.items[i]!));
  }
  if (a instanceof GoMap && b instanceof GoMap) {
    if (a.type !== b.type || a.entries.size !== b.entries.size) return false;
    return [...a.entries].every(([k, x]) => b.entries.has(k) && deepEqual(x, b.entries.get(k)!));
  }
  if ('type' in a && 'type' in b && a.type === b.type && 'v' in a && 'v' in b) return a.v === b.v;
  return a === b;
}

function dict(args: GoValue[]): GoValue {
  const m = new Map<MapKey, GoValue>();
  for (let i = 0; i < args.length; i += 2) m.set(strval(args[i]!), i + 1 < args.length ? args[i + 1]! : '');
  return stringMap(m);
}

const asMap = (v: GoValue): GoMap => v as GoMap;

/** Sprig's slice, which replaces text/template's builtin of the same name. */
function sprigSlice(a: GoValue[]): GoValue {
  const v = a[0]!;
  if (v === null) throw new FuncError(NIL_DEREF);
  if (!(v instanceof GoSlice)) throw new FuncError(`list should be type of slice or array but ${kindName(v)}`);
  if (v.items.length === 0) return null;
  const start = a.length > 1 ? Number(toInt64(a[1]!)) : 0;
  const end = a.length > 2 ? Number(toInt64(a[2]!)) : v.items.length;
  if (start < 0 || end < start || end > v.items.length) throw new FuncError('reflect.Value.Slice: slice index out of range');
  return new GoSlice(v.elem, v.items.slice(start, end));
}

export const sprigListFuncs: [string, GoFunc][] = [
  ['list', fn([IFACE], LIST, (a) => ifaceSlice(a), true)],
  ['slice', fn([IFACE, IFACE], IFACE, sprigSlice, true)],
  ['dict', fn([IFACE], MAP, dict, true)],
  ['get', fn([MAP, 'string'], IFACE, (a) => {
    const m = asMap(a[0]!);
    return m.entries.has(a[1] as string) ? (m.entries.get(a[1] as string) ?? null) : '';
  })],
  ['set', fn([MAP, 'string', IFACE], MAP, (a) => {
    asMap(a[0]!).entries.set(a[1] as string, a[2]!);
    return a[0]!;
  })],
  ['hasKey', fn([MAP, 'string'], 'bool', (a) => asMap(a[0]!).entries.has(a[1] as string))],
  ['keys', fn([MAP], '[]string', (a) => stringSlice(a.flatMap((m) => [...asMap(m).entries.keys()].map(String))), true)],
  ['values', fn([MAP], LIST, (a) => ifaceSlice([...asMap(a[0]!).entries.values()]))],
  ['first', fn([IFACE], IFACE, (a) => asList(a[0]!, 'find first').items[0] ?? null)],
  ['last', fn([IFACE], IFACE, (a) => asList(a[0]!, 'find last').items.at(-1) ?? null)],
  ['rest', fn([IFACE], LIST, (a) => {
    const l = asList(a[0]!, 'find rest');
    return l.items.length === 0 ? nilList() : ifaceSlice(l.items.slice(1));
  })],
  ['initial', fn([IFACE], LIST, (a) => {
    const l = asList(a[0]!, 'find initial');
    return l.items.length === 0 ? nilList() : ifaceSlice(l.items.slice(0, -1));
  })],
  ['append', fn([IFACE, IFACE], LIST, (a) => ifaceSlice([...asList(a[0]!, 'push').items, a[1]!]))],
  ['uniq', fn([IFACE], LIST, (a) => {
    const out: GoValue[] = [];
    for (const x of asList(a[0]!, 'find uniq').items) if (!out.some((y) => deepEqual(x, y))) out.push(x);
    return ifaceSlice(out);
  })],
  ['sortAlpha', fn([IFACE], '[]string', (a) => {
    const v = a[0]!;
    if (v instanceof GoSlice) return stringSlice([...strslice(v)].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
    return stringSlice([strval(v)]);
  })],
];
