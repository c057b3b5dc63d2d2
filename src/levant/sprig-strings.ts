/** Sprig v3 string functions (strings.go), with Go's byte-based slicing and panics. */
import { strval } from './cast.js';
import { quote as goQuote } from './fmt-quote.js';
import { sprint } from './fmt.js';
import { FuncError, type GoFunc, fn } from './func-types.js';
import { GoMap, GoSlice, type GoValue, IFACE, type MapKey, stringSlice } from './values.js';

const S = 'string';
const str = (v: GoValue): string => v as string;
const num = (v: GoValue): number => Number(v as bigint);

/** s[lo:hi] on bytes, panicking with Go's runtime messages. */
export function byteSlice(s: string, lo: number | undefined, hi: number | undefined): string {
  const b = Buffer.from(s);
  const h = hi ?? b.length;
  const l = lo ?? 0;
  if (hi !== undefined && hi < 0) throw new FuncError(`runtime error: slice bounds out of range [:${hi}]`);
  if (h > b.length) throw new FuncError(`runtime error: slice bounds out of range [:${h}] with length ${b.length}`);
  if (l < 0) throw new FuncError(`runtime error: slice bounds out of range [${l}:]`);
  if (l > h) throw new FuncError(`runtime error: slice bounds out of range [${l}:${h}]`);
  return b.subarray(l, h).toString('utf8');
}

/** Go's strings.Split: an empty separator splits into UTF-8 sequences. */
export function goSplit(s: string, sep: string): string[] {
  return sep === '' ? [...s] : s.split(sep);
}

/** Sprig's strslice: the strings of a list, skipping nils. */
export function strslice(v: GoValue): string[] {
  if (v instanceof GoSlice) {
    if (v.elem === S) return v.items as string[];
    return v.items.filter((x) => x !== null).map(strval);
  }
  if (v === null) return [];
  return [strval(v)];
}

function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    const sep = !/[\p{L}\p{Nd}_]/u.test(prev) && (prev.codePointAt(0)! < 0x80 || /\s/u.test(prev));
    out += sep ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

function trimCutset(s: string, cutset: string): string {
  const set = new Set([...cutset]);
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  while (a < b && set.has(chars[a]!)) a++;
  while (b > a && set.has(chars[b - 1]!)) b--;
  return chars.slice(a, b).join('');
}

function substr(start: number, end: number, s: string): string {
  if (start < 0) return byteSlice(s, undefined, end);
  if (end < 0 || end > Buffer.byteLength(s)) return byteSlice(s, start, undefined);
  return byteSlice(s, start, end);
}

function trunc(c: number, s: string): string {
  const len = Buffer.byteLength(s);
  if (c < 0 && len + c > 0) return byteSlice(s, len + c, undefined);
  if (c >= 0 && len > c) return byteSlice(s, undefined, c);
  return s;
}

function repeat(count: number, s: string): string {
  if (count < 0) throw new FuncError('strings: negative Repeat count');
  return s.repeat(count);
}

const indent = (spaces: number, v: string): string => {
  const pad = ' '.repeat(Math.max(spaces, 0));
  return pad + v.split('\n').join('\n' + pad);
};

export const sprigStringFuncs: [string, GoFunc][] = [
  ['upper', fn([S], S, (a) => str(a[0]!).toUpperCase())],
  ['lower', fn([S], S, (a) => str(a[0]!).toLowerCase())],
  ['title', fn([S], S, (a) => title(str(a[0]!)))],
  ['trim', fn([S], S, (a) => str(a[0]!).replace(/^[\s\u0085]+|[\s\u0085]+$/gu, ''))],
  ['trimAll', fn([S, S], S, (a) => trimCutset(str(a[1]!), str(a[0]!)))],
  ['trimPrefix', fn([S, S], S, (a) => (str(a[1]!).startsWith(str(a[0]!)) ? str(a[1]!).slice(str(a[0]!).length) : str(a[1]!)))],
  ['trimSuffix', fn([S, S], S, (a) => {
    const s = str(a[1]!);
    const suf = str(a[0]!);
    return suf !== '' && s.endsWith(suf) ? s.slice(0, s.length - suf.length) : s;
  })],
  ['replace', fn([S, S, S], S, (a) => goSplit(str(a[2]!), str(a[0]!)).join(str(a[1]!)))],
  ['contains', fn([S, S], 'bool', (a) => str(a[1]!).includes(str(a[0]!)))],
  ['hasPrefix', fn([S, S], 'bool', (a) => str(a[1]!).startsWith(str(a[0]!)))],
  ['hasSuffix', fn([S, S], 'bool', (a) => str(a[1]!).endsWith(str(a[0]!)))],
  ['repeat', fn(['int', S], S, (a) => repeat(num(a[0]!), str(a[1]!)))],
  ['substr', fn(['int', 'int', S], S, (a) => substr(num(a[0]!), num(a[1]!), str(a[2]!)))],
  ['trunc', fn(['int', S], S, (a) => trunc(num(a[0]!), str(a[1]!)))],
  ['nospace', fn([S], S, (a) => str(a[0]!).replace(/[\s\u0085]/gu, ''))],
  ['indent', fn(['int', S], S, (a) => indent(num(a[0]!), str(a[1]!)))],
  ['nindent', fn(['int', S], S, (a) => '\n' + indent(num(a[0]!), str(a[1]!)))],
  ['quote', fn([IFACE], S, (a) => a.filter((x) => x !== null).map((x) => goQuote(strval(x))).join(' '), true)],
  ['squote', fn([IFACE], S, (a) => a.filter((x) => x !== null).map((x) => `'${sprint([x])}'`).join(' '), true)],
  ['toString', fn([IFACE], S, (a) => strval(a[0]!))],
  ['join', fn([S, IFACE], S, (a) => strslice(a[1]!).join(str(a[0]!)))],
  ['splitList', fn([S, S], '[]string', (a) => stringSlice(goSplit(str(a[1]!), str(a[0]!))))],
  ['split', fn([S, S], 'map[string]string', (a) => {
    const m = new Map<MapKey, GoValue>();
    goSplit(str(a[1]!), str(a[0]!)).forEach((part, i) => m.set(`_${i}`, part));
    return new GoMap(S, S, m);
  })],
];
