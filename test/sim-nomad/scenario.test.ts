import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NomadSim } from '../../sim/nomad/index.js';
import { call, startFastSim, withCount } from './helpers.js';

describe('aliceFarm scenario', () => {
  let sim: NomadSim;
  beforeAll(async () => {
    sim = await startFastSim();
  });
  afterAll(() => sim.close());

  it('places every job of the initial state, all running', () => {
    const counts: Record<string, number> = {};
    for (const a of sim.state.allocations()) counts[a.JobID] = (counts[a.JobID] ?? 0) + 1;
    expect(counts).toEqual({
      'ci-mesosci-cs8': 8,
      'ci-mesosci-slc9': 4,
      'ci-mesosci-slc9-o2physics': 2,
      'ci-macos-alimac01': 1,
      repo: 1,
      'jenkins-builder-alice': 1,
      'jenkins-builder-o2': 1,
    });
    expect(sim.state.allocations().every((a) => a.ClientStatus === 'running' && a.DesiredStatus === 'run')).toBe(true);
    expect(sim.state.evaluations().every((e) => e.Status === 'complete' && e.FailedTGAllocs === null)).toBe(true);
    expect(sim.state.allocations('ci-macos-alimac01')[0]?.NodeName).toBe('alimac01');
  });

  it('has the servers and client nodes of the farm', async () => {
    const nodes = (await call(sim.url, 'GET', '/v1/nodes')).json() as Array<{ Name: string; NodeClass: string; Datacenter: string }>;
    expect(nodes.map((n) => n.Name).sort()).toEqual([
      ...Array.from({ length: 12 }, (_, i) => `alibuild${String(i + 1).padStart(2, '0')}`),
      'alimac01',
      'alimac02',
      'alimac03',
    ]);
    expect(nodes.find((n) => n.Name === 'alibuild07')).toMatchObject({ NodeClass: 'builder', Datacenter: 'cern-b' });
    const members = (await call(sim.url, 'GET', '/v1/agent/members')).json();
    expect(members.Members.map((m: { Name: string }) => m.Name)).toEqual(['alimesos01.global', 'alimesos02.global', 'alimesos03.global']);
  });

  it('plans ci-mesosci-cs8 8 -> 10 with every allocation placed', async () => {
    const res = await call(sim.url, 'POST', '/v1/job/ci-mesosci-cs8/plan', { Job: withCount(sim, 'ci-mesosci-cs8', 'ci', 10), Diff: true });
    expect(res.status).toBe(200);
    const plan = res.json();
    expect(plan.FailedTGAllocs).toBeNull();
    expect(plan.Annotations.DesiredTGUpdates.ci).toMatchObject({ Place: 2, InPlaceUpdate: 8, Ignore: 0, Stop: 0 });
  });

  it('plans ci-mesosci-slc9 4 -> 12 with placement failures like ALICE sees them', async () => {
    const plan = (await call(sim.url, 'PUT', '/v1/job/ci-mesosci-slc9/plan', { Job: withCount(sim, 'ci-mesosci-slc9', 'ci', 12), Diff: true })).json();
    const metric = plan.FailedTGAllocs.ci;
    expect(metric.ConstraintFiltered).toEqual({ '${attr.kernel.name} = linux': 3, '${meta.allow_compilation} = true': 3 });
    expect(metric.DimensionExhausted.disk).toBeGreaterThan(0);
    expect(metric.DimensionExhausted.cores).toBeGreaterThan(0);
    expect(metric.NodesEvaluated).toBe(15);
    expect(metric.NodesFiltered).toBe(6);
    expect(metric.NodesExhausted).toBe(9);
    expect(metric.NodesAvailable).toEqual({ 'cern-a': 7, 'cern-b': 4, 'cern-c': 4 });
    expect(metric.CoalescedFailures).toBeGreaterThanOrEqual(0);
    expect(plan.Annotations.DesiredTGUpdates.ci.Place).toBe(8);
    expect(plan.CreatedEvals[0]).toMatchObject({ Status: 'blocked', TriggeredBy: 'job-register', StatusDescription: 'created to place remaining allocations' });
  });

  it('models disk drift: an old client thinks its disk is nearly full while it is not', async () => {
    const node = sim.state.node('alibuild10');
    expect(node?.Attributes['unique.storage.bytesfree']).toBe(String(204_800 * 1024 * 1024));
    const stats = (await call(sim.url, 'GET', `/v1/client/stats?node_id=${node?.ID}`)).json();
    expect(stats.AllocDirStats.Available).toBeGreaterThan(900 * 1024 ** 3);
    expect(sim.state.node('alibuild01')?.Attributes['unique.storage.bytesfree']).toBeUndefined();
  });
});
