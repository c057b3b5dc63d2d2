/** strconv.Unquote and UnquoteChar for template string and character literals. */

export class SyntaxError_ extends Error {}

const SIMPLE: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };

/** Decodes one (possibly escaped) character at `i`; bytes go to `out`. Returns the next index. */
function unquoteChar(s: string, i: number, quote: string, out: number[]): number {
  const c = s[i]!;
  if (c === quote && (quote === "'" || quote === '"')) throw new SyntaxError_('invalid syntax');
  if (c !== '\\') {
    const ch = String.fromCodePoint(s.codePointAt(i)!);
    out.push(...Buffer.from(ch));
    return i + ch.length;
  }
  const e = s[i + 1];
  if (e === undefined) throw new SyntaxError_('invalid syntax');
  if (e in SIMPLE) {
    out.push(SIMPLE[e]!);
    return i + 2;
  }
  if (e === "'" || e === '"') {
    if (e !== quote) throw new SyntaxError_('invalid syntax');
    out.push(e.charCodeAt(0));
    return i + 2;
  }
  const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
  if (hexLen) {
    const h = s.slice(i + 2, i + 2 + hexLen);
    if (h.length !== hexLen || !/^[0-9a-fA-F]+$/.test(h)) throw new SyntaxError_('invalid syntax');
    const v = parseInt(h, 16);
    if (e === 'x') out.push(v);
    else {
      if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new SyntaxError_('invalid syntax');
      out.push(...Buffer.from(String.fromCodePoint(v)));
    }
    return i + 2 + hexLen;
  }
  if (e >= '0' && e <= '7') {
    const o = s.slice(i + 1, i + 4);
    if (!/^[0-7]{3}$/.test(o) || parseInt(o, 8) > 255) throw new SyntaxError_('invalid syntax');
    out.push(parseInt(o, 8));
    return i + 4;
  }
  throw new SyntaxError_('invalid syntax');
}

/** strconv.Unquote for "..." and `...` literals. */
export function unquote(s: string): string {
  if (s.length < 2) throw new SyntaxError_('invalid syntax');
  const q = s[0]!;
  if (q !== s[s.length - 1]) throw new SyntaxError_('invalid syntax');
  const body = s.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) throw new SyntaxError_('invalid syntax');
    return body.replace(/\r/g, '');
  }
  if (q !== '"') throw new SyntaxError_('invalid syntax');
  if (body.includes('\n')) throw new SyntaxError_('invalid syntax');
  const out: number[] = [];
  for (let i = 0; i < body.length; ) i = unquoteChar(body, i, '"', out);
  return Buffer.from(out).toString('utf8');
}

/** The rune of a character literal like `'a'` or `'\n'`; throws on anything else. */
export function unquoteRune(text: string): number {
  const out: number[] = [];
  const next = unquoteChar(text, 1, "'", out);
  if (text.slice(next) !== "'") throw new SyntaxError_(`malformed character constant: ${text}`);
  const decoded = Buffer.from(out).toString('utf8');
  return out.length === 1 ? out[0]! : decoded.codePointAt(0)!;
}

/** strconv.ParseInt/ParseUint with base 0 (0x, 0o, 0b prefixes and `_` separators). */
export function parseGoInt(text: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (!m) return undefined;
  let body = m[2]!;
  if (body.includes('_')) {
    const prefix = /^0[xXoObB]/.test(body) ? body.slice(0, 2) : body[0] === '0' ? '0' : '';
    const rest = body.slice(prefix.length);
    if (!/^_?[0-9a-fA-F]+(_[0-9a-fA-F]+)*$/.test(rest) || (prefix === '' && rest.startsWith('_'))) return undefined;
    body = body.replace(/_/g, '');
  }
  let v: bigint;
  if (/^0[oO]/.test(body)) v = BigInt(`0o${body.slice(2)}`);
  else if (/^0[0-7]+$/.test(body)) v = BigInt(`0o${body.slice(1)}`);
  else v = BigInt(body);
  return m[1] === '-' ? -v : v;
}
