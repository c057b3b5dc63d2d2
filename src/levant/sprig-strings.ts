/** Sprig v3 string functions (strings.go), with Go's byte-based slicing and panics. */
import { strval } from './cast.js';
import { quote as goQuote } from './fmt-quote.js';
import { sprint } from './fmt.js';
import { FuncError, type GoFunc, fn } from './func-types.js';
import {
  goReplaceAll,
  goTitle,
  goToLower,
  goToUpper,
  goTrimSpace,
  isLower,
  isSpace,
  isTitle,
  isUpper,
  toLowerRune,
  toTitleRune,
  toUpperRune,
} from './go-unicode.js';
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
  const pad = repeat(spaces, ' ');
  return pad + v.split('\n').join(`\n${pad}`);
};

/** goutils.AbbreviateFull (byte offsets, as Go slices strings). */
function abbreviateFull(str: string, offset: number, maxWidth: number): string {
  const b = Buffer.from(str);
  const len = b.length;
  const cut = (lo: number, hi: number): string => b.subarray(lo, hi).toString();
  if (str === '') return '';
  if (maxWidth < 4) return '';
  if (len <= maxWidth) return str;
  if (offset > len) offset = len;
  if (len - offset < maxWidth - 3) offset = len - (maxWidth - 3);
  if (offset <= 4) return `${cut(0, maxWidth - 3)}...`;
  if (maxWidth < 7) return '';
  if (offset + maxWidth - 3 < len) return `...${abbreviateFull(cut(offset, len), 0, maxWidth - 3)}`;
  return `...${cut(len - (maxWidth - 3), len)}`;
}

/** goutils.WrapCustom: wraps at spaces (byte columns); long words stay whole unless wrapLongWords. */
function wrapCustom(str: string, wrapLength: number, newLine: string, wrapLongWords: boolean): string {
  if (str === '') return '';
  const nl = newLine === '' ? '\n' : newLine;
  const width = Math.max(wrapLength, 1);
  const b = Buffer.from(str);
  const cut = (lo: number, hi: number): string => b.subarray(lo, hi).toString();
  const n = b.length;
  let offset = 0;
  let out = '';
  while (n - offset > width) {
    if (b[offset] === 0x20) {
      offset++;
      continue;
    }
    const end = Math.min(width + offset + 1, n);
    const space = b.subarray(offset, end).lastIndexOf(0x20);
    if (space >= 0) {
      out += cut(offset, offset + space) + nl;
      offset = offset + space + 1;
    } else if (wrapLongWords) {
      out += cut(offset, offset + width) + nl;
      offset += width;
    } else {
      const next = b.indexOf(0x20, width + offset);
      if (next < 0) {
        out += cut(offset, n);
        offset = n;
      } else {
        out += cut(offset, next) + nl;
        offset = next + 1;
      }
    }
  }
  return out + cut(offset, n);
}

/** goutils reads some strings byte by byte, turning each byte into the rune of that value. */
const latin1Runes = (s: string): string[] => [...Buffer.from(s)].map((x) => String.fromCharCode(x));

function initials(s: string): string {
  let out = '';
  let gap = true;
  for (const ch of latin1Runes(s)) {
    if (isSpace(ch)) gap = true;
    else if (gap) {
      out += ch;
      gap = false;
    }
  }
  return out;
}

function deleteWhiteSpace(s: string): string {
  const kept = latin1Runes(s).filter((ch) => !isSpace(ch));
  return kept.length === Buffer.byteLength(s) ? s : kept.join('');
}

function untitle(s: string): string {
  let next = true;
  let out = '';
  for (const ch of s) {
    if (isSpace(ch)) next = true;
    else if (next) {
      out += toLowerRune(ch);
      next = false;
      continue;
    }
    out += ch;
  }
  return out;
}

function swapCase(s: string): string {
  let ws = true;
  let out = '';
  for (const ch of s) {
    if (isUpper(ch) || isTitle(ch)) {
      out += toLowerRune(ch);
      ws = false;
    } else if (isLower(ch)) {
      out += ws ? toTitleRune(ch) : toUpperRune(ch);
      ws = false;
    } else {
      ws = isSpace(ch);
      out += ch;
    }
  }
  return out;
}

/** strings.SplitN. */
function splitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  const all = goSplit(s, sep);
  if (n < 0 || all.length <= n) return all;
  const head = all.slice(0, n - 1);
  const restStart = head.reduce((at, part) => at + part.length + sep.length, 0);
  return [...head, s.slice(sep === '' ? [...s].slice(0, n - 1).join('').length : restStart)];
}

/** Sprig's cat: the non-nil arguments, %v-formatted, joined by spaces. */
const cat = (args: GoValue[]): string =>
  args
    .filter((x) => x !== null)
    .map((x) => sprint([x]))
    .join(' ');

