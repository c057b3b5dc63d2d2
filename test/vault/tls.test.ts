/** Vault over mutual TLS, configured with the VAULT_* variables of seed 000. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultUnreachableError } from '../../src/vault/index.js';
import { startVaultSim, type VaultSim } from '../../sim/vault/index.js';
import { makeTestPki, type TestPki } from '../support/tls.js';
import { vaultFromEnv } from './helpers.js';

let pki: TestPki;
let sim: VaultSim;
beforeAll(async () => {
  pki = makeTestPki('alimesos01.cern.ch');
  sim = await startVaultSim({ tls: { cert: pki.read(pki.serverCert), key: pki.read(pki.serverKey), clientCa: pki.read(pki.caCert) } });
});
afterAll(async () => {
  await sim.close();
});

const tlsEnv = () => ({ VAULT_CACERT: pki.caCert, VAULT_CLIENT_CERT: pki.clientCert, VAULT_CLIENT_KEY: pki.clientKey });

describe('Vault with mutual TLS', () => {
  it('answers with the CA and a client certificate, through a localhost tunnel with VAULT_TLS_SERVER_NAME', async () => {
    const port = new URL(sim.url).port;
    const vault = vaultFromEnv({ ...tlsEnv(), VAULT_ADDR: `https://localhost:${port}`, VAULT_TLS_SERVER_NAME: 'alimesos01.cern.ch' });
    expect((await vault.sys.health()).state).toBe('active');
    const standby = vault.forNode(sim.agents.alimesos02!);
    expect((await standby.sys.health()).status).toBe(429);
    await vault.close();
  });

  it('is refused without a client certificate, and fails verification without the CA', async () => {
    const noCert = vaultFromEnv({ VAULT_ADDR: sim.url, VAULT_CACERT: pki.caCert });
    const err = await noCert.sys.health().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VaultUnreachableError);
    expect(['TLS handshake failed', 'connection reset']).toContain((err as VaultUnreachableError).reason);
    const noCa = vaultFromEnv({ VAULT_ADDR: sim.url, VAULT_CLIENT_CERT: pki.clientCert, VAULT_CLIENT_KEY: pki.clientKey });
    expect(((await noCa.sys.health().catch((e: unknown) => e)) as VaultUnreachableError).reason).toBe('TLS handshake failed');
    const skip = vaultFromEnv({ VAULT_ADDR: sim.url, VAULT_CLIENT_CERT: pki.clientCert, VAULT_CLIENT_KEY: pki.clientKey, VAULT_SKIP_VERIFY: 'true' });
    expect((await skip.sys.sealStatus()).sealed).toBe(false);
    await Promise.all([noCert.close(), noCa.close(), skip.close()]);
  });
});
