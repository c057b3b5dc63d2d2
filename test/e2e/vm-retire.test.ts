/**
 * `/ci node retire` end to end: drain, wait, delete the VM and its volumes as one approved
 * operation, surviving a bot restart in the middle without repeating a step; and no OpenStack
 * secret (password, application-credential secret, token) in any message or log line.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ALICE_CREDENTIALS, stableId } from '../../sim/openstack/scenario.js';
import { eventually } from '../support/eventually.js';
import { logItems, recordKnownSecret, slackItems } from '../security/emitted.js';
import { ALICE, BOB, VmWorld } from './vm-helpers.js';

let w: VmWorld;
afterEach(async () => w?.close());

describe('/ci node retire', () => {
  it('resumes after a restart in the middle, never repeating a step', async () => {
    // A slow delete, so the restart lands while the bot waits for Nova.
    w = await VmWorld.start({ openstack: { sim: { timing: { deleteMs: 1_500 } } } });
    const nodeId = w.s.nomad.state.node('alibuild09')!.ID;
    const serverId = stableId('server', 'alibuild09');
    await w.type(ALICE, 'node retire alibuild09');
    const plan = await w.waitForMessage((t) => t.includes('Plan: retire alibuild09: drain, delete the VM and 1 volume'), 'plan');
    const shown = w.text(plan);
    expect(shown).toContain('1. Nomad: drain alibuild09 (deadline 60 min');
    expect(shown).toContain('Cinder: delete volume alibuild09-store (500 GB io1, /dev/vdb)');
    expect(shown).toMatch(/✅ Nomad node alibuild09 \(ready, eligible\) runs \d+ allocations?: ci-mesosci-cs8/);

    await w.press(BOB, plan, 'Approve');
    await eventually(() => w.os.state.server('alibuild09')?.taskState === 'deleting', 8_000, 'the VM delete under way');
    await w.s.restartBot();

    const done = await w.waitForMessage((t) => t.includes('Applied: alibuild09 retired'), 'retired after the restart', 15_000);
    expect(done.ts).toBe(plan.ts);
    expect(w.text(done)).toContain('drain started · no allocation left on alibuild09 · server alibuild09 deleted · volume alibuild09-store deleted');
    // The last "Applying" version shows every progress line once: nothing was reported (or done) twice.
    const applying =
      done.versions
        .map((v) => w.text(v))
        .filter((t) => t.includes('Applying: retire alibuild09'))
        .pop() ?? '';
    // The plan listed 4 steps (drain, wait, server, volume): progress counts those 4.
    expect(shown).toContain('4. Cinder: delete volume alibuild09-store');
    expect(applying.match(/Step 1\/4: drain started on alibuild09/g)).toHaveLength(1);
    expect(applying.match(/Step 2\/4: no allocation left on alibuild09/g)).toHaveLength(1);
    expect(applying).toContain('Step 4/4: volume alibuild09-store deleted.');
    expect(applying).not.toMatch(/Step \d+\/3/);
    // Exactly one drain and one delete were sent, across both bots.
    expect(w.s.nomad.state.requestCount(`POST /v1/node/${nodeId}/drain`) + w.s.nomad.state.requestCount(`PUT /v1/node/${nodeId}/drain`)).toBe(1);
    expect(w.osRequests('DELETE', `/servers/${serverId}`)).toBe(1);
    expect(w.os.state.server('alibuild09')).toBeUndefined();
    expect(w.os.state.volume('alibuild09-store')).toBeUndefined();
    // The first bot gave the step up when it stopped; the second one resumed it.
    const failedSteps = w.s.logs.filter((l) => l.includes('"msg":"step failed"'));
    expect(failedSteps).toHaveLength(1);
    expect(failedSteps[0]).toContain('This operation was aborted');
  });

  it('never shows or logs the OpenStack password, application-credential secret or tokens', async () => {
    w = await VmWorld.start();
    await w.type(ALICE, 'vm list');
    await eventually(() => w.ephemeralsFor(ALICE).find((t) => t.includes('servers:')), 5_000, 'the list');
    // A request that fails on the OpenStack side with the token in play.
    w.os.controls.expireTokens();
    await w.type(ALICE, 'vm show alibuild03');
    await eventually(() => w.ephemeralsFor(ALICE).find((t) => t.includes('alibuild03 · agent')), 5_000, 'the show');
    const tokens = [...w.os.state.tokens.keys()];
    expect(w.os.state.authRequests).toBeGreaterThanOrEqual(2); // the 401 made the bot log in again
    expect(tokens.length).toBeGreaterThanOrEqual(1);
    const secrets = [ALICE_CREDENTIALS.password, ALICE_CREDENTIALS.appCredentialSecret, ...tokens];
    recordKnownSecret(...secrets);
    const emitted = [...slackItems(w.s.slack.store), ...logItems(w.s.logs)];
    expect(emitted.length).toBeGreaterThan(5);
    for (const item of emitted) for (const secret of secrets) expect(item.text.includes(secret), `${item.kind} leaks a secret`).toBe(false);
  });
});
