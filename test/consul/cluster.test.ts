/** The raft and gossip view of ALICE's three Consul servers, through our client, over real HTTP. */
import { afterEach, describe, expect, it } from 'vitest';
import { consulFailure, ConsulUnreachableError, instanceStatus, isConsulServer, memberStatusName, type Consul } from '../../src/consul/index.js';
import { HttpApiError } from '../../src/errors.js';
import { startConsulSim, type ConsulSim } from '../../sim/consul/index.js';
import { consulFromEnv } from './helpers.js';

let sim: ConsulSim | undefined;
let consul: Consul | undefined;
afterEach(async () => {
  await consul?.close();
  await sim?.close();
  sim = consul = undefined;
});

async function start(timeoutMs = 2_000): Promise<{ sim: ConsulSim; consul: Consul }> {
  sim = await startConsulSim();
  consul = consulFromEnv({ CONSUL_HTTP_ADDR: sim.url.replace('http://', '') }, timeoutMs);
  return { sim, consul };
}

describe('leader, peers and members', () => {
  it('reads the raft leader and the three peers through the front address', async () => {
    const { consul } = await start();
    expect(await consul.status.leader()).toBe('10.16.8.11:8300');
    expect(await consul.status.peers()).toEqual(['10.16.8.11:8300', '10.16.8.12:8300', '10.16.8.13:8300']);
    const raft = await consul.operator.raftConfiguration();
    expect(raft.data.Servers.map((s) => [s.Node, s.Leader, s.Voter])).toEqual([
      ['alimesos01', true, true],
      ['alimesos02', false, true],
      ['alimesos03', false, true],
    ]);
    expect(raft.data.Index).toBeGreaterThan(0);
  });

  it('lists the masters as alive Consul servers and the builders as client agents', async () => {
    const { consul } = await start();
    const { data, meta } = await consul.agent.members();
    expect(meta.filteredByAcls).toBe(false);
    const servers = data.filter(isConsulServer);
    expect(servers.map((m) => [m.Name, memberStatusName(m.Status), m.Tags.dc])).toEqual([
      ['alimesos01', 'alive', 'dc1'],
      ['alimesos02', 'alive', 'dc1'],
      ['alimesos03', 'alive', 'dc1'],
    ]);
    expect(data.filter((m) => !isConsulServer(m)).map((m) => m.Name)).toEqual(['alibuild01', 'alibuild02']);
  });

  it('asks each master on its own with forAgent, host:port or full URL', async () => {
    const { sim, consul } = await start();
    for (const [name, url] of Object.entries(sim.agents)) {
      const agent = consul.forAgent(url.replace('http://', ''));
      expect(agent.client.address).toBe(url);
      expect(await agent.status.leader()).toBe('10.16.8.11:8300');
      await agent.close();
      expect(name).toMatch(/^alimesos0[123]$/);
    }
    // The borrowed connection pool stays open for the parent.
    expect(await consul.status.peers()).toHaveLength(3);
  });
});

describe('a master down', () => {
  it('gives a clear "connection refused" for the stopped agent while the others fail over', async () => {
    const { sim, consul } = await start();
    await sim.controls.agentDown('alimesos01');
    const err = await consul
      .forAgent(sim.agents.alimesos01!)
      .status.leader()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConsulUnreachableError);
    expect((err as ConsulUnreachableError).reason).toBe('connection refused');
    expect((err as Error).message).toBe(`consul agent at ${sim.agents.alimesos01} is unreachable: connection refused (ECONNREFUSED)`);
    expect(consulFailure(err)).toBe('unreachable');

    const other = consul.forAgent(sim.agents.alimesos02!);
    expect(await other.status.leader()).toBe('10.16.8.12:8300');
    const members = (await other.agent.members()).data.filter(isConsulServer);
    expect(members.map((m) => memberStatusName(m.Status))).toEqual(['failed', 'alive', 'alive']);
    // The front address still answers from a live master.
    expect(await consul.status.leader()).toBe('10.16.8.12:8300');
  });

  it('reports a hanging agent as timed out, within the configured timeout', async () => {
    const { sim, consul } = await start(300);
    await sim.controls.agentDown('alimesos03', 'hang');
    const t0 = Date.now();
    const err = await consul
      .forAgent(sim.agents.alimesos03!)
      .status.peers()
      .catch((e: unknown) => e);
    expect((err as ConsulUnreachableError).reason).toBe('timed out');
    expect(Date.now() - t0).toBeLessThan(2_000);
    await sim.controls.agentUp('alimesos03');
    expect(await consul.forAgent(sim.agents.alimesos03!).status.peers()).toHaveLength(3);
  });

  it('answers again on the same address after agentUp', async () => {
    const { sim, consul } = await start();
    await sim.controls.agentDown('alimesos02');
    await sim.controls.agentUp('alimesos02');
    const members = (await consul.forAgent(sim.agents.alimesos02!).agent.members()).data.filter(isConsulServer);
    expect(members.every((m) => memberStatusName(m.Status) === 'alive')).toBe(true);
  });

  it('marks the down node critical in service health (serfHealth)', async () => {
    const { sim, consul } = await start();
    await sim.controls.agentDown('alimesos02');
    const nomad = (await consul.health.service('nomad')).data;
    expect(nomad.map((e) => [e.Node.Node, instanceStatus(e)])).toEqual([
      ['alimesos01', 'passing'],
      ['alimesos02', 'critical'],
      ['alimesos03', 'passing'],
    ]);
    expect(nomad[1]!.Checks.find((c) => c.CheckID === 'serfHealth')?.Output).toBe('Agent not live or unreachable');
    expect((await consul.health.service('nomad', { passing: true })).data).toHaveLength(2);
    expect((await consul.health.service('vault', { tag: 'active' })).data.map((e) => e.Node.Node)).toEqual(['alimesos01']);
  });
});

describe('no leader', () => {
  it('reads "" as no leader, and raft reads fail with "No cluster leader" unless stale', async () => {
    const { sim, consul } = await start();
    sim.controls.loseLeader();
    expect(await consul.status.leader()).toBeUndefined();
    const err = await consul.operator.raftConfiguration().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpApiError);
    expect((err as HttpApiError).status).toBe(500);
    expect(consulFailure(err)).toBe('no-leader');
    const stale = await consul.operator.raftConfiguration({ stale: true });
    expect(stale.data.Servers.some((s) => s.Leader)).toBe(false);
    const health = await consul.health.service('consul', { stale: true });
    expect(health.meta.knownLeader).toBe(false);

    sim.controls.electLeader('alimesos03');
    expect(await consul.status.leader()).toBe('10.16.8.13:8300');
  });

  it('loses the leader when two of three masters are down, and elects one when quorum returns', async () => {
    const { sim, consul } = await start();
    await sim.controls.agentDown('alimesos01');
    await sim.controls.agentDown('alimesos02');
    const survivor = consul.forAgent(sim.agents.alimesos03!);
    expect(await survivor.status.leader()).toBeUndefined();
    expect(() => sim.controls.electLeader('alimesos03')).toThrow(/no quorum/);
    await sim.controls.agentUp('alimesos02');
    expect(await survivor.status.leader()).toBe('10.16.8.12:8300');
  });
});
