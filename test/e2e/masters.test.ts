/** `/ci masters` and master-health alerts, end to end with the Consul and Vault simulators. */
import { afterEach, describe, expect, it } from 'vitest';
import { startConsulSim, type ConsulSim } from '../../sim/consul/index.js';
import { buttonsOf, namesFromStore, renderMessageText } from '../../sim/slack/index.js';
import { startVaultSim, type VaultSim } from '../../sim/vault/index.js';
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

async function stack(watch: boolean): Promise<Stack> {
  consul = await startConsulSim();
  vault = await startVaultSim();
  const agents = (m: Record<string, string>) =>
    Object.entries(m)
      .map(([k, v]) => `    ${k}: ${v}`)
      .join('\n');
  const yaml = `${ACCESS_YAML}\nmasters:\n  checkIntervalMs: 5000\n  consul:\n${agents(consul.agents)}\n  vault:\n${agents(vault.agents)}\n`;
  s = await startStack({
    yaml,
    env: { CONSUL_HTTP_ADDR: consul.url, VAULT_ADDR: vault.url },
    ...(watch ? { watch: { alerts: { defaultChannel: 'C0ALERTS' } } } : {}),
  });
  return s;
}

async function ask(st: Stack, text: string, expected: string): Promise<string> {
  const read = (m: Parameters<typeof renderMessageText>[0]) => renderMessageText(m, namesFromStore(st.slack.store));
  const before = st.slack.store.ephemeralFor({ user: 'U0ALICE' }).length;
  await st.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text });
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

describe('/ci masters', () => {
  it('checks Nomad, Consul and Vault on every master', async () => {
    const st = await stack(false);
    const answer = await ask(st, 'masters', '✅ All 3 masters healthy');
    expect(answer).toMatch(/alimesos01\s+✅ leader\s+✅ leader\s+✅ active/);
    expect(answer).toMatch(/alimesos02\s+✅ follower\s+✅ follower\s+✅ standby/);
  });

  it('puts a master whose Consul agent is down, and a sealed Vault, first', async () => {
    const st = await stack(false);
    await consul!.controls.agentDown('alimesos02');
    vault!.controls.seal('alimesos03');
    const answer = await ask(st, 'masters', '⚠️ alimesos02: Consul agent unreachable');
    expect(answer).toContain('⚠️ alimesos03: Vault sealed');
    const rows = answer.split('\n').filter((l) => /^\s*alimesos0\d/.test(l));
    expect(rows.map((r) => r.trim().slice(0, 10))).toEqual(['alimesos02', 'alimesos03', 'alimesos01']);
    expect(rows[0]).toContain('❌ unreachable');
  });

  it('raises a master-health alert when a master loses a server, and resolves it', async () => {
    const st = await stack(true);
    await eventually(() => st.bot.watch.isLeader || undefined, 10_000, 'lease');
    await consul!.controls.agentDown('alimesos03');
    const alert = await eventually(() => st.slack.store.topLevel('C0ALERTS').find((m) => String(m.text ?? '').includes('alimesos03')), 15_000, 'master alert');
    expect(String(alert.text)).toContain('Consul agent unreachable');
    await consul!.controls.agentUp('alimesos03');
    await eventually(() => String(st.slack.store.message('C0ALERTS', alert.ts)?.text ?? '').includes('Resolved') || undefined, 15_000, 'resolved');
  });

  it('two masters in trouble: one message, and each master keeps Show VM and Reboot VM behind its Details (issue 16.8)', async () => {
    const st = await stack(true);
    await eventually(() => st.bot.watch.isLeader || undefined, 10_000, 'lease');
    vault!.controls.seal('alimesos02');
    vault!.controls.seal('alimesos03');
    const grouped = await eventually(
      () => st.slack.store.topLevel('C0ALERTS').find((m) => /alimesos02/.test(JSON.stringify(m.blocks)) && /alimesos03/.test(JSON.stringify(m.blocks))),
      20_000,
      'one message for both',
    );
    const line = (grouped.blocks ?? []).find((b) => JSON.stringify(b).includes('Master alimesos02') && (b as { accessory?: unknown }).accessory) as
      | { accessory: { action_id: string } }
      | undefined;
    expect(line, 'alimesos02 has a line with a Details button').toBeDefined();
    const before = st.slack.store.ephemeralFor({ user: 'U0BOB' }).length;
    await st.driver.clickButton({ userId: 'U0BOB', channelId: 'C0ALERTS', messageTs: grouped.ts, actionId: line!.accessory.action_id });
    const view = await eventually(() => st.slack.store.ephemeralFor({ user: 'U0BOB' }).slice(before)[0], 10_000, 'the details');
    expect(renderMessageText(view, namesFromStore(st.slack.store))).toContain('Master alimesos02: Vault sealed');
    expect(buttonsOf(view).map((b) => b.text)).toEqual(['Show VM', 'Reboot VM…', 'Show masters', 'Silence 1h']);
  });
});
