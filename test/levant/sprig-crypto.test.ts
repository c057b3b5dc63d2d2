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
import { CERT_CALLS, CRYPTO_CALLS, CRYPTO_GO124, SPRIG_VARS } from './tables/sprig-calls.js';

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
    const cases = CRYPTO_GO124.map((c, i) => ({
      name: `crypto-go124-${i}`,
      template: `[[ ${c.call} ]]`,
      vars: SPRIG_VARS,
      levant: { out: c.out, err: null, why: c.why },
    }));
    const want = oracle(cases);
    for (const [i, c] of cases.entries())
      expect(want[i], `${c.name}: the oracle agrees with Levant now; drop the stated difference`).not.toEqual({ out: c.levant.out, err: null });
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

  it("encryptAES and decryptAES: Go decrypts ours, we decrypt Go's", () => {
    if (!oracle) return;
    const pairs: [string, string][] = [
      ['k', 'hello'],
      ['pässwörd', 'exactly sixteen!'],
      ['x'.repeat(40), 'multi\nline ✓ text'],
      ['', 'empty key'],
    ];
    const mine = pairs.map(([k, p]) => render(`[[ encryptAES ${q(k)} ${q(p)} ]]`));
    for (const [i, c] of mine.entries()) expect(Buffer.from(c, 'base64').length).toBe(16 + (Math.floor(Buffer.byteLength(pairs[i]![1]) / 16) + 1) * 16);
    const goDecrypts = oracle(pairs.map(([k], i) => ({ name: `aes${i}`, template: `[[ decryptAES ${q(k)} ${q(mine[i]!)} ]]`, vars: '' })));
    expect(goDecrypts.map((r) => r.err ?? r.out)).toEqual(pairs.map(([, p]) => p));
    const goEncrypts = oracle(pairs.map(([k, p], i) => ({ name: `aes${i}`, template: `[[ encryptAES ${q(k)} ${q(p)} ]]`, vars: '' })));
    expect(goEncrypts.map((r, i) => render(`[[ decryptAES ${q(pairs[i]![0])} ${q(r.out)} ]]`))).toEqual(pairs.map(([, p]) => p));
  });

  it("genPrivateKey: Go parses our keys of every type, node:crypto parses Go's", () => {
    if (!oracle) return;
    const types = ['', 'rsa', 'dsa', 'ecdsa', 'ed25519'];
    const keys = types.map((t) => render(`[[ genPrivateKey ${q(t)} ]]`));
    const headers = ['RSA PRIVATE KEY', 'RSA PRIVATE KEY', 'DSA PRIVATE KEY', 'EC PRIVATE KEY', 'PRIVATE KEY'];
    for (const [i, k] of keys.entries())
      expect(k).toMatch(new RegExp(`^-----BEGIN ${headers[i]}-----\\n([A-Za-z0-9+/=]{64}\\n)*[A-Za-z0-9+/=]{1,64}\\n-----END ${headers[i]}-----\\n$`));
    const info = oracle(keys.map((k, i) => ({ name: `key${i}`, template: `[[ oracleKeyInfo ${q(k)} ]]`, vars: '' }))).map((r) => r.err ?? r.out);
    expect(info).toEqual(['rsa 4096', 'rsa 4096', 'dsa 2048 256', 'ecdsa P-256', 'ed25519 64']);
    const goKeys = oracle(['rsa', 'ecdsa', 'ed25519'].map((t, i) => ({ name: `gokey${i}`, template: `[[ genPrivateKey ${q(t)} ]]`, vars: '' })));
    expect(goKeys.map((r) => createPrivateKey(r.out).asymmetricKeyType)).toEqual(['rsa', 'ec', 'ed25519']);
  }, 120_000);

  it(`certificates, fixed answers and errors: ${CERT_CALLS.length} calls`, () => {
    if (!oracle) return;
    const cases = CERT_CALLS.map((c, i) => ({ name: `cert${i}`, template: `{{ ${c} }}`, vars: SPRIG_VARS, delims: ['{{', '}}'] as [string, string] }));
    const { ok, failed } = compareAll(oracle, cases);
    expect(ok).toBeGreaterThan(6);
    expect(failed).toBeGreaterThan(12);
  }, 120_000);

  it('certificates: Go reads ours as it reads its own (subject, SANs, usages, validity, key pair, chain)', () => {
    if (!oracle) return;
    // Each template makes its certificates and prints [certificate, CA] as JSON; Go describes both.
    const makers = [
      '$c := genCA "my-ca" 365 }}{{ toJson (list $c $c)',
      '$c := genCAWithKey "ec-ca" 10 (genPrivateKey "ecdsa") }}{{ toJson (list $c $c)',
      '$c := genSelfSignedCert "host" (list "10.0.0.1" "::1" "::ffff:1.2.3.4" "2001:db8::8:800:200c:417a") (list "a.example" "b.example") 30 }}{{ toJson (list $c $c)',
      '$c := genSelfSignedCert "" nil nil 1 }}{{ toJson (list $c $c)',
      '$c := genSelfSignedCertWithKey "édge" nil (list "x") 2 (genPrivateKey "ed25519") }}{{ toJson (list $c $c)',
      '$ca := genCA "ca" 30 }}{{ $c := genSignedCert "leaf" (list "127.0.0.1") (list "leaf.example") 7 $ca }}{{ toJson (list $c $ca)',
      '$ca := genCAWithKey "ca2" 30 (genPrivateKey "ecdsa") }}{{ $c := genSignedCertWithKey "leaf2" nil nil 7 $ca (genPrivateKey "rsa") }}{{ toJson (list $c $ca)',
    ];
    const describeGo = (pair: string): string =>
      `{{ $p := fromJson ${q(pair)} }}{{ $c := index $p 0 }}{{ $ca := index $p 1 }}{{ oracleCertInfo $c.Cert $c.Key $ca.Cert }}`;
    const cases = (pairs: string[]) =>
      pairs.map((p, i) => ({ name: `certinfo${i}`, template: describeGo(p), vars: '', delims: ['{{', '}}'] as [string, string] }));
    const delims: [string, string] = ['{{', '}}'];
    const mine = makers.map((m, i) => {
      const r = ours({ name: `mk${i}`, template: `{{ ${m} }}`, vars: '', delims });
      expect(r.err).toBeNull();
      return r.out;
    });
    const theirs = oracle(makers.map((m, i) => ({ name: `mk${i}`, template: `{{ ${m} }}`, vars: '', delims }))).map((r) => r.out);
    const infoMine = oracle(cases(mine)).map((r) => r.err ?? r.out);
    const infoTheirs = oracle(cases(theirs)).map((r) => r.err ?? r.out);
    expect(infoMine).toEqual(infoTheirs);
    for (const info of infoMine) expect(info).toMatch(/serialbits<=128:true fresh=true key pairs, verifies$/);
    expect(infoMine[2]).toContain('dns=[a.example b.example] ips=[10.0.0.1 ::1 1.2.3.4 2001:db8::8:800:200c:417a] ca=false');
  }, 120_000);

  it('certificates: we sign with a CA Go made, and Go verifies the result', () => {
    if (!oracle) return;
    const [goCa] = oracle([{ name: 'goca', template: '[[ toJson (genCA "go-ca" 5) ]]', vars: '' }]);
    const ca = JSON.parse(goCa!.out) as { Cert: string; Key: string };
    const leaf = render(
      `[[ $ca := buildCustomCert ${q(Buffer.from(ca.Cert).toString('base64'))} ${q(Buffer.from(ca.Key).toString('base64'))} ]][[ toJson (genSignedCert "leaf" nil (list "l.example") 3 $ca) ]]`,
    );
    const cert = JSON.parse(leaf) as { Cert: string; Key: string };
    const [info] = oracle([{ name: 'leafinfo', template: `[[ oracleCertInfo ${q(cert.Cert)} ${q(cert.Key)} ${q(ca.Cert)} ]]`, vars: '' }]);
    expect(info).toEqual({
      out: 'cn=leaf dns=[l.example] ips=[] ca=false ku=5 eku=[1 2] days=3 sig=SHA256-RSA serialbits<=128:true fresh=true key pairs, verifies',
      err: null,
    });
  }, 120_000);
});
