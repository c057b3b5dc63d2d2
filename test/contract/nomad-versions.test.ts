/**
 * Issue 13 point 3 against any Nomad agent: the servers' build is readable from
 * `/v1/agent/members` and within the supported range, and the stale-plan guarantee the bot
 * picks for that build holds: from 1.9 `/scale` refuses a stale JobModifyIndex; on every version a
 * register with EnforceIndex does. Stale writes are refused, so nothing is ever placed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckIndexConflictError } from '../../src/errors.js';
import type { NomadJob } from '../../src/nomad/schemas/jobs.js';
import { OLDEST_SUPPORTED, serverBuilds, versionAtLeast } from '../../src/nomad/versions.js';
import { contractTarget, throwawayJob, withCount, type ContractTarget } from './target.js';

let t: ContractTarget;
let job: NomadJob;

describe('Nomad version contract', () => {
  beforeAll(async () => {
    t = await contractTarget();
    job = throwawayJob(0);
    await t.nomad.jobs.register(job);
  });
  afterAll(async () => {
    await t?.nomad.jobs.stop(job.ID, { purge: true }).catch(() => undefined);
    await t?.close();
  });

  it('reports every server’s build, all within the supported range', async () => {
    const builds = await serverBuilds(t.nomad.client);
    expect(builds?.length).toBeGreaterThan(0);
    for (const b of builds!) expect(versionAtLeast(b, OLDEST_SUPPORTED), `server build ${b}`).toBe(true);
  });

  it('refuses a stale plan on the path the bot takes for this version', async () => {
    const { data: current } = await t.nomad.jobs.read(job.ID);
    const stale = (current.JobModifyIndex ?? 0) - 1;
    await expect(t.nomad.jobs.register(withCount(job, 1), { enforceIndex: stale })).rejects.toBeInstanceOf(CheckIndexConflictError);
    if (await t.nomad.jobs.scaleChecksIndex()) {
      await expect(t.nomad.jobs.scale(job.ID, { group: 'contract', count: 1, message: 'contract test', jobModifyIndex: stale })).rejects.toBeInstanceOf(
        CheckIndexConflictError,
      );
    }
    expect((await t.nomad.jobs.read(job.ID)).data.TaskGroups?.[0]?.Count).toBe(0);
  });
});
