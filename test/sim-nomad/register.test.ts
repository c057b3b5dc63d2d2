import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ciJob, type NomadSim } from '../../sim/nomad/index.js';
import { call, eventually, startFastSim, withCount } from './helpers.js';

describe('job register with EnforceIndex', () => {
  let sim: NomadSim;
  beforeEach(async () => {
    sim = await startFastSim();
  });
  afterEach(() => sim.close());

  it('registers with the current index, bumps version and index, and evaluates', async () => {
    const before = sim.state.job('ci-mesosci-cs8');
    const res = await call(sim.url, 'PUT', '/v1/jobs', {
      Job: withCount(sim, 'ci-mesosci-cs8', 'ci', 10),
      EnforceIndex: true,
      JobModifyIndex: before?.JobModifyIndex,
    });
    expect(res.status).toBe(200);
    const out = res.json();
    expect(out).toMatchObject({ Warnings: '', LastContact: 0, KnownLeader: false });
    expect(out.JobModifyIndex).toBeGreaterThan(before?.JobModifyIndex ?? 0);
    expect(res.headers['x-nomad-index']).toBe(String(out.Index));
    const after = sim.state.job('ci-mesosci-cs8');
    expect(after?.Version).toBe((before?.Version ?? 0) + 1);
    expect(after?.JobModifyIndex).toBe(out.JobModifyIndex);
    const ev = (await call(sim.url, 'GET', `/v1/evaluation/${out.EvalID}`)).json();
    expect(ev.TriggeredBy).toBe('job-register');
    await eventually(() => sim.state.allocations('ci-mesosci-cs8').filter((a) => a.ClientStatus === 'running').length === 10);
    expect(sim.state.evals.get(out.EvalID)?.Status).toBe('complete');
  });

  it('refuses a stale index with the exact 500 text', async () => {
    const current = sim.state.job('ci-mesosci-cs8')?.JobModifyIndex ?? 0;
    const res = await call(sim.url, 'POST', '/v1/job/ci-mesosci-cs8', {
      Job: withCount(sim, 'ci-mesosci-cs8', 'ci', 9),
      EnforceIndex: true,
      JobModifyIndex: current - 1,
    });
    expect(res.status).toBe(500);
    expect(res.text).toBe(`Enforcing job modify index ${current - 1}: job exists with conflicting job modify index: ${current}`);
    expect(sim.state.job('ci-mesosci-cs8')?.TaskGroups[0]?.Count).toBe(8);
  });

  it('detects a plan gone stale because someone else ran the job', async () => {
    const plan = (await call(sim.url, 'POST', '/v1/job/ci-mesosci-cs8/plan', { Job: withCount(sim, 'ci-mesosci-cs8', 'ci', 10) })).json();
    const other = withCount(sim, 'ci-mesosci-cs8', 'ci', 8) as { TaskGroups: Array<{ Meta: Record<string, string> }> };
    const meta = other.TaskGroups[0]?.Meta;
    if (meta) meta.owner = 'someone-else';
    sim.controls.registerJob(other);
    const res = await call(sim.url, 'POST', '/v1/jobs', {
      Job: withCount(sim, 'ci-mesosci-cs8', 'ci', 10),
      EnforceIndex: true,
      JobModifyIndex: plan.JobModifyIndex,
    });
    expect(res.status).toBe(500);
    expect(res.text).toMatch(/^Enforcing job modify index \d+: job exists with conflicting job modify index: \d+$/);
  });

  it('uses the "already exists" and "does not exist" texts', async () => {
    const exists = await call(sim.url, 'POST', '/v1/jobs', { Job: sim.state.job('repo'), EnforceIndex: true, JobModifyIndex: 0 });
    expect([exists.status, exists.text]).toEqual([500, 'Enforcing job modify index 0: job already exists']);
    const missing = await call(sim.url, 'POST', '/v1/jobs', { Job: ciJob('mesosci', 'slc8-gpu', '', 1), EnforceIndex: true, JobModifyIndex: 7 });
    expect([missing.status, missing.text]).toEqual([500, 'Enforcing job modify index 7: job does not exist']);
    const created = await call(sim.url, 'POST', '/v1/jobs', { Job: ciJob('mesosci', 'slc8-gpu', '', 1), EnforceIndex: true, JobModifyIndex: 0 });
    expect(created.status).toBe(200);
    expect(sim.state.job('ci-mesosci-slc8-gpu')?.Version).toBe(0);
  });

  it('validates the request like the handler', async () => {
    const noJob = await call(sim.url, 'POST', '/v1/jobs', { EnforceIndex: true });
    expect([noJob.status, noJob.text]).toEqual([400, 'Job must be specified']);
    const noId = await call(sim.url, 'POST', '/v1/jobs', { Job: { Name: 'x' } });
    expect([noId.status, noId.text]).toEqual([400, "Job ID hasn't been provided"]);
    const mismatch = await call(sim.url, 'POST', '/v1/job/repo', { Job: { ID: 'other' } });
    expect([mismatch.status, mismatch.text]).toEqual([400, 'Job ID does not match name']);
  });

  it('replaces allocations destructively when the task changes', async () => {
    const job = withCount(sim, 'ci-mesosci-slc9-o2physics', 'ci', 2) as { TaskGroups: Array<{ Tasks: Array<{ Env: Record<string, string> }> }> };
    const env = job.TaskGroups[0]?.Tasks[0]?.Env;
    if (env) env.WORKERS_POOL_SIZE = '3';
    const old = sim.state.allocations('ci-mesosci-slc9-o2physics').map((a) => a.ID);
    await call(sim.url, 'POST', '/v1/jobs', { Job: job });
    await sim.controls.settled();
    const allocs = sim.state.allocations('ci-mesosci-slc9-o2physics');
    expect(allocs.filter((a) => old.includes(a.ID)).every((a) => a.DesiredStatus === 'stop' && a.ClientStatus === 'complete')).toBe(true);
    const fresh = allocs.filter((a) => !old.includes(a.ID));
    expect(fresh.map((a) => a.Name).sort()).toEqual(['ci-mesosci-slc9-o2physics.ci[0]', 'ci-mesosci-slc9-o2physics.ci[1]']);
    expect(fresh.every((a) => a.ClientStatus === 'running' && a.JobVersion === 1)).toBe(true);
  });
});

describe('re-registering an unchanged job', () => {
  it('creates an evaluation but keeps JobModifyIndex and Version', async () => {
    const sim = await startFastSim();
    try {
      const before = structuredClone(sim.state.job('repo'));
      const out = (await call(sim.url, 'POST', '/v1/jobs', { Job: sim.state.job('repo') })).json();
      expect(out.JobModifyIndex).toBe(before?.JobModifyIndex);
      expect(sim.state.job('repo')?.Version).toBe(before?.Version);
      expect(sim.state.evals.get(out.EvalID)?.TriggeredBy).toBe('job-register');
    } finally {
      await sim.close();
    }
  });
});
