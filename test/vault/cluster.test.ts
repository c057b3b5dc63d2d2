/** ALICE's three Vault servers: health states as answers, leader, HA status, failures. */
import { afterEach, describe, expect, it } from 'vitest';
import { VaultApiError, vaultFailure, VaultUnreachableError, type Vault } from '../../src/vault/index.js';
import { aliceVault, startVaultSim, type VaultSim, type VaultSimOptions } from '../../sim/vault/index.js';
import { vaultFromEnv } from './helpers.js';

let sim: VaultSim | undefined;
let vault: Vault | undefined;
afterEach(async () => {
  await vault?.close();
  await sim?.close();
  sim = vault = undefined;
});

async function start(opts: VaultSimOptions = {}, timeoutMs = 2_000): Promise<{ sim: VaultSim; vault: Vault }> {
  sim = await startVaultSim(opts);
  vault = vaultFromEnv({ VAULT_ADDR: sim.url }, timeoutMs);
  return { sim, vault };
}
const node = (name: string) => vault!.forNode(sim!.agents[name]!);

describe('sys/health status codes are states, not errors', () => {
  it('reads the active node (200) and the standbys (429)', async () => {
    await start();
    const active = await node('alimesos01').sys.health();
    expect(active).toMatchObject({ status: 200, state: 'active' });
    expect(active.body).toMatchObject({ initialized: true, sealed: false, standby: false, cluster_name: 'vault-cluster-5e1f2a3b', version: '1.15.6' });
    const standby = await node('alimesos02').sys.health();
    expect(standby).toMatchObject({ status: 429, state: 'standby' });
    expect(standby.body.standby).toBe(true);
    // The state comes from the body, so a load balancer's standbyok does not turn it into "active".
    expect(await node('alimesos02').sys.health({ standbyOk: true })).toMatchObject({ status: 200, state: 'standby' });
  });

  it('parses a sealed server (503) as a state, without cluster name', async () => {
    const { sim } = await start();
    sim.controls.seal('alimesos03');
    const sealed = await node('alimesos03').sys.health();
    expect(sealed).toMatchObject({ status: 503, state: 'sealed' });
    expect(sealed.body.cluster_name).toBeUndefined();
    const seal = await node('alimesos03').sys.sealStatus();
    expect(seal).toMatchObject({ sealed: true, t: 3, n: 5, progress: 0, storage_type: 'consul' });
  });

  it('parses an uninitialized server (501)', async () => {
    const scenario = aliceVault();
    scenario.nodes[2] = { ...scenario.nodes[2]!, initialized: false };
    await start({ scenario });
    expect(await node('alimesos03').sys.health()).toMatchObject({ status: 501, state: 'not-initialized' });
  });
});

describe('leader and HA status', () => {
  it('names the active node from any server, and lists the HA members', async () => {
    await start();
    const fromStandby = await node('alimesos02').sys.leader();
    expect(fromStandby).toMatchObject({
      ha_enabled: true,
      is_self: false,
      leader_address: 'https://alimesos01.cern.ch:8200',
      active_time: '0001-01-01T00:00:00Z',
    });
    expect((await node('alimesos01').sys.leader()).is_self).toBe(true);
    const members = await vault!.sys.haStatus();
    expect(members.map((n) => [n.hostname, n.active_node, n.last_echo === null])).toEqual([
      ['alimesos01.cern.ch', true, true],
      ['alimesos02.cern.ch', false, false],
      ['alimesos03.cern.ch', false, false],
    ]);
  });

  it('fails over when the active node is sealed, and again on step-down', async () => {
    const { sim } = await start();
    sim.controls.seal('alimesos01');
    expect((await node('alimesos02').sys.health()).state).toBe('active');
    const err = await node('alimesos01')
      .sys.leader()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VaultApiError);
    expect((err as VaultApiError).status).toBe(503);
    expect((err as VaultApiError).errors).toEqual(['Vault is sealed']);
    expect(vaultFailure(err)).toBe('sealed');

    sim.controls.stepDown();
    expect((await vault!.sys.leader()).leader_address).toBe('https://alimesos03.cern.ch:8200');
    sim.controls.unseal('alimesos01');
    expect((await vault!.sys.haStatus()).map((n) => n.hostname)).toEqual(['alimesos03.cern.ch', 'alimesos01.cern.ch', 'alimesos02.cern.ch']);
  });

  it('reports a lost leader: empty leader_address, standbys only, ha-status 500', async () => {
    const { sim } = await start();
    sim.controls.loseLeader();
    expect((await vault!.sys.leader()).leader_address).toBe('');
    const states = await Promise.all(Object.keys(sim.agents).map(async (n) => (await node(n).sys.health()).state));
    expect(states).toEqual(['standby', 'standby', 'standby']);
    const err = await vault!.sys.haStatus().catch((e: unknown) => e);
    expect((err as VaultApiError).status).toBe(500);
    expect(vaultFailure(err)).toBe('no-active-node');
    sim.controls.electLeader('alimesos02');
    expect((await node('alimesos02').sys.health()).status).toBe(200);
  });
});

describe('a master down', () => {
  it('gives a clear "connection refused", and the front address moves to the new active node', async () => {
    const { sim } = await start();
    await sim.controls.agentDown('alimesos01');
    const err = await node('alimesos01')
      .sys.health()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VaultUnreachableError);
    expect((err as Error).message).toBe(`vault server at ${sim.agents.alimesos01} is unreachable: connection refused (ECONNREFUSED)`);
    expect(vaultFailure(err)).toBe('unreachable');
    expect(await vault!.sys.health()).toMatchObject({ status: 200, state: 'active' });
    expect((await vault!.sys.leader()).leader_address).toBe('https://alimesos02.cern.ch:8200');
    await sim.controls.agentUp('alimesos01');
    expect((await node('alimesos01').sys.health()).state).toBe('standby');
  });

  it('reports a hanging server as timed out', async () => {
    const { sim } = await start({}, 300);
    await sim.controls.agentDown('alimesos02', 'hang');
    const err = await node('alimesos02')
      .sys.sealStatus()
      .catch((e: unknown) => e);
    expect((err as VaultUnreachableError).reason).toBe('timed out');
  });
});
