/**
 * HCL2 expressions as job files use them: literals, strings and heredocs (with `${...}` and Nomad's
 * `{{ }}` kept as written, since jobspec2 leaves node and runtime references to the client),
 * tuples and objects. Anything else gets HCL's own diagnostic.
 */
import type { Cursor } from './cursor.js';
import { HclDiagnostic, type Range } from './diagnostics.js';

export type HclValue = string | number | boolean | null | HclValue[] | { [key: string]: HclValue };

export interface Expr {
  value: HclValue;
  range: Range;
}

/**
 * jobspec2/functions.go: with `AllowFS: false` (as the parse endpoint sets it) these are
 * guardFS'd, and calling one fails with "filesystem function disabled".
 */
const FILESYSTEM_FUNCTIONS = new Set(['abspath', 'basename', 'dirname', 'file', 'filebase64', 'fileexists', 'fileset', 'pathexpand']);

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

const invalid = (c: Cursor) =>
  new HclDiagnostic('Invalid expression', 'Expected the start of an expression, but found an invalid expression token.', c.rangeOf(1));

/** `${ ... }` or `%{ ... }` copied verbatim, braces balanced, quoted strings inside skipped whole. */
function interpolation(c: Cursor, open: Range): string {
  let out = c.take(2);
  let depth = 1;
  while (depth > 0) {
    if (c.atEnd) throw new HclDiagnostic('Unterminated template string', 'No closing marker was found for the string.', open);
    const ch = c.next();
    out += ch;
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === '"') {
      while (!c.atEnd && c.peek() !== '"') out += c.peek() === '\\' ? c.take(2) : c.next();
      out += c.next();
    }
  }
  return out;
}

function quoted(c: Cursor): string {
  const open = c.rangeOf(1);
  c.next();
  let out = '';
  for (;;) {
    if (c.atEnd) throw new HclDiagnostic('Unterminated template string', 'No closing marker was found for the string.', open);
    if (c.peek() === '\n') {
      const nl = c.rangeOf(1);
      throw new HclDiagnostic(
        'Invalid multi-line string',
        'Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.',
        { start: nl.start, end: { line: nl.start.line + 1, col: 1, offset: nl.end.offset } },
      );
    }
    const ch = c.peek();
    if (ch === '"') {
      c.next();
      return out;
    }
    if (c.startsWith('$${') || c.startsWith('%%{')) out += c.take(3).slice(1);
    else if (c.startsWith('${') || c.startsWith('%{')) out += interpolation(c, open);
    else if (ch === '\\') {
      const at = c.rangeOf(2);
      c.next();
      const e = c.next();
      if (e in ESCAPES) out += ESCAPES[e];
      else if (e === 'u' || e === 'U') {
        const hex = c.take(e === 'u' ? 4 : 8);
        out += String.fromCodePoint(parseInt(hex, 16));
      } else throw new HclDiagnostic('Invalid escape sequence', `The symbol "${e}" is not a valid escape sequence selector.`, at);
    } else out += c.next();
  }
}

/** `<<EOD` / `<<-EOD` ... `EOD`; the `-` form removes the lines' common indentation. */
function heredoc(c: Cursor): string {
  const open = c.rangeOf(2);
  c.take(2);
  const flush = c.peek() === '-';
  if (flush) c.next();
  const marker = c.ident();
  if (!marker || (c.peek() !== '\n' && c.peek() !== '\r')) {
    throw new HclDiagnostic('Invalid multi-line string', 'A heredoc introduction must be followed by an identifier and a newline.', open);
  }
  while (c.peek() !== '\n') c.next();
  c.next();
  const lines: string[] = [];
  for (;;) {
    if (c.atEnd) throw new HclDiagnostic('Unterminated template string', `No closing marker was found for the heredoc (${marker}).`, open);
    let line = '';
    while (!c.atEnd && c.peek() !== '\n') line += c.next();
    if (line.trim() === marker) break;
    if (!c.atEnd) c.next();
    lines.push(line.replace(/\r$/, ''));
  }
  if (!flush) return lines.map((l) => `${l}\n`).join('');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => `${l.slice(Math.min(cut, /^[ \t]*/.exec(l)![0].length))}\n`).join('');
}

function numberLiteral(c: Cursor): number {
  let text = '';
  if (c.peek() === '-') text += c.next();
  while (/[0-9.eE+-]/.test(c.peek()) && !(text.length > 0 && /[+-]/.test(c.peek()) && !/[eE]$/.test(text))) text += c.next();
  return Number(text);
}

function collection(c: Cursor, close: ']' | '}', item: () => void): void {
  c.next();
  for (;;) {
    c.skipAll();
    if (c.peek() === close) {
      c.next();
      return;
    }
    if (c.atEnd)
      throw new HclDiagnostic(
        close === ']' ? 'Missing item separator' : 'Missing attribute separator',
        close === ']' ? 'Expected a comma to mark the beginning of the next item.' : 'Expected a newline or comma to mark the beginning of the next attribute.',
        c.rangeOf(1),
      );
    item();
    c.skipInline();
    if (c.peek() === ',') c.next();
    else if (c.peek() !== '\n' && c.peek() !== close) {
      if (close === ']') throw new HclDiagnostic('Missing item separator', 'Expected a comma to mark the beginning of the next item.', c.rangeOf(1));
      throw new HclDiagnostic('Missing attribute separator', 'Expected a newline or comma to mark the beginning of the next attribute.', c.rangeOf(1));
    }
  }
}

function objectKey(c: Cursor): string {
  if (c.peek() === '"') return quoted(c);
  const key = c.ident();
  if (!key) throw invalid(c);
  return key;
}

export function expression(c: Cursor): Expr {
  c.skipInline();
  const start = c.pos();
  const value = valueAt(c);
  return { value, range: { start, end: c.pos() } };
}

function valueAt(c: Cursor): HclValue {
  const ch = c.peek();
  if (ch === '"') return quoted(c);
  if (c.startsWith('<<')) return heredoc(c);
  if (/[0-9]/.test(ch) || (ch === '-' && /[0-9]/.test(c.peek(1)))) return numberLiteral(c);
  if (ch === '[') {
    const items: HclValue[] = [];
    collection(c, ']', () => items.push(expression(c).value));
    return items;
  }
  if (ch === '{') {
    const obj: { [key: string]: HclValue } = {};
    collection(c, '}', () => {
      const key = objectKey(c);
      c.skipInline();
      if (c.peek() !== '=' && c.peek() !== ':')
        throw new HclDiagnostic('Missing key/value separator', 'Expected an equals sign ("=") to mark the beginning of the attribute value.', c.rangeOf(1));
      c.next();
      obj[key] = expression(c).value;
    });
    return obj;
  }
  const identStart = c.rangeOf(0);
  const name = c.ident();
  if (name === 'true' || name === 'false') return name === 'true';
  if (name === 'null') return null;
  if (name) {
    const range = { start: identStart.start, end: c.pos() };
    if (c.peek() === '(' && FILESYSTEM_FUNCTIONS.has(name)) {
      // hclsyntax FunctionCallExpr: the subject is the call's start range, `name(`.
      c.next();
      throw new HclDiagnostic('Error in function call', `Call to function "${name}" failed: filesystem function disabled.`, {
        start: range.start,
        end: c.pos(),
      });
    }
    if (c.peek() === '(') throw new HclDiagnostic('Call to unknown function', `There is no function named "${name}".`, range);
    throw new HclDiagnostic('Unknown variable', `There is no variable named "${name}".`, range);
  }
  throw invalid(c);
}
