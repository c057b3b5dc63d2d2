/**
 * Reads Go's own test tables (execTests, cmpTests, parseTests) out of the verbatim copies of
 * exec_test.go and parse_test.go in go-tables/, with a small Go literal reader: string literals
 * (interpreted and raw, joined by +), and each entry's other fields as source text.
 */
import { readFileSync } from 'node:fs';
import { unquote } from '../../src/levant/go-strconv.js';

const dir = new URL('./go-tables/', import.meta.url);
export const readGoFile = (name: string): string => readFileSync(new URL(name, dir), 'utf8');

/** Go values the tables build strings from (exec_test.go: bigInt, bigUint on 64-bit). */
const CONSTANTS: Record<string, string> = { bigInt: '0x7fffffffffffffff', bigUint: '0x8000000000000000' };

/** The source text of `var NAME = []T{ ... }`'s body. */
function tableBody(src: string, name: string): string {
  const start = src.indexOf(`var ${name} = []`);
  const open = src.indexOf('{', start);
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i]!;
    if (c === '"' || c === '`' || c === "'") i = skipLiteral(src, i);
    else if (c === '/' && src[i + 1] === '/') i = src.indexOf('\n', i);
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return src.slice(open + 1, i);
  }
  throw new Error(`table ${name} not found`);
}

function skipLiteral(src: string, i: number): number {
  const q = src[i]!;
  for (let j = i + 1; j < src.length; j++) {
    if (src[j] === '\\' && q !== '`') j++;
    else if (src[j] === q) return j;
  }
  throw new Error(`unterminated literal at ${JSON.stringify(src.slice(Math.max(0, i - 60), i + 20))}`);
}

/** Splits `s` at top-level occurrences of `sep` (outside brackets, literals and comments). */
function splitTop(s: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"' || c === '`' || c === "'") i = skipLiteral(s, i);
    else if (c === '/' && s[i + 1] === '/') i = s.includes('\n', i) ? s.indexOf('\n', i) : s.length;
    else if ('{(['.includes(c)) depth++;
    else if ('})]'.includes(c)) depth--;
    else if (c === sep && depth === 0) {
      parts.push(s.slice(last, i));
      last = i + 1;
    }
  }
  parts.push(s.slice(last));
  return parts
    .map((p) =>
      p
        .trim()
        .replace(/^(\/\/[^\n]*(\n\s*|$))+/, '')
        .trim(),
    )
    .filter((p) => p !== '');
}

/** A Go string expression: literals and known constants joined by `+`. */
function goString(expr: string): string {
  return splitTop(expr, '+')
    .map((part) => (part in CONSTANTS ? CONSTANTS[part]! : unquote(part)))
    .join('');
}

/** The table's entries, each as its top-level fields' source text. */
function entries(file: string, table: string): string[][] {
  return splitTop(tableBody(readGoFile(file), table), ',').map((e) => splitTop(e.replace(/^\{|\}$/g, ''), ','));
}

export interface ExecTest {
  name: string;
  input: string;
  output: string;
  data: string;
  ok: boolean;
}
export interface CmpTest {
  expr: string;
  truth: string;
  ok: boolean;
}
export interface ParseTest {
  name: string;
  input: string;
  ok: boolean;
  result: string;
}

export const execTests = (): ExecTest[] =>
  entries('exec_test.go.txt', 'execTests').map((f) => ({
    name: goString(f[0]!),
    input: goString(f[1]!),
    output: goString(f[2]!),
    data: f[3]!,
    ok: f[4] === 'true',
  }));

export const cmpTests = (): CmpTest[] =>
  entries('exec_test.go.txt', 'cmpTests').map((f) => ({ expr: goString(f[0]!), truth: goString(f[1]!), ok: f[2] === 'true' }));

export const parseTests = (): ParseTest[] =>
  entries('parse_test.go.txt', 'parseTests').map((f) => ({ name: goString(f[0]!), input: goString(f[1]!), ok: f[2] === 'noError', result: goString(f[3]!) }));
