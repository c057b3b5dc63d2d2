import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NomadSim } from '../../sim/nomad/index.js';
import { allocIndexOf } from './names.js';
import { call, eventually, startFastSim } from './helpers.js';

describe('job scaling', () => {
  let sim: NomadSim;
  beforeEach(async () => {
    sim = await startFastSim();
  });
  afterEach(() => sim.close());

  const scale = (jobId: string, body: unknown) => call(sim.url, 'POST', `/v1/job/${jobId}/scale`, body);

  it('scales up: new allocations go pending then running, without touching the others', async () => {
    const before = sim.state.allocations('ci-mesosci-cs8').map((a) => `${a.ID}:${a.ModifyIndex}`);
    const res = await scale('ci-mesosci-cs8', { Count: 10, Target: { Job: 'ci-mesosci-cs8', Group: 'ci' }, Message: 'submitted using the Nomad CLI' });
    expect(res.status).toBe(200);
    const out = res.json();
    expect(out).toMatchObject({ Warnings: '', KnownLeader: false, LastContact: 0 });
    expect(out.EvalCreateIndex).toBeGreaterThan(out.JobModifyIndex);
    expect(out.Index).toBe(out.EvalCreateIndex);
    expect(sim.state.evals.get(out.EvalID)?.TriggeredBy).toBe('job-scaling');
    await eventually(() => sim.state.allocations('ci-mesosci-cs8').length === 10);
    const fresh = sim.state.allocations('ci-mesosci-cs8').filter((a) => !before.some((b) => b.startsWith(a.ID)));
    expect(fresh.map((a) => allocIndexOf(a.Name)).sort()).toEqual([8, 9]);
    await eventually(() => fresh.every((a) => a.ClientStatus === 'running'));
    // The existing builders are updated in place (new job version), never replaced or restarted.
    const kept = sim.state.allocations('ci-mesosci-cs8').filter((a) => before.some((b) => b.startsWith(`${a.ID}:`)));
    expect(kept).toHaveLength(8);
    expect(kept.every((a) => a.ClientStatus === 'running' && a.DesiredStatus === 'run')).toBe(true);
  });

  it('scales down by stopping the highest indexes', async () => {
    await scale('ci-mesosci-cs8', { Count: 5, Target: { Group: 'ci' } });
    await sim.controls.settled();
    const stopped = sim.state.allocations('ci-mesosci-cs8').filter((a) => a.DesiredStatus === 'stop');
    expect(stopped.map((a) => allocIndexOf(a.Name)).sort()).toEqual([5, 6, 7]);
    expect(stopped.every((a) => a.ClientStatus === 'complete')).toBe(true);
  });

  it('refuses a stale JobModifyIndex with the enforce-index text', async () => {
    const current = sim.state.job('ci-mesosci-cs8')?.JobModifyIndex ?? 0;
    sim.controls.scaleJob('ci-mesosci-cs8', 'ci', 9);
    const res = await scale('ci-mesosci-cs8', { Count: 10, Target: { Group: 'ci' }, JobModifyIndex: current });
    expect(res.status).toBe(500);
    expect(res.text).toBe(
      `Enforcing job modify index ${current}: job exists with conflicting job modify index: ${sim.state.job('ci-mesosci-cs8')?.JobModifyIndex}`,
    );
  });

  it('records scaling events, newest first', async () => {
    await scale('ci-mesosci-slc9', { Count: 5, Target: { Group: 'ci' }, Message: 'first', Meta: { requested_by: 'alice' } });
    const second = (await scale('ci-mesosci-slc9', { Count: 6, Target: { Group: 'ci' }, Message: 'second' })).json();
    const status = (await call(sim.url, 'GET', '/v1/job/ci-mesosci-slc9/scale')).json();
    expect(status).toMatchObject({ JobID: 'ci-mesosci-slc9', Namespace: 'default', JobStopped: false });
    const group = status.TaskGroups.ci;
    expect(group.Desired).toBe(6);
    expect(group.Events.map((e: { Message: string }) => e.Message)).toEqual(['second', 'first']);
    expect(group.Events[0]).toMatchObject({ Count: 6, PreviousCount: 5, EvalID: second.EvalID, Error: false });
    expect(group.Events[1]).toMatchObject({ Count: 5, PreviousCount: 4, Meta: { requested_by: 'alice' } });
    expect(typeof group.Events[0].Time).toBe('number');
  });

  it('validates scaling requests with Nomad texts and codes', async () => {
    const cases: Array<[string, unknown, number, string]> = [
      ['ci-mesosci-cs8', { Count: 1, Target: {} }, 400, 'missing task group name for scaling action'],
      ['ci-mesosci-cs8', { Count: -1, Target: { Group: 'ci' } }, 400, "scaling action count can't be negative"],
      ['ci-mesosci-cs8', { Count: 1, Error: true, Target: { Group: 'ci' } }, 400, 'scaling action should not contain count if error is true'],
      ['ci-mesosci-cs8', { Count: 1, Target: { Group: 'ci', Job: 'repo' } }, 400, 'job ID in payload did not match URL'],
      ['ci-mesosci-cs8', { Count: 1, Target: { Group: 'nope' } }, 400, 'task group "nope" specified for scaling does not exist in job'],
      ['nope', { Count: 1, Target: { Group: 'ci' } }, 404, 'job "nope" not found'],
    ];
    for (const [job, body, status, text] of cases) {
      const res = await scale(job, body);
      expect([res.status, res.text]).toEqual([status, text]);
    }
  });
});
