/**
 * Plan conformance (`POST /v1/job/:id/plan` with Diff): the contextual diff and annotations of a
 * count change, JobModifyIndex for check-and-set, X-Nomad-Index, and the handler's 400s — what
 * the bot's plan messages and stale-plan protection rely on. Same target rules as the read test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpApiError } from '../../src/errors.js';
import { headerValue, parseJson } from '../../src/http/json-client.js';
import type { NomadJob } from '../../src/nomad/schemas/jobs.js';
import { NomadJobPlanResponse } from '../../src/nomad/schemas/plan.js';
import { contractTarget, throwawayJob, withCount, type ContractTarget } from './target.js';

let t: ContractTarget;
let job: NomadJob;

describe('Nomad plan contract', () => {
  beforeAll(async () => {
    t = await contractTarget();
    job = throwawayJob(0);
    await t.nomad.jobs.register(job);
  });
  afterAll(async () => {
    await t?.nomad.jobs.stop(job.ID, { purge: true }).catch(() => undefined);
    await t?.close();
  });

  it('diffs a count change with the annotations `nomad job plan` prints, and changes nothing', async () => {
    const before = (await t.nomad.jobs.read(job.ID)).data;
    const plan = await t.nomad.jobs.plan(withCount(job, 1));
    expect(plan.JobModifyIndex).toBe(before.JobModifyIndex);
    expect(plan.Diff).toMatchObject({ Type: 'Edited', ID: job.ID });
    const group = plan.Diff?.TaskGroups?.find((g) => g.Name === 'contract');
    expect(group?.Type).toBe('Edited');
    expect(group?.Fields?.find((f) => f.Name === 'Count')).toMatchObject({ Type: 'Edited', Old: '0', New: '1', Annotations: ['forces create'] });
    expect(group?.Updates).toMatchObject({ create: 1 });
    const after = (await t.nomad.jobs.read(job.ID)).data;
    expect(after.JobModifyIndex).toBe(before.JobModifyIndex);
    expect(after.TaskGroups?.[0]?.Count).toBe(0);
  });

  it('says "None" when the submitted job is the registered one, and sets X-Nomad-Index', async () => {
    const c = t.nomad.client;
    const reply = await c.http.send({ method: 'POST', url: c.url(`job/${job.ID}/plan`), headers: c.headers(), body: { Job: job, Diff: true } });
    const plan = parseJson('nomad', reply.text, NomadJobPlanResponse, 'plan');
    expect(plan.Diff?.Type).toBe('None');
    expect(headerValue(reply.headers, 'x-nomad-index')).toMatch(/^\d+$/);
  });

  it('refuses a plan whose job ID differs from the URL with 400 "Job ID does not match"', async () => {
    const c = t.nomad.client;
    const err = await c.http
      .send({ method: 'POST', url: c.url(`job/${job.ID}/plan`), headers: c.headers(), body: { Job: { ...job, ID: `${job.ID}-other` }, Diff: true } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpApiError);
    expect([(err as HttpApiError).status, (err as HttpApiError).body.trim()]).toEqual([400, 'Job ID does not match']);
  });
});
