/**
 * Levant's own template functions (template/funcs.go, v0.4.0). Where Sprig has the same name,
 * Sprig wins and Levant's original is kept as `levant<Name>` (env, add, replace).
 */
import { spewDump, spewPrintf } from './go-spew.js';
import type { HostLookup } from './sprig-network.js';
import { readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { divZero } from './cast.js';
import { sprintf } from './fmt.js';
import { FuncError, type GoFunc, fn } from './func-types.js';
import { goReplaceAll, goToLower, goToUpper, toLowerRune, toUpperRune } from './go-unicode.js';
import { JsonError, unmarshal } from './json.js';
import { formatTime, inZone, timeNow } from './time-format.js';
import { GoObject, GoChan, GoNum, type GoValue, IFACE, int64, kindOf, stringMap } from './values.js';

const RFC3339 = '2006-01-02T15:04:05Z07:00';

export interface LevantFuncOptions {
  env: Record<string, string | undefined>;
  /** Directory `fileContents` reads from; paths may not leave it. */
  templateDir: string;
  /** getHostByName's DNS (see sprig-network.ts); without it the function refuses. */
  lookupHost?: HostLookup;
}

function parseError(func: string, s: string, what: 'invalid syntax' | 'value out of range'): FuncError {
  return new FuncError(`strconv.${func}: parsing ${JSON.stringify(s)}: ${what}`);
}

function parseIntLike(s: string, func: 'ParseInt' | 'ParseUint'): bigint {
  if (s === '') return 0n;
  const re = func === 'ParseInt' ? /^[+-]?\d+$/ : /^\d+$/;
  if (!re.test(s)) throw parseError(func, s, 'invalid syntax');
  const v = BigInt(s);
  const [lo, hi] = func === 'ParseInt' ? [-(2n ** 63n), 2n ** 63n - 1n] : [0n, 2n ** 64n - 1n];
  if (v < lo || v > hi) throw parseError(func, s, 'value out of range');
  return v;
}

const BOOLS: Record<string, boolean> = {
  '1': true,
  t: true,
  T: true,
  TRUE: true,
  true: true,
  True: true,
  '0': false,
  f: false,
  F: false,
  FALSE: false,
  false: false,
  False: false,
};

type Num = { kind: 'int' | 'uint' | 'float'; i: bigint; f: number };

function numOf(v: GoValue, op: string, self: GoValue): Num {
  if (v !== null) {
    const k = kindOf(v);
    if (k === 'int' || k === 'uint') {
      const i = typeof v === 'bigint' ? v : (v as GoNum).v;
      return { kind: k, i, f: Number(i) };
    }
    if (k === 'float') return { kind: 'float', i: 0n, f: v as number };
  }
  throw new FuncError(sprintf(`${op}: unknown type for %q (%T)`, [self, self]));
}

/** Levant's reversed-argument arithmetic: `subtract 2 5` is 5 - 2. */
function arith(op: string, b: GoValue, a: GoValue, ints: (x: bigint, y: bigint) => bigint, floats: (x: number, y: number) => number): GoValue {
  const av = numOf(a, op, a);
  const bv = numOf(b, op, b);
  if (op === 'modulo' && (av.kind === 'float' || bv.kind === 'float')) {
    throw new FuncError(sprintf(`${op}: unknown type for %q (%T)`, av.kind === 'float' ? [a, a] : [b, b]));
  }
  if (av.kind === 'float' || bv.kind === 'float') return floats(av.f, bv.f);
  if (av.kind === 'uint' && bv.kind === 'uint') return new GoNum('uint64', BigInt.asUintN(64, ints(av.i, bv.i)));
  return int64(ints(av.i, bv.i));
}

function funcOnRune(s: string, index: number, upper: boolean): string {
  const runes = [...s];
  if (index > runes.length - 1 || index < 0) {
    throw new FuncError(`funcOnRune: runeIndex out of range (max:${runes.length - 1}, provided:${index})`);
  }
  runes[index] = upper ? toUpperRune(runes[index]!) : toLowerRune(runes[index]!);
  return runes.join('');
}

function fileContents(dir: string, name: string): string {
  if (name === '') return '';
  if (name.includes('\0') || isAbsolute(name)) throw new FuncError(`open ${name}: refusing a path outside the template directory`);
  const root = realpathSync(dir);
  const full = resolve(root, name);
  let real: string;
  try {
    real = realpathSync(full);
  } catch {
    throw new FuncError(`open ${name}: no such file or directory`);
  }
  const rel = relative(root, real);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new FuncError(`open ${name}: refusing a path outside the template directory`);
  return readFileSync(real, 'utf8');
}

function timezone(name: string): string {
  if (name === '') return '';
  const now = timeNow();
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset' }).formatToParts(now.date);
    const off = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /GMT([+-])(\d\d):(\d\d)/.exec(off);
    const minutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
    return formatTime(inZone(now, minutes, ''), RFC3339);
  } catch {
    throw new FuncError(`unknown time zone ${name}`);
  }
}

const s0 = (a: GoValue[]): string => a[0] as string;

