/**
 * Terraform variable files as Levant reads them: every `variable "name" { default = ... }`
 * block, with defaults converted like hcl2shim (whole numbers become int).
 */
import { editDistance } from '../operations/edit-distance.js';
import { formatFloat } from './fmt-float.js';
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
    if (m[1] !== '-') return `${m[3]!}\n`;
    const pad = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
    return `${lines.map((l) => l.slice(pad)).join('\n')}\n`;
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
      return Number.isInteger(f) && Math.abs(f) < 2 ** 63 && !/[.eE]/.test(num[0])
        ? BigInt(num[0])
        : Number.isInteger(f) && Math.abs(f) < 2 ** 53
          ? BigInt(f)
          : f;
    }
    const word = this.ident();
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    return this.fail(`unsupported expression ${word}`);
  }
  /** Skips a type expression (string, list(string), object({...}), "map"). */
  value2(): void {
    this.skip();
    const m = /^("[^"]*"|[A-Za-z_][\w-]*)/.exec(this.src.slice(this.i));
    if (!m) this.fail('expected a type');
    this.i += m[0].length;
    if (this.src[this.i] === '(') {
      let depth = 0;
      do {
        if (this.src[this.i] === '(') depth++;
        if (this.src[this.i] === ')') depth--;
        this.i++;
      } while (depth > 0 && this.i < this.src.length);
    }
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

/** Where a piece of source sits, as HCL prints ranges ("vars.tf:3,13-16"). */
function rangeOf(src: string, file: string, from: number, to: number): string {
  const pos = (at: number): [number, number] => {
    const before = src.slice(0, at);
    const line = before.split('\n').length;
    return [line, Buffer.byteLength(before.slice(before.lastIndexOf('\n') + 1)) + 1];
  };
  const [l1, c1] = pos(from);
  const [l2, c2] = pos(to);
  return l1 === l2 ? `${file}:${l1},${c1}-${c2}` : `${file}:${l1},${c1}-${l2},${c2}`;
}

/** Names Terraform keeps for module blocks (configs/named_values.go, moduleBlockSchema). */
const RESERVED = ['source', 'version', 'count', 'for_each', 'depends_on', 'providers', 'lifecycle', 'locals', 'provider'];
const VARIABLE_ARGS = ['description', 'default', 'type'];

/** cty's conversion of a default to a primitive type constraint; undefined when it does not fit. */
function convertDefault(v: GoValue, type: string): { ok: true; v: GoValue } | { ok: false; why: string } {
  if (v === null || type === 'any') return { ok: true, v };
  const isNum = typeof v === 'number' || typeof v === 'bigint';
  if (type === 'string') {
    if (typeof v === 'string') return { ok: true, v };
    if (typeof v === 'boolean' || isNum) return { ok: true, v: typeof v === 'number' ? formatFloat(v, 'f', -1) : String(v) };
    return { ok: false, why: 'string required' };
  }
  if (type === 'number') {
    if (isNum) return { ok: true, v };
    if (typeof v === 'string' && /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) return { ok: true, v: numberValue(v) };
    return { ok: false, why: 'a number is required' };
  }
  if (type === 'bool') {
    if (typeof v === 'boolean') return { ok: true, v };
    if (v === 'true' || v === '1') return { ok: true, v: true };
    if (v === 'false' || v === '0') return { ok: true, v: false };
    return { ok: false, why: 'a bool is required' };
  }
  return { ok: true, v };
}

/** hcl2shim: a whole number becomes an int, anything else a float64. */
function numberValue(text: string): GoValue {
  const f = Number(text);
  if (/^-?\d+$/.test(text) && BigInt(text) >= -(2n ** 63n) && BigInt(text) < 2n ** 63n) return BigInt(text);
  return Number.isInteger(f) && Math.abs(f) < 2 ** 63 ? BigInt(f) : f;
}

export class TfError extends Error {}

/**
 * The `default` of every variable block in a `.tf` file (variables without one are nil), as
 * Levant gets them from Terraform's configs package: reserved or malformed names, unknown
 * arguments and defaults that do not fit a primitive `type` are errors, with HCL's diagnostics.
 */
export function parseTfVars(src: string, file = 'vars.tf'): Map<MapKey, GoValue> {
  const p = new TfParser(src);
  const vars = new Map<MapKey, GoValue>();
  const diags: string[] = [];
  while (p.peek() !== '') {
    const kind = p.ident();
    const labels: { text: string; from: number; to: number }[] = [];
    while (p.peek() === '"') {
      const from = p.i;
      labels.push({ text: p.string(), from, to: p.i });
    }
    if (p.peek() === '=') {
      p.i++;
      p.value();
      continue;
    }
    p.expect('{');
    let def: GoValue = null;
    let defRange = '';
    let type = 'any';
    const variable = kind === 'variable' && labels[0] !== undefined;
    while (p.peek() !== '}') {
      const from = p.i;
      const name = p.ident();
      const nameRange = rangeOf(src, file, from, p.i);
      if (p.peek() === '=') {
        p.i++;
        p.skip();
        const vFrom = p.i;
        if (variable && name === 'type') {
          const t = /^"?(string|number|bool|any)"?(?![\w(])/.exec(src.slice(p.i));
          type = t ? t[1]! : 'complex';
          p.value2();
        } else {
          const v = p.value();
          if (name === 'default') {
            def = v;
            defRange = rangeOf(src, file, vFrom, p.i);
          }
        }
        if (variable && !VARIABLE_ARGS.includes(name)) {
          const near = VARIABLE_ARGS.find((a) => editDistance(a, name) < 3);
          diags.push(
            `${nameRange}: Unsupported argument; An argument named ${JSON.stringify(name)} is not expected here.${near ? ` Did you mean ${JSON.stringify(near)}?` : ''}`,
          );
        }
      } else {
        while (p.peek() === '"') p.string();
        p.skipBody();
      }
    }
    p.i++;
    if (!variable) continue;
    const label = labels[0]!;
    const labelRange = rangeOf(src, file, label.from, label.to);
    if (!/^[\p{L}_][\p{L}\p{N}_-]*$/u.test(label.text)) {
      diags.push(
        `${labelRange}: Invalid variable name; A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes.`,
      );
    }
    if (RESERVED.includes(label.text)) {
      diags.push(
        `${labelRange}: Invalid variable name; The variable name ${JSON.stringify(label.text)} is reserved due to its special meaning inside module blocks.`,
      );
    }
    const converted = convertDefault(def, type);
    if (converted.ok) def = converted.v;
    else
      diags.push(
        `${defRange}: Invalid default value for variable; This default value is not compatible with the variable's type constraint: ${converted.why}.`,
      );
    vars.set(label.text, def);
  }
  if (diags.length > 0) throw new TfError(diags[0]! + (diags.length > 1 ? `, and ${diags.length - 1} other diagnostic(s)` : ''));
  return vars;
}
