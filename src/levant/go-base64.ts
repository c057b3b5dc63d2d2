/** encoding/base64's StdEncoding.DecodeString as far as Sprig's callers see it: bytes, or Go's error text. */
export function decodeStdBase64(s: string): { ok: true; bytes: Buffer } | { ok: false; err: string } {
  const clean = /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0;
  if (!clean) {
    const bad = [...s].findIndex((c) => !/[A-Za-z0-9+/=]/.test(c));
    return { ok: false, err: `illegal base64 data at input byte ${bad >= 0 ? bad : Math.floor(s.length / 4) * 4}` };
  }
  return { ok: true, bytes: Buffer.from(s, 'base64') };
}
