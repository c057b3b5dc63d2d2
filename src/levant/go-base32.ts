/** encoding/base32 StdEncoding, ported from Go's base32.go (padding rules and error offsets). */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(s: string): string {
  const b = Buffer.from(s);
  let out = '';
  for (let i = 0; i < b.length; i += 5) {
    const chunk = b.subarray(i, i + 5);
    let bits = 0n;
    for (let j = 0; j < 5; j++) bits = (bits << 8n) | BigInt(chunk[j] ?? 0);
    const chars = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => ALPHABET[Number((bits >> BigInt(35 - 5 * k)) & 31n)]!);
    const keep = [0, 2, 4, 5, 7, 8][chunk.length]!;
    out += chars.slice(0, keep).join('') + '='.repeat(8 - keep);
  }
  return out;
}

/** base32.StdEncoding.DecodeString; a failure is Go's "illegal base32 data at input byte N". */
export function base32Decode(s: string): { ok: true; value: string } | { ok: false; err: string } {
  const src = [...Buffer.from(s)].filter((c) => c !== 0x0d && c !== 0x0a);
  const olen = src.length;
  const corrupt = (at: number) => ({ ok: false as const, err: `illegal base32 data at input byte ${at}` });
  const out: number[] = [];
  let pos = 0;
  let end = false;
  while (pos < olen && !end) {
    const dbuf = [0, 0, 0, 0, 0, 0, 0, 0];
    let dlen = 8;
    for (let j = 0; j < 8; ) {
      const left = olen - pos;
      if (left === 0) return corrupt(olen - left - j);
      const c = src[pos++]!;
      const rest = olen - pos;
      if (c === 0x3d && j >= 2 && rest < 8) {
        if (rest + j < 7) return corrupt(olen);
        for (let k = 0; k < 7 - j; k++) if (rest > k && src[pos + k] !== 0x3d) return corrupt(olen - rest + k - 1);
        dlen = j;
        end = true;
        if (dlen === 1 || dlen === 3 || dlen === 6) return corrupt(olen - rest - 1);
        break;
      }
      const v = ALPHABET.indexOf(String.fromCharCode(c));
      if (v < 0) return corrupt(olen - rest - 1);
      dbuf[j] = v;
      j++;
    }
    let bits = 0n;
    for (const d of dbuf) bits = (bits << 5n) | BigInt(d);
    const bytes = [4, 3, 2, 1, 0].map((k) => Number((bits >> BigInt(8 * k)) & 255n));
    out.push(...bytes.slice(0, { 8: 5, 7: 4, 5: 3, 4: 2, 2: 1 }[dlen] ?? 0));
  }
  return { ok: true, value: Buffer.from(out).toString() };
}
