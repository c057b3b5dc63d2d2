/**
 * Go's regexp package over re2js (a port of RE2 whose internal RE2 class follows Go's regexp.go):
 * RE2 syntax and errors, Go's FindAll/ReplaceAll/Split loops and its `$name` expansion.
 * Strings are matched as UTF-16 JavaScript strings; for valid UTF-8 text that is the same match.
 */
import { RE2JS, RE2JSException } from 're2js';
import { canBackquote, quote } from './fmt-quote.js';

/** The parts of re2js's internal RE2 (Go's *regexp.Regexp) used here. */
interface RE2 {
  numSubexp: number;
  namedGroups: Record<string, number>;
  match(s: string): boolean;
  matchWithGroup(input: string, start: number, end: number, anchor: number, ngroup: number): [boolean, number[] | null];
  findAllSubmatchIndex(s: string, n: number): number[][] | null;
}

/** regexp.Compile's error ("error parsing regexp: missing closing ): `(`"). */
export class RegexpError extends Error {}

const UNANCHORED = 0;

export class GoRegexp {
  private constructor(
    readonly expr: string,
    private readonly re: RE2,
  ) {}

  static compile(expr: string): GoRegexp {
    try {
      return new GoRegexp(expr, (RE2JS.compile(expr) as unknown as { re2Input: RE2 }).re2Input);
    } catch (e) {
      if (e instanceof RE2JSException) throw new RegexpError(e.message);
      throw e;
    }
  }

  /** regexp.MustCompile: the panic text a template shows. */
  static mustCompile(expr: string): GoRegexp {
    try {
      return GoRegexp.compile(expr);
    } catch (e) {
      if (e instanceof RegexpError) throw new RegexpError(`regexp: Compile(${canBackquote(expr) ? `\`${expr}\`` : quote(expr)}): ${e.message}`);
      throw e;
    }
  }

  matchString(s: string): boolean {
    return this.re.match(s);
  }

  /** FindAllStringSubmatchIndex (n < 0: all); empty when nothing matches. */
  private all(s: string, n: number): number[][] {
    if (n === 0) return [];
    return this.re.findAllSubmatchIndex(s, n < 0 ? s.length + 1 : n) ?? [];
  }

  findString(s: string): string {
    const m = this.all(s, 1)[0];
    return m ? s.slice(m[0], m[1]) : '';
  }

  /** FindStringSubmatch; a group that took no part is "" (as in Go); `undefined` when nothing matches. */
  findStringSubmatch(s: string): string[] | undefined {
    const m = this.all(s, 1)[0];
    if (!m) return undefined;
    const out: string[] = [];
    for (let i = 0; i < m.length; i += 2) out.push(m[i]! < 0 ? '' : s.slice(m[i], m[i + 1]));
    return out;
  }

  /** FindAllStringSubmatch (n < 0: all). */
  findAllStringSubmatch(s: string, n: number): string[][] {
    return this.all(s, n).map((m) => {
      const out: string[] = [];
      for (let i = 0; i < m.length; i += 2) out.push(m[i]! < 0 ? '' : s.slice(m[i], m[i + 1]));
      return out;
    });
  }

  /** FindAllString; `undefined` is Go's nil slice (no match). */
  findAllString(s: string, n: number): string[] | undefined {
    const ms = this.all(s, n);
    return ms.length === 0 ? undefined : ms.map((m) => s.slice(m[0], m[1]));
  }

  /** Split; `undefined` is Go's nil slice (n == 0). */
  split(s: string, n: number): string[] | undefined {
    if (n === 0) return undefined;
    if (this.expr.length > 0 && s.length === 0) return [''];
    const out: string[] = [];
    let beg = 0;
    let end = 0;
    for (const m of this.all(s, n)) {
      if (n > 0 && out.length === n - 1) break;
      end = m[0]!;
      if (m[1] !== 0) out.push(s.slice(beg, end));
      beg = m[1]!;
    }
    if (end !== s.length) out.push(s.slice(beg));
    return out;
  }

  /** regexp.replaceAll's loop: no replacement for an empty match right after a match. */
  private replace(src: string, repl: (m: number[]) => string): string {
    let out = '';
    let lastMatchEnd = 0;
    let searchPos = 0;
    const ngroup = this.re.numSubexp + 1;
    while (searchPos <= src.length) {
      const [ok, a] = this.re.matchWithGroup(src, searchPos, src.length, UNANCHORED, ngroup);
      if (!ok || !a) break;
      out += src.slice(lastMatchEnd, a[0]);
      if (a[1]! > lastMatchEnd || a[0] === 0) out += repl(a);
      lastMatchEnd = a[1]!;
      const cp = src.codePointAt(searchPos);
      const width = cp === undefined ? 1 : cp > 0xffff ? 2 : 1;
      if (searchPos + width > a[1]!) searchPos += width;
      else if (searchPos + 1 > a[1]!) searchPos++;
      else searchPos = a[1]!;
    }
    return out + src.slice(lastMatchEnd);
  }

  replaceAllString(src: string, template: string): string {
    return this.replace(src, (m) => this.expand(template, src, m));
  }

  replaceAllLiteralString(src: string, repl: string): string {
    return this.replace(src, () => repl);
  }

  /** Regexp.expand: `$1`, `${1}`, `$name`, `${name}`, `$$`; a malformed `$` stays as it is. */
  private expand(template: string, src: string, match: number[]): string {
    let out = '';
    let rest = template;
    for (;;) {
      const at = rest.indexOf('$');
      if (at < 0) break;
      out += rest.slice(0, at);
      rest = rest.slice(at + 1);
      if (rest.startsWith('$')) {
        out += '$';
        rest = rest.slice(1);
        continue;
      }
      const ref = extract(rest);
      if (!ref) {
        out += '$';
        continue;
      }
      rest = ref.rest;
      const group = ref.num >= 0 ? ref.num : this.re.namedGroups[ref.name];
      if (group !== undefined && 2 * group + 1 < match.length && match[2 * group]! >= 0) {
        out += src.slice(match[2 * group], match[2 * group + 1]);
      }
    }
    return out + rest;
  }
}

function extract(str: string): { name: string; num: number; rest: string } | undefined {
  const m = /^(\{?)([\p{L}\p{Nd}_]+)/u.exec(str);
  if (!m) return undefined;
  const name = m[2]!;
  let i = m[0].length;
  if (m[1]) {
    if (str[i] !== '}') return undefined;
    i++;
  }
  let num = /^\d+$/.test(name) && name.length <= 9 ? Number(name) : -1;
  if (name[0] === '0' && name.length > 1) num = -1;
  return { name, num, rest: str.slice(i) };
}

/** regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
