/**
 * gopkg.in/yaml.v2 (v2.4.0) resolve.go: how a scalar's text becomes a Go value under YAML 1.1
 * rules as yaml.v2 implements them (y/n/on/off booleans, 0o/0x/0b and leading-0 octal ints,
 * no sexagesimal numbers, timestamps kept as strings when decoded into interface{}).
 */
import { parseGoFloat } from './go-parse-float.js';
import { parseGoInt } from './go-strconv.js';
import { GoNum, type GoValue } from './values.js';

export const TAG = {
  str: 'tag:yaml.org,2002:str',
  bool: 'tag:yaml.org,2002:bool',
  int: 'tag:yaml.org,2002:int',
  float: 'tag:yaml.org,2002:float',
  null: 'tag:yaml.org,2002:null',
  timestamp: 'tag:yaml.org,2002:timestamp',
  binary: 'tag:yaml.org,2002:binary',
  merge: 'tag:yaml.org,2002:merge',
  seq: 'tag:yaml.org,2002:seq',
  map: 'tag:yaml.org,2002:map',
} as const;

/** The failf() panics of yaml.v2, surfaced as "yaml: ...". */
export class YamlError extends Error {}

export const shortTag = (tag: string): string => (tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice(18)}` : tag);

const MAP = new Map<string, [GoValue, string]>();
const add = (v: GoValue, tag: string, words: string[]): void => {
  for (const w of words) MAP.set(w, [v, tag]);
};
add(true, TAG.bool, ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
add(false, TAG.bool, ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
add(null, TAG.null, ['', '~', 'null', 'Null', 'NULL']);
add(NaN, TAG.float, ['.nan', '.NaN', '.NAN']);
add(Infinity, TAG.float, ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']);
add(-Infinity, TAG.float, ['-.inf', '-.Inf', '-.INF']);
add('<<', TAG.merge, ['<<']);

const RESOLVABLE: string[] = ['', TAG.str, TAG.bool, TAG.int, TAG.float, TAG.null, TAG.timestamp];
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseInt(s, base, 64) then ParseUint: int, uint64 or nothing. */
function parseInteger(s: string, base: 0 | 2): GoValue | undefined {
  let v: bigint | undefined;
  if (base === 2) v = /^-?[01]+$/.test(s) ? (s.startsWith('-') ? -BigInt(`0b${s.slice(1)}`) : BigInt(`0b${s}`)) : undefined;
  else v = parseGoInt(s);
  if (v === undefined) return undefined;
  if (v >= INT64_MIN && v <= INT64_MAX) return v;
  if (v > INT64_MAX && v <= UINT64_MAX && !/^[+-]/.test(s)) return new GoNum('uint64', v);
  return undefined;
}

function resolvePlain(tag: string, s: string): [string, GoValue] {
  const c = s[0];
  const hint = s === '' ? 'N' : c === '+' || c === '-' ? 'S' : c! >= '0' && c! <= '9' ? 'D' : 'yYnNtTfFoO~'.includes(c!) ? 'M' : c === '.' ? '.' : '';
  if (hint === '' || tag === TAG.str || tag === TAG.binary) return [TAG.str, s];
  const known = MAP.get(s);
  if (known) return [known[1], known[0]];
  if (hint === '.') {
    const f = parseGoFloat(s);
    if (f.ok) return [TAG.float, f.value];
  }
  if (hint === 'D' || hint === 'S') {
    if ((tag === '' || tag === TAG.timestamp) && isTimestamp(s)) return [TAG.timestamp, s];
    const plain = s.replace(/_/g, '');
    const int = parseInteger(plain, 0);
    if (int !== undefined) return [TAG.int, int];
    if (YAML_STYLE_FLOAT.test(plain)) {
      const f = parseGoFloat(plain);
      if (f.ok) return [TAG.float, f.value];
    }
    if (plain.startsWith('0b')) {
      const b = parseInteger(plain.slice(2), 2);
      if (b !== undefined) return [TAG.int, b];
    } else if (plain.startsWith('-0b')) {
      const b = parseInteger(`-${plain.slice(3)}`, 2);
      if (typeof b === 'bigint') return [TAG.int, b];
    }
  }
  return [TAG.str, s];
}

/** resolve(tag, in): the resolved tag and value; a tag that does not fit the text is an error. */
export function resolve(tag: string, s: string): [string, GoValue] {
  if (!RESOLVABLE.includes(tag)) return [tag, s];
  const [rtag, out] = resolvePlain(tag, s);
  if (tag === '' || tag === rtag || tag === TAG.str || tag === TAG.binary) return [rtag, out];
  if (tag === TAG.float && rtag === TAG.int && typeof out === 'bigint') return [TAG.float, Number(out)];
  throw new YamlError(`cannot decode ${shortTag(rtag)} \`${s}\` as a ${shortTag(tag)}`);
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > DAYS_IN_MONTH[m - 1]!) return false;
  return !(m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)));
}

/**
 * parseTimestamp: time.Parse with "2006-1-2T15:4:5.999999999Z07:00" (also lower-case t),
 * "2006-1-2 15:4:5.999999999" and "2006-1-2".
 */
function isTimestamp(s: string): boolean {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt])(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d\d:\d\d)|( )(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?)?$/.exec(s);
  if (!m || !validDate(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  const [h, mi, se, zone] = m[4] ? [m[5], m[6], m[7], m[9]] : m[10] ? [m[11], m[12], m[13], undefined] : [undefined];
  if (h === undefined) return true;
  if (Number(h) > 23 || Number(mi) > 59 || Number(se) > 59) return false;
  if (zone && zone !== 'Z' && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4)) > 59)) return false;
  return true;
}
