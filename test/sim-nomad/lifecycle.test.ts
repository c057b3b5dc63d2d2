import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NomadSim } from '../../sim/nomad/index.js';
import { call, eventually, startFastSim, withCount } from './helpers.js';

describe('evaluations and allocations over time', () => {
  let sim: NomadSim;
  beforeEach(async () => {
    // Evaluations complete, and allocations start, long after the request that made them, so a busy machine still sees each pending first.
    sim = await startFastSim({ timing: { allocStartMs: 3_000, evalCompleteMs: 1_000 } });
  });
  afterEach(() => sim.close());

  it('moves an eval pending -> complete and a new alloc pending -> running', async () => {
    const out = (await call(sim.url, 'POST', '/v1/job/ci-mesosci-cs8/scale', { Count: 9, Target: { Group: 'ci' } })).json();
    expect(sim.state.evals.get(out.EvalID)?.Status).toBe('pending');
    await eventually(() => sim.state.evals.get(out.EvalID)?.Status === 'complete');
    const fresh = sim.state.allocations('ci-mesosci-cs8').find((a) => a.Name === 'ci-mesosci-cs8.ci[8]');
    expect(fresh?.ClientStatus).toBe('pending');
    expect(fresh?.TaskStates['continuous-builder']?.State).toBe('pending');
    await eventually(() => fresh?.ClientStatus === 'running');
    expect(fresh?.TaskStates['continuous-builder']?.Events.map((e) => e.Type)).toEqual(['Received', 'Task Setup', 'Started']);
  });

  it('blocks an eval that cannot place, and re-runs it when capacity appears', async () => {
    const out = (await call(sim.url, 'POST', '/v1/jobs', { Job: withCount(sim, 'ci-mesosci-slc9', 'ci', 12) })).json();
    await eventually(() => sim.state.evals.get(out.EvalID)?.Status === 'complete');
    const ev = sim.state.evals.get(out.EvalID);
    expect(ev?.FailedTGAllocs?.ci).toBeDefined();
    const blocked = sim.state.evals.get(ev?.BlockedEval ?? '');
    expect(blocked).toMatchObject({ Status: 'blocked', PreviousEval: out.EvalID });
    const placed = () => sim.state.allocations('ci-mesosci-slc9').filter((a) => a.DesiredStatus === 'run').length;
    const before = placed();
    expect(before).toBeLessThan(12);
    await call(sim.url, 'POST', '/v1/job/ci-mesosci-cs8/scale', { Count: 2, Target: { Group: 'ci' } });
    await eventually(() => placed() === 12);
    await eventually(() => blocked?.Status === 'complete');
  });

  it('loses allocations of a node that goes down and replaces them elsewhere', async () => {
    const node = sim.state.node('alibuild07');
    const victims = sim.state.allocations().filter((a) => a.NodeID === node?.ID && a.DesiredStatus === 'run');
    expect(victims.length).toBeGreaterThan(0);
    sim.controls.nodeDown('alibuild07');
    expect(victims.every((a) => a.ClientStatus === 'lost')).toBe(true);
    await sim.controls.settled();
    for (const v of victims) {
      const replacement = sim.state.allocations(v.JobID).find((a) => a.Name === v.Name && a.DesiredStatus === 'run');
      expect(replacement?.NodeID).not.toBe(node?.ID);
    }
    const stub = (await call(sim.url, 'GET', `/v1/node/${node?.ID}`)).json();
    expect(stub.Status).toBe('down');
  });

  it('sets node eligibility over HTTP with Nomad errors', async () => {
    const id = sim.state.node('alibuild01')?.ID;
    const ok = await call(sim.url, 'POST', `/v1/node/${id}/eligibility`, { Eligibility: 'ineligible' });
    expect(ok.status).toBe(200);
    expect(ok.json()).toMatchObject({ EvalCreateIndex: 0, EvalIDs: null });
    expect(sim.state.node('alibuild01')?.SchedulingEligibility).toBe('ineligible');
    const bad = await call(sim.url, 'POST', `/v1/node/${id}/eligibility`, { Eligibility: 'maybe' });
    expect([bad.status, bad.text]).toEqual([500, 'invalid scheduling eligibility "maybe"']);
    const unknown = await call(sim.url, 'POST', '/v1/node/00000000-0000-0000-0000-000000000000/eligibility', { Eligibility: 'eligible' });
    expect([unknown.status, unknown.text]).toEqual([500, 'node not found']);
  });

  it('injects failures and latency', async () => {
    sim.controls.failNext({ status: 503, body: 'No cluster leader', pathPrefix: '/v1/jobs', count: 2 });
    expect((await call(sim.url, 'GET', '/v1/nodes')).status).toBe(200);
    const first = await call(sim.url, 'GET', '/v1/jobs');
    expect([first.status, first.text]).toEqual([503, 'No cluster leader']);
    expect((await call(sim.url, 'GET', '/v1/jobs')).status).toBe(503);
    expect((await call(sim.url, 'GET', '/v1/jobs')).status).toBe(200);
    sim.controls.setLatency(100);
    const started = Date.now();
    await call(sim.url, 'GET', '/v1/status/leader');
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
  });
});
