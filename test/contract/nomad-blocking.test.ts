/**
 * Issue 13 point 1 against any Nomad agent: an unchanged blocking query is held for its wait plus
 * at most wait/16 (nomad/rpc.go blockingRPC, JitterFraction), with no headers before; and our
 * client, given only 1 s for an ordinary answer, waits such a query out instead of abandoning it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNomad } from '../../src/nomad/index.js';
import type { NomadJob } from '../../src/nomad/schemas/jobs.js';
import { contractTarget, throwawayJob, type ContractTarget } from './target.js';

let t: ContractTarget;
let job: NomadJob;

describe('Nomad blocking-query contract', () => {
  beforeAll(async () => {
    t = await contractTarget();
    job = throwawayJob(0);
    await t.nomad.jobs.register(job);
  });
  afterAll(async () => {
    await t?.nomad.jobs.stop(job.ID, { purge: true }).catch(() => undefined);
    await t?.close();
  });

  it('holds an unchanged query for its wait, and at most wait/16 longer', async () => {
    const { meta } = await t.nomad.jobs.read(job.ID);
    const started = performance.now();
    const again = await t.nomad.jobs.read(job.ID, { index: meta.lastIndex, waitMs: 1_600 });
    const held = performance.now() - started;
    expect(held).toBeGreaterThanOrEqual(1_590);
    expect(held).toBeLessThan(1_600 + 100 + 1_000); // the jitter, plus a generous allowance for the round trip
    expect(again.meta.lastIndex).toBe(meta.lastIndex);
  });

  it('is waited out by a client whose allowance for an ordinary answer is shorter than the wait', async () => {
    const patient = createNomad(t.nomad.client.settings, { headersTimeoutMs: 1_000 });
    try {
      const { meta } = await patient.jobs.read(job.ID);
      const started = performance.now();
      const again = await patient.jobs.read(job.ID, { index: meta.lastIndex, waitMs: 3_000 });
      expect(performance.now() - started).toBeGreaterThanOrEqual(2_990);
      expect(again.meta.lastIndex).toBe(meta.lastIndex);
    } finally {
      await patient.close();
    }
  });
});
