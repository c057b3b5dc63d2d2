import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NomadSim } from '../../sim/nomad/index.js';
import { call, startFastSim, withCount } from './helpers.js';

const MGMT = 'a1b2c3d4-0000-4000-8000-00000000beef';
const READER = 'a1b2c3d4-0000-4000-8000-0000000000ad';

describe('ACLs', () => {
  let sim: NomadSim;
  beforeAll(async () => {
    sim = await startFastSim({ acl: { tokens: { [MGMT]: 'management', [READER]: 'read' } } });
  });
  afterAll(() => sim.close());

  it('refuses unknown tokens with 403 ACL token not found', async () => {
    const res = await call(sim.url, 'GET', '/v1/jobs', undefined, { 'X-Nomad-Token': 'not-a-token' });
    expect([res.status, res.text, res.headers['content-type']]).toEqual([403, 'ACL token not found', 'text/plain; charset=utf-8']);
  });

  it('refuses anonymous requests with Permission denied', async () => {
    const res = await call(sim.url, 'GET', '/v1/jobs');
    expect([res.status, res.text]).toEqual([403, 'Permission denied']);
  });

  it('lets a read token read, but not plan, scale, register, stop or change nodes', async () => {
    const read = await call(sim.url, 'GET', '/v1/jobs', undefined, { 'X-Nomad-Token': READER });
    expect(read.status).toBe(200);
    const headers = { 'X-Nomad-Token': READER };
    const writes: Array<[string, string, unknown]> = [
      ['POST', '/v1/job/ci-mesosci-cs8/plan', { Job: withCount(sim, 'ci-mesosci-cs8', 'ci', 10) }],
      ['POST', '/v1/jobs', { Job: withCount(sim, 'ci-mesosci-cs8', 'ci', 10) }],
      ['POST', '/v1/job/ci-mesosci-cs8/scale', { Count: 10, Target: { Group: 'ci' } }],
      ['DELETE', '/v1/job/ci-mesosci-cs8', undefined],
      ['POST', `/v1/node/${sim.state.node('alibuild01')?.ID}/eligibility`, { Eligibility: 'ineligible' }],
    ];
    for (const [method, path, body] of writes) {
      const res = await call(sim.url, method, path, body, headers);
      expect([method, path, res.status, res.text]).toEqual([method, path, 403, 'Permission denied']);
    }
    expect(sim.state.job('ci-mesosci-cs8')?.TaskGroups[0]?.Count).toBe(8);
  });

  it('accepts Authorization: Bearer', async () => {
    const res = await call(
      sim.url,
      'POST',
      '/v1/job/ci-mesosci-cs8/plan',
      { Job: withCount(sim, 'ci-mesosci-cs8', 'ci', 10) },
      { Authorization: `Bearer ${MGMT}` },
    );
    expect(res.status).toBe(200);
  });
});
