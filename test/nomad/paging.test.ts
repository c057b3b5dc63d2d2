/**
 * Farm-wide allocation reads come in pages (`per_page` / `next_token`) and are folded as they
 * arrive, so 50,000 allocations are never one body in memory. Servers before 1.10.1 compared page
 * tokens as strings (hashicorp/nomad#25435): the simulator reproduces that, and the client reads
 * such servers unpaged.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNomad, nomadSettingsFromEnv, type Nomad, type PageFold } from '../../src/nomad/index.js';
import { versionAtLeast } from '../../src/nomad/paging.js';
import { clusterReads } from '../../src/monitors/nomad-reads.js';
import { startNomadSim, type NomadSim } from '../../sim/nomad/index.js';
import { bigFarm } from '../e2e/farm-500.js';
import { call } from '../sim-nomad/helpers.js';

/** 150 jobs of one allocation each: CreateIndex runs from two digits to three, where the old comparison breaks. */
const farm = () => bigFarm(20, 150, 1);

/** Keeps every allocation ID in arrival order, and how many pages came. */
const collect: PageFold<{ ID: string; CreateIndex: number }, { ids: string[]; indexes: number[]; pages: number }> = {
  start: () => ({ ids: [], indexes: [], pages: 0 }),
  add(acc, page) {
    acc.pages += 1;
    for (const a of page) {
      acc.ids.push(a.ID);
      acc.indexes.push(a.CreateIndex);
    }
  },
};

