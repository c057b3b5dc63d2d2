import { afterEach, describe, expect, it } from 'vitest';
import { validateBlocks } from '../../sim/slack/index.js';
import { eventually } from '../support/eventually.js';
import { bigFarm } from './farm.js';
import { ALERTS, fastConfig, leading, startWorld, type World } from './world.js';

let world: World;
afterEach(() => world?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a storm of nodes going down', () => {
  it('is one message, updated as it grows and as nodes come back, at Slack’s pace', async () => {
    // Slack's pace, four times faster: the engine keeps to the channel's rate and never meets a 429.
    world = await startWorld({ nomad: { scenario: bigFarm(60, 40) }, slack: { rateLimit: { postMessagePerChannelPerSec: 4, burst: 1 } } });
    const engine = await leading(world.engine({ ...fastConfig, alerts: { ...fastConfig.alerts, groupWaitMs: 300, minPostIntervalMs: 250 } }));

    const names = Array.from({ length: 40 }, (_, i) => `alibuild${String(i + 1).padStart(2, '0')}`);
    for (const [i, name] of names.entries()) {
      world.nomadSim.controls.nodeDown(name);
      if (i % 10 === 9) await sleep(100);
    }
    const msg = await eventually(() => world.alerts().find((m) => m.text.startsWith('🔴 40 nodes down')), 10_000, 'storm message with all 40 nodes');
    expect(msg.text).toMatch(/^🔴 40 nodes down since \d\d:\d\d \(alibuild01–alibuild40, all in cern-b\) — likely an availability-zone problem$/);
    expect(world.alerts()).toHaveLength(1);
    expect(JSON.stringify(msg.blocks)).toContain('Builder alerts for these nodes are held back while they are down.');

    for (const name of names.slice(0, 10)) world.nomadSim.controls.nodeUp(name);
    const partly = await eventually(
      () => {
        const m = world.slack.store.message(ALERTS, msg.ts);
        return m?.text.startsWith('🔴 30 nodes down') ? m : undefined;
      },
      10_000,
      'update after 10 nodes came back',
    );
    expect(partly.text).toContain('(alibuild11–alibuild40, all in cern-b)');
    expect(partly.text).toContain('· 10 resolved');
    expect(JSON.stringify(partly.blocks)).toContain('✅ alibuild01 back to ready at');

    for (const name of names.slice(10)) world.nomadSim.controls.nodeUp(name);
    const done = await eventually(
      () => {
        const m = world.slack.store.message(ALERTS, msg.ts);
        return m?.text.startsWith('✅ Resolved: 40 nodes back to ready') ? m : undefined;
      },
      10_000,
      'final resolved update',
    );
    expect(() => validateBlocks(done.blocks)).not.toThrow();
    await engine.settled();
    expect(world.alerts().map((m) => m.text)).toEqual([done.text]);
    expect(world.slack.stats.rateLimited).toBe(0);
  });

  it('100 nodes down within a second: at most 3 messages, every node listed within Slack’s limits', async () => {
    world = await startWorld({ nomad: { scenario: bigFarm(110, 100, 2) } });
    const engine = await leading(world.engine({ ...fastConfig, alerts: { ...fastConfig.alerts, groupWaitMs: 500, minPostIntervalMs: 1000 } }));
    const started = Date.now();
    for (let i = 1; i <= 100; i++) {
      world.nomadSim.controls.nodeDown(`alibuild${String(i).padStart(3, '0')}`);
      if (i % 10 === 0) await sleep(100);
    }
    const msg = await eventually(() => world.alerts().find((m) => m.text.startsWith('🔴 100 nodes down')), 10_000, 'all 100 in one message');
    expect(msg.text).toContain('(alibuild001–alibuild100, all in cern-b)');
    await engine.settled();
    const posted = world.alerts().length;
    console.log(`100 nodes down over 1 s: ${posted} message(s) posted, ${world.slack.stats.calls['chat.update'] ?? 0} update(s) in ${Date.now() - started} ms`);
    expect(posted).toBeLessThanOrEqual(3);
    expect(() => validateBlocks(msg.blocks)).not.toThrow();
    expect(msg.blocks?.length).toBeLessThanOrEqual(50);
  });
});
