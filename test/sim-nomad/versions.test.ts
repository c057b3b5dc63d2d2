/**
 * The simulator behaves as the Nomad version it is told to be (issue 13 point 3): before 1.9
 * `/scale` has no check-and-set, and no client runs a newer Nomad than its servers, so before
 * 1.11.1 every client reports `unique.storage.bytesfree`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { NomadSim } from '../../sim/nomad/index.js';
import { call, startFastSim } from './helpers.js';

let sim: NomadSim;
afterEach(async () => sim?.close());

const staleScale = async () => {
  const index = sim.state.job('ci-mesosci-cs8')!.JobModifyIndex;
  sim.controls.scaleJob('ci-mesosci-cs8', 'ci', 9); // someone else, after our plan
  return call(sim.url, 'POST', '/v1/job/ci-mesosci-cs8/scale', { Count: 10, Target: { Group: 'ci' }, JobModifyIndex: index });
};
const nodes = () => [...sim.state.nodes.values()];

describe('simulated Nomad versions', () => {
  it('1.8: reports its build, scales without looking at JobModifyIndex, and every client has bytesfree', async () => {
    sim = await startFastSim({ serverVersion: '1.8.4' });
    const members = (await call(sim.url, 'GET', '/v1/agent/members')).json();
    expect(members.Members.map((m: { Tags: { build: string } }) => m.Tags.build)).toEqual(['1.8.4', '1.8.4', '1.8.4']);
    const res = await staleScale();
    expect(res.status).toBe(200);
    expect(sim.state.job('ci-mesosci-cs8')!.TaskGroups[0]!.Count).toBe(10);
    expect(nodes().every((n) => n.Attributes['nomad.version'] === '1.8.4')).toBe(true);
    expect(nodes().every((n) => n.Attributes['unique.storage.bytesfree'] !== undefined)).toBe(true);
    const n = nodes()[0]!;
    expect(n.NodeResources.Disk.DiskMB).toBe(Math.floor(Number(n.Attributes['unique.storage.bytesfree']) / 2 ** 20));
  });

  it('1.9 and later: a stale JobModifyIndex on /scale is refused', async () => {
    sim = await startFastSim({ serverVersion: '1.9.6' });
    const res = await staleScale();
    expect(res.status).toBe(500);
    expect(res.text).toMatch(/^Enforcing job modify index \d+: job exists with conflicting job modify index: \d+$/);
    expect(sim.state.job('ci-mesosci-cs8')!.TaskGroups[0]!.Count).toBe(9);
  });

  it('1.11.2 (the default): clients from 1.11.1 report no bytesfree, older ones still do', async () => {
    sim = await startFastSim();
    const current = nodes().filter((n) => n.Attributes['nomad.version'] === '1.11.2');
    const older = nodes().filter((n) => n.Attributes['nomad.version'] !== '1.11.2');
    expect(current.length).toBeGreaterThan(0);
    expect(older.length).toBeGreaterThan(0);
    expect(current.every((n) => n.Attributes['unique.storage.bytesfree'] === undefined)).toBe(true);
    expect(older.every((n) => n.Attributes['unique.storage.bytesfree'] !== undefined)).toBe(true);
  });
});
