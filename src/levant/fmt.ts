/**
 * Go's fmt.Sprint, Sprintln and Sprintf over GoValues, ported from fmt/print.go and fmt/format.go
 * (flags, width, precision, `%!verb(type=value)` errors, MISSING and EXTRA arguments).
 */
import { formatFloat } from './fmt-float.js';
import { canBackquote, quote, quoteRune } from './fmt-quote.js';
import { formatTime } from './time-format.js';
import { GoChan, GoMap, type GoNum, GoObject, GoSlice, GoTime, type GoValue, kindOf, sortedKeys, typeOf } from './values.js';

/** Where Go prints an address (pointers, funcs, chans), a fixed one: the real one differs each run. */
const ADDRESS = '0xc000010000';

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid: number | undefined;
  prec: number | undefined;
}

const noFlags = (): Flags => ({
  plus: false,
  minus: false,
  sharp: false,
  space: false,
  zero: false,
  plusV: false,
  sharpV: false,
  wid: undefined,
  prec: undefined,
});

const runeCount = (s: string): number => [...s].length;

class Printer {
  buf = '';
  f: Flags = noFlags();

  private padding(n: number): string {
    return n > 0 ? (this.f.zero ? '0' : ' ').repeat(n) : '';
  }

  pad(s: string): void {
    const { wid, minus } = this.f;
    if (!wid) {
      this.buf += s;
      return;
    }
    const p = this.padding(wid - runeCount(s));
    this.buf += minus ? s + p : p + s;
  }

  private withoutZero(fn: () => void): void {
    const old = this.f.zero;
    this.f.zero = false;
    fn();
    this.f.zero = old;
  }

  badVerb(verb: string, v: GoValue): void {
    this.buf += `%!${verb}(`;
    if (v === null) this.buf += '<nil>';
    else {
      this.buf += `${typeOf(v)}=`;
      this.printArg(v, 'v');
    }
    this.buf += ')';
  }

