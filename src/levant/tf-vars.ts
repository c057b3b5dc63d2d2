/**
 * Terraform variable files as Levant reads them: every `variable "name" { default = ... }`
 * block, with defaults converted like hcl2shim (whole numbers become int).
 */
import { type GoValue, type MapKey, ifaceSlice, stringMap } from './values.js';

class TfParser {
  i = 0;
  constructor(readonly src: string) {}

  fail(msg: string): never {
    const line = this.src.slice(0, this.i).split('\n').length;
    throw new Error(`${msg} at line ${line}`);
  }
  skip(): void {
    for (;;) {
      const rest = this.src.slice(this.i);
      const m = /^(\s+|#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?\*\/)/.exec(rest);
      if (!m) return;
      this.i += m[0].length;
    }
  }
  peek(): string {
    this.skip();
    return this.src[this.i] ?? '';
  }
  expect(ch: string): void {
    if (this.peek() !== ch) this.fail(`expected ${JSON.stringify(ch)}`);
    this.i++;
  }
  ident(): string {
    this.skip();
    const m = /^[A-Za-z_][\w-]*/.exec(this.src.slice(this.i));
    if (!m) this.fail('expected an identifier');
    this.i += m[0].length;
    return m[0];
  }
  string(): string {
    this.skip();
    const m = /^"((?:[^"\\\n]|\\.)*)"/.exec(this.src.slice(this.i));
    if (!m) this.fail('expected a string');
    this.i += m[0].length;
    return JSON.parse(`"${m[1]!.replace(/\\\$/g, '$')}"`) as string;
  }
  heredoc(): string {
    const m = /^<<(-?)(\w+)\n([\s\S]*?)\n[ \t]*\2(?=\s|$)/.exec(this.src.slice(this.i));
    if (!m) this.fail('unterminated heredoc');
    this.i += m[0].length;
    const lines = m[3]!.split('\n');
    if (m[1] !== '-') return m[3]! + '\n';
    const pad = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
    return lines.map((l) => l.slice(pad)).join('\n') + '\n';
  }
  value(): GoValue {
    const c = this.peek();
    if (c === '"') return this.string();
    if (c === '<') return this.heredoc();
    if (c === '[') {
      this.i++;
      const items: GoValue[] = [];
      while (this.peek() !== ']') {
        items.push(this.value());
        if (this.peek() === ',') this.i++;
      }
      this.i++;
      return ifaceSlice(items);
    }
    if (c === '{') {
      this.i++;
      const m = new Map<MapKey, GoValue>();
      while (this.peek() !== '}') {
        const key = this.peek() === '"' ? this.string() : this.ident();
        const sep = this.peek();
        if (sep !== '=' && sep !== ':') this.fail('expected "=" or ":"');
        this.i++;
        m.set(key, this.value());
        if (this.peek() === ',') this.i++;
      }
      this.i++;
      return stringMap(m);
    }
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.src.slice(this.i));
    if (num) {
      this.i += num[0].length;
      const f = Number(num[0]);
      return Number.isInteger(f) && Math.abs(f) < 2 ** 63 && !/[.eE]/.test(num[0]) ? BigInt(num[0]) : Number.isInteger(f) && Math.abs(f) < 2 ** 53 ? BigInt(f) : f;
    }
    const word = this.ident();
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    return this.fail(`unsupported expression ${word}`);
  }
  /** Skips an attribute value or nested block we do not need. */
  skipBody(): void {
    let depth = 0;
    do {
      const c = this.peek();
      if (c === '"') this.string();
      else {
        if (c === '{') depth++;
        if (c === '}') depth--;
        if (c === '') this.fail('unexpected end of file');
        this.i++;
      }
    } while (depth > 0);
  }
}

/** The `default` of every variable block in a `.tf` file (variables without one are nil). */
export function parseTfVars(src: string): Map<MapKey, GoValue> {
  const p = new TfParser(src);
  const vars = new Map<MapKey, GoValue>();
  while (p.peek() !== '') {
    const kind = p.ident();
    const labels: string[] = [];
    while (p.peek() === '"') labels.push(p.string());
    if (p.peek() === '=') {
      p.i++;
      p.value();
      continue;
    }
    p.expect('{');
    let def: GoValue = null;
    while (p.peek() !== '}') {
      const name = p.ident();
      if (p.peek() === '=') {
        p.i++;
        const v = p.value();
        if (name === 'default') def = v;
      } else {
        while (p.peek() === '"') p.string();
        p.skipBody();
      }
    }
    p.i++;
    if (kind === 'variable' && labels[0]) vars.set(labels[0], def);
  }
  return vars;
}
