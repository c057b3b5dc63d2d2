import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { TestClock } from '../support/test-clock.js';
import { tightFarm } from './farm.js';
import { ALERTS, fastConfig, leading, quiet, startWorld, type World } from './world.js';

let world: World;
afterEach(() => world?.close());

const GIB = 1024 ** 3;
const quietDisk = { ...fastConfig, disk: { ...fastConfig.disk, thresholdBytes: 100 * GIB } };
/** The hold time passes when the test moves the clock, never early on a slow machine. */
const HOLD_MS = 60_000;

/** The listed builders-down alert once the detectors see it (evaluating until they do). */
function buildersDownListed(engine: Awaited<ReturnType<typeof leading>>, state: string) {
  return eventually(
    async () => {
      await engine.evaluateNow();
      const listed = (await engine.listAlerts()).alerts.find((a) => a.fact.kind === 'builders-down');
      return listed?.state === state ? listed : undefined;
    },
    10_000,
    `builders-down ${state}`,
  );
}

describe('builders down', () => {
  it('waits its hold time, posts once, and resolves the same message when builders run again', async () => {
    world = await startWorld({ nomad: { scenario: tightFarm() } });
    const clock = new TestClock();
    const engine = await leading(world.engine({ ...quietDisk, buildersDownAfterMs: HOLD_MS }, undefined, clock));
    world.nomadSim.controls.scaleJob('ci-mesosci-cs8', 'ci', 3);
    await buildersDownListed(engine, 'pending');
    await engine.settled();
    expect(world.alerts()).toHaveLength(0);

    clock.advance(HOLD_MS);
    const msg = await eventually(() => world.alerts().find((m) => m.text.includes('Builders down')), 10_000, 'builders-down alert');
    expect(msg.text).toBe('🔴 Builders down: ci-mesosci-cs8 has 2 of 3 running'.replace('🔴', '🟠'));
    expect(JSON.stringify(msg.blocks)).toContain('1 not placed: no eligible node has room for them');

    world.nomadSim.controls.scaleJob('ci-mesosci-cs8', 'ci', 2);
    await eventually(
      () => world.slack.store.message(ALERTS, msg.ts)?.text.startsWith('✅ Resolved: ci-mesosci-cs8: all builders running again at'),
      10_000,
      'resolved',
    );
    expect(world.alerts()).toHaveLength(1);
  });

  it('is held back while the builders’ node is down: only the node alert is posted', async () => {
    world = await startWorld({ nomad: { scenario: tightFarm() } });
    const clock = new TestClock();
    const engine = await leading(world.engine({ ...quietDisk, buildersDownAfterMs: HOLD_MS }, undefined, clock));
    world.nomadSim.controls.nodeDown('alibuild01');
    const node = await eventually(() => world.alerts().find((m) => m.text.includes('Node down: alibuild01')), 10_000, 'node-down alert');
    expect(node.text).toContain('· 1 builder of ci-mesosci-cs8 lost');
    await buildersDownListed(engine, 'pending');
    clock.advance(HOLD_MS);
    const listed = await buildersDownListed(engine, 'inhibited');
    expect(listed).toMatchObject({ state: 'inhibited', why: 'node-down/alibuild01' });
    expect(listed?.fact.summary).toContain('1 lost on alibuild01 (node down)');
    expect(world.alerts()).toHaveLength(1);

    world.nomadSim.controls.nodeUp('alibuild01');
    await eventually(() => world.slack.store.message(ALERTS, node.ts)?.text.startsWith('✅ Resolved: alibuild01'), 10_000, 'node back');
    await quiet(engine, { reconciles: 2, diskChecks: 0 });
    expect(world.alerts()).toHaveLength(1);
    expect((await engine.listAlerts()).alerts).toEqual([]);
  });
});

