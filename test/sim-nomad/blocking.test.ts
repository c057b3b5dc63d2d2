import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NomadSim } from '../../sim/nomad/index.js';
import { call, startFastSim } from './helpers.js';

describe('blocking queries', () => {
  let sim: NomadSim;
  beforeAll(async () => {
    sim = await startFastSim();
  });
  afterAll(() => sim.close());

  it('returns as soon as the watched index passes the one given', async () => {
    const first = await call(sim.url, 'GET', '/v1/job/ci-mesosci-cs8');
    const index = Number(first.headers['x-nomad-index']);
    const started = Date.now();
    const pending = call(sim.url, 'GET', `/v1/job/ci-mesosci-cs8?index=${index}&wait=10s`);
    setTimeout(() => sim.controls.scaleJob('ci-mesosci-cs8', 'ci', 9), 50);
    const second = await pending;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(Number(second.headers['x-nomad-index'])).toBeGreaterThan(index);
    expect(second.json().TaskGroups[0].Count).toBe(9);
  });

  it('returns on timeout with the same index when nothing changed', async () => {
    const first = await call(sim.url, 'GET', '/v1/nodes');
    const index = Number(first.headers['x-nomad-index']);
    const started = Date.now();
    const second = await call(sim.url, 'GET', `/v1/nodes?index=${index}&wait=150ms`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(second.status).toBe(200);
    expect(Number(second.headers['x-nomad-index'])).toBe(index);
  });

  it('rejects bad index and wait values', async () => {
    const badIndex = await call(sim.url, 'GET', '/v1/jobs?index=abc');
    expect([badIndex.status, badIndex.text]).toEqual([400, 'Invalid index']);
    const badWait = await call(sim.url, 'GET', '/v1/jobs?index=1&wait=soon');
    expect([badWait.status, badWait.text]).toEqual([400, 'Invalid wait time']);
  });

  it('sets only X-Nomad-Index on writes', async () => {
    const res = await call(sim.url, 'POST', '/v1/job/repo/scale', { Target: { Group: 'repo' }, Message: 'event only' });
    expect(res.headers['x-nomad-index']).toBe(String(res.json().Index));
    expect(res.headers['x-nomad-knownleader']).toBeUndefined();
  });
});