  printArg(arg: GoValue, verb: string): void {
    if (arg === null) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb, null);
      return;
    }
    if (verb === 'T') {
      this.truncPad(typeOf(arg));
      return;
    }
    this.printValue(arg, verb, 0);
  }

  private truncPad(s: string): void {
    const { prec } = this.f;
    this.pad(prec === undefined ? s : [...s].slice(0, prec).join(''));
  }

  printValue(v: GoValue, verb: string, depth: number): void {
    if (v === null) {
      if (depth === 0) this.buf += '<invalid reflect.Value>';
      else if (this.f.sharpV) this.buf += 'interface {}(nil)';
      else this.buf += '<nil>';
      return;
    }
    if (v instanceof GoTime) {
      if (['v', 's', 'x', 'X', 'q'].includes(verb) && !this.f.sharpV) this.fmtString(formatTime(v, 'string'), verb, v);
      else this.buf += '{}';
      return;
    }
    if (v instanceof GoObject) return this.printObject(v, verb, depth);
    if (v instanceof GoSlice) return this.printSlice(v, verb, depth);
    if (v instanceof GoMap) return this.printMap(v, verb, depth);
    if (v instanceof GoChan) {
      this.buf += '0xc000010000';
      return;
    }
    switch (kindOf(v)) {
      case 'bool':
        if (verb === 't' || verb === 'v') this.pad(v ? 'true' : 'false');
        else this.badVerb(verb, v);
        return;
      case 'int':
      case 'uint':
        return this.fmtIntegerVerb(typeof v === 'bigint' ? v : (v as GoNum).v, kindOf(v) === 'int', verb, v);
      case 'float':
        return this.fmtFloatVerb(v as number, verb);
      case 'string':
        return this.fmtString(v as string, verb, v);
    }
  }

  private printSlice(v: GoSlice, verb: string, depth: number): void {
    if (this.f.sharpV) {
      this.buf += v.type;
      if (v.isNil) {
        this.buf += '(nil)';
        return;
      }
      this.buf += '{';
      v.items.forEach((item, i) => {
        if (i > 0) this.buf += ', ';
        this.printValue(item, verb, depth + 1);
      });
      this.buf += '}';
      return;
    }
    this.buf += '[';
    v.items.forEach((item, i) => {
      if (i > 0) this.buf += ' ';
      this.printValue(item, verb, depth + 1);
    });
    this.buf += ']';
  }

  /** handleMethods (a Stringer for %v %s %x %X %q), else a struct, behind `&` at the top level. */
  private printObject(v: GoObject, verb: string, depth: number): void {
    if (v.stringer && !this.f.sharpV && ['v', 's', 'x', 'X', 'q'].includes(verb)) return this.fmtString(v.stringer(), verb, v);
    if (v.kind === 'func') {
      this.buf += this.f.sharpV ? `(${v.type})(${ADDRESS})` : ADDRESS;
      return;
    }
    if (v.kind === 'ptr') {
      if (depth > 0) {
        this.buf += ADDRESS;
        return;
      }
      this.buf += '&';
    }
    if (this.f.sharpV) this.buf += v.type.replace(/^\*/, '');
    this.buf += '{';
    v.fields.forEach((f, i) => {
      if (i > 0) this.buf += this.f.sharpV ? ', ' : ' ';
      if (this.f.plusV || this.f.sharpV) this.buf += `${f.name}:`;
      this.printValue(f.value, verb, depth + 1);
    });
    this.buf += '}';
  }

  private printMap(v: GoMap, verb: string, depth: number): void {
    this.buf += this.f.sharpV ? `${v.type}{` : 'map[';
    sortedKeys(v).forEach((k, i) => {
      if (i > 0) this.buf += this.f.sharpV ? ', ' : ' ';
      this.printValue(k, verb, depth + 1);
      this.buf += ':';
      this.printValue(v.entries.get(k) ?? null, verb, depth + 1);
    });
    this.buf += this.f.sharpV ? '}' : ']';
  }

  private fmtString(s: string, verb: string, orig: GoValue): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV) this.fmtQ(s);
        else this.truncPad(s);
        return;
      case 's':
        return this.truncPad(s);
      case 'x':
      case 'X':
        return this.fmtSx(s, verb === 'x' ? '0123456789abcdefx' : '0123456789ABCDEFX');
      case 'q':
        return this.fmtQ(s);
      default:
        this.badVerb(verb, orig);
    }
  }

  private fmtQ(s: string): void {
    const { prec } = this.f;
    if (prec !== undefined) s = [...s].slice(0, prec).join('');
    if (this.f.sharp && canBackquote(s)) this.pad(`\`${s}\``);
    else this.pad(quote(s, this.f.plus));
  }

  private fmtSx(s: string, digits: string): void {
    let bytes = Buffer.from(s);
    if (this.f.prec !== undefined && this.f.prec < bytes.length) bytes = bytes.subarray(0, this.f.prec);
    const length = bytes.length;
    const wid = this.f.wid ?? 0;
    let width = 2 * length;
    if (width <= 0) {
      if (this.f.wid !== undefined) this.buf += this.padding(wid);
      return;
    }
    if (this.f.space) width = (this.f.sharp ? width * 2 : width) + length - 1;
    else if (this.f.sharp) width += 2;
    if (wid > width && !this.f.minus) this.buf += this.padding(wid - width);
    let out = this.f.sharp ? `0${digits[16]}` : '';
    bytes.forEach((c, i) => {
      if (this.f.space && i > 0) out += ` ${this.f.sharp ? `0${digits[16]}` : ''}`;
      out += digits[c >> 4]! + digits[c & 15]!;
    });
    this.buf += out;
    if (wid > width && this.f.minus) this.buf += this.padding(wid - width);
  }

  private fmtIntegerVerb(n: bigint, signed: boolean, verb: string, orig: GoValue): void {
    const lower = '0123456789abcdefx';
    switch (verb) {
      case 'v':
        if (this.f.sharpV && !signed) {
          const sharp = this.f.sharp;
          this.f.sharp = true;
          this.fmtInteger(n, 16, signed, 'v', lower);
          this.f.sharp = sharp;
        } else this.fmtInteger(n, 10, signed, verb, lower);
        return;
      case 'd':
        return this.fmtInteger(n, 10, signed, verb, lower);
      case 'b':
        return this.fmtInteger(n, 2, signed, verb, lower);
      case 'o':
      case 'O':
        return this.fmtInteger(n, 8, signed, verb, lower);
      case 'x':
        return this.fmtInteger(n, 16, signed, verb, lower);
      case 'X':
        return this.fmtInteger(n, 16, signed, verb, '0123456789ABCDEFX');
      case 'c':
        return this.pad(String.fromCodePoint(validRune(n)));
      case 'q':
        return this.pad(quoteRune(Number(validRune(n)), this.f.plus));
      case 'U':
        return this.fmtUnicode(n);
      default:
        this.badVerb(verb, orig);
    }
  }

  private fmtInteger(n: bigint, base: number, signed: boolean, verb: string, digits: string): void {
    const negative = signed && n < 0n;
    let u = negative ? -n : BigInt.asUintN(64, n);
    let prec = 0;
    if (this.f.prec !== undefined) {
      prec = this.f.prec;
      if (prec === 0 && u === 0n) {
        this.withoutZero(() => (this.buf += this.padding(this.f.wid ?? 0)));
        return;
      }
    } else if (this.f.zero && this.f.wid !== undefined) {
      prec = this.f.wid;
      if (negative || this.f.plus || this.f.space) prec--;
    }
    let s = '';
    const b = BigInt(base);
    do {
      s = digits[Number(u % b)]! + s;
      u /= b;
    } while (u > 0n);
    if (s.length < prec) s = '0'.repeat(prec - s.length) + s;
    if (this.f.sharp) {
      if (base === 2) s = `0b${s}`;
      else if (base === 8 && s[0] !== '0') s = `0${s}`;
      else if (base === 16) s = `0${digits[16]}${s}`;
    }
    if (verb === 'O') s = `0o${s}`;
    if (negative) s = `-${s}`;
    else if (this.f.plus) s = `+${s}`;
    else if (this.f.space) s = ` ${s}`;
    this.withoutZero(() => this.pad(s));
  }

  private fmtUnicode(n: bigint): void {
    let prec = 4;
    if (this.f.prec !== undefined && this.f.prec > 4) prec = this.f.prec;
    let s = BigInt.asUintN(64, n).toString(16).toUpperCase().padStart(prec, '0');
    s = `U+${s}`;
    if (this.f.sharp && n <= 0x10ffffn) {
      const ch = String.fromCodePoint(Number(validRune(n)));
      if (/[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(ch)) s += ` '${ch}'`;
    }
    this.withoutZero(() => this.pad(s));
  }

  private fmtFloatVerb(v: number, verb: string): void {
    switch (verb) {
      case 'v':
        return this.fmtFloat(v, 'g', -1);
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        return this.fmtFloat(v, verb, -1);
      case 'f':
      case 'e':
      case 'E':
        return this.fmtFloat(v, verb, 6);
      case 'F':
        return this.fmtFloat(v, 'f', 6);
      default:
        this.badVerb(verb, v);
    }
  }

  private fmtFloat(v: number, verb: string, prec: number): void {
    if (this.f.prec !== undefined) prec = this.f.prec;
    let num = formatFloat(v, verb, prec);
    num = num[0] === '-' || num[0] === '+' ? num : `+${num}`;
    if (this.f.space && num[0] === '+' && !this.f.plus) num = ` ${num.slice(1)}`;
    if (num[1] === 'I' || num[1] === 'N') {
      if (num[1] === 'N' && !this.f.space && !this.f.plus) num = num.slice(1);
      this.withoutZero(() => this.pad(num));
      return;
    }
    if (this.f.sharp && verb !== 'b') num = sharpFloat(num, verb, prec);
    if (this.f.plus || num[0] !== '+') {
      const wid = this.f.wid ?? 0;
      if (this.f.zero && this.f.wid !== undefined && wid > num.length) {
        this.buf += num[0] + this.padding(wid - num.length) + num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }
}

function validRune(n: bigint): number {
  return n < 0n || n > 0x10ffffn || (n >= 0xd800n && n <= 0xdfffn) ? 0xfffd : Number(n);
}

/** The `#` flag on floats: keep the decimal point and trailing zeros. */
function sharpFloat(num: string, verb: string, prec: number): string {
  let digits = 0;
  if (['v', 'g', 'G', 'x'].includes(verb)) digits = prec === -1 ? 6 : prec;
  let tail = '';
  let body = num;
  const e = body.search(verb === 'x' || verb === 'X' ? /[pP]/ : /[eEpP]/);
  if (e >= 0) {
    tail = body.slice(e);
    body = body.slice(0, e);
  }
  let sawNonzero = false;
  for (const c of body.slice(1)) {
    if (c === '.') continue;
    if (c !== '0') sawNonzero = true;
    if (sawNonzero) digits--;
  }
  if (!body.includes('.')) {
    if (body.length === 2 && body[1] === '0') digits--;
    body += '.';
  }
  return body + '0'.repeat(Math.max(digits, 0)) + tail;
}

/** fmt.Sprint. */
export function sprint(args: GoValue[]): string {
  const p = new Printer();
  let prevString = false;
  args.forEach((arg, i) => {
    const isString = typeof arg === 'string';
    if (i > 0 && !isString && !prevString) p.buf += ' ';
    p.printArg(arg, 'v');
    prevString = isString;
  });
  return p.buf;
}

/** fmt.Sprintln. */
export function sprintln(args: GoValue[]): string {
  const p = new Printer();
  args.forEach((arg, i) => {
    if (i > 0) p.buf += ' ';
    p.printArg(arg, 'v');
  });
  return `${p.buf}\n`;
}

function parseNum(format: string, i: number): { n: number | undefined; i: number } {
  let j = i;
  while (j < format.length && format[j]! >= '0' && format[j]! <= '9') j++;
  if (j === i) return { n: undefined, i };
  const n = Number(format.slice(i, j));
  return n > 1e6 ? { n: undefined, i: j } : { n, i: j };
}

function intFromArg(args: GoValue[], argNum: number): { n: number | undefined; argNum: number } {
  if (argNum >= args.length) return { n: undefined, argNum };
  const a = args[argNum]!;
  if (a !== null && (kindOf(a) === 'int' || kindOf(a) === 'uint')) {
    const n = typeof a === 'bigint' ? a : (a as GoNum).v;
    if (n > 1000000n || n < -1000000n) return { n: undefined, argNum: argNum + 1 };
    return { n: Number(n), argNum: argNum + 1 };
  }
  return { n: undefined, argNum: argNum + 1 };
}

/** parseArgNumber: `[n]` at the start of `format`, one-indexed. */
function parseArgNumber(format: string): { index: number; wid: number; ok: boolean } {
  if (format.length < 3) return { index: 0, wid: 1, ok: false };
  const close = format.indexOf(']', 1);
  if (close < 0) return { index: 0, wid: 1, ok: false };
  const r = parseNum(format.slice(0, close), 1);
  if (r.n === undefined || r.i !== close) return { index: 0, wid: close + 1, ok: false };
  return { index: r.n - 1, wid: close + 1, ok: true };
}

/** fmt.Sprintf, following doPrintf: flags, `[n]` argument indexes, `*` width and precision. */
export function sprintf(format: string, args: GoValue[]): string {
  const p = new Printer();
  let argNum = 0;
  let afterIndex = false;
  let reordered = false;
  let goodArgNum = true;
  const argNumber = (i: number): number => {
    if (i >= format.length || format[i] !== '[') {
      afterIndex = false;
      return i;
    }
    reordered = true;
    const r = parseArgNumber(format.slice(i));
    if (r.ok && r.index >= 0 && r.index < args.length) {
      argNum = r.index;
      afterIndex = true;
      return i + r.wid;
    }
    goodArgNum = false;
    afterIndex = r.ok;
    return i + r.wid;
  };
  let i = 0;
  const end = format.length;
  outer: while (i < end) {
    goodArgNum = true;
    const lasti = i;
    while (i < end && format[i] !== '%') i++;
    if (i > lasti) p.buf += format.slice(lasti, i);
    if (i >= end) break;
    i++;
    p.f = noFlags();
    for (; i < end; i++) {
      const c = format[i]!;
      if (c === '#') p.f.sharp = true;
      else if (c === '0') p.f.zero = !p.f.minus;
      else if (c === '+') p.f.plus = true;
      else if (c === '-') {
        p.f.minus = true;
        p.f.zero = false;
      } else if (c === ' ') p.f.space = true;
      else {
        if (c >= 'a' && c <= 'z' && argNum < args.length) {
          if (c === 'v') {
            p.f.sharpV = p.f.sharp;
            p.f.sharp = false;
            p.f.plusV = p.f.plus;
            p.f.plus = false;
          }
          p.printArg(args[argNum]!, c);
          argNum++;
          i++;
          continue outer;
        }
        break;
      }
    }
    i = argNumber(i);
    if (i < end && format[i] === '*') {
      i++;
      const r = intFromArg(args, argNum);
      argNum = r.argNum;
      p.f.wid = r.n;
      if (r.n === undefined) p.buf += '%!(BADWIDTH)';
      else if (r.n < 0) {
        p.f.wid = -r.n;
        p.f.minus = true;
        p.f.zero = false;
      }
      afterIndex = false;
    } else {
      const r = parseNum(format, i);
      p.f.wid = r.n;
      i = r.i;
      if (afterIndex && r.n !== undefined) goodArgNum = false;
    }
    if (i + 1 < end && format[i] === '.') {
      i++;
      if (afterIndex) goodArgNum = false;
      i = argNumber(i);
      if (i < end && format[i] === '*') {
        i++;
        const r = intFromArg(args, argNum);
        argNum = r.argNum;
        p.f.prec = r.n !== undefined && r.n < 0 ? undefined : r.n;
        if (p.f.prec === undefined) p.buf += '%!(BADPREC)';
        afterIndex = false;
      } else {
        const r = parseNum(format, i);
        p.f.prec = r.n ?? 0;
        i = r.i;
      }
    }
    if (!afterIndex) i = argNumber(i);
    if (i >= end) {
      p.buf += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') p.buf += '%';
    else if (!goodArgNum) p.buf += `%!${verb}(BADINDEX)`;
    else if (argNum >= args.length) p.buf += `%!${verb}(MISSING)`;
    else {
      if (verb === 'v') {
        p.f.sharpV = p.f.sharp;
        p.f.sharp = false;
        p.f.plusV = p.f.plus;
        p.f.plus = false;
      }
      p.printArg(args[argNum]!, verb);
      argNum++;
    }
  }
  if (!reordered && argNum < args.length) {
    p.f = noFlags();
    p.buf += '%!(EXTRA ';
    args.slice(argNum).forEach((arg, k) => {
      if (k > 0) p.buf += ', ';
      if (arg === null) p.buf += '<nil>';
      else {
        p.buf += `${typeOf(arg)}=`;
        p.printArg(arg, 'v');
      }
    });
    p.buf += ')';
  }
  return p.buf;
}
