/** `/ci vm reboot` end to end: the plan with its checks, the hard reboot followed to ACTIVE and the node ready, and a 409. */
import { afterEach, describe, expect, it } from 'vitest';
import { stableId } from '../../sim/openstack/scenario.js';
import { eventually } from '../support/eventually.js';
import { ALICE, BOB, VmWorld } from './vm-helpers.js';

let w: VmWorld;
afterEach(async () => w?.close());

describe('/ci vm reboot', () => {
  it('plans with the checks, reboots hard after approval, and waits for ACTIVE and the Nomad node', async () => {
    w = await VmWorld.start();
    await w.type(ALICE, 'vm reboot alibuild07');
    const plan = await w.waitForMessage((t) => t.includes('Plan: hard reboot alibuild07 (agent)'), 'plan');
    const shown = w.text(plan);
    expect(shown).toContain('1. Nova: reboot --hard alibuild07 (status HARD_REBOOT)');
    expect(shown).toContain('✅ Nova: alibuild07 is ACTIVE, m2.2xlarge, cern-geneva-a, no task in progress');
    expect(shown).toMatch(/✅ Nomad node alibuild07 \(ready, eligible\) runs \d+ allocation/);
    expect(w.osRequests('POST', '/action')).toBe(0);

    await w.press(BOB, plan, 'Approve');
    const done = await w.waitForMessage((t) => t.includes('Applied: alibuild07 hard-rebooted'), 'applied');
    expect(done.ts).toBe(plan.ts);
    expect(w.text(done)).toMatch(/ACTIVE · Nomad node alibuild07 ready \(eligible\) · [\d.]+ s/);
    expect(w.osRequests('POST', `/servers/${stableId('server', 'alibuild07')}/action`)).toBe(1);
    expect(w.s.nomad.state.node('alibuild07')?.Status).toBe('ready');
    // The node really went down and came back (the farm link), so the wait was not trivially satisfied.
    expect(w.s.nomad.state.node('alibuild07')?.Events.some((e) => e.Message === 'Node heartbeat missed')).toBe(true);
  });

  it('turns a 409 (a rebuild started after the plan) into a specific message and changes nothing', async () => {
    w = await VmWorld.start();
    await w.type(ALICE, 'vm reboot alibuild05');
    const plan = await w.waitForMessage((t) => t.includes('Plan: hard reboot alibuild05'), 'plan');
    // Someone starts a rebuild from the OpenStack dashboard while the plan waits for approval.
    w.os.controls.setServerStatus('alibuild05', 'REBUILD');
    await w.press(BOB, plan, 'Approve');
    const failed = await w.waitForMessage((t) => t.includes('Failed: hard reboot alibuild05'), 'failed');
    const shown = w.text(failed);
    expect(shown).toContain("Conflict (409): OpenStack refused to hard reboot alibuild05: Cannot 'reboot' instance");
    expect(shown).toContain('while it is in task_state rebuilding');
    expect(shown).toContain('run the command again once it is ACTIVE');
    expect(w.os.state.server('alibuild05')?.taskState).toBe('rebuilding');
  });

  it('refuses at plan time when Nova is already busy with the server', async () => {
    w = await VmWorld.start();
    w.os.controls.setServerStatus('alibuild06', 'REBUILD');
    await w.type(ALICE, 'vm reboot alibuild06');
    const failed = await w.waitForMessage((t) => t.includes('Refused:'), 'refusal');
    expect(w.text(failed).split('\n')[0]).toBe('🚫 Refused: hard reboot alibuild06');
    expect(w.text(failed)).not.toContain('❌');
    expect(w.text(failed)).toContain('Nova: alibuild06 is busy (REBUILD (task_state rebuilding)');
    expect(w.osRequests('POST', '/action')).toBe(0);
    await eventually(() => w.s.messages().length === 1, 2_000, 'one message');
  });

  it('answers a machine OpenStack does not have privately, before anything is queued (issue 16.4)', async () => {
    w = await VmWorld.start();
    const cases: [string, string][] = [
      ['vm reboot alibuild99', 'No server called `alibuild99` in OpenStack. Did you mean alibuild09? `/ci vm list` shows them. Nothing was queued.'],
      ['vm rebuild alibuild99', 'No server called `alibuild99` in OpenStack.'],
      ['vm delete alibuild99', 'No server called `alibuild99` in OpenStack.'],
      ['node retire alibuild99', 'No server called `alibuild99` in OpenStack.'],
      [
        'vm create alibuild05 --flavor m2.2xlarge',
        'A server called `alibuild05` exists already: pick another name, or `/ci vm rebuild alibuild05` to reinstall it. Nothing was queued.',
      ],
    ];
    for (const [line, expected] of cases) {
      await w.type(ALICE, line);
      await eventually(() => w.ephemeralsFor(ALICE).find((t) => t.includes(expected)), 5_000, `answer to ${line}`);
    }
    expect(w.s.messages()).toHaveLength(0);
    expect(await w.s.bot.operations.pending()).toEqual([]);
  });

  it('says how to configure OpenStack when it is not, and queues nothing that could act', async () => {
    w = await VmWorld.start({ openstack: undefined });
    await w.type(ALICE, 'vm list');
    await eventually(
      () => w.ephemeralsFor(ALICE).find((t) => t === 'OpenStack is not configured: set OS_CLOUD or OS_AUTH_URL (see README).'),
      5_000,
      'list answer',
    );
    await w.type(ALICE, 'vm reboot alibuild07');
    const failed = await w.waitForMessage((t) => t.includes('Failed: hard reboot alibuild07'), 'refusal');
    expect(w.text(failed)).toContain('OpenStack is not configured: set OS_CLOUD or OS_AUTH_URL (see README).');
    expect(w.s.logs.join('')).not.toContain('OpenStack configured');
  });

  it('does not wait for Nomad when the machine has no Nomad node', async () => {
    w = await VmWorld.start();
    await w.type(ALICE, 'vm reboot alibuild1');
    const plan = await w.waitForMessage((t) => t.includes('Plan: hard reboot alibuild1 (agent)'), 'plan');
    expect(w.text(plan)).toContain('✅ No Nomad node called alibuild1: nothing is scheduled there');
    expect(w.text(plan)).not.toContain('wait until the Nomad node');
    await w.press(BOB, plan, 'Approve');
    const done = await w.waitForMessage((t) => t.includes('Applied: alibuild1 hard-rebooted'), 'applied');
    expect(w.text(done)).toMatch(/ACTIVE · no Nomad node to wait for · [\d.]+ s/);
  });
});
