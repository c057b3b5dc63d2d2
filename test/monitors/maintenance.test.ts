/**
 * Issue 16 point 6, the watch's side: a node an approved operation takes away is held back in a
 * maintenance window kept in Redis (so a restarted or other replica honours it), ends when the node
 * is back, and turns into an alert that says so when the node is not back in time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MAINTENANCE_GRACE_MS } from '../../src/monitors/engine.js';
import type { MaintenanceRequest } from '../../src/monitors/index.js';
import { eventually } from '../support/eventually.js';
import { TestClock } from '../support/test-clock.js';
import { ALERTS, fastConfig, leading, quiet, startWorld, type World } from './world.js';

let world: World;
afterEach(() => world?.close());

const GIB = 1024 ** 3;
/** alibuild10's nomad-diskfree finding would otherwise be posted in every test of this file. */
const config = { ...fastConfig, disk: { ...fastConfig.disk, thresholdBytes: 100 * GIB } };
const reboot = (node: string, budgetMs = 600_000): MaintenanceRequest => ({
  opId: `op-test${node.slice(-2)}`,
  node,
  what: 'hard reboot',
  expect: 'back',
  budgetMs,
  requestedBy: 'U0ALICE',
  approvedBy: ['U0BOB'],
});

describe('maintenance windows', () => {
  it('hold back the node-down alert of a node in a window, also for a replica started after the window opened', async () => {
    world = await startWorld();
    const first = await leading(world.engine(config));
    await first.beginMaintenance(reboot('alibuild07'));
    await first.stop();

    const second = await leading(world.engine(config));
    world.nomadSim.controls.nodeDown('alibuild07');
    await eventually(async () => (await second.listAlerts()).alerts.find((a) => a.fact.key === 'node-down/alibuild07'), 10_000, 'the node down seen');
    await quiet(second);
    expect(world.alerts()).toHaveLength(0);
    const listing = await second.listAlerts();
    expect(listing.alerts.map((a) => [a.fact.key, a.state, a.why])).toEqual([['node-down/alibuild07', 'maintenance', 'op-test07']]);
    expect(listing.maintenance?.map((w) => [w.node, w.what, w.requestedBy])).toEqual([['alibuild07', 'hard reboot', 'U0ALICE']]);

    // The operation ends with the node back: the window goes, and nothing was ever posted.
    world.nomadSim.controls.nodeUp('alibuild07');
    await second.endMaintenance('op-test07', 'succeeded');
    await eventually(
      async () => {
        await second.evaluateNow();
        return (await second.listAlerts()).maintenance?.length === 0;
      },
      10_000,
      'the window to end',
    );
    await quiet(second);
    expect(world.alerts()).toHaveLength(0);
  });

  it('only the node in the window: another node going down meanwhile alerts as usual', async () => {
    world = await startWorld();
    const engine = await leading(world.engine(config));
    await engine.beginMaintenance(reboot('alibuild07'));
    world.nomadSim.controls.nodeDown('alibuild07');
    world.nomadSim.controls.nodeDown('alibuild03');
    const posted = await eventually(() => world.alerts().find((m) => m.text.includes('alibuild03')), 10_000, 'alibuild03 alert');
    await quiet(engine);
    expect(posted.text).toMatch(/^🔴 Node down: alibuild03 /);
    expect(world.alerts().filter((m) => m.text.includes('alibuild07'))).toHaveLength(0);
  });

  it('a node not back by the end of the window alerts, naming the operation it did not come back from', async () => {
    world = await startWorld();
    const clock = new TestClock();
    const engine = await leading(world.engine(config, undefined, clock));
    await engine.beginMaintenance(reboot('alibuild07', 600_000));
    world.nomadSim.controls.nodeDown('alibuild07');
    await eventually(async () => (await engine.listAlerts()).alerts.find((a) => a.state === 'maintenance'), 10_000, 'held back');
    await quiet(engine);
    expect(world.alerts()).toHaveLength(0);

    clock.advance(600_001);
    const posted = await eventually(() => world.alerts().find((m) => m.text.includes('Node down: alibuild07')), 10_000, 'the overdue alert');
    const shown = JSON.stringify(posted.blocks);
    expect(shown).toContain('Not back from its hard reboot (op-test07, requested by <@U0ALICE>)');
    expect((await engine.listAlerts()).maintenance?.map((w) => w.overdueAt !== undefined)).toEqual([true]);

    // Back at last: the alert resolves in place and the window is gone.
    world.nomadSim.controls.nodeUp('alibuild07');
    await eventually(() => world.slack.store.message(ALERTS, posted.ts)?.text.startsWith('✅ Resolved: alibuild07'), 10_000, 'resolved');
    await eventually(async () => (await engine.listAlerts()).maintenance?.length === 0, 10_000, 'window gone');
  });

  it('an operation that ended with its node still down: the alert fires once the watch had time to see the node back', async () => {
    world = await startWorld();
    const clock = new TestClock();
    const engine = await leading(world.engine(config, undefined, clock));
    await engine.beginMaintenance(reboot('alibuild07'));
    world.nomadSim.controls.nodeDown('alibuild07');
    await engine.endMaintenance('op-test07', 'succeeded');
    await quiet(engine);
    expect(world.alerts()).toHaveLength(0);

    // A minute (the grace) later, the node is still down: that is an outage now.
    clock.advance(MAINTENANCE_GRACE_MS + 1);
    const posted = await eventually(() => world.alerts().find((m) => m.text.includes('Node down: alibuild07')), 10_000, 'the alert');
    expect(JSON.stringify(posted.blocks)).toContain('Not back from its hard reboot (op-test07');
  });

  it('after a retire, the node that stays down until Nomad forgets it is no alert', async () => {
    world = await startWorld();
    const clock = new TestClock();
    const engine = await leading(world.engine(config, undefined, clock));
    await engine.beginMaintenance({ ...reboot('alibuild07'), what: 'retire', expect: 'gone' });
    world.nomadSim.controls.nodeDown('alibuild07');
    await engine.endMaintenance('op-test07', 'succeeded');
    clock.advance(3_600_000);
    await quiet(engine, { reconciles: 2 });
    expect(world.alerts()).toHaveLength(0);
    expect((await engine.listAlerts()).alerts.map((a) => [a.fact.key, a.state])).toEqual([['node-down/alibuild07', 'maintenance']]);
  });
});
