/** Sprig v3 list.go: every list function, its must- twin, and the panics Go shows for bad input. */
import { toInt64 } from './cast.js';
import { FuncError, type GoFunc, fn } from './func-types.js';
import { deepEqual, kindName, listOrError } from './go-reflect.js';
import { empty } from './sprig-empty.js';
import { strval } from './cast.js';
import { strslice } from './sprig-strings.js';
import { GoSlice, type GoValue, IFACE, ifaceSlice, stringSlice } from './values.js';

const LIST = '[]interface {}';
const nilList = (): GoSlice => new GoSlice(IFACE, [], true);
const items = (v: GoValue | undefined, what: string): GoValue[] => listOrError(v ?? null, what).items;

/** A Sprig list function and its must- variant (same body: the error shows the same either way). */
function both(name: string, params: string[], result: string, body: (a: GoValue[]) => GoValue, variadic = false): [string, GoFunc][] {
  const must = `must${name[0]!.toUpperCase()}${name.slice(1)}`;
  return [
    [name, fn(params, result, body, variadic)],
    [must, fn(params, result, body, variadic)],
  ];
}

const inList = (haystack: GoValue[], needle: GoValue): boolean => haystack.some((h) => deepEqual(needle, h));

function chunk(size: bigint, list: GoValue[]): GoValue {
  const l = list.length;
  const cs = Math.floor((l - 1) / Number(size)) + 1;
  if (!Number.isFinite(cs) || cs < 0) throw new FuncError('runtime error: makeslice: len out of range');
  const out: GoValue[] = [];
  for (let i = 0; i < cs; i++) {
    let clen = Number(size);
    if (i === cs - 1) clen = l % Number(size) || Number(size);
    out.push(ifaceSlice(list.slice(i * Number(size), i * Number(size) + clen)));
  }
  return new GoSlice(LIST, out);
}

function slice(a: GoValue[]): GoValue {
  const v = listOrError(a[0] ?? null, 'list should be type of slice or array but');
  if (v.items.length === 0) return null;
  const start = a.length > 1 ? Number(toInt64(a[1]!)) : 0;
  const end = a.length > 2 ? Number(toInt64(a[2]!)) : v.items.length;
  if (start < 0 || end < start || end > v.items.length) throw new FuncError('reflect.Value.Slice: slice index out of bounds');
  return new GoSlice(v.elem, v.items.slice(start, end));
}

function concat(lists: GoValue[]): GoValue {
  const out: GoValue[] = [];
  for (const l of lists) {
    if (l === null) throw new FuncError('runtime error: invalid memory address or nil pointer dereference');
    if (!(l instanceof GoSlice)) throw new FuncError(`Cannot concat type ${kindName(l)} as list`);
    out.push(...l.items);
  }
  return out.length === 0 ? nilList() : ifaceSlice(out);
}

export const sprigListFuncs: [string, GoFunc][] = [
  ['list', fn([IFACE], LIST, (a) => ifaceSlice(a), true)],
  ['tuple', fn([IFACE], LIST, (a) => ifaceSlice(a), true)],
  ...both('append', [IFACE, IFACE], LIST, (a) => ifaceSlice([...items(a[0], 'Cannot push on type'), a[1]!])),
  ...both('push', [IFACE, IFACE], LIST, (a) => ifaceSlice([...items(a[0], 'Cannot push on type'), a[1]!])),
  ...both('prepend', [IFACE, IFACE], LIST, (a) => ifaceSlice([a[1]!, ...items(a[0], 'Cannot prepend on type')])),
  ...both('first', [IFACE], IFACE, (a) => items(a[0], 'Cannot find first on type')[0] ?? null),
  ...both('last', [IFACE], IFACE, (a) => items(a[0], 'Cannot find last on type').at(-1) ?? null),
  ...both('rest', [IFACE], LIST, (a) => {
    const l = items(a[0], 'Cannot find rest on type');
    return l.length === 0 ? nilList() : ifaceSlice(l.slice(1));
  }),
  ...both('initial', [IFACE], LIST, (a) => {
    const l = items(a[0], 'Cannot find initial on type');
    return l.length === 0 ? nilList() : ifaceSlice(l.slice(0, -1));
  }),
  ...both('reverse', [IFACE], LIST, (a) => ifaceSlice([...items(a[0], 'Cannot find reverse on type')].reverse())),
  ...both('compact', [IFACE], LIST, (a) => ifaceSlice(items(a[0], 'Cannot compact on type').filter((x) => !empty(x)))),
  ...both('uniq', [IFACE], LIST, (a) => {
    const out: GoValue[] = [];
    for (const x of items(a[0], 'Cannot find uniq on type')) if (!inList(out, x)) out.push(x);
    return ifaceSlice(out);
  }),
  ...both(
    'without',
    [IFACE, IFACE],
    LIST,
    (a) => {
      const omit = a.slice(1);
      return ifaceSlice(items(a[0], 'Cannot find without on type').filter((x) => !inList(omit, x)));
    },
    true,
  ),
  ...both('has', [IFACE, IFACE], 'bool', (a) => (a[1] === null ? false : inList(items(a[1], 'Cannot find has on type'), a[0]!))),
  ...both('slice', [IFACE, IFACE], IFACE, slice, true),
  ...both('chunk', ['int', IFACE], '[][]interface {}', (a) => chunk(a[0] as bigint, items(a[1], 'Cannot chunk type'))),
  ['concat', fn([IFACE], IFACE, concat, true)],
];

sprigListFuncs.push([
  'sortAlpha',
  fn([IFACE], '[]string', (a) => {
    const v = a[0]!;
    if (v instanceof GoSlice) return stringSlice([...strslice(v)].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
    return stringSlice([strval(v)]);
  }),
]);
