import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors.js';
import { vaultSettingsFromEnv } from '../../src/vault/index.js';

describe('Vault settings from the environment, like the vault CLI', () => {
  it('defaults to https://127.0.0.1:8200', () => {
    const s = vaultSettingsFromEnv({});
    expect(s).toMatchObject({ address: 'https://127.0.0.1:8200', timeoutMs: 5_000, tls: {} });
    expect(s.token).toBeUndefined();
  });

  it('reads address, token, namespace, certificates, server name and VAULT_SKIP_VERIFY', () => {
    const s = vaultSettingsFromEnv({
      VAULT_ADDR: 'https://localhost:8200/',
      VAULT_TOKEN: 'hvs.CAESIJexampleexampleexampleexample',
      VAULT_NAMESPACE: 'alice',
      VAULT_CACERT: '/etc/ca.crt',
      VAULT_CLIENT_CERT: '/home/op/cert.pem',
      VAULT_CLIENT_KEY: '/home/op/key.pem',
      VAULT_TLS_SERVER_NAME: 'alimesos01.cern.ch',
      VAULT_SKIP_VERIFY: 'true',
    });
    expect(s).toMatchObject({ address: 'https://localhost:8200', token: 'hvs.CAESIJexampleexampleexampleexample', namespace: 'alice' });
    expect(s.tls).toEqual({
      caCert: '/etc/ca.crt',
      clientCert: '/home/op/cert.pem',
      clientKey: '/home/op/key.pem',
      serverName: 'alimesos01.cern.ch',
      skipVerify: true,
    });
  });

  it('refuses a bad address or VAULT_SKIP_VERIFY without echoing the value', () => {
    const pasted = 'hvs.pasted-token-by-mistake-0123456789';
    const err = (() => {
      try {
        vaultSettingsFromEnv({ VAULT_ADDR: pasted });
      } catch (e) {
        return e as Error & { code: string };
      }
    })();
    expect(err?.code).toBe(ErrorCode.ConfigInvalid);
    expect(err?.message).toMatch(/^Vault config: address:/);
    expect(err?.message).not.toContain(pasted);
    expect(() => vaultSettingsFromEnv({ VAULT_SKIP_VERIFY: 'maybe' })).toThrow(/VAULT_SKIP_VERIFY is not a boolean/);
  });
});