const splitMap = (parts: string[]): GoMap => new GoMap(S, S, new Map(parts.map((p, i) => [`_${i}`, p] as [MapKey, GoValue])));

export const sprigStringFuncs: [string, GoFunc][] = [
  ['upper', fn([S], S, (a) => goToUpper(str(a[0]!)))],
  ['lower', fn([S], S, (a) => goToLower(str(a[0]!)))],
  ['title', fn([S], S, (a) => goTitle(str(a[0]!)))],
  ['untitle', fn([S], S, (a) => untitle(str(a[0]!)))],
  ['swapcase', fn([S], S, (a) => swapCase(str(a[0]!)))],
  ['initials', fn([S], S, (a) => initials(str(a[0]!)))],
  ['abbrev', fn(['int', S], S, (a) => (num(a[0]!) < 4 ? str(a[1]!) : abbreviateFull(str(a[1]!), 0, num(a[0]!))))],
  [
    'abbrevboth',
    fn(['int', 'int', S], S, (a) => {
      const [left, right] = [num(a[0]!), num(a[1]!)];
      return right < 4 || (left > 0 && right < 7) ? str(a[2]!) : abbreviateFull(str(a[2]!), left, right);
    }),
  ],
  ['wrap', fn(['int', S], S, (a) => wrapCustom(str(a[1]!), num(a[0]!), '', false))],
  ['wrapWith', fn(['int', S, S], S, (a) => wrapCustom(str(a[2]!), num(a[0]!), str(a[1]!), true))],
  ['plural', fn([S, S, 'int'], S, (a) => (a[2] === 1n ? str(a[0]!) : str(a[1]!)))],
  ['cat', fn([IFACE], S, cat, true)],
  ['trim', fn([S], S, (a) => goTrimSpace(str(a[0]!)))],
  ['trimAll', fn([S, S], S, (a) => trimCutset(str(a[1]!), str(a[0]!)))],
  ['trimall', fn([S, S], S, (a) => trimCutset(str(a[1]!), str(a[0]!)))],
  ['trimPrefix', fn([S, S], S, (a) => (str(a[1]!).startsWith(str(a[0]!)) ? str(a[1]!).slice(str(a[0]!).length) : str(a[1]!)))],
  [
    'trimSuffix',
    fn([S, S], S, (a) => {
      const s = str(a[1]!);
      const suf = str(a[0]!);
      return suf !== '' && s.endsWith(suf) ? s.slice(0, s.length - suf.length) : s;
    }),
  ],
  ['replace', fn([S, S, S], S, (a) => goReplaceAll(str(a[2]!), str(a[0]!), str(a[1]!)))],
  ['contains', fn([S, S], 'bool', (a) => str(a[1]!).includes(str(a[0]!)))],
  ['hasPrefix', fn([S, S], 'bool', (a) => str(a[1]!).startsWith(str(a[0]!)))],
  ['hasSuffix', fn([S, S], 'bool', (a) => str(a[1]!).endsWith(str(a[0]!)))],
  ['repeat', fn(['int', S], S, (a) => repeat(num(a[0]!), str(a[1]!)))],
  ['substr', fn(['int', 'int', S], S, (a) => substr(num(a[0]!), num(a[1]!), str(a[2]!)))],
  ['trunc', fn(['int', S], S, (a) => trunc(num(a[0]!), str(a[1]!)))],
  ['nospace', fn([S], S, (a) => deleteWhiteSpace(str(a[0]!)))],
  ['indent', fn(['int', S], S, (a) => indent(num(a[0]!), str(a[1]!)))],
  ['nindent', fn(['int', S], S, (a) => `\n${indent(num(a[0]!), str(a[1]!))}`)],
  [
    'quote',
    fn(
      [IFACE],
      S,
      (a) =>
        a
          .filter((x) => x !== null)
          .map((x) => goQuote(strval(x)))
          .join(' '),
      true,
    ),
  ],
  [
    'squote',
    fn(
      [IFACE],
      S,
      (a) =>
        a
          .filter((x) => x !== null)
          .map((x) => `'${sprint([x])}'`)
          .join(' '),
      true,
    ),
  ],
  ['toString', fn([IFACE], S, (a) => strval(a[0]!))],
  ['join', fn([S, IFACE], S, (a) => strslice(a[1]!).join(str(a[0]!)))],
  ['splitList', fn([S, S], '[]string', (a) => stringSlice(goSplit(str(a[1]!), str(a[0]!))))],
  ['split', fn([S, S], 'map[string]string', (a) => splitMap(goSplit(str(a[1]!), str(a[0]!))))],
  ['splitn', fn([S, 'int', S], 'map[string]string', (a) => splitMap(splitN(str(a[2]!), str(a[0]!), num(a[1]!))))],
  ['toStrings', fn([IFACE], '[]string', (a) => stringSlice(strslice(a[0]!)))],
];
