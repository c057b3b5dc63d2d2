/**
 * The slice of shopspring/decimal that Sprig's addf/subf/mulf/divf use: NewFromFloat (the
 * shortest decimal that round-trips), exact Add/Sub/Mul, Div rounded half away from zero at
 * 16 decimal places (DivisionPrecision), and Float64.
 */
export class Decimal {
  /** The value is coef × 10^exp. */
  constructor(
    readonly coef: bigint,
    readonly exp: number,
  ) {}

  static fromFloat(f: number): Decimal {
    if (!Number.isFinite(f)) throw new Error(`Cannot create a Decimal from ${Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf'}`);
    const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(f))!;
    const frac = m[3] ?? '';
    const coef = BigInt((m[1] ?? '') + m[2] + frac);
    return new Decimal(coef, Number(m[4] ?? 0) - frac.length);
  }

  private static align(a: Decimal, b: Decimal): [bigint, bigint, number] {
    const e = Math.min(a.exp, b.exp);
    return [a.coef * 10n ** BigInt(a.exp - e), b.coef * 10n ** BigInt(b.exp - e), e];
  }

  add(d: Decimal): Decimal {
    const [x, y, e] = Decimal.align(this, d);
    return new Decimal(x + y, e);
  }

  sub(d: Decimal): Decimal {
    const [x, y, e] = Decimal.align(this, d);
    return new Decimal(x - y, e);
  }

  mul(d: Decimal): Decimal {
    return new Decimal(this.coef * d.coef, this.exp + d.exp);
  }

  div(d: Decimal, precision = 16): Decimal {
    if (d.coef === 0n) throw new Error('decimal division by 0');
    const k = this.exp - d.exp + precision;
    const num = k >= 0 ? this.coef * 10n ** BigInt(k) : this.coef;
    const den = k >= 0 ? d.coef : d.coef * 10n ** BigInt(-k);
    let q = num / den;
    const r = num - q * den;
    const abs = (x: bigint): bigint => (x < 0n ? -x : x);
    if (2n * abs(r) >= abs(den)) q += this.coef < 0n !== d.coef < 0n ? -1n : 1n;
    return new Decimal(q, -precision);
  }

  toFloat(): number {
    return Number(`${this.coef}e${this.exp}`);
  }
}
