import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NomadSim } from '../../sim/nomad/index.js';
import { call, startFastSim } from './helpers.js';

describe('DELETE /v1/job/:id', () => {
  let sim: NomadSim;
  beforeEach(async () => {
    sim = await startFastSim();
  });
  afterEach(() => sim.close());

  it('stops a job: it stays, dead, with Stop true and its allocations stopped', async () => {
    const res = await call(sim.url, 'DELETE', '/v1/job/ci-mesosci-cs8');
    expect(res.status).toBe(200);
    const out = res.json();
    expect(out.EvalID).toMatch(/^[0-9a-f-]{36}$/);
    expect(sim.state.evals.get(out.EvalID)?.TriggeredBy).toBe('job-deregister');
    await sim.controls.settled();
    const job = (await call(sim.url, 'GET', '/v1/job/ci-mesosci-cs8')).json();
    expect(job).toMatchObject({ Stop: true, Status: 'dead' });
    expect(sim.state.allocations('ci-mesosci-cs8').every((a) => a.DesiredStatus === 'stop' && a.ClientStatus === 'complete')).toBe(true);
  });

  it('purges a job: later reads are 404 job not found', async () => {
    await call(sim.url, 'DELETE', '/v1/job/repo?purge=true');
    const read = await call(sim.url, 'GET', '/v1/job/repo');
    expect([read.status, read.text]).toEqual([404, 'job not found']);
    await sim.controls.settled();
    expect(sim.state.allocations('repo').every((a) => a.DesiredStatus === 'stop')).toBe(true);
  });

  it('answers 200 with empty fields for an unknown job, and 500 for a bad purge bool', async () => {
    const res = await call(sim.url, 'DELETE', '/v1/job/never-existed');
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ EvalID: '', EvalCreateIndex: 0, JobModifyIndex: 0 });
    const bad = await call(sim.url, 'DELETE', '/v1/job/repo?purge=maybe');
    expect(bad.status).toBe(500);
    expect(bad.text).toMatch(/^Failed to parse value of "purge" \(maybe\) as a bool/);
  });
});
