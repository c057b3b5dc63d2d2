/** HCL2 native syntax bodies: `name = expr` arguments and `type "label" { ... }` blocks, with ranges. */
import { Cursor } from './cursor.js';
import { HclDiagnostic, rangeText, type Range } from './diagnostics.js';
import { expression, type Expr } from './expressions.js';

export interface Attribute {
  name: string;
  nameRange: Range;
  expr: Expr;
}

export interface Block {
  type: string;
  typeRange: Range;
  labels: string[];
  labelRanges: Range[];
  body: Body;
}

export interface Body {
  attributes: Attribute[];
  blocks: Block[];
  /** The block's opening brace (the whole file for the root body). */
  range: Range;
}

function label(c: Cursor): string {
  const open = c.rangeOf(1);
  c.next();
  let out = '';
  while (c.peek() !== '"') {
    if (c.atEnd || c.peek() === '\n') throw new HclDiagnostic('Unterminated template string', 'No closing marker was found for the string.', open);
    if (c.peek() === '\\') c.next(); // the escape's backslash; the escaped character is kept
    out += c.next();
  }
  c.next();
  return out;
}

/** After an item: a newline, the end of the file, or (for one-line blocks) the closing brace. */
function endOfItem(c: Cursor, closer: boolean, what: 'argument' | 'block definition'): void {
  c.skipInline();
  if (c.atEnd || c.peek() === '\n' || (closer && c.peek() === '}')) return;
  const summary = what === 'argument' ? 'Missing newline after argument' : 'Missing newline after block definition';
  const detail = what === 'argument' ? 'An argument definition must end with a newline.' : 'A block definition must end with a newline.';
  throw new HclDiagnostic(summary, detail, c.rangeOf(1));
}

function body(c: Cursor, open: Range | undefined): Body {
  const out: Body = { attributes: [], blocks: [], range: open ?? c.rangeOf(0) };
  const seen = new Map<string, Range>();
  for (;;) {
    c.skipAll();
    if (c.atEnd) {
      if (open) {
        throw new HclDiagnostic(
          'Unclosed configuration block',
          'There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
          open,
        );
      }
      return out;
    }
    if (c.peek() === '}') {
      if (!open) throw new HclDiagnostic('Argument or block definition required', 'An argument or block definition is required here.', c.rangeOf(1));
      c.next();
      return out;
    }
    const nameStart = c.pos();
    const name = c.ident();
    if (!name) throw new HclDiagnostic('Argument or block definition required', 'An argument or block definition is required here.', c.rangeOf(1));
    const nameRange = { start: nameStart, end: c.pos() };
    c.skipInline();
    if (c.peek() === '=') {
      c.next();
      const expr = expression(c);
      const before = seen.get(name);
      if (before) {
        throw new HclDiagnostic(
          'Attribute redefined',
          `The argument "${name}" was already set at ${rangeText('input.hcl', before)}. Each argument may be set only once.`,
          nameRange,
        );
      }
      seen.set(name, nameRange);
      out.attributes.push({ name, nameRange, expr });
      endOfItem(c, open !== undefined, 'argument');
      continue;
    }
    const labels: string[] = [];
    const labelRanges: Range[] = [];
    for (;;) {
      c.skipInline();
      const start = c.pos();
      if (c.peek() === '"') labels.push(label(c));
      else {
        const bare = c.ident();
        if (!bare) break;
        labels.push(bare);
      }
      labelRanges.push({ start, end: c.pos() });
    }
    if (c.peek() !== '{') {
      if (c.peek() === '\n' || c.atEnd) {
        const nl = c.rangeOf(1);
        const subject = { start: nl.start, end: { line: nl.start.line + 1, col: 1, offset: nl.end.offset } };
        throw new HclDiagnostic(
          'Invalid block definition',
          'A block definition must have block content delimited by "{" and "}", starting on the same line as the block header.',
          subject,
        );
      }
      throw new HclDiagnostic('Invalid block definition', 'Either a quoted string block label or an opening brace ("{") is expected here.', c.rangeOf(1));
    }
    const brace = c.rangeOf(1);
    c.next();
    out.blocks.push({ type: name, typeRange: nameRange, labels, labelRanges, body: body(c, brace) });
    endOfItem(c, open !== undefined, 'block definition');
  }
}

/** Parses a whole file; throws HclDiagnostic at the first error, as `hclsyntax.ParseConfig` reports it. */
export function parseHcl(src: string): Body {
  return body(new Cursor(src), undefined);
}
