/** The Nomad client against the simulator over real HTTP(S): mTLS, ACLs, blocking queries, check-and-set. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckIndexConflictError, HttpApiError } from '../../src/errors.js';
import { createNomad, nomadSettingsFromEnv } from '../../src/nomad/index.js';
import { startNomadSim, type NomadSim } from '../../sim/nomad/index.js';
import { makeTestPki, type TestPki } from '../support/tls.js';

describe('Nomad client over mutual TLS', () => {
  let pki: TestPki;
  let sim: NomadSim;
  beforeAll(async () => {
    pki = makeTestPki();
    sim = await startNomadSim({ tls: { cert: pki.read(pki.serverCert), key: pki.read(pki.serverKey), clientCa: pki.read(pki.caCert) } });
  });
  afterAll(async () => sim?.close());

  const env = (extra: Record<string, string>) => ({ NOMAD_ADDR: sim.url, NOMAD_CACERT: pki.caCert, ...extra });

  it('talks to a server that requires a client certificate, configured like the nomad CLI', async () => {
    const nomad = createNomad(nomadSettingsFromEnv(env({ NOMAD_CLIENT_CERT: pki.clientCert, NOMAD_CLIENT_KEY: pki.clientKey })));
    const { data, meta } = await nomad.jobs.list();
    expect(data.map((j) => j.ID)).toContain('ci-mesosci-cs8');
    expect(meta.lastIndex).toBeGreaterThan(0);
    expect(meta.knownLeader).toBe(true);
    await nomad.close();
  });

  it('checks the server name given in NOMAD_TLS_SERVER_NAME (SSH-tunnel setup of the seed)', async () => {
    const ok = createNomad(
      nomadSettingsFromEnv(
        env({
          NOMAD_ADDR: sim.url.replace('127.0.0.1', 'localhost'),
          NOMAD_CLIENT_CERT: pki.clientCert,
          NOMAD_CLIENT_KEY: pki.clientKey,
          NOMAD_TLS_SERVER_NAME: 'nomad.test.internal',
        }),
      ),
    );
    await expect(ok.jobs.list()).resolves.toBeDefined();
    await ok.close();
    const wrong = createNomad(
      nomadSettingsFromEnv(env({ NOMAD_CLIENT_CERT: pki.clientCert, NOMAD_CLIENT_KEY: pki.clientKey, NOMAD_TLS_SERVER_NAME: 'alinomad.cern.ch' })),
    );
    await expect(wrong.jobs.list()).rejects.toThrow(/alinomad\.cern\.ch|altnames|Hostname/i);
    await wrong.close();
  });

  it('is refused without a client certificate or with one from another CA', async () => {
    const none = createNomad(nomadSettingsFromEnv(env({})));
    await expect(none.jobs.list()).rejects.toThrow();
    await none.close();
    const stranger = createNomad(nomadSettingsFromEnv(env({ NOMAD_CLIENT_CERT: pki.strangerCert, NOMAD_CLIENT_KEY: pki.strangerKey })));
    await expect(stranger.jobs.list()).rejects.toThrow();
    await stranger.close();
  });

  it('does not trust the server without the CA unless NOMAD_SKIP_VERIFY is set', async () => {
    const untrusted = createNomad(nomadSettingsFromEnv({ NOMAD_ADDR: sim.url, NOMAD_CLIENT_CERT: pki.clientCert, NOMAD_CLIENT_KEY: pki.clientKey }));
    await expect(untrusted.jobs.list()).rejects.toThrow(/self[- ]signed|certificate/i);
    await untrusted.close();
    const skip = createNomad(
      nomadSettingsFromEnv({ NOMAD_ADDR: sim.url, NOMAD_CLIENT_CERT: pki.clientCert, NOMAD_CLIENT_KEY: pki.clientKey, NOMAD_SKIP_VERIFY: 'true' }),
    );
    await expect(skip.jobs.list()).resolves.toBeDefined();
    await skip.close();
  });
});

describe('Nomad client over HTTP with ACLs', () => {
  const MANAGEMENT = '3f2a1c7e-0b8d-4e5f-9a6b-1c2d3e4f5a6b';
  const READ_ONLY = '7c6b5a49-3827-4165-8d9e-0f1a2b3c4d5e';
  let sim: NomadSim;
  beforeAll(async () => {
    sim = await startNomadSim({ acl: { tokens: { [MANAGEMENT]: 'management', [READ_ONLY]: 'read' } }, timing: { allocStartMs: 20, evalCompleteMs: 10 } });
  });
  afterAll(async () => sim?.close());
  const client = (token?: string) => createNomad(nomadSettingsFromEnv({ NOMAD_ADDR: sim.url, ...(token ? { NOMAD_TOKEN: token } : {}) }));

  it("turns 403s into HttpApiErrors with Nomad's text and never shows the token", async () => {
    const anonymous = client('00000000-dead-beef-0000-000000000000');
    const err = await anonymous.jobs.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpApiError);
    expect((err as HttpApiError).status).toBe(403);
    expect((err as HttpApiError).body).toBe('ACL token not found');
    const reader = client(READ_ONLY);
    const job = (await reader.jobs.read('ci-mesosci-cs8')).data;
    const denied = await reader.jobs.scale('ci-mesosci-cs8', { group: 'ci', count: 9, message: 'x' }).catch((e: unknown) => e);
    expect((denied as HttpApiError).status).toBe(403);
    expect((denied as HttpApiError).message).toContain('Permission denied');
    expect((denied as HttpApiError).message).not.toContain(READ_ONLY);
    expect(job.ID).toBe('ci-mesosci-cs8');
    await Promise.all([anonymous.close(), reader.close()]);
  });

  it('plans with a diff, then scales with check-and-set; a stale index is a CheckIndexConflictError', async () => {
    const nomad = client(MANAGEMENT);
    const job = (await nomad.jobs.read('ci-mesosci-cs8')).data;
    const changed = structuredClone(job);
    changed.TaskGroups![0]!.Count = 10;
    const plan = await nomad.jobs.plan(changed);
    expect(plan.Diff?.TaskGroups?.[0]?.Updates).toEqual({ create: 2, 'in-place update': 8 });
    expect(plan.JobModifyIndex).toBe(job.JobModifyIndex);
    await nomad.jobs.scale('ci-mesosci-cs8', { group: 'ci', count: 10, message: 'first', jobModifyIndex: plan.JobModifyIndex });
    const stale = await nomad.jobs
      .scale('ci-mesosci-cs8', { group: 'ci', count: 11, message: 'second', jobModifyIndex: plan.JobModifyIndex })
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(CheckIndexConflictError);
    expect((stale as CheckIndexConflictError).conflict).toMatch(/^Enforcing job modify index \d+: job exists with conflicting job modify index: \d+$/);
    expect((stale as CheckIndexConflictError).currentIndex).toBeGreaterThan(plan.JobModifyIndex);
    const status = (await nomad.jobs.scaleStatus('ci-mesosci-cs8')).data;
    expect(status.TaskGroups.ci?.Desired).toBe(10);
    expect(status.TaskGroups.ci?.Events?.[0]?.Message).toBe('first');
    await nomad.close();
  });

  it('blocks on a query until the job changes, and returns on timeout otherwise', async () => {
    const nomad = client(MANAGEMENT);
    const first = await nomad.jobs.read('ci-mesosci-slc9');
    const t0 = Date.now();
    const timedOut = await nomad.jobs.read('ci-mesosci-slc9', { index: first.meta.lastIndex, waitMs: 300 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect(timedOut.data.JobModifyIndex).toBe(first.data.JobModifyIndex);
    const blocked = nomad.jobs.read('ci-mesosci-slc9', { index: first.meta.lastIndex, waitMs: 10_000 });
    setTimeout(() => sim.controls.scaleJob('ci-mesosci-slc9', 'ci', 5), 100);
    const changed = await blocked;
    expect(changed.meta.lastIndex).toBeGreaterThan(first.meta.lastIndex);
    expect(changed.data.TaskGroups?.[0]?.Count).toBe(5);
    await nomad.close();
  });

  it('reports an unknown job as 404 and `find` as undefined', async () => {
    const nomad = client(MANAGEMENT);
    expect(await nomad.jobs.find('nope')).toBeUndefined();
    await expect(nomad.jobs.read('nope')).rejects.toMatchObject({ status: 404, body: 'job not found' });
    await nomad.close();
  });
});
