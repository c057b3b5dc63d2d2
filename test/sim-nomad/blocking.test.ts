import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { NomadSim } from '../../sim/nomad/index.js';
import { blockingParams, holdMs } from '../../sim/nomad/http/blocking.js';
import type { SimRequest } from '../../sim/http/server.js';
import { call, startFastSim } from './helpers.js';

/** Milliseconds until the response headers of a GET arrive (the body is then read and dropped). */
function headersAfter(url: string): Promise<{ ms: number; status: number; index: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      const ms = performance.now() - started;
      res.resume();
      res.on('end', () => resolve({ ms, status: res.statusCode ?? 0, index: String(res.headers['x-nomad-index']) }));
    }).on('error', reject);
  });
}

const paramsOf = (query: string) => blockingParams({ query: new URLSearchParams(query) } as SimRequest);

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

  it('holds an unchanged query for its wait plus the jitter, and sends no headers before (max jitter)', async () => {
    const strict = await startFastSim({ blockingJitter: 'max' });
    try {
      const first = await call(strict.url, 'GET', '/v1/nodes');
      const index = String(first.headers['x-nomad-index']);
      const answer = await headersAfter(`${strict.url}/v1/nodes?index=${index}&wait=800ms`);
      // 800 ms + 800/16 = 850 ms before even the status line.
      expect(answer.ms).toBeGreaterThanOrEqual(845);
      expect([answer.status, answer.index]).toEqual([200, index]);
      expect(strict.state.blocking.held).toEqual([expect.objectContaining({ path: '/v1/nodes', waitMs: 800, abandoned: false })]);
      expect(strict.state.blocking.held[0]!.heldMs).toBeGreaterThanOrEqual(845);
    } finally {
      await strict.close();
    }
  });

  it('adds a random jitter below wait/16, as helper.RandomStagger does', () => {
    expect(holdMs(160_000, 'none')).toBe(160_000);
    expect(holdMs(160_000, 'max')).toBe(170_000);
    expect(holdMs(160_000, 'random', () => 0)).toBe(160_000);
    expect(holdMs(160_000, 'random', () => 0.5)).toBe(165_000);
  });

  it('waits 300 s when no wait (or a zero one) is given, and never longer (TimeToBlock)', () => {
    expect(paramsOf('index=5').waitMs).toBe(300_000);
    expect(paramsOf('index=5&wait=0s').waitMs).toBe(300_000);
    expect(paramsOf('index=5&wait=10m').waitMs).toBe(300_000);
    expect(paramsOf('index=5&wait=90s').waitMs).toBe(90_000);
  });

  it('records a query the client hung up on as abandoned', async () => {
    const first = await call(sim.url, 'GET', '/v1/jobs');
    const index = String(first.headers['x-nomad-index']);
    const before = sim.state.blocking.held.length;
    await expect(call(sim.url, 'GET', `/v1/jobs?index=${index}&wait=5s`, undefined, {}, undefined, AbortSignal.timeout(100))).rejects.toThrow();
    await vi.waitFor(() => expect(sim.state.blocking.held.slice(before)).toEqual([expect.objectContaining({ path: '/v1/jobs', abandoned: true })]));
  });
});
