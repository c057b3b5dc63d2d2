/**
 * Issue 16 point 8 end to end: when a second alert joins a message, each member keeps its own
 * next steps — its line (with its cleanup command) and a Details button that opens the member's
 * own view with its buttons, which work as on a single alert.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, type StoredMessage } from '../../sim/slack/index.js';
import type { MonitorsConfigInput } from '../../src/monitors/index.js';
import { eventually } from '../support/eventually.js';
import { BOB, VmWorld } from './vm-helpers.js';

const ALERTS = 'C0ALERTS';
const GIB = 1024 ** 3;
const watch: MonitorsConfigInput = {
  reconcileIntervalMs: 400,
  heartbeatTimeoutMs: 1_500,
  disk: { checkIntervalMs: 200 },
  alerts: { defaultChannel: ALERTS, groupWaitMs: 100, minPostIntervalMs: 40, tickMs: 50 },
  lease: { ttlMs: 10_000 },
};
// The alert buttons run their commands where the alert is: #ci-alerts is allowed for node and VM changes.
const YAML = `
access:
  groups:
    ci-admins: [U0BOB, U0CAROL]
    operators: [U0ALICE, U0BOB, U0CAROL]
  classes:
    node: { request: ["@operators"], approve: ["@ci-admins"], channels: [C0CIOPS, C0ALERTS] }
    vm: { request: ["@operators"], approve: ["@ci-admins"], channels: [C0CIOPS, C0ALERTS] }
`;

let w: VmWorld | undefined;
afterEach(async () => w?.close());

/** The Details button on the line of `subject` in a grouped message. */
function detailsOf(m: StoredMessage, subject: string): { actionId: string; value: string } {
  const block = (m.blocks ?? []).find((b) => {
    const text = (b as { text?: { text?: string } }).text?.text ?? '';
    return (b as { accessory?: unknown }).accessory !== undefined && text.includes(subject);
  }) as { accessory: { action_id: string; value: string; text: { text: string } } } | undefined;
  expect(block, `a line with a button for ${subject}`).toBeDefined();
  expect(block!.accessory.text.text).toBe('Details');
  return { actionId: block!.accessory.action_id, value: block!.accessory.value };
}

async function openDetails(world: VmWorld, m: StoredMessage, subject: string): Promise<{ ts: string; text: string; labels: string[] }> {
  const before = world.s.slack.store.ephemeralFor({ user: BOB }).length;
  const { actionId } = detailsOf(m, subject);
  const res = await world.s.driver.clickButton({ userId: BOB, channelId: ALERTS, messageTs: m.ts, actionId });
  expect(res.status).toBe(200);
  const view = await eventually(() => world.s.slack.store.ephemeralFor({ user: BOB }).slice(before)[0], 10_000, `the details of ${subject}`);
  return { ts: view.ts, text: world.text(view), labels: buttonsOf(view).map((b) => b.text) };
}

describe('grouped alerts keep each member’s actions', () => {
  it('disk drift on a second node: alibuild10 keeps its cleanup command, and Details opens Mark ineligible, which plans', async () => {
    w = await VmWorld.start({ yaml: YAML, watch });
    const s = w.s;
    const first = await eventually(
      () => s.slack.store.topLevel(ALERTS).find((m) => m.text.includes('Disk accounting drift on alibuild10')),
      15_000,
      'the alibuild10 drift alert',
    );
    expect(buttonsOf(first).map((b) => b.text)).toEqual(['Clean up…', 'Mark ineligible', 'Silence 1d']);

    s.nomad.controls.setUntrackedDiskUsage('alibuild04', 900 * GIB);
    const grouped = await eventually(
      () => {
        const m = s.slack.store.message(ALERTS, first.ts);
        return m?.text.startsWith('🟠 2 nodes with disk accounting drift') ? m : undefined;
      },
      15_000,
      'the message grouping both drifts',
    );
    const shown = w.text(grouped);
    expect(shown).toContain("ssh -C alibuild10.cern.ch 'rm -rfv /build/nomad/alloc/*/ci/local/*/sw && systemctl restart nomad'");
    expect(shown).toContain("ssh -C alibuild04.cern.ch 'rm -rfv");
    expect(buttonsOf(grouped).map((b) => b.text)).toEqual(['Details', 'Details', 'Silence 1d']);

    const view = await openDetails(w, grouped, 'alibuild10');
    expect(view.text).toContain('Disk accounting drift on alibuild10');
    expect(view.text).toContain("ssh -C alibuild10.cern.ch 'rm -rfv");
    expect(view.labels).toEqual(['Clean up…', 'Mark ineligible', 'Silence 1d']);

    // Its Mark ineligible is the member's own: it plans `/ci node ineligible alibuild10`.
    const ephemeral = s.slack.store.ephemeralFor({ user: BOB }).find((e) => e.ts === view.ts)!;
    const mark = buttonsOf(ephemeral).find((b) => b.text === 'Mark ineligible')!;
    const res = await s.driver.clickButton({ userId: BOB, channelId: ALERTS, messageTs: view.ts, actionId: mark.actionId });
    expect(res.status).toBe(200);
    await eventually(() => s.slack.store.topLevel(ALERTS).find((m) => m.text.includes('Plan: mark ineligible alibuild10')), 10_000, 'the plan');
  });

  it('a storm of nodes down: every node keeps Show node and Reboot VM behind its Details', async () => {
    w = await VmWorld.start({ yaml: YAML, watch });
    const s = w.s;
    await eventually(() => s.bot.watch.clusterWatcher?.model.loaded, 10_000, 'the watch to read the cluster');
    s.nomad.controls.nodeDown('alibuild05');
    s.nomad.controls.nodeDown('alibuild06');
    const storm = await eventually(() => s.slack.store.topLevel(ALERTS).find((m) => m.text.startsWith('🔴 2 nodes down')), 15_000, 'the storm message');
    expect(buttonsOf(storm).map((b) => b.text)).toEqual(['Details', 'Details', 'Silence 1h']);
    const view = await openDetails(w, storm, 'alibuild06');
    expect(view.text).toContain('Node down: alibuild06');
    expect(view.labels).toEqual(['Show node', 'Reboot VM…', 'Silence 1h']);
  });
});
