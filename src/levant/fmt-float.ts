/**
 * strconv.FormatFloat for 'e', 'E', 'f', 'g', 'G' on float64, digit for digit: exact decimal
 * expansion and round-half-even for a fixed precision, shortest round-trip digits otherwise.
 */

interface Digits {
  /** Significant digits without trailing zeros ("" for zero). */
  d: string;
  /** Position of the decimal point relative to the start of `d`. */
  dp: number;
}

/** The exact decimal value of a finite, non-negative double. */
function exactDigits(v: number): Digits {
  if (v === 0) return { d: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let exp: number;
  if (expBits === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = expBits - 1075;
  }
  let digits: string;
  let dp: number;
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString();
    dp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-exp)).toString();
    dp = digits.length + exp;
  }
  return trim({ d: digits, dp });
}

function trim(x: Digits): Digits {
  let d = x.d.replace(/0+$/, '');
  let dp = x.dp;
  const lead = d.length - d.replace(/^0+/, '').length;
  d = d.slice(lead);
  dp -= lead;
  return d === '' ? { d: '', dp: 0 } : { d, dp };
}

/** Rounds to `nd` significant digits, ties to even (Go's decimal.Round). */
function roundTo(x: Digits, nd: number): Digits {
  if (nd < 0 || nd >= x.d.length) return nd < 0 ? { d: '', dp: 0 } : x;
  const rest = x.d.slice(nd);
  let up: boolean;
  if (rest[0]! > '5') up = true;
  else if (rest[0]! < '5') up = false;
  else if (/[1-9]/.test(rest.slice(1))) up = true;
  else up = nd > 0 && Number(x.d[nd - 1]) % 2 === 1;
  if (!up) return trim({ d: x.d.slice(0, nd), dp: x.dp });
  const head = x.d.slice(0, nd);
  if (head === '') return { d: '1', dp: x.dp + 1 };
  const bumped = (BigInt(head) + 1n).toString();
  return trim({ d: bumped, dp: x.dp + (bumped.length - head.length) });
}

function shortestDigits(v: number): Digits {
  if (v === 0) return { d: '', dp: 0 };
  const [mant, e] = v.toExponential().split('e') as [string, string];
  return trim({ d: mant.replace('.', ''), dp: Number(e) + 1 });
}

function fmtE(x: Digits, prec: number, verb: 'e' | 'E'): string {
  let out = x.d.length ? x.d[0]! : '0';
  if (prec > 0) out += `.${x.d.slice(1, prec + 1).padEnd(prec, '0')}`;
  let exp = x.d.length === 0 ? 0 : x.dp - 1;
  const sign = exp < 0 ? '-' : '+';
  exp = Math.abs(exp);
  return `${out}${verb}${sign}${exp < 10 ? `0${exp}` : String(exp)}`;
}

function fmtF(x: Digits, prec: number): string {
  let out = '';
  if (x.dp > 0) out = x.d.slice(0, x.dp).padEnd(x.dp, '0');
  else out = '0';
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) {
      const j = x.dp + i - 1;
      out += j >= 0 && j < x.d.length ? x.d[j] : '0';
    }
  }
  return out;
}

/** Mantissa (with the implicit bit) and binary exponent, as strconv splits a float64. */
function bitsOf(v: number): { mant: bigint; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(v));
  const bits = view.getBigUint64(0);
  let exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  if (exp === 0) exp++;
  else mant |= 1n << 52n;
  return { mant, exp: exp - 1023 };
}

/** strconv's %b: decimal mantissa, binary exponent ("4503599627370496p-52"). */
function fmtB(neg: boolean, v: number): string {
  const { mant, exp } = bitsOf(v);
  const e = exp - 52;
  return `${neg ? '-' : ''}${mant}p${e >= 0 ? '+' : ''}${e}`;
}

/** strconv's %x / %X: hexadecimal mantissa and binary exponent ("0x1.8p+00"). */
function fmtX(neg: boolean, v: number, prec: number, verb: 'x' | 'X'): string {
  let { mant, exp } = bitsOf(v);
  if (mant === 0n) exp = 0;
  const ONE = 1n << 60n;
  mant <<= 8n;
  while (mant !== 0n && (mant & ONE) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & (ONE - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = verb === 'X' ? '0123456789ABCDEF' : '0123456789abcdef';
  let out = `${neg ? '-' : ''}0${verb}${(mant >> 60n) & 1n}`;
  mant = (mant << 4n) & ((1n << 64n) - 1n);
  if ((prec < 0 && mant !== 0n) || prec > 0) {
    out += '.';
    for (let i = 0; prec < 0 ? mant !== 0n : i < prec; i++) {
      out += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  }
  const e = Math.abs(exp);
  return `${out}${verb === 'X' ? 'P' : 'p'}${exp < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
}

/** strconv.FormatFloat(v, verb, prec, 64); prec -1 means shortest. */
export function formatFloat(v: number, verb: string, prec: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const neg = v < 0 || Object.is(v, -0);
  if (verb === 'b') return fmtB(neg, v);
  if (verb === 'x' || verb === 'X') return fmtX(neg, v, prec, verb);
  const abs = Math.abs(v);
  const shortest = prec < 0;
  let f = verb === 'e' || verb === 'E' || verb === 'f' || verb === 'G' ? verb : 'g';
  if (verb === 'F') f = 'f';
  let digs: Digits;
  if (shortest) {
    digs = shortestDigits(abs);
    if (f === 'e' || f === 'E') prec = Math.max(digs.d.length - 1, 0);
    else if (f === 'f') prec = Math.max(digs.d.length - digs.dp, 0);
    else prec = digs.d.length;
  } else {
    const exact = exactDigits(abs);
    if (f === 'e' || f === 'E') digs = roundTo(exact, prec + 1);
    else if (f === 'f') digs = roundTo(exact, exact.dp + prec);
    else {
      if (prec === 0) prec = 1;
      digs = roundTo(exact, prec);
    }
  }
  const sign = neg ? '-' : '';
  if (f === 'e' || f === 'E') return sign + fmtE(digs, prec, f);
  if (f === 'f') return sign + fmtF(digs, prec);
  let eprec = prec;
  if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
  if (shortest) eprec = 6;
  const exp = digs.dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (prec > digs.d.length) prec = digs.d.length;
    return sign + fmtE(digs, prec - 1, f === 'G' ? 'E' : 'e');
  }
  if (prec > digs.dp) prec = digs.d.length;
  return sign + fmtF(digs, Math.max(prec - digs.dp, 0));
}
