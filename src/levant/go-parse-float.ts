/** strconv.ParseFloat(s, 64), ported from Go's atof.go readFloat/special: syntax, underscores, hex, range. */

export type FloatResult = { ok: true; value: number } | { ok: false; value: number; err: 'invalid syntax' | 'value out of range' };

function special(s: string): number | undefined {
  const low = s.toLowerCase();
  const body = /^[+-]/.test(low) ? low.slice(1) : low;
  const sign = low.startsWith('-') ? -1 : 1;
  if (body === 'inf' || body === 'infinity') return sign * Infinity;
  if (body === 'nan' && !/^[+-]/.test(low)) return NaN;
  return undefined;
}

/** Go's underscoreOK: `_` only between digits, or between a base prefix and a digit. */
export function underscoreOK(text: string): boolean {
  let s = /^[+-]/.test(text) ? text.slice(1) : text;
  let saw = '^';
  let hex = false;
  if (/^0[bBoOxX]/.test(s)) {
    hex = /^0[xX]/.test(s);
    saw = '0';
    s = s.slice(2);
  }
  for (const c of s) {
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) saw = '0';
    else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  return saw !== '_';
}

const DECIMAL = /^[+-]?(?=[.\d_]*\d)[\d_]*(\.[\d_]*)?([eE][+-]?\d[\d_]*)?$/;
const HEX = /^[+-]?0[xX](?=[.\d_a-fA-F]*[\da-fA-F])[\da-fA-F_]*(\.[\da-fA-F_]*)?[pP][+-]?\d[\d_]*$/;

function hexValue(s: string): number {
  const m = /^([+-]?)0[xX]([\da-fA-F]*)(?:\.([\da-fA-F]*))?[pP]([+-]?\d+)$/.exec(s)!;
  const frac = m[3] ?? '';
  const mant = BigInt(`0x${(m[2] ?? '') + frac || '0'}`);
  let exp = Number(m[4]) - 4 * frac.length;
  let v = Number(mant);
  // Scale in steps so that intermediate powers of two stay finite.
  while (exp > 0) {
    const step = Math.min(exp, 1000);
    v *= 2 ** step;
    exp -= step;
  }
  while (exp < 0) {
    const step = Math.max(exp, -1000);
    v *= 2 ** step;
    exp -= step;
  }
  return m[1] === '-' ? -v : v;
}

export function parseGoFloat(s: string): FloatResult {
  const sp = special(s);
  if (sp !== undefined) return { ok: true, value: sp };
  const hex = HEX.test(s);
  if (!hex && !DECIMAL.test(s)) return { ok: false, value: 0, err: 'invalid syntax' };
  if (s.includes('_') && !underscoreOK(s)) return { ok: false, value: 0, err: 'invalid syntax' };
  const clean = s.replace(/_/g, '');
  const v = hex ? hexValue(clean) : Number(clean.replace(/^([+-]?)\./, '$10.').replace(/\.([eE]|$)/, '$1'));
  if (!Number.isFinite(v)) return { ok: false, value: v, err: 'value out of range' };
  return { ok: true, value: v };
}
