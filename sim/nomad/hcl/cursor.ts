/** A character cursor over HCL source that knows its line and column, and skips comments. */
import { HclDiagnostic, type Pos, type Range } from './diagnostics.js';

export class Cursor {
  private i = 0;
  private line = 1;
  private col = 1;

  constructor(readonly src: string) {}

  get atEnd(): boolean {
    return this.i >= this.src.length;
  }

  peek(ahead = 0): string {
    return this.src.charAt(this.i + ahead);
  }

  startsWith(text: string): boolean {
    return this.src.startsWith(text, this.i);
  }

  pos(): Pos {
    return { line: this.line, col: this.col, offset: this.i };
  }

  next(): string {
    const ch = this.src.charAt(this.i++);
    if (ch === '\n') {
      this.line++;
      this.col = 1;
    } else this.col++;
    return ch;
  }

  take(n: number): string {
    let out = '';
    for (let k = 0; k < n; k++) out += this.next();
    return out;
  }

  /** The range of the next `n` characters (for a diagnostic about them). */
  rangeOf(n = 1): Range {
    const start = this.pos();
    const end = { ...start, col: start.col + n, offset: start.offset + n };
    return { start, end };
  }

  /** Spaces, tabs, `\r` and comments, but not newlines (a `#` or `//` comment stops before its newline). */
  skipInline(): void {
    for (;;) {
      const ch = this.peek();
      if (ch === ' ' || ch === '\t' || ch === '\r') this.next();
      else if (ch === '#' || this.startsWith('//')) while (!this.atEnd && this.peek() !== '\n') this.next();
      else if (this.startsWith('/*')) {
        const start = this.rangeOf(2);
        this.take(2);
        while (!this.atEnd && !this.startsWith('*/')) this.next();
        if (this.atEnd) throw new HclDiagnostic('Unterminated template string', 'No closing marker was found for the comment.', start);
        this.take(2);
      } else return;
    }
  }

  /** Whitespace, comments and newlines. */
  skipAll(): void {
    for (;;) {
      this.skipInline();
      if (this.peek() === '\n') this.next();
      else return;
    }
  }

  /** An HCL identifier (letters, digits, `_`, `-`), or '' when none starts here. */
  ident(): string {
    if (!/[A-Za-z_]/.test(this.peek())) return '';
    let out = '';
    while (/[A-Za-z0-9_-]/.test(this.peek())) out += this.next();
    return out;
  }
}
