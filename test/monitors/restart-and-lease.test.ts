import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { ALERTS, fastConfig, leading, startWorld, type World } from './world.js';

let world: World;
afterEach(() => world?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a bot restart', () => {
  it('does not re-post what is already posted, and resolves the same messages afterwards', async () => {
    world = await startWorld();
    const first = await leading(world.engine());
    world.nomadSim.controls.nodeDown('alibuild07');
    const node = await eventually(() => world.alerts().find((m) => m.text.includes('Node down: alibuild07')), 3000, 'node-down alert');
    await eventually(() => world.alerts().find((m) => m.text.includes('Disk accounting drift on alibuild10')), 3000, 'drift alert');
    await first.settled();
    await first.stop();

    const second = await leading(world.engine());
    await sleep(300);
    await second.settled();
    expect(world.alerts()).toHaveLength(2);
    expect(world.slack.stats.calls['chat.update'] ?? 0).toBe(0);

    world.nomadSim.controls.nodeUp('alibuild07');
    await eventually(() => world.slack.store.message(ALERTS, node.ts)?.text.startsWith('✅ Resolved: alibuild07 back to ready'), 3000, 'resolved by the new engine');
    expect(world.alerts()).toHaveLength(2);
  });

  it('the lease moves to a second replica when the holder stops renewing; nothing is posted twice', async () => {
    world = await startWorld();
    const a = await leading(world.engine(fastConfig, 'replica-a'));
    const b = world.engine(fastConfig, 'replica-b');
    b.start();
    await sleep(250);
    expect([a.isLeader, b.isLeader]).toEqual([true, false]);
    expect(await b.lease.holder()).toBe('replica-a');
    await eventually(() => world.alerts().length === 1, 3000, 'drift alert from replica a');
    await a.settled();

    await a.abandon();
    const tookOver = Date.now();
    await eventually(() => b.isLeader && b.clusterWatcher?.model.diskChecked, 3000, 'replica b takes the lease');
    console.log(`lease moved to replica b ${Date.now() - tookOver} ms after replica a stopped renewing (ttl ${fastConfig.lease?.ttlMs} ms)`);
    expect(await b.lease.holder()).toBe('replica-b');
    world.nomadSim.controls.nodeDown('alibuild05');
    await eventually(() => world.alerts().find((m) => m.text.includes('Node down: alibuild05')), 3000, 'replica b posts new alerts');
    await b.settled();
    expect(world.alerts().filter((m) => m.text.includes('alibuild10'))).toHaveLength(1);
  });
});

describe('an event-stream disconnect', () => {
  it('is corrected by the reconciler, and the stream resumes after the partition', async () => {
    world = await startWorld({ proxy: true });
    const engine = await leading(world.engine({ ...fastConfig, heartbeatTimeoutMs: 700 }));
    const watcher = engine.clusterWatcher;
    const reconcilesBefore = watcher?.stats.reconciles ?? 0;
    world.proxy?.partitionStream();
    await sleep(50);
    world.nomadSim.controls.nodeDown('alibuild05');
    const msg = await eventually(() => world.alerts().find((m) => m.text.includes('Node down: alibuild05')), 3000, 'node-down found by a full read');
    expect(watcher?.stats.reconciles).toBeGreaterThan(reconcilesBefore);

    await eventually(() => (watcher?.stats.streamErrors ?? 0) > 0, 3000, 'the watchdog notices the silent stream');
    const connects = world.proxy?.streamConnects() ?? 0;
    world.proxy?.heal();
    await eventually(() => (world.proxy?.streamConnects() ?? 0) > connects && (watcher?.stats.connects ?? 0) >= 2, 5000, 'stream reconnects');
    const events = watcher?.stats.events ?? 0;
    world.nomadSim.controls.nodeUp('alibuild05');
    await eventually(() => world.slack.store.message(ALERTS, msg.ts)?.text.startsWith('✅ Resolved: alibuild05'), 3000, 'resolved');
    expect(watcher?.stats.events).toBeGreaterThan(events);
    expect(world.alerts().filter((m) => m.text.includes('alibuild05'))).toHaveLength(1);
  });
});

describe('Slack answering 429', () => {
  it('delays the post and the update until Retry-After has passed; nothing is lost', async () => {
    world = await startWorld();
    world.slack.controls.rateLimitNext('chat.postMessage', 1, 1);
    const engine = await leading(world.engine());
    world.nomadSim.controls.nodeDown('alibuild07');
    world.slack.controls.rateLimitNext('chat.update', 1, 1);
    const node = await eventually(() => world.alerts().find((m) => m.text.includes('Node down: alibuild07')), 5000, 'node-down after the 429s');
    world.nomadSim.controls.nodeUp('alibuild07');
    await eventually(() => world.slack.store.message(ALERTS, node.ts)?.text.startsWith('✅ Resolved'), 5000, 'resolved after the 429');
    await engine.settled();
    expect(world.slack.stats.rateLimited).toBe(2);
    expect(engine.alertManager?.poster.stats.rateLimited).toBe(2);
    expect(world.alerts()).toHaveLength(2);
  });
});
