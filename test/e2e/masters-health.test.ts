/**
 * Issue 13 point 8, `/ci masters` end to end: Nomad names a server member `<node>.<region>` and
 * masters may be configured short or as FQDNs; a Consul member that cannot be found (here: the
 * token's ACL hides them) is "not found", never a healthy follower; a Vault standby that cannot
 * reach the active node (474, Vault 1.19+) is unhealthy.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startConsulSim, type ConsulSim, type ConsulSimOptions } from '../../sim/consul/index.js';
import { namesFromStore, renderMessageText } from '../../sim/slack/index.js';
import { aliceVault, startVaultSim, type VaultSim } from '../../sim/vault/index.js';
import { eventually } from '../support/eventually.js';
import { ACCESS_YAML, CHANNEL, startStack, type Stack } from '../support/stack.js';

let s: Stack | undefined;
let consul: ConsulSim | undefined;
let vault: VaultSim | undefined;
afterEach(async () => {
  await s?.close();
  await consul?.close();
  await vault?.close();
});

interface Setup {
  /** How master names are written in chatops.yaml (default: as Nomad's node names, short). */
  name?: (short: string) => string;
  consul?: ConsulSimOptions;
  consulToken?: string;
  vaultVersion?: string;
}

async function stack(o: Setup = {}): Promise<Stack> {
  consul = await startConsulSim(o.consul);
  vault = await startVaultSim(o.vaultVersion ? { scenario: { ...aliceVault(), version: o.vaultVersion } } : {});
  const name = o.name ?? ((n: string) => n);
  const agents = (m: Record<string, string>) =>
    Object.entries(m)
      .map(([k, v]) => `    ${name(k)}: ${v}`)
      .join('\n');
  const names = Object.keys(consul.agents).map(name);
  const yaml = `${ACCESS_YAML}\nmasters:\n  names: [${names.join(', ')}]\n  consul:\n${agents(consul.agents)}\n  vault:\n${agents(vault.agents)}\n`;
  s = await startStack({ yaml, env: { CONSUL_HTTP_ADDR: consul.url, VAULT_ADDR: vault.url, ...(o.consulToken ? { CONSUL_HTTP_TOKEN: o.consulToken } : {}) } });
  return s;
}

async function masters(st: Stack, expected: string): Promise<string> {
  const read = (m: Parameters<typeof renderMessageText>[0]) => renderMessageText(m, namesFromStore(st.slack.store));
  const before = st.slack.store.ephemeralFor({ user: 'U0ALICE' }).length;
  await st.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: 'masters' });
  return eventually(
    () =>
      st.slack.store
        .ephemeralFor({ user: 'U0ALICE' })
        .slice(before)
        .map(read)
        .find((t) => t.includes(expected)),
    10_000,
    expected,
  );
}

describe('/ci masters reads every service right', () => {
  it('finds the Nomad servers (members `<node>.<region>`) when the masters are configured as FQDNs', async () => {
    const st = await stack({ name: (n) => `${n}.cern.ch` });
    const answer = await masters(st, 'masters healthy');
    expect(answer).toContain('✅ All 3 masters healthy');
    expect(answer).toMatch(/alimesos01\.cern\.ch\s+✅ leader\s+✅ leader\s+✅ active/);
    expect(answer).toMatch(/alimesos02\.cern\.ch\s+✅ follower\s+✅ follower\s+✅ standby/);
  });

  it('says "not found" for a Consul server missing from the members, and why, never "follower"', async () => {
    const st = await stack({
      consul: { acl: { tokens: { 'no-node-read': { accessorId: 'a1b2c3d4-0000-4000-8000-000000000001', operatorRead: true, serviceRead: true } } } },
      consulToken: 'no-node-read',
    });
    const answer = await masters(st, 'Consul server not found');
    expect(answer).toContain("⚠️ alimesos02: Consul server not found among the members: the token's ACL hides members (it needs node:read)");
    expect(answer).not.toMatch(/✅ follower\s+✅ standby/);
    expect(answer).toMatch(/alimesos02\s+✅ follower\s+❌ not found\s+✅ standby/);
  });

  it('counts a Vault standby that cannot reach the active node (474) as unhealthy', async () => {
    const st = await stack({ vaultVersion: '1.19.2' });
    vault!.controls.haUnhealthy('alimesos03');
    const answer = await masters(st, 'alimesos03:');
    expect(answer).toContain('⚠️ alimesos03: Vault standby cannot reach the active node (standby-unhealthy)');
    expect(answer).toMatch(/alimesos03\s+✅ follower\s+✅ follower\s+❌ standby-unhealthy/);
    expect(answer).toMatch(/alimesos02\s+✅ follower\s+✅ follower\s+✅ standby/);
  });
});
