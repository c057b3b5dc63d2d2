/**
 * Issue 16 point 6 end to end: the bot's own approved `/ci vm reboot alibuild04` puts the node in a
 * maintenance window while the machine really goes down and comes back (the farm link), shown in
 * `/ci alerts`, and no "🔴 Node down: alibuild04" is posted for it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { MonitorsConfigInput } from '../../src/monitors/index.js';
import { eventually } from '../support/eventually.js';
import { ALICE, BOB, VmWorld } from './vm-helpers.js';

const ALERTS = 'C0ALERTS';
const watch: MonitorsConfigInput = {
  reconcileIntervalMs: 400,
  heartbeatTimeoutMs: 1_500,
  disk: { checkIntervalMs: 200 },
  alerts: { defaultChannel: ALERTS, groupWaitMs: 100, minPostIntervalMs: 40, tickMs: 50 },
  lease: { ttlMs: 10_000 },
};

let w: VmWorld | undefined;
afterEach(async () => w?.close());

describe('maintenance windows of approved operations', () => {
  it('a hard reboot approved in Slack raises no "Node down" for its node, and /ci alerts shows the window meanwhile', async () => {
    // The machine takes a while to come back after ACTIVE (Puppet), so the watch surely sees it down.
    w = await VmWorld.start({ watch, openstack: { link: { rejoinMs: 1_500 } } });
    const s = w.s;
    await eventually(() => s.bot.watch.clusterWatcher?.model.loaded, 10_000, 'the watch to read the cluster');

    await w.type(ALICE, 'vm reboot alibuild04');
    const plan = await w.waitForMessage((t) => t.includes('Plan: hard reboot alibuild04'), 'plan');
    await w.press(BOB, plan, 'Approve');

    // The watch sees the node down, and holds it back for the reboot.
    const held = await eventually(
      async () => (await s.bot.watch.listAlerts()).alerts.find((a) => a.fact.key === 'node-down/alibuild04' && a.state === 'maintenance'),
      10_000,
      'node down held back',
    );
    expect(held.why).toMatch(/^op-/);
    const before = w.ephemeralsFor(ALICE).length;
    await w.type(ALICE, 'alerts');
    const answer = await eventually(
      () =>
        w!
          .ephemeralsFor(ALICE)
          .slice(before)
          .find((t) => t.includes('maintenance')),
      10_000,
      '/ci alerts',
    );
    expect(answer).toContain('🔧 1 node in maintenance (alibuild04: hard reboot)');
    expect(answer).toMatch(/MAINTENANCE\s+NODE\s+WHAT/);
    expect(answer).toMatch(/op-\S+\s+alibuild04\s+hard reboot\s+.*hard reboot in progress/);
    expect(answer).toMatch(/🔧 al-\S+\s+node-down\s+alibuild04\s+.*maintenance \(op-/);

    await w.waitForMessage((t) => t.includes('Applied: alibuild04 hard-rebooted'), 'applied', 20_000);
    // Once the node is ready again the window is over; by then nothing about alibuild04 was posted.
    await eventually(async () => (await s.bot.watch.listAlerts()).maintenance?.length === 0, 10_000, 'the window to end');
    await s.bot.watch.evaluateNow();
    await s.bot.watch.settled();
    expect(s.slack.store.topLevel(ALERTS).filter((m) => m.text.includes('alibuild04'))).toEqual([]);
    expect(s.nomad.state.node('alibuild04')?.Events.some((e) => e.Message === 'Node heartbeat missed')).toBe(true);
  });
});