describe('builders down while another node is down (issue 16.7)', () => {
  it('a crash on a healthy node alerts; only the builders on the down node are held back', async () => {
    // Nomad replaces the crashed builder only after its reschedule delay: long enough to be seen.
    world = await startWorld({ nomad: { scenario: tightFarm(), timing: { rescheduleDelayMs: 600_000 } } });
    const clock = new TestClock();
    const engine = await leading(world.engine({ ...quietDisk, buildersDownAfterMs: HOLD_MS }, undefined, clock));
    world.nomadSim.controls.nodeDown('alibuild01');
    await eventually(() => world.alerts().find((m) => m.text.includes('Node down: alibuild01')), 10_000, 'node-down alert');
    await buildersDownListed(engine, 'pending');
    clock.advance(HOLD_MS);
    await buildersDownListed(engine, 'inhibited');

    const crashed = world.nomadSim.controls.failAllocation('ci-mesosci-cs8');
    expect(world.nomadSim.state.allocs.get(crashed)?.NodeName).toBe('alibuild02');
    const listed = await eventually(
      async () => {
        await engine.evaluateNow();
        const all = (await engine.listAlerts()).alerts.filter((a) => a.fact.kind === 'builders-down');
        return all.length === 2 ? all : undefined;
      },
      10_000,
      'two builders-down alerts',
    );
    expect(listed.map((a) => [a.fact.key, a.state, a.why])).toEqual([
      ['builders-down/ci-mesosci-cs8/ci/alibuild01', 'inhibited', 'node-down/alibuild01'],
      ['builders-down/ci-mesosci-cs8/ci', 'pending', undefined],
    ]);
    // The crash has a hold time of its own, like any other: it is not news because a node is down.
    clock.advance(HOLD_MS);
    const msg = await eventually(() => world.alerts().find((m) => m.text.includes('Builders down')), 10_000, 'the crash alerted');
    expect(msg.text).toBe('🔴 Builders down: ci-mesosci-cs8 has 0 of 2 running · 1 failed on alibuild02 (and 1 lost with alibuild01, which is down)');
    expect(JSON.stringify(msg.blocks)).toContain('"action_id":"alert.show-logs"');
    // Show logs opens the crashed allocation itself.
    const fired = (await engine.listAlerts()).alerts.find((a) => a.fact.key === 'builders-down/ci-mesosci-cs8/ci');
    expect(fired?.fact.labels).toEqual({ job: 'ci-mesosci-cs8', group: 'ci', alloc: crashed });
    await quiet(engine, { reconciles: 1, diskChecks: 0 });
    expect((await engine.listAlerts()).alerts.find((a) => a.fact.key === 'builders-down/ci-mesosci-cs8/ci/alibuild01')?.state).toBe('inhibited');
    expect(world.alerts().map((m) => m.text.slice(0, 20))).toEqual(['🔴 Node down: alibui', '🔴 Builders down: ci']);
  });
});

describe('builder restart loop', () => {
  it('fires when a builder restarts N times within the window, with Show logs, and resolves when the window passes', async () => {
    world = await startWorld();
    const engine = await leading(world.engine({ ...quietDisk, restartLoopCount: 3, restartLoopWindowMs: 1000 }));
    const alloc = [...world.nomadSim.state.allocs.values()].find((a) => a.Name === 'ci-mesosci-cs8.ci[0]' && a.ClientStatus === 'running');
    expect(alloc).toBeDefined();
    for (let i = 0; i < 3; i++) {
      const res = await request(`${world.nomadSim.url}/v1/client/allocation/${alloc?.ID}/restart`, { method: 'POST', body: '{}' });
      expect(res.statusCode).toBe(200);
      await res.body.text();
    }
    const msg = await eventually(() => world.alerts().find((m) => m.text.includes('restarting in a loop')), 10_000, 'restart-loop alert');
    expect(msg.text).toBe(`🟠 Builder restarting in a loop: ci-mesosci-cs8.ci[0] on ${alloc?.NodeName} restarted 3 times in 1 s`);
    expect(JSON.stringify(msg.blocks)).toContain('"action_id":"alert.show-logs"');
    await eventually(
      () => world.slack.store.message(ALERTS, msg.ts)?.text.startsWith('✅ Resolved: ci-mesosci-cs8.ci[0] stopped restarting'),
      10_000,
      'loop over',
    );
    await engine.settled();
  });
});
