/**
 * `/ci vm rebuild` end to end: the runbook's checks as code. An agent running protected jobs is
 * refused until drained (then rebuilt); a master needs the other two healthy and quorum to survive.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { stableId } from '../../sim/openstack/scenario.js';
import { ALICE, BOB, VmWorld } from './vm-helpers.js';

let w: VmWorld;
afterEach(async () => w?.close());

const rebuildCalls = (name: string) => w.osRequests('POST', `/servers/${stableId('server', name)}/action`);

describe('/ci vm rebuild of an agent', () => {
  it('is refused while protected jobs run there, and done after a drain', async () => {
    w = await VmWorld.start();
    await w.type(ALICE, 'vm rebuild alibuild05');
    const refused = await w.waitForMessage((t) => t.includes('Refused: rebuild alibuild05'), 'refusal');
    const shown = w.text(refused);
    expect(shown.split('\n')[0]).toBe('🚫 Refused: rebuild alibuild05');
    expect(shown).toMatch(/• Nomad node alibuild05 \(ready, eligible\) runs \d+ allocations? of protected jobs: ci-mesosci-cs8/);
    expect(shown).toContain('Drain it first so its builds finish elsewhere: `/ci node drain alibuild05`');
    expect(rebuildCalls('alibuild05')).toBe(0);

    await w.type(ALICE, 'node drain alibuild05');
    const drainPlan = await w.waitForMessage((t) => t.includes('Plan: drain alibuild05'), 'drain plan');
    await w.press(BOB, drainPlan, 'Approve');
    await w.waitForMessage((t) => t.includes('Applied:') && t.includes('alibuild05'), 'drain applied');

    await w.type(ALICE, 'vm rebuild alibuild05');
    const plan = await w.waitForMessage((t) => t.includes('Plan: rebuild alibuild05 (agent) with ALMA9 - x86_64'), 'rebuild plan');
    expect(w.text(plan)).toMatch(/✅ Nomad node alibuild05 \(ready, ineligible\) runs no allocation of protected jobs \(ci-\*, repo\)/);
    expect(w.text(plan)).toContain('Everything on the root disk is lost.');
    await w.press(BOB, plan, 'Approve');
    const done = await w.waitForMessage((t) => t.includes('Applied: alibuild05 rebuilt with ALMA9 - x86_64'), 'rebuilt');
    expect(w.text(done)).toContain('Nomad node alibuild05 ready (ineligible)');
    expect(w.text(done)).toContain('still ineligible after its drain');
    expect(rebuildCalls('alibuild05')).toBe(1);
    expect(w.os.state.server('alibuild05')?.actions[0]?.action).toBe('rebuild');
  });

  it('rebuilds an agent without protected allocations at once, with an older image when asked', async () => {
    w = await VmWorld.start();
    await w.type(ALICE, 'vm rebuild alibuild04 --image "ALMA9 - x86_64 [2023-11-02]"');
    const plan = await w.waitForMessage((t) => t.includes('Plan: rebuild alibuild04'), 'plan');
    await w.press(BOB, plan, 'Approve');
    await w.waitForMessage((t) => t.includes('Applied: alibuild04 rebuilt with ALMA9 - x86_64 [2023-11-02]'), 'rebuilt');
    expect(w.os.state.server('alibuild04')?.imageId).toBe(stableId('image', 'alma9-2023-11'));
  });
});

describe('/ci vm rebuild of a master', () => {
  it('says leadership moves first when it is the leader, and waits for the server to be alive again', async () => {
    w = await VmWorld.start();
    await w.type(ALICE, 'vm rebuild alimesos01');
    const plan = await w.waitForMessage((t) => t.includes('Plan: rebuild alimesos01 (master)'), 'plan');
    const shown = w.text(plan);
    expect(shown).toContain('✅ Nomad server alimesos02 is alive');
    expect(shown).toContain('✅ Raft quorum without alimesos01: 2 of 3 servers alive, 2 needed');
    expect(shown).toContain('alimesos01 is the Nomad leader: leadership moves to alimesos02 or alimesos03 first');
    await w.press(BOB, plan, 'Approve');
    const done = await w.waitForMessage((t) => t.includes('Applied: alimesos01 rebuilt'), 'rebuilt');
    expect(w.text(done)).toContain('Nomad server alimesos01 alive');
    expect(w.s.nomad.state.servers[w.s.nomad.state.leader]).toBe('alimesos02');
  });

  it('is refused when another master is down, because quorum would not survive', async () => {
    w = await VmWorld.start();
    w.s.nomad.controls.serverDown('alimesos03');
    await w.type(ALICE, 'vm rebuild alimesos02');
    const refused = await w.waitForMessage((t) => t.includes('🚫 Refused: rebuild alimesos02'), 'refusal');
    const shown = w.text(refused);
    expect(shown).toContain('• Nomad server alimesos03 is failed');
    expect(shown).toContain('• Raft quorum without alimesos02: 1 of 3 servers alive, 2 needed');
    expect(shown).toContain('Rebuild a master only while the other two work');
    expect(rebuildCalls('alimesos02')).toBe(0);
  });
});
