/**
 * huandu/xstrings' case converters as Sprig uses them: ToSnakeCase/ToKebabCase (convert.go's
 * word scanner) and upper camel case (v1.3.3's ToCamelCase, which v1.5.0 renamed ToPascalCase
 * and Sprig 3.3.0 calls for `camelcase`).
 */
import { isLetter, isNumber, isPunct, isSpace, isUpper, toLowerRune, toUpperRune } from './go-unicode.js';

const isConnector = (r: string): boolean => r === '-' || r === '_' || isSpace(r);

function isAlphabet(r: string): boolean {
  if (!isLetter(r)) return false;
  const cp = r.codePointAt(0)!;
  if (cp < 0x2e80) return true;
  if (cp >= 0x4e00 && cp <= 0x9fcc) return false;
  if (cp >= 0x3400 && cp <= 0x4d85) return false;
  if (cp >= 0x20000 && cp <= 0x2b81d) return false;
  return true;
}

/** v1.3.3 ToCamelCase: connectors dropped, the rune after one upper-cased, the rest lower-cased. */
export function toPascalCase(str: string): string {
  const runes = [...str];
  if (runes.length === 0) return '';
  let out = '';
  let i = 0;
  let r0 = '';
  for (; i < runes.length; i++) {
    r0 = runes[i]!;
    if (!isConnector(r0)) {
      r0 = toUpperRune(r0);
      i++;
      break;
    }
    out += r0;
  }
  if (i >= runes.length) return out + r0;
  for (; i < runes.length; i++) {
    const r1 = r0;
    r0 = runes[i]!;
    if (isConnector(r0) && isConnector(r1)) {
      out += r1;
      continue;
    }
    if (isConnector(r1)) r0 = toUpperRune(r0);
    else {
      r0 = toLowerRune(r0);
      out += r1;
    }
  }
  return out + r0;
}

type WordType = 'invalid' | 'number' | 'upper' | 'alphabet' | 'connector' | 'punct' | 'other';

function nextWord(runes: string[], at: number): [WordType, string, number] {
  if (at >= runes.length) return ['invalid', '', at];
  let i = at;
  const r = runes[i++]!;
  const run = (ok: (x: string) => boolean): void => {
    while (i < runes.length && ok(runes[i]!)) i++;
  };
  let wt: WordType;
  if (isConnector(r)) {
    wt = 'connector';
    run(isConnector);
  } else if (isPunct(r)) {
    wt = 'punct';
    run(isPunct);
  } else if (isUpper(r)) {
    wt = 'upper';
    if (i < runes.length) {
      if (isUpper(runes[i]!)) {
        run(isUpper);
        if (i < runes.length && isAlphabet(runes[i]!)) i--;
      } else if (isAlphabet(runes[i]!)) run((x) => isAlphabet(x) && !isUpper(x));
    }
  } else if (isAlphabet(r)) {
    wt = 'alphabet';
    run((x) => isAlphabet(x) && !isUpper(x));
  } else if (isNumber(r)) {
    wt = 'number';
    run(isNumber);
  } else {
    wt = 'other';
    run((x) => !(isConnector(x) || isAlphabet(x) || isNumber(x) || isPunct(x)));
  }
  return [wt, runes.slice(at, i).join(''), i];
}

function lowerWord(wt: WordType, word: string, connector: string): string {
  if (wt !== 'upper' && wt !== 'connector') return word;
  let out = '';
  for (const r of word) out += isConnector(r) ? connector : isUpper(r) ? toLowerRune(r) : r;
  return out;
}

/** camelCaseToLowerCase: words split at case changes and numbers, joined by `connector`. */
export function toDelimited(str: string, connector: string): string {
  const runes = [...str];
  if (runes.length === 0) return '';
  let out = '';
  let [wt, word, pos] = nextWord(runes, 0);
  while (pos < runes.length) {
    if (wt !== 'connector') out += lowerWord(wt, word, connector);
    const prev = wt;
    let last = word;
    [wt, word, pos] = nextWord(runes, pos);
    if (prev === 'number') {
      while (wt === 'alphabet' || wt === 'number') {
        out += lowerWord(wt, word, connector);
        [wt, word, pos] = nextWord(runes, pos);
      }
      if (wt !== 'invalid' && wt !== 'punct' && wt !== 'connector') out += connector;
    } else if (prev === 'connector') out += lowerWord(prev, last, connector);
    else if (prev !== 'punct') {
      if (wt !== 'number') {
        if (wt !== 'connector' && wt !== 'punct') out += connector;
        continue;
      }
      if (pos >= runes.length) continue;
      last = word;
      [wt, word, pos] = nextWord(runes, pos);
      if (wt !== 'alphabet') {
        out += lowerWord('number', last, connector);
        if (wt !== 'connector' && wt !== 'punct') out += connector;
        continue;
      }
      out += connector + lowerWord('number', last, connector);
      while (wt === 'alphabet' || wt === 'number') {
        out += lowerWord(wt, word, connector);
        [wt, word, pos] = nextWord(runes, pos);
      }
      if (wt !== 'invalid' && wt !== 'connector' && wt !== 'punct') out += connector;
    }
  }
  return out + lowerWord(wt, word, connector);
}
