/** Sprig v3 dict.go: dict, get/set/unset, keys, pick/omit, merge (mergo's rules), deepCopy, dig. */
import { strval } from './cast.js';
import { FuncError, type GoFunc, fn } from './func-types.js';
import { empty } from './sprig-empty.js';
import { GoMap, GoSlice, type GoValue, IFACE, type MapKey, ifaceSlice, stringMap, stringSlice } from './values.js';

const MAP = 'map[string]interface {}';
const asMap = (v: GoValue | undefined): GoMap => v as GoMap;

function dict(args: GoValue[]): GoValue {
  const m = new Map<MapKey, GoValue>();
  for (let i = 0; i < args.length; i += 2) m.set(strval(args[i]!), i + 1 < args.length ? args[i + 1]! : '');
  return stringMap(m);
}

/** copystructure.Copy: maps and slices are copied all the way down. */
export function deepCopy(v: GoValue): GoValue {
  if (v instanceof GoSlice) return new GoSlice(v.elem, v.items.map(deepCopy), v.isNil);
  if (v instanceof GoMap) return new GoMap(v.key, v.elem, new Map([...v.entries].map(([k, x]) => [k, deepCopy(x)])));
  return v;
}

/**
 * mergo.Merge / MergeWithOverwrite of map[string]interface{} values, as Sprig calls them: keys
 * missing (or empty) in dst are taken from src; maps found on both sides merge recursively in
 * place; with overwrite every non-map src value replaces dst's.
 */
function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean): void {
  for (const [k, s] of src.entries) {
    const d = dst.entries.get(k);
    const has = dst.entries.has(k);
    if (s === null) {
      if (overwrite) dst.entries.set(k, null);
      continue;
    }
    if (s instanceof GoMap && d instanceof GoMap) {
      mergeInto(d, s, overwrite);
      continue;
    }
    if (has && !empty(d ?? null) && s instanceof GoSlice && !overwrite) continue;
    if (overwrite || !has || empty(d ?? null)) dst.entries.set(k, s);
  }
}

/** copystructure panics on nil inside reflect. */
function copyOf(v: GoValue): GoValue {
  if (v === null) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
  return deepCopy(v);
}

function merge(a: GoValue[], overwrite: boolean): GoValue {
  const dst = asMap(a[0]);
  for (const src of a.slice(1)) mergeInto(dst, asMap(src), overwrite);
  return dst;
}

function dig(ps: GoValue[]): GoValue {
  if (ps.length < 3) throw new FuncError('dig needs at least three arguments');
  const last = ps[ps.length - 1]!;
  if (!(last instanceof GoMap) || last.type !== MAP)
    throw new FuncError(`interface conversion: interface {} is ${last === null ? 'nil' : typeName(last)}, not map[string]interface {}`);
  const def = ps[ps.length - 2]!;
  const keys = ps.slice(0, -2).map((k) => {
    if (typeof k !== 'string') throw new FuncError(`interface conversion: interface {} is ${k === null ? 'nil' : typeName(k)}, not string`);
    return k;
  });
  let cur: GoMap = last;
  for (let i = 0; i < keys.length; i++) {
    if (!cur.entries.has(keys[i]!)) return def;
    const step = cur.entries.get(keys[i]!) ?? null;
    if (i === keys.length - 1) return step;
    if (!(step instanceof GoMap) || step.type !== MAP) {
      throw new FuncError(`interface conversion: interface {} is ${step === null ? 'nil' : typeName(step)}, not map[string]interface {}`);
    }
    cur = step;
  }
  return def;
}

function typeName(v: Exclude<GoValue, null>): string {
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  return v.type;
}

export const sprigDictFuncs: [string, GoFunc][] = [
  ['dict', fn([IFACE], MAP, dict, true)],
  [
    'get',
    fn([MAP, 'string'], IFACE, (a) => {
      const m = asMap(a[0]);
      return m.entries.has(a[1] as string) ? (m.entries.get(a[1] as string) ?? null) : '';
    }),
  ],
  [
    'set',
    fn([MAP, 'string', IFACE], MAP, (a) => {
      asMap(a[0]).entries.set(a[1] as string, a[2]!);
      return a[0]!;
    }),
  ],
  [
    'unset',
    fn([MAP, 'string'], MAP, (a) => {
      asMap(a[0]).entries.delete(a[1] as string);
      return a[0]!;
    }),
  ],
  ['hasKey', fn([MAP, 'string'], 'bool', (a) => asMap(a[0]).entries.has(a[1] as string))],
  [
    'pluck',
    fn(
      ['string', MAP],
      '[]interface {}',
      (a) => {
        const key = a[0] as string;
        return ifaceSlice(
          a
            .slice(1)
            .filter((m) => asMap(m).entries.has(key))
            .map((m) => asMap(m).entries.get(key) ?? null),
        );
      },
      true,
    ),
  ],
  ['keys', fn([MAP], '[]string', (a) => stringSlice(a.flatMap((m) => [...asMap(m).entries.keys()].map(String))), true)],
  ['values', fn([MAP], '[]interface {}', (a) => ifaceSlice([...asMap(a[0]).entries.values()]))],
  [
    'pick',
    fn(
      [MAP, 'string'],
      MAP,
      (a) => {
        const m = asMap(a[0]);
        const out = new Map<MapKey, GoValue>();
        for (const k of a.slice(1) as string[]) if (m.entries.has(k)) out.set(k, m.entries.get(k) ?? null);
        return stringMap(out);
      },
      true,
    ),
  ],
  [
    'omit',
    fn(
      [MAP, 'string'],
      MAP,
      (a) => {
        const drop = new Set(a.slice(1) as string[]);
        return stringMap(new Map([...asMap(a[0]).entries].filter(([k]) => !drop.has(k as string))));
      },
      true,
    ),
  ],
  ['merge', fn([MAP, MAP], IFACE, (a) => merge(a, false), true)],
  ['mustMerge', fn([MAP, MAP], IFACE, (a) => merge(a, false), true)],
  ['mergeOverwrite', fn([MAP, MAP], IFACE, (a) => merge(a, true), true)],
  ['mustMergeOverwrite', fn([MAP, MAP], IFACE, (a) => merge(a, true), true)],
  ['deepCopy', fn([IFACE], IFACE, (a) => copyOf(a[0]!))],
  ['mustDeepCopy', fn([IFACE], IFACE, (a) => copyOf(a[0]!))],
  ['dig', fn([IFACE], IFACE, dig, true)],
];
