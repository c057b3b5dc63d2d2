/** Issue 16 point 10: "Show logs" on a builders-down alert opens the allocation that failed, not a list of all of them. */
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf } from '../../sim/slack/index.js';
import type { MonitorsConfigInput } from '../../src/monitors/index.js';
import { eventually } from '../support/eventually.js';
import { BOB, VmWorld } from './vm-helpers.js';

const ALERTS = 'C0ALERTS';
const watch: MonitorsConfigInput = {
  reconcileIntervalMs: 400,
  buildersDownAfterMs: 100,
  disk: { checkIntervalMs: 60_000 },
  alerts: { defaultChannel: ALERTS, groupWaitMs: 100, minPostIntervalMs: 40, tickMs: 50 },
  lease: { ttlMs: 10_000 },
};

let w: VmWorld | undefined;
afterEach(async () => w?.close());

describe('Show logs on a builders-down alert', () => {
  it('opens the stderr of the failed allocation', async () => {
    // Nomad replaces the crashed builder only after its reschedule delay: the alert stays while the test looks.
    w = await VmWorld.start({ watch, nomad: { timing: { allocStartMs: 30, evalCompleteMs: 10, rescheduleDelayMs: 600_000 } } });
    const s = w.s;
    const crashed = s.nomad.controls.failAllocation('ci-mesosci-cs8');
    const failed = s.nomad.state.allocs.get(crashed)!;
    s.nomad.controls.setTaskLog(crashed, 'continuous-builder', 'stderr', '+ aliBuild build O2\nERROR: out of disk space\n');
    const alert = await eventually(
      () => s.slack.store.topLevel(ALERTS).find((m) => m.text.includes('Builders down: ci-mesosci-cs8')),
      15_000,
      'the builders-down alert',
    );
    const show = buttonsOf(alert).find((b) => b.text === 'Show logs');
    expect(show).toBeDefined();
    const before = s.slack.store.ephemeralFor({ user: BOB }).length;
    expect((await s.driver.clickButton({ userId: BOB, channelId: ALERTS, messageTs: alert.ts, actionId: show!.actionId })).status).toBe(200);
    const logs = await eventually(() => s.slack.store.ephemeralFor({ user: BOB }).slice(before)[0], 10_000, 'the answer to Show logs');
    const shown = w.text(logs);
    expect(shown).toContain(`stderr of continuous-builder in ${failed.Name}`);
    expect(shown).toContain(`alloc ${crashed.slice(0, 8)} on ${failed.NodeName}, failed`);
    expect(shown).toContain('ERROR: out of disk space');
    expect(shown).not.toContain('whose stderr?');
  });
});
