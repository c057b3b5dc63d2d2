/** Consul over mutual TLS, configured with the CONSUL_* variables of seed 000. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsulUnreachableError } from '../../src/consul/index.js';
import { startConsulSim, type ConsulSim } from '../../sim/consul/index.js';
import { makeTestPki, type TestPki } from '../support/tls.js';
import { consulFromEnv } from './helpers.js';

let pki: TestPki;
let sim: ConsulSim;
beforeAll(async () => {
  pki = makeTestPki('alimesos01.cern.ch');
  sim = await startConsulSim({ tls: { cert: pki.read(pki.serverCert), key: pki.read(pki.serverKey), clientCa: pki.read(pki.caCert) } });
});
afterAll(async () => {
  await sim.close();
});

const tlsEnv = () => ({ CONSUL_CACERT: pki.caCert, CONSUL_CLIENT_CERT: pki.clientCert, CONSUL_CLIENT_KEY: pki.clientKey });

describe('Consul with mutual TLS', () => {
  it('answers an operator with the CA and a client certificate, on every master', async () => {
    const consul = consulFromEnv({ ...tlsEnv(), CONSUL_HTTP_ADDR: sim.url.replace('https://', ''), CONSUL_HTTP_SSL: 'true' });
    expect(sim.url).toMatch(/^https:/);
    expect(await consul.status.leader()).toBe('10.16.8.11:8300');
    for (const url of Object.values(sim.agents)) expect(await consul.forAgent(url.replace('https://', '')).status.peers()).toHaveLength(3);
    await consul.close();
  });

  it('checks the certificate against CONSUL_TLS_SERVER_NAME, as when tunnelling through localhost', async () => {
    const port = new URL(sim.url).port;
    const ok = consulFromEnv({ ...tlsEnv(), CONSUL_HTTP_ADDR: `https://localhost:${port}`, CONSUL_TLS_SERVER_NAME: 'alimesos01.cern.ch' });
    expect(await ok.status.peers()).toHaveLength(3);
    const wrong = consulFromEnv({ ...tlsEnv(), CONSUL_HTTP_ADDR: `https://localhost:${port}`, CONSUL_TLS_SERVER_NAME: 'alimesos09.cern.ch' });
    const err = await wrong.status.peers().catch((e: unknown) => e);
    expect((err as ConsulUnreachableError).reason).toBe('TLS handshake failed');
    await ok.close();
    await wrong.close();
  });

  it('is refused without a client certificate or with one from another CA', async () => {
    for (const env of [
      { CONSUL_CACERT: pki.caCert },
      { CONSUL_CACERT: pki.caCert, CONSUL_CLIENT_CERT: pki.strangerCert, CONSUL_CLIENT_KEY: pki.strangerKey },
    ]) {
      const consul = consulFromEnv({ ...env, CONSUL_HTTP_ADDR: sim.url });
      const err = await consul.status.leader().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConsulUnreachableError);
      expect(['TLS handshake failed', 'connection reset']).toContain((err as ConsulUnreachableError).reason);
      await consul.close();
    }
  });

  it('is refused without the CA, and accepted with CONSUL_HTTP_SSL_VERIFY=false', async () => {
    const strict = consulFromEnv({ CONSUL_HTTP_ADDR: sim.url, CONSUL_CLIENT_CERT: pki.clientCert, CONSUL_CLIENT_KEY: pki.clientKey });
    expect(((await strict.status.leader().catch((e: unknown) => e)) as ConsulUnreachableError).reason).toBe('TLS handshake failed');
    const lax = consulFromEnv({
      CONSUL_HTTP_ADDR: sim.url,
      CONSUL_CLIENT_CERT: pki.clientCert,
      CONSUL_CLIENT_KEY: pki.clientKey,
      CONSUL_HTTP_SSL_VERIFY: 'false',
    });
    expect(await lax.status.leader()).toBe('10.16.8.11:8300');
    await strict.close();
    await lax.close();
  });
});
