/**
 * Issue 13 point 2 against any Nomad agent: what a retried register relies on to recognise its
 * own first attempt. The submission sent with a register is kept with the version it created
 * (`GET /v1/job/:id/submission?version=N`, flags included), and the register's evaluation names
 * the JobModifyIndex it was created for. A version registered without a submission has none (404).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NomadJob } from '../../src/nomad/schemas/jobs.js';
import { contractTarget, throwawayJob, type ContractTarget } from './target.js';

let t: ContractTarget;
let job: NomadJob;

describe('Nomad own-write contract', () => {
  beforeAll(async () => {
    t = await contractTarget();
    job = throwawayJob(0);
    await t.nomad.jobs.register(job);
  });
  afterAll(async () => {
    await t?.nomad.jobs.stop(job.ID, { purge: true }).catch(() => undefined);
    await t?.close();
  });

  it('keeps a register’s submission, flags included, with the version it created', async () => {
    const before = (await t.nomad.jobs.read(job.ID)).data;
    expect(await t.nomad.jobs.submission(job.ID, before.Version ?? 0)).toBeUndefined();
    const source = `job "${job.ID}" {}\n`;
    // A new version without placing anything: the count stays 0, only the job's Meta changes.
    const changed = { ...job, Meta: { ...job.Meta, round: '2' } };
    const resp = await t.nomad.jobs.register(
      changed,
      { enforceIndex: before.JobModifyIndex ?? 0 },
      { submission: { source, flags: { 'ci-chatops.op': 'op-contract' } } },
    );
    const after = (await t.nomad.jobs.read(job.ID)).data;
    expect(after.Version).toBe((before.Version ?? 0) + 1);
    const kept = await t.nomad.jobs.submission(job.ID, after.Version ?? 0);
    expect(kept).toMatchObject({ Source: source, Format: 'hcl2', VariableFlags: { 'ci-chatops.op': 'op-contract' } });
    const { data: evals } = await t.nomad.jobs.evaluations(job.ID);
    const ev = evals.find((e) => e.ID === resp.EvalID);
    expect(ev).toMatchObject({ TriggeredBy: 'job-register', JobModifyIndex: after.JobModifyIndex });
  });

  it('answers 400 without a version', async () => {
    const c = t.nomad.client;
    const reply = await c.http.send({ method: 'GET', url: c.url(`job/${job.ID}/submission`), headers: c.headers(), expect: [400] });
    expect(reply.text.trim()).toBe('Unable to parse job submission version parameter');
  });
});
