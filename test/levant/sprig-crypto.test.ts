/**
 * Sprig's crypto functions against Go. Fixed answers (derivePassword, decryptAES of a fixed
 * ciphertext, the errors) are compared byte for byte; random ones are checked by property, and
 * by Go: the oracle verifies our bcrypt hashes, decrypts our ciphertexts and parses our keys,
 * and we decrypt Go's ciphertexts and parse Go's keys with node:crypto.
 */
import { createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compareAll, ours } from './compare.js';
import { buildOracle } from './oracle.js';
import { CRYPTO_CALLS, CRYPTO_GO124, SPRIG_VARS } from './tables/sprig-calls.js';

const oracle = buildOracle();

/** Renders one template with our renderer; fails the test on an error. */
function render(template: string): string {
  const r = ours({ name: 'crypto', template, vars: SPRIG_VARS });
  expect(r.err).toBeNull();
  return r.out;
}

const q = (s: string): string => JSON.stringify(s);

describe('Sprig crypto functions answer like Sprig', () => {
  it(`fixed answers and errors: ${CRYPTO_CALLS.length} calls`, () => {
    if (!oracle) return;
    const cases = CRYPTO_CALLS.map((c, i) => ({ name: `crypto${i}`, template: `[[ ${c} ]]`, vars: SPRIG_VARS }));
    const { ok, failed } = compareAll(oracle, cases);
    expect(ok).toBeGreaterThan(15);
    expect(failed).toBeGreaterThan(5);
  }, 120_000);

  it('bcrypt follows x/crypto v0.38 (Levant 0.4) on passwords over 72 bytes', () => {
    if (!oracle) return;
    const cases = CRYPTO_GO124.map((c, i) => ({ name: `crypto-go124-${i}`, template: `[[ ${c.call} ]]`, vars: SPRIG_VARS, levant: { out: c.out, err: null, why: c.why } }));
    const want = oracle(cases);
    for (const [i, c] of cases.entries()) expect(want[i], `${c.name}: the oracle agrees with Levant now; drop the stated difference`).not.toEqual({ out: c.levant.out, err: null });
    expect(compareAll(oracle, cases).stated).toBe(CRYPTO_GO124.length);
  });

  it('Go accepts our bcrypt and htpasswd hashes, and each call salts anew', () => {
    if (!oracle) return;
    const passwords = ['', 'pw', 'pässwörd with spaces', 'x'.repeat(72)];
    const hashes = passwords.map((p) => render(`[[ bcrypt ${q(p)} ]]`));
    for (const h of hashes) expect(h).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/);
    expect(render('[[ bcrypt "pw" ]]')).not.toBe(hashes[1]);
    const line = render('[[ htpasswd "alice" "s3cret" ]]');
    expect(line).toMatch(/^alice:\$2a\$10\$/);
    const checks = [
      ...passwords.map((p, i) => `[[ oracleBcryptMatches ${q(hashes[i]!)} ${q(p)} ]]`),
      `[[ oracleBcryptMatches ${q(hashes[1]!)} "pW" ]]`,
      `[[ oracleBcryptMatches ${q(line.slice('alice:'.length))} "s3cret" ]]`,
    ];
    const got = oracle(checks.map((template, i) => ({ name: `bcrypt${i}`, template, vars: '' }))).map((r) => r.err ?? r.out);
    expect(got).toEqual(['true', 'true', 'true', 'true', 'false', 'true']);
  });

  it('encryptAES and decryptAES: Go decrypts ours, we decrypt Go\'s', () => {
    if (!oracle) return;
    const pairs: [string, string][] = [['k', 'hello'], ['pässwörd', 'exactly sixteen!'], ['x'.repeat(40), 'multi\nline ✓ text'], ['', 'empty key']];
    const mine = pairs.map(([k, p]) => render(`[[ encryptAES ${q(k)} ${q(p)} ]]`));
    for (const [i, c] of mine.entries()) expect(Buffer.from(c, 'base64').length).toBe(16 + (Math.floor(Buffer.byteLength(pairs[i]![1]) / 16) + 1) * 16);
    const goDecrypts = oracle(pairs.map(([k], i) => ({ name: `aes${i}`, template: `[[ decryptAES ${q(k)} ${q(mine[i]!)} ]]`, vars: '' })));
    expect(goDecrypts.map((r) => r.err ?? r.out)).toEqual(pairs.map(([, p]) => p));
    const goEncrypts = oracle(pairs.map(([k, p], i) => ({ name: `aes${i}`, template: `[[ encryptAES ${q(k)} ${q(p)} ]]`, vars: '' })));
    expect(goEncrypts.map((r, i) => render(`[[ decryptAES ${q(pairs[i]![0])} ${q(r.out)} ]]`))).toEqual(pairs.map(([, p]) => p));
  });

  it('genPrivateKey: Go parses our keys of every type, node:crypto parses Go\'s', () => {
    if (!oracle) return;
    const types = ['', 'rsa', 'dsa', 'ecdsa', 'ed25519'];
    const keys = types.map((t) => render(`[[ genPrivateKey ${q(t)} ]]`));
    const headers = ['RSA PRIVATE KEY', 'RSA PRIVATE KEY', 'DSA PRIVATE KEY', 'EC PRIVATE KEY', 'PRIVATE KEY'];
    for (const [i, k] of keys.entries()) expect(k).toMatch(new RegExp(`^-----BEGIN ${headers[i]}-----\\n([A-Za-z0-9+/=]{64}\\n)*[A-Za-z0-9+/=]{1,64}\\n-----END ${headers[i]}-----\\n$`));
    const info = oracle(keys.map((k, i) => ({ name: `key${i}`, template: `[[ oracleKeyInfo ${q(k)} ]]`, vars: '' }))).map((r) => r.err ?? r.out);
    expect(info).toEqual(['rsa 4096', 'rsa 4096', 'dsa 2048 256', 'ecdsa P-256', 'ed25519 64']);
    const goKeys = oracle(['rsa', 'ecdsa', 'ed25519'].map((t, i) => ({ name: `gokey${i}`, template: `[[ genPrivateKey ${q(t)} ]]`, vars: '' })));
    expect(goKeys.map((r) => createPrivateKey(r.out).asymmetricKeyType)).toEqual(['rsa', 'ec', 'ed25519']);
  }, 120_000);
});
