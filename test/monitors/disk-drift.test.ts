import { afterEach, describe, expect, it } from 'vitest';
import { ClusterModel } from '../../src/monitors/cluster-model.js';
import { diskDriftFacts } from '../../src/monitors/detectors/disk-drift.js';
import { DetectorMemory } from '../../src/monitors/detectors/memory.js';
import { eventually } from '../support/eventually.js';
import { bigFarm } from './farm.js';
import { ALERTS, fastConfig, leading, quiet, startWorld, type World } from './world.js';

let world: World;
afterEach(async () => {
  const w = world as World | undefined;
  world = undefined as unknown as World; // the next test may not start one
  await w?.close();
});

const GIB = 1024 ** 3;
const CLEANUP = "ssh -C alibuild10.cern.ch 'rm -rfv /build/nomad/alloc/*/ci/local/*/sw &amp;&amp; systemctl restart nomad'";

describe('disk-accounting drift', () => {
  it("nomad-diskfree's rule on an old client: needs cleanup now, with the exact command, Mark ineligible and Silence 1d", async () => {
    world = await startWorld();
    const engine = await leading(world.engine());
    const msg = await eventually(() => world.alerts().find((m) => m.text.includes('Disk accounting drift')), 10_000, 'drift alert');
    const firstText = msg.text;
    expect(firstText).toBe('🟠 Disk accounting drift on alibuild10: Nomad thinks 200.0G free of 1006.9G; CI builders need 240.0G.');
    const blocks = JSON.stringify(msg.blocks);
    expect(blocks).toContain('No allocation is running there: needs cleanup now.');
    expect(blocks).toContain(CLEANUP);
    // Said once: the script's own lines ("… -> needs intervention now! See below.") would repeat it, with nothing below.
    expect(blocks.match(/200\.0G/g)).toHaveLength(1);
    expect(blocks).not.toContain('See below');
    expect(blocks).not.toContain('needs intervention now');
    expect(blocks).toContain('"action_id":"alert.mark-ineligible"');
    expect(blocks).toContain('"action_id":"alert.silence-1d"');
    // Only alibuild10 breaks the rule in ALICE's farm (alibuild02/03/06/07/11/12 and the Macs do not).
    await engine.settled();
    expect(world.alerts()).toHaveLength(1);

    // The Silence 1d button: the same message says who silenced it, and the buttons go away.
    const id = /"value":"(al-[0-9a-f]+)"/.exec(blocks)?.[1] ?? '';
    const ref = await engine.findAlert(id);
    expect(ref?.facts.map((f) => f.subject)).toEqual(['alibuild10']);
    const silence = await engine.silence({ target: id, durationMs: 86_400_000, reason: 'cleanup after the release', by: 'U0BOB' });
    const silenced = await eventually(
      () => {
        const m = world.slack.store.message(ALERTS, msg.ts);
        return m?.text.startsWith('🔕 Silenced by <@U0BOB>') ? m : undefined;
      },
      10_000,
      'silenced update',
    );
    expect(silenced.text).toContain('(cleanup after the release): Disk accounting drift on alibuild10');
    expect(JSON.stringify(silenced.blocks)).not.toContain('alert.');
    const listing = await engine.listAlerts();
    expect(listing.alerts.find((a) => a.id === id)).toMatchObject({ state: 'silenced', why: silence.id });
    expect(listing.silences.map((s) => s.id)).toEqual([silence.id]);

    // Lifting the silence brings the same message back to firing, buttons included.
    expect(await engine.unsilence(silence.id)).toBe(true);
    await eventually(() => world.slack.store.message(ALERTS, msg.ts)?.text === firstText, 10_000, 'alert back after unsilence');
    expect(JSON.stringify(world.slack.store.message(ALERTS, msg.ts)?.blocks)).toContain('alert.silence-1d');
    await engine.settled();
    expect(world.alerts()).toHaveLength(1);
  });

  it("Nomad's view against the measured free space on a current client: fires past the margin, held back while the node is down, resolves when fixed", async () => {
    world = await startWorld();
    const config = { ...fastConfig, disk: { ...fastConfig.disk, thresholdBytes: 100 * GIB, marginBytes: 50 * GIB } };
    const engine = await leading(world.engine(config));
    world.nomadSim.controls.setUntrackedDiskUsage('alibuild04', 40 * GIB);
    // Within the margin: two readings later (all drift needs), still nothing.
    await quiet(engine, { reconciles: 0, diskChecks: 2 });
    expect(world.alerts()).toHaveLength(0);

    world.nomadSim.controls.setUntrackedDiskUsage('alibuild04', 900 * GIB);
    const msg = await eventually(() => world.alerts().find((m) => m.text.includes('alibuild04')), 10_000, 'drift (b) alert');
    expect(msg.text).toBe(
      '🟠 Disk accounting drift on alibuild04: Nomad thinks 1006.9G free, the disk has 106.9G free; builders placed here may run out of disk.',
    );
    expect(JSON.stringify(msg.blocks)).toContain("ssh -C alibuild04.cern.ch 'rm -rfv");

    world.nomadSim.controls.nodeDown('alibuild04');
    await eventually(() => world.slack.store.message(ALERTS, msg.ts)?.text.startsWith('⏸️ Held back while alibuild04 is down'), 10_000, 'drift held back');
    await eventually(() => world.alerts().find((m) => m.text.startsWith('🔴 Node down: alibuild04')), 10_000, 'node-down alert');

    world.nomadSim.controls.setUntrackedDiskUsage('alibuild04', 0);
    world.nomadSim.controls.nodeUp('alibuild04');
    await eventually(
      () => world.slack.store.message(ALERTS, msg.ts)?.text.startsWith('✅ Resolved: disk accounting on alibuild04 back in line at'),
      10_000,
      'drift resolved',
    );
    await engine.settled();
    expect(world.alerts().filter((m) => m.text.includes('alibuild04'))).toHaveLength(2);
    expect((await engine.listAlerts()).alerts).toEqual([]);
  });

  it('compares a reading with the accounting of its own moment: a node back from down without its builder is no drift', async () => {
    world = await startWorld({ nomad: { scenario: bigFarm(12, 0, 2) } });
    // One disk check, while the builders run; the next one is a minute away.
    const engine = await leading(world.engine({ ...fastConfig, disk: { ...fastConfig.disk, checkIntervalMs: 60_000 } }));
    const builder = await eventually(() => world.nomadSim.state.allocations().find((a) => a.ClientStatus === 'running'), 10_000, 'a running builder');
    await engine.clusterWatcher?.checkDisks();
    await engine.clusterWatcher?.checkDisks();
    await engine.settled();
    expect(world.alerts()).toHaveLength(0);

    // The builder is lost with its node and placed elsewhere: Nomad now counts its 240 GiB free there,
    // while the last reading still has the build area in use.
    world.nomadSim.controls.nodeDown(builder.NodeName);
    const down = await eventually(() => world.alerts().find((m) => m.text.startsWith(`🔴 Node down: ${builder.NodeName}`)), 10_000, 'node-down alert');
    world.nomadSim.controls.nodeUp(builder.NodeName);
    await eventually(() => world.slack.store.message(ALERTS, down.ts)?.text.startsWith('✅'), 10_000, 'node back');
    await quiet(engine, { reconciles: 2, diskChecks: 0 });
    expect(world.alerts().map((m) => m.text)).toEqual([world.slack.store.message(ALERTS, down.ts)?.text]);
  });

  it('needs the same drift in two readings in a row, each against the accounting of its own moment', () => {
    const model = new ClusterModel(() => 0);
    const stub = {
      ID: 'n1',
      Name: 'alibuild01',
      Datacenter: 'cern-a',
      Status: 'ready',
      SchedulingEligibility: 'eligible',
      Drain: false,
      ModifyIndex: 1,
      NodeResources: { Disk: { DiskMB: 1024 * 1024 } },
      ReservedResources: { Disk: { DiskMB: 0 } },
    };
    model.replaceNodes([stub as unknown as Parameters<ClusterModel['replaceNodes']>[0][number]]);
    const opts = { thresholdBytes: 240 * GIB, marginBytes: 50 * GIB, directions: ['over'] as const };
    const facts = () => diskDriftFacts(model, opts, new DetectorMemory(), 0).map((f) => f.subject);
    const measure = (freeGiB: number) => model.recordDisk('n1', { availableBytes: freeGiB * GIB, sizeBytes: 1024 * GIB }, model.nomadFreeBytes('n1'), 0);

    measure(1000);
    measure(800); // 224 GiB Nomad does not know about: once is not drift yet
    expect(facts()).toEqual([]);
    measure(800);
    expect(facts()).toEqual(['alibuild01']);
    measure(1020); // cleaned up: resolved at once
    expect(facts()).toEqual([]);
    // Measured while the accounting changed under it: dropped, the last reading stays.
    model.recordDisk('n1', { availableBytes: 10 * GIB, sizeBytes: 1024 * GIB }, 0, 0);
    expect(model.disk.get('n1')?.availableBytes).toBe(1020 * GIB);
  });

  it('reads /v1/client/stats with at most 16 requests in flight', async () => {
    world = await startWorld({ nomad: { scenario: bigFarm(48, 0, 2) }, proxy: true });
    world.nomadSim.controls.setLatency(25);
    const engine = await leading(world.engine());
    await engine.clusterWatcher?.checkDisks();
    expect(world.proxy?.maxInFlight('/v1/client/stats')).toBeGreaterThan(4);
    expect(world.proxy?.maxInFlight('/v1/client/stats')).toBeLessThanOrEqual(16);
    expect(world.proxy?.maxInFlight('/v1/node/')).toBeLessThanOrEqual(16);
  });
});