describe('paged allocation reads', () => {
  let fixed: NomadSim;
  let old: NomadSim;
  let clients: Nomad[] = [];
  const nomadFor = (url: string) => {
    const n = createNomad(nomadSettingsFromEnv({ NOMAD_ADDR: url }));
    clients.push(n);
    return n;
  };
  beforeAll(async () => {
    [fixed, old] = await Promise.all([startNomadSim({ scenario: farm() }), startNomadSim({ scenario: farm(), serverVersion: '1.9.6' })]);
  });
  afterEach(async () => {
    await Promise.all(clients.map((c) => c.close()));
    clients = [];
  });
  afterAll(async () => Promise.all([fixed?.close(), old?.close()]));

  it('the simulator pages like Nomad: per_page items, X-Nomad-NextToken = CreateIndex.ID of the next one, none on the last page', async () => {
    const all = (await call(fixed.url, 'GET', '/v1/allocations')).json() as { ID: string; CreateIndex: number }[];
    expect(all).toHaveLength(150);
    const seen: string[] = [];
    let token = '';
    let pages = 0;
    do {
      const res = await call(fixed.url, 'GET', `/v1/allocations?per_page=40${token ? `&next_token=${token}` : ''}`);
      const page = res.json() as { ID: string; CreateIndex: number }[];
      pages += 1;
      seen.push(...page.map((a) => a.ID));
      token = (res.headers['x-nomad-nexttoken'] as string | undefined) ?? '';
      if (token) expect(token).toBe(`${all[seen.length]!.CreateIndex}.${all[seen.length]!.ID}`);
      else expect(page.length).toBeLessThanOrEqual(40);
    } while (token);
    expect(pages).toBe(4);
    expect(seen).toEqual(all.map((a) => a.ID));
    // Oldest first, as Nomad ≥ 1.3 lists them.
    expect(all.map((a) => a.CreateIndex)).toEqual([...all.map((a) => a.CreateIndex)].sort((a, b) => a - b));
    // A per_page that is not a number is ignored, as the agent's parsePagination does.
    expect((await call(fixed.url, 'GET', '/v1/allocations?per_page=lots')).json()).toHaveLength(150);
  });

  it('a 1.9 server loses allocations when paged (hashicorp/nomad#25435), as the real one did', async () => {
    const seen = new Set<string>();
    let token = '';
    for (let i = 0; i < 20; i++) {
      const res = await call(old.url, 'GET', `/v1/allocations?per_page=25${token ? `&next_token=${token}` : ''}`);
      for (const a of res.json() as { ID: string }[]) seen.add(a.ID);
      token = (res.headers['x-nomad-nexttoken'] as string | undefined) ?? '';
      if (!token) break;
    }
    expect(seen.size).toBeLessThan(150);
  });

  it('folds every page once, in order, one request per page', async () => {
    const before = fixed.state.requestCount('GET /v1/allocations');
    const { data, meta } = await nomadFor(fixed.url).allocations.foldWithResources(collect, { perPage: 40 });
    expect(data.pages).toBe(4);
    expect(new Set(data.ids).size).toBe(150);
    expect(data.indexes).toEqual([...data.indexes].sort((a, b) => a - b));
    expect(fixed.state.requestCount('GET /v1/allocations') - before).toBe(4);
    expect(meta.lastIndex).toBeGreaterThan(0);
    expect(meta).not.toHaveProperty('nextToken');
  });

  it('reads a server older than 1.10.1 unpaged, and gets every allocation', async () => {
    const before = old.state.requestCount('GET /v1/allocations');
    const { data } = await nomadFor(old.url).allocations.foldWithResources(collect, { perPage: 25 });
    expect(data.pages).toBe(1);
    expect(new Set(data.ids).size).toBe(150);
    expect(old.state.requestCount('GET /v1/allocations') - before).toBe(1);
  });

  it('a server that hands out the same token twice is read once more, unpaged, instead of looping', async () => {
    const alloc = (id: string, createIndex: number) => ({
      ID: id,
      Name: `x.g[${createIndex}]`,
      NodeID: 'n1',
      JobID: 'x',
      TaskGroup: 'g',
      DesiredStatus: 'run',
      ClientStatus: 'running',
      TaskStates: null,
      CreateIndex: createIndex,
      ModifyIndex: createIndex,
      CreateTime: 1,
      ModifyTime: 1,
      AllocatedResources: { Shared: { DiskMB: 100 } },
    });
    let allocationRequests = 0;
    // Claims a fixed build, but pages like the old paginator did in hashicorp/nomad#25435.
    const liar: Server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const json = (body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(200, { 'content-type': 'application/json', 'x-nomad-index': '7', ...headers });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === '/v1/agent/members')
        return json({ Members: [{ Name: 's1.global', Addr: '10.0.0.1', Port: 4648, Status: 'alive', Tags: { role: 'nomad', build: '1.10.5' } }] });
      allocationRequests += 1;
      if (url.searchParams.has('per_page')) return json([alloc('a1', 5)], { 'x-nomad-nexttoken': '1008746.a2' });
      return json([alloc('a1', 5), alloc('a2', 1008746)]);
    });
    await new Promise<void>((r) => liar.listen(0, '127.0.0.1', r));
    try {
      const { data } = await nomadFor(`http://127.0.0.1:${(liar.address() as AddressInfo).port}`).allocations.foldWithResources(collect, { perPage: 1 });
      expect(data.ids).toEqual(['a1', 'a2']);
      expect(allocationRequests).toBe(3);
    } finally {
      await new Promise((r) => liar.close(r));
    }
  });

  it('the simulator pages the node list by node ID (Nomad ≥ 1.3), and the token is the next node ID, on a 1.9 server too', async () => {
    for (const sim of [fixed, old]) {
      const all = (await call(sim.url, 'GET', '/v1/nodes')).json() as { ID: string }[];
      expect(all.map((n) => n.ID)).toEqual(all.map((n) => n.ID).sort());
      const seen: string[] = [];
      let token = '';
      do {
        const res = await call(sim.url, 'GET', `/v1/nodes?per_page=6${token ? `&next_token=${token}` : ''}`);
        seen.push(...(res.json() as { ID: string }[]).map((n) => n.ID));
        token = (res.headers['x-nomad-nexttoken'] as string | undefined) ?? '';
        if (token) expect(token).toBe(all[seen.length]!.ID);
      } while (token);
      expect(seen).toEqual(all.map((n) => n.ID));
    }
  });

  it('the cluster watch reads the node list in pages, even from a 1.9 server: node IDs never had the string-compare bug', async () => {
    for (const sim of [fixed, old]) {
      const before = sim.state.requestCount('GET /v1/nodes');
      const { data } = await clusterReads(nomadFor(sim.url), { perPage: 6 }).nodes();
      expect(data.map((n) => n.Name).sort()).toEqual([...sim.state.nodes.values()].map((n) => n.Name).sort());
      expect(sim.state.requestCount('GET /v1/nodes') - before).toBe(4);
      expect(data[0]).not.toHaveProperty('Drivers');
    }
  });

  it('compares versions as Nomad numbers them', () => {
    const min = [1, 10, 1] as const;
    expect(['1.10.1', '1.10.5+ent', '1.11.0-beta.1', '2.0.0', 'v1.10.2'].map((v) => versionAtLeast(v, min))).toEqual([true, true, true, true, true]);
    expect(['1.10.0', '1.9.6', '0.12.9', '', 'dev'].map((v) => versionAtLeast(v, min))).toEqual([false, false, false, false, false]);
  });
});
