/** Sprig's random functions (randAlphaNum, randInt, shuffle, uuidv4, randBytes): random by design, so tests check their shape. */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { FuncError, type GoFunc, fn } from './func-types.js';
import { toDelimited, toPascalCase } from './xstrings.js';
import type { GoValue } from './values.js';

const S = 'string';
const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const ASCII = [...Array(95).keys()].map((i) => String.fromCharCode(32 + i)).join('');

/** goutils.CryptoRandom: `count` characters from `chars`; a negative count is an error. */
function randomFrom(count: GoValue | undefined, chars: string): string {
  const n = Number(count as bigint);
  if (n < 0) return ''; // goutils' error, dropped by Sprig
  let out = '';
  for (let i = 0; i < n; i++) out += chars[randomInt(chars.length)];
  return out;
}

function shuffle(s: string): string {
  const runes = [...s];
  for (let i = runes.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [runes[i], runes[j]] = [runes[j]!, runes[i]!];
  }
  return runes.join('');
}

export const sprigRandomFuncs: [string, GoFunc][] = [
  ['randAlphaNum', fn(['int'], S, (a) => randomFrom(a[0], ALPHA + DIGITS))],
  ['randAlpha', fn(['int'], S, (a) => randomFrom(a[0], ALPHA))],
  ['randAscii', fn(['int'], S, (a) => randomFrom(a[0], ASCII))],
  ['randNumeric', fn(['int'], S, (a) => randomFrom(a[0], DIGITS))],
  [
    'randInt',
    fn(['int', 'int'], 'int', (a) => {
      const [min, max] = [a[0] as bigint, a[1] as bigint];
      if (max - min <= 0n) throw new FuncError('invalid argument to Intn');
      return min + BigInt(randomInt(Number(max - min)));
    }),
  ],
  ['randBytes', fn(['int'], S, (a) => randomBytes(Math.max(0, Number(a[0] as bigint))).toString('base64'))],
  ['shuffle', fn([S], S, (a) => shuffle(a[0] as string))],
  ['uuidv4', fn([], S, () => randomUUID())],
  ['snakecase', fn([S], S, (a) => toDelimited(a[0] as string, '_'))],
  ['kebabcase', fn([S], S, (a) => toDelimited(a[0] as string, '-'))],
  ['camelcase', fn([S], S, (a) => toPascalCase(a[0] as string))],
];
