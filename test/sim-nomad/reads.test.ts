import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NomadSim } from '../../sim/nomad/index.js';
import { call, fixture, startFastSim } from './helpers.js';

/** The top-level keys of a fixture object that the simulator must also send. */
const keysOf = (v: unknown) => Object.keys(v as object);

describe('Nomad reads look like the real API', () => {
  let sim: NomadSim;
  beforeAll(async () => {
    sim = await startFastSim();
  });
  afterAll(() => sim.close());

  it('lists jobs as JobListStubs with a JobSummary, and filters by prefix', async () => {
    const res = await call(sim.url, 'GET', '/v1/jobs?prefix=ci-mesosci');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(Number(res.headers['x-nomad-index'])).toBeGreaterThan(1);
    expect(res.headers['x-nomad-knownleader']).toBe('true');
    expect(res.headers['x-nomad-lastcontact']).toBe('0');
    const jobs = res.json();
    expect(jobs.map((j: { ID: string }) => j.ID)).toEqual(['ci-mesosci-cs8', 'ci-mesosci-slc9', 'ci-mesosci-slc9-o2physics']);
    const sample = (fixture('jobs-list.json') as unknown[])[0];
    for (const k of keysOf(sample)) expect(jobs[0]).toHaveProperty(k);
    for (const k of keysOf((sample as { JobSummary: unknown }).JobSummary)) expect(jobs[0].JobSummary).toHaveProperty(k);
    expect(jobs[0].JobSummary.Summary.ci).toMatchObject({ Running: 8, Queued: 0, Starting: 0 });
    expect((await call(sim.url, 'GET', '/v1/jobs?namespace=*')).json()).toHaveLength(7);
  });

  it('reads a job with the fields of job-read.json', async () => {
    const job = (await call(sim.url, 'GET', '/v1/job/ci-mesosci-cs8')).json();
    for (const k of [
      'Region',
      'Namespace',
      'ID',
      'Name',
      'Type',
      'Priority',
      'Datacenters',
      'Constraints',
      'TaskGroups',
      'Status',
      'CreateIndex',
      'ModifyIndex',
      'JobModifyIndex',
      'Version',
      'SubmitTime',
    ]) {
      expect(job).toHaveProperty(k);
    }
    expect(job.Status).toBe('running');
    const tg = job.TaskGroups[0];
    expect(tg).toMatchObject({ Name: 'ci', Count: 8, EphemeralDisk: { Sticky: true, Migrate: false, SizeMB: 245760 } });
    expect(tg.Tasks[0]).toMatchObject({ Name: 'continuous-builder', Driver: 'docker', Resources: { Cores: 8, MemoryMB: 16000 }, Vault: { Policies: ['ci'] } });
    expect(tg.Tasks[0].Templates[0].EmbeddedTmpl).toContain('{{ with secret');
  });

  it('answers unknown objects with the plain-text 404s of Nomad', async () => {
    const job = await call(sim.url, 'GET', '/v1/job/nope');
    expect([job.status, job.text, job.headers['content-type']]).toEqual([404, 'job not found', 'text/plain; charset=utf-8']);
    const node = await call(sim.url, 'GET', '/v1/node/00000000-0000-0000-0000-000000000000');
    expect([node.status, node.text]).toEqual([404, 'node not found']);
    const alloc = await call(sim.url, 'GET', '/v1/allocation/nope');
    expect([alloc.status, alloc.text]).toEqual([404, 'alloc not found']);
    const unknown = await call(sim.url, 'GET', '/v1/no/such/route');
    expect([unknown.status, unknown.text]).toEqual([404, '']);
    const wrong = await call(sim.url, 'PATCH', '/v1/jobs');
    expect([wrong.status, wrong.text]).toEqual([405, 'Invalid method']);
  });

  it('lists job allocations as AllocationListStubs', async () => {
    const allocs = (await call(sim.url, 'GET', '/v1/job/ci-mesosci-cs8/allocations')).json();
    expect(allocs).toHaveLength(8);
    const sample = (fixture('job-allocations.json') as unknown[])[0];
    for (const k of keysOf(sample)) expect(allocs[0]).toHaveProperty(k);
    expect(allocs[0]).toMatchObject({ JobID: 'ci-mesosci-cs8', TaskGroup: 'ci', DesiredStatus: 'run', ClientStatus: 'running', Namespace: 'default' });
    expect(allocs.map((a: { Name: string }) => a.Name).sort()).toContain('ci-mesosci-cs8.ci[7]');
    expect(allocs[0].TaskStates['continuous-builder'].State).toBe('running');
    expect(typeof allocs[0].CreateTime).toBe('number');
    const full = (await call(sim.url, 'GET', `/v1/allocation/${allocs[0].ID}`)).json();
    expect(full.Job.ID).toBe('ci-mesosci-cs8');
    expect(full.AllocatedResources.Shared.DiskMB).toBe(245760);
    expect(full.AllocatedResources.Tasks['continuous-builder'].Cpu.ReservedCores).toHaveLength(8);
    const listed = (await call(sim.url, 'GET', `/v1/allocations?prefix=${allocs[0].ID.slice(0, 4)}`)).json();
    expect(listed.some((a: { ID: string }) => a.ID === allocs[0].ID)).toBe(true);
  });

  it('lists and reads nodes with the fields of the fixtures', async () => {
    const stubs = (await call(sim.url, 'GET', '/v1/nodes?resources=true')).json();
    const sample = (fixture('nodes-list.json') as unknown[])[0];
    for (const k of keysOf(sample).filter((k) => k !== 'Attributes')) expect(stubs[0]).toHaveProperty(k);
    expect(stubs[0].NodeResources.Disk.DiskMB).toBeGreaterThan(0);
    const id = stubs.find((n: { Name: string }) => n.Name === 'alibuild02').ID;
    const node = (await call(sim.url, 'GET', `/v1/node/${id}`)).json();
    for (const k of keysOf(fixture('node-read.json'))) expect(node).toHaveProperty(k);
    expect(node.Attributes).toMatchObject({ 'kernel.name': 'linux', 'unique.hostname': 'alibuild02.cern.ch', 'cpu.numcores': '32' });
    expect(node.Meta.allow_compilation).toBe('true');
    const allocs = (await call(sim.url, 'GET', `/v1/node/${id}/allocations`)).json();
    expect(allocs.every((a: { NodeID: string; Job: unknown }) => a.NodeID === id && a.Job !== undefined)).toBe(true);
    const stats = (await call(sim.url, 'GET', `/v1/client/stats?node_id=${id}`)).json();
    for (const k of keysOf(fixture('client-stats.json'))) expect(stats).toHaveProperty(k);
    expect(stats.AllocDirStats.Size).toBe(stats.AllocDirStats.Used + stats.AllocDirStats.Available);
    const missing = await call(sim.url, 'GET', '/v1/client/stats');
    expect([missing.status, missing.text]).toEqual([400, 'No local Node and node_id not provided']);
  });

  it('reports the leader and peers', async () => {
    const leader = (await call(sim.url, 'GET', '/v1/status/leader')).json();
    const peers = (await call(sim.url, 'GET', '/v1/status/peers')).json();
    expect(peers).toHaveLength(3);
    expect(peers).toContain(leader);
  });

  it('counts requests by method and path', async () => {
    const before = sim.state.requestCount('GET /v1/status/leader');
    await call(sim.url, 'GET', '/v1/status/leader?stale');
    expect(sim.state.requestCount('GET /v1/status/leader')).toBe(before + 1);
    expect(sim.state.requestCount('POST /v1/job/ci-mesosci-cs8/scale')).toBe(0);
  });
});
