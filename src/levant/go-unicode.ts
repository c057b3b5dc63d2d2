/**
 * Go's unicode and strings case functions: one rune in, one rune out (simple case mapping),
 * where JavaScript's toUpperCase applies full mappings ("ß" → "SS", "İ" → "i̇").
 */

/** Simple uppercase of the runes whose full uppercase has several code points (Greek with iota subscript). */
function simpleUpperSpecial(cp: number): number {
  if ((cp >= 0x1f80 && cp <= 0x1f87) || (cp >= 0x1f90 && cp <= 0x1f97) || (cp >= 0x1fa0 && cp <= 0x1fa7)) return cp + 8;
  if (cp === 0x1fb3) return 0x1fbc;
  if (cp === 0x1fc3) return 0x1fcc;
  if (cp === 0x1ff3) return 0x1ffc;
  return cp;
}

const single = (s: string): boolean => s.length === 1 || (s.length === 2 && s.codePointAt(0)! > 0xffff);

/** unicode.ToUpper. */
export function toUpperRune(ch: string): string {
  const up = ch.toUpperCase();
  return single(up) ? up : String.fromCodePoint(simpleUpperSpecial(ch.codePointAt(0)!));
}

/** unicode.ToLower (İ lowercases to a plain i). */
export function toLowerRune(ch: string): string {
  if (ch === '\u0130') return 'i';
  const low = ch.toLowerCase();
  return single(low) ? low : ch;
}

/** unicode.ToTitle: the uppercase, except for the four digraphs that have a titlecase form. */
export function toTitleRune(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x1c4 && cp <= 0x1c6) return '\u01c5';
  if (cp >= 0x1c7 && cp <= 0x1c9) return '\u01c8';
  if (cp >= 0x1ca && cp <= 0x1cc) return '\u01cb';
  if (cp >= 0x1f1 && cp <= 0x1f3) return '\u01f2';
  return toUpperRune(ch);
}

export const isSpace = (ch: string): boolean => /^\p{White_Space}$/u.test(ch);
export const isUpper = (ch: string): boolean => /^\p{Lu}$/u.test(ch);
export const isLower = (ch: string): boolean => /^\p{Ll}$/u.test(ch);
export const isTitle = (ch: string): boolean => /^\p{Lt}$/u.test(ch);
export const isLetter = (ch: string): boolean => /^\p{L}$/u.test(ch);
export const isDigit = (ch: string): boolean => /^\p{Nd}$/u.test(ch);
export const isNumber = (ch: string): boolean => /^\p{N}$/u.test(ch);
export const isPunct = (ch: string): boolean => /^\p{P}$/u.test(ch);

const mapRunes = (s: string, f: (ch: string) => string): string => {
  let out = '';
  for (const ch of s) out += f(ch);
  return out;
};

/** strings.ToUpper / ToLower. */
export const goToUpper = (s: string): string => mapRunes(s, toUpperRune);
export const goToLower = (s: string): string => mapRunes(s, toLowerRune);

/** strings.Title: a rune after a separator (not a letter, digit or `_`; ASCII punctuation counts) goes to title case. */
export function goTitle(s: string): string {
  const isSeparator = (r: string): boolean => {
    if (r.codePointAt(0)! <= 0x7f) return !/[0-9a-zA-Z_]/.test(r);
    if (isLetter(r) || isDigit(r)) return false;
    return isSpace(r);
  };
  let prev = ' ';
  return mapRunes(s, (r) => {
    const out = isSeparator(prev) ? toTitleRune(r) : r;
    prev = r;
    return out;
  });
}

/** strings.TrimSpace. */
export const goTrimSpace = (s: string): string => s.replace(/^\p{White_Space}+|\p{White_Space}+$/gu, '');

/** strings.Replace(s, old, new, -1): an empty `old` matches before every rune and at the end. */
export function goReplaceAll(s: string, old: string, repl: string): string {
  if (old === '') return repl + [...s].join(repl) + (s === '' ? '' : repl);
  return s.split(old).join(repl);
}