export function levantFuncs(opts: LevantFuncOptions): [string, GoFunc][] {
  const S = 'string';
  return [
    [
      'loop',
      fn(
        ['int64'],
        '<-chan int64',
        (a) => {
          const ints = a.map((x) => (x as GoNum).v);
          if (ints.length !== 1 && ints.length !== 2) {
            throw new FuncError(`loop: wrong number of arguments, expected 1 or 2, but got ${ints.length}`);
          }
          const [start, stop] = ints.length === 1 ? [0n, ints[0]!] : [ints[0]!, ints[1]!];
          const items: GoValue[] = [];
          for (let i = start; i < stop; i++) items.push(int64(i));
          return new GoChan(items);
        },
        true,
      ),
    ],
    [
      'parseBool',
      fn([S], 'bool', (a) => {
        if (s0(a) === '') return false;
        const v = Object.hasOwn(BOOLS, s0(a)) ? BOOLS[s0(a)] : undefined;
        if (v === undefined) throw parseError('ParseBool', s0(a), 'invalid syntax');
        return v;
      }),
    ],
    [
      'parseFloat',
      fn([S], 'float64', (a) => {
        const s = s0(a);
        if (s === '') return 0;
        if (!/^[+-]?(\d[\d_]*\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf|infinity|nan)$/i.test(s)) throw parseError('ParseFloat', s, 'invalid syntax');
        const f = /inf/i.test(s) ? (s.startsWith('-') ? -Infinity : Infinity) : /nan/i.test(s) ? NaN : Number(s.replace(/_/g, ''));
        if (!Number.isFinite(f) && !/inf/i.test(s) && !/nan/i.test(s)) throw parseError('ParseFloat', s, 'value out of range');
        return f;
      }),
    ],
    ['parseInt', fn([S], 'int64', (a) => int64(parseIntLike(s0(a), 'ParseInt')))],
    ['parseUint', fn([S], 'uint64', (a) => new GoNum('uint64', parseIntLike(s0(a), 'ParseUint')))],
    [
      'parseJSON',
      fn([S], IFACE, (a) => {
        if (s0(a) === '') return stringMap(new Map());
        try {
          return unmarshal(s0(a));
        } catch (e) {
          if (e instanceof JsonError) throw new FuncError(e.message);
          throw e;
        }
      }),
    ],
    ['toLower', fn([S], S, (a) => goToLower(s0(a)))],
    ['toUpper', fn([S], S, (a) => goToUpper(s0(a)))],
    ['firstRuneToUpper', fn([S], S, (a) => funcOnRune(s0(a), 0, true))],
    ['firstRuneToLower', fn([S], S, (a) => funcOnRune(s0(a), 0, false))],
    ['runeToUpper', fn([S, 'int'], S, (a) => funcOnRune(s0(a), Number(a[1] as bigint), true))],
    ['runeToLower', fn([S, 'int'], S, (a) => funcOnRune(s0(a), Number(a[1] as bigint), false))],
    ['fileContents', fn([S], S, (a) => fileContents(opts.templateDir, s0(a)))],
    ['timeNow', fn([], S, () => formatTime(timeNow(), RFC3339))],
    ['timeNowUTC', fn([], S, () => formatTime(inZone(timeNow(), 0, 'UTC'), RFC3339))],
    ['timeNowTimezone', fn([S], S, (a) => timezone(s0(a)))],
    ['levantEnv', fn([S], S, (a) => (s0(a) === '' ? '' : (opts.env[s0(a)] ?? '')))],
    ['levantReplace', fn([S, S, S], S, (a) => goReplaceAll(s0(a), a[1] as string, a[2] as string))],
    [
      'levantAdd',
      fn([IFACE, IFACE], IFACE, (a) =>
        arith(
          'add',
          a[0]!,
          a[1]!,
          (x, y) => x + y,
          (x, y) => x + y,
        ),
      ),
    ],
    [
      'subtract',
      fn([IFACE, IFACE], IFACE, (a) =>
        arith(
          'subtract',
          a[0]!,
          a[1]!,
          (x, y) => x - y,
          (x, y) => x - y,
        ),
      ),
    ],
    [
      'multiply',
      fn([IFACE, IFACE], IFACE, (a) =>
        arith(
          'multiply',
          a[0]!,
          a[1]!,
          (x, y) => x * y,
          (x, y) => x * y,
        ),
      ),
    ],
    [
      'divide',
      fn([IFACE, IFACE], IFACE, (a) =>
        arith(
          'divide',
          a[0]!,
          a[1]!,
          (x, y) => (y === 0n ? divZero() : x / y),
          (x, y) => x / y,
        ),
      ),
    ],
    [
      'modulo',
      fn([IFACE, IFACE], IFACE, (a) =>
        arith(
          'modulo',
          a[0]!,
          a[1]!,
          (x, y) => (y === 0n ? divZero() : x % y),
          (x) => x,
        ),
      ),
    ],
    ['spewDump', fn([IFACE], S, (a) => spewDump(a[0]!))],
    ['spewPrintf', fn([S, IFACE], S, (a) => spewPrintf(s0(a), a.slice(1)), true)],
    // Levant registers sprigVersionFunc itself, not its result: the template gets a func value
    // that `call` runs, and that says "3.1.0" (Levant's constant, whatever Sprig it is built with).
    [
      'sprigVersion',
      fn(
        [],
        'func(string) (string, error)',
        () => new GoObject('func(string) (string, error)', 'func', [], new Map(), undefined, undefined, { params: [S], result: S, call: () => '3.1.0' }),
      ),
    ],
  ];
}
