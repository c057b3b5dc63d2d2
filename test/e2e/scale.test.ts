/**
 * `/ci scale` end to end: slash commands and button clicks into Bolt, real Redis/BullMQ, the Nomad
 * and Slack simulators. What a person sees is read back from the Slack simulator. Every case runs
 * in both Slack modes: signed HTTP, and Socket Mode (the production default: envelopes on a WebSocket).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonsOf, namesFromStore, renderMessageText, type EphemeralMessage, type StoredMessage } from '../../sim/slack/index.js';
import { eventually } from '../support/eventually.js';
import { CHANNEL, startStack, type Stack } from '../support/stack.js';

let s: Stack;
afterEach(async () => s?.close());

const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const CAROL = 'U0CAROL';
const DAVE = 'U0DAVE';

const text = (m: StoredMessage | EphemeralMessage) => renderMessageText(m, namesFromStore(s.slack.store));
const ephemeralsFor = (user: string) => s.slack.store.ephemeralFor({ user }).map((e) => text(e));
const scaleCalls = (job = 'ci-mesosci-cs8') => s.nomad.state.requestCount(`POST /v1/job/${job}/scale`) + s.nomad.state.requestCount(`PUT /v1/job/${job}/scale`);

async function type(user: string, line: string, triggerId?: string) {
  const res = await s.driver.slashCommand({ userId: user, channelId: CHANNEL, text: line, ...(triggerId ? { triggerId } : {}) });
  expect(res.status).toBe(200);
  return res;
}

/** Waits until the channel's only/last top-level message reaches a state, by its first line. */
function waitForMessage(pred: (t: string) => boolean, what: string, index = -1): Promise<StoredMessage> {
  return eventually(
    () => {
      const all = s.messages();
      const m = index < 0 ? all[all.length + index] : all[index];
      return m && pred(text(m)) ? m : undefined;
    },
    10_000,
    what,
  );
}

async function press(user: string, m: StoredMessage, label: string) {
  const b = buttonsOf(m).find((x) => x.text.startsWith(label));
  expect(b, `button ${label}`).toBeDefined();
  const res = await s.driver.clickButton({ userId: user, channelId: CHANNEL, messageTs: m.ts, actionId: b!.actionId });
  expect(res.status).toBe(200);
}

describe.each(['http', 'socket'] as const)('/ci scale over %s', (slackMode) => {
  beforeEach(async () => {
    s = await startStack({ slackMode });
  });

  it('plans, is approved by a colleague, applies, and reports in the same message', async () => {
    await type(ALICE, 'scale mesosci-cs8 10');
    await eventually(
      () => ephemeralsFor(ALICE).find((t) => /^Queued: scale ci-mesosci-cs8 to 10 \(op-[a-z0-9]+\)\. Planning…$/.test(t)),
      5_000,
      'queued reply',
    );
    const plan = await waitForMessage((t) => t.includes('Plan: scale ci-mesosci-cs8  8 → 10'), 'plan message');
    const shown = text(plan);
    expect(shown).toContain('+/- Job: "ci-mesosci-cs8"');
    expect(shown).toContain('+/- Task Group: "ci" (2 create, 8 in-place update)');
    expect(shown).toContain('+/- Count: "8" => "10" (forces create)');
    expect(shown).toContain('- All tasks successfully allocated.');
    expect(shown).toMatch(/Job modify index \d+ · expires \d\d:\d\d UTC · needs 1 approval from @ci-admins \(not @alice\)/);
    expect(buttonsOf(plan).map((b) => b.text)).toEqual(['Approve', 'Reject']);
    expect(scaleCalls()).toBe(0);

    await press(BOB, plan, 'Approve');
    const done = await waitForMessage((t) => t.includes('Applied: ci-mesosci-cs8 scaled 8 → 10'), 'applied message');
    expect(done.ts).toBe(plan.ts); // updated in place
    expect(text(done)).toMatch(/approved by @bob · requested by @alice · op-/);
    expect(text(done)).toMatch(/10\/10 allocations running \(2 placed on [a-z0-9, ]+\) · [\d.]+ s/);
    expect(buttonsOf(done)).toEqual([]);
    expect(scaleCalls()).toBe(1);
    expect(s.nomad.state.job('ci-mesosci-cs8')?.TaskGroups?.[0]?.Count).toBe(10);
    expect(s.messages()).toHaveLength(1);
  });

  it('refuses approval by the requester and by someone outside the approvers, changing nothing', async () => {
    await type(ALICE, 'scale mesosci-cs8 9');
    const plan = await waitForMessage((t) => t.includes('Plan: scale'), 'plan');
    await press(ALICE, plan, 'Approve');
    await eventually(
      () => ephemeralsFor(ALICE).find((t) => t === 'You requested this change, so someone else from @ci-admins must approve it.'),
      5_000,
      'self-approval refusal',
    );
    await press(DAVE, plan, 'Approve');
    await eventually(() => ephemeralsFor(DAVE).find((t) => t.includes('Only @ci-admins may approve')), 5_000, 'non-approver refusal');
    expect(text(s.messages()[0]!)).toContain('Plan: scale');
    expect(scaleCalls()).toBe(0);
  });

  it('applies once when two approvers click at the same moment, and when one clicks twice', async () => {
    await type(ALICE, 'scale mesosci-cs8 11');
    const plan = await waitForMessage((t) => t.includes('Plan: scale'), 'plan');
    await Promise.all([press(BOB, plan, 'Approve'), press(CAROL, plan, 'Approve'), press(BOB, plan, 'Approve')]);
    await waitForMessage((t) => t.includes('Applied:'), 'applied');
    await new Promise((r) => setTimeout(r, 300));
    expect(scaleCalls()).toBe(1);
    expect(s.nomad.state.job('ci-mesosci-cs8')?.TaskGroups?.[0]?.Count).toBe(11);
  });

  it('plans once when Slack delivers the same command twice', async () => {
    await Promise.all([type(ALICE, 'scale mesosci-cs8 10', '111.222.abc'), type(ALICE, 'scale mesosci-cs8 10', '111.222.abc')]);
    await waitForMessage((t) => t.includes('Plan: scale'), 'plan');
    await new Promise((r) => setTimeout(r, 400));
    expect(s.messages()).toHaveLength(1);
  });

  it('rejects: nothing is applied and the lock is released for the next operation', async () => {
    await type(ALICE, 'scale mesosci-cs8 12');
    const plan = await waitForMessage((t) => t.includes('Plan: scale'), 'plan');
    await type(CAROL, 'scale mesosci-cs8 6');
    const queued = await waitForMessage((t) => t.includes('Queued: scale ci-mesosci-cs8 to 6 — waiting for op-'), 'second op waits', 1);
    expect(text(queued)).toContain('waiting for op-');
    await press(BOB, plan, 'Reject');
    await waitForMessage((t) => t.includes('Rejected: scale ci-mesosci-cs8  8 → 12'), 'rejected', 0);
    expect(text(s.messages()[0]!)).toContain('Nothing was applied.');
    await waitForMessage((t) => t.includes('Plan: scale ci-mesosci-cs8  8 → 6'), 'second op planned after the lock', 1);
    expect(scaleCalls()).toBe(0);
  });

  it('does not apply a stale plan: says the job changed and posts a fresh plan', async () => {
    await type(ALICE, 'scale mesosci-cs8 10');
    const plan = await waitForMessage((t) => t.includes('Plan: scale'), 'plan');
    s.nomad.controls.scaleJob('ci-mesosci-cs8', 'ci', 9); // someone ran `nomad job scale` by hand
    await press(BOB, plan, 'Approve');
    const old = await waitForMessage((t) => t.includes('Not applied:'), 'stale notice', 0);
    expect(text(old)).toMatch(/ci-mesosci-cs8 changed since this plan \(index \d+ → \d+\)/);
    expect(text(old)).toContain('A fresh plan follows below');
    const fresh = await waitForMessage((t) => t.includes('Plan: scale ci-mesosci-cs8  9 → 10'), 'fresh plan', 1);
    expect(buttonsOf(fresh).map((b) => b.text)).toEqual(['Approve', 'Reject']);
    expect(s.nomad.state.job('ci-mesosci-cs8')?.TaskGroups?.[0]?.Count).toBe(9);
    await press(BOB, fresh, 'Approve');
    await waitForMessage((t) => t.includes('Applied: ci-mesosci-cs8 scaled 9 → 10'), 'fresh plan applied', 1);
    expect(s.nomad.state.job('ci-mesosci-cs8')?.TaskGroups?.[0]?.Count).toBe(10);
  });

  it('warns about placement failures in plain words and asks for "Approve anyway"', async () => {
    await type(ALICE, 'scale mesosci-slc9 12');
    const plan = await waitForMessage((t) => t.includes('Plan: scale ci-mesosci-slc9  4 → 12'), 'plan');
    const shown = text(plan);
    expect(shown).toContain('- WARNING: Failed to place all allocations.');
    expect(shown).toMatch(/\d+ of 8 new allocations of group "ci" cannot be placed/);
    expect(shown).toContain('excluded by constraint ${meta.allow_compilation} = true');
    expect(shown).toContain("Disk may be Nomad's accounting, not real");
    expect(buttonsOf(plan).map((b) => b.text)).toEqual(['Approve anyway', 'Reject']);
  });

  it('answers bad input privately with a specific message and queues nothing', async () => {
    const cases: [string, string][] = [
      ['scale', 'Which job, and how many builders?'],
      ['scale mesosci-cs8', 'How many builders for `mesosci-cs8`?'],
      ['scale mesosci-cs8 lots', '`lots` is not a count. Usage: `/ci scale <instance> <count> [--group <group>]`'],
      ['scale mesosci-cs8 -2', 'cannot be negative'],
      ['scale mesosci-cs8 0', 'is not allowed here'],
      ['scale mesosci-cs8 25', '25 is above the maximum of 20 builders for ci-mesosci-cs8'],
      ['scale mesosci-cs9 4', 'No job or declaration called `mesosci-cs9`. Did you mean mesosci-cs8 (ci-mesosci-cs8)'],
      ['sclae mesosci-cs8 4', '`sclae` is not a /ci command. Did you mean `scale`?'],
      // A verb of /ci node or /ci vm typed alone: the whole command, with what was typed after it.
      ['drain alibuild05', '`drain` is not a /ci command on its own: try `/ci node drain alibuild05`. `/ci help node` has more.'],
      ['Reboot alibuild05', '`Reboot` is not a /ci command on its own: try `/ci vm reboot alibuild05`.'],
      ['Node DRAIN alibuild99', 'No node called `alibuild99`. Did you mean alibuild09?'],
    ];
    for (const [line, expected] of cases) {
      await type(ALICE, line);
      await eventually(() => ephemeralsFor(ALICE).find((t) => t.includes(expected)), 5_000, `reply to "${line}"`);
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(s.messages()).toHaveLength(0);
    expect(await s.bot.operations.pending()).toEqual([]);
  });

  it('reads verbs in any case: /ci SCALE plans as /ci scale does', async () => {
    await type(ALICE, 'SCALE mesosci-cs8 10');
    const plan = await waitForMessage((t) => t.includes('Plan: scale ci-mesosci-cs8  8 → 10'), 'plan');
    expect(buttonsOf(plan).map((b) => b.text)).toEqual(['Approve', 'Reject']);
    await type(ALICE, 'Help SCALE');
    await eventually(() => ephemeralsFor(ALICE).find((t) => t.includes('/ci scale <instance> <count>') && t.includes('Examples:')), 5_000, 'help for SCALE');
  });

  it('answers "already runs 8" privately from the world snapshot: no plan, nothing queued', async () => {
    await type(ALICE, 'scale mesosci-cs8 8');
    // The answer comes from the parser (the snapshot carries each group's count), so nothing can
    // have been queued before it arrives: the reply is the end of the command.
    await eventually(() => ephemeralsFor(ALICE).find((t) => t === 'ci-mesosci-cs8 (group `ci`) already runs 8 — nothing to do.'), 5_000, 'private answer');
    expect(s.nomad.state.requestCount('POST /v1/job/ci-mesosci-cs8/plan') + s.nomad.state.requestCount('PUT /v1/job/ci-mesosci-cs8/plan')).toBe(0);
    expect(ephemeralsFor(ALICE).filter((t) => t.startsWith('Queued'))).toEqual([]);
    expect(s.messages()).toHaveLength(0);
    expect(await s.bot.operations.pending()).toEqual([]);
  });

  it('refuses a requester outside the policy and the wrong channel', async () => {
    await type(DAVE, 'scale mesosci-cs8 10');
    await eventually(() => ephemeralsFor(DAVE).find((t) => t.includes('You may not request nomad-mutate operations')), 5_000, 'refusal');
    await s.driver.slashCommand({ userId: ALICE, channelId: 'C0RANDOM', text: 'scale mesosci-cs8 10' });
    await eventually(() => ephemeralsFor(ALICE).find((t) => t.includes('not allowed in this channel: use #ci-ops')), 5_000, 'channel refusal');
    expect(s.messages()).toHaveLength(0);
  });
});

describe('/ci scale over signed HTTP', () => {
  beforeEach(async () => {
    s = await startStack();
  });

  // Socket Mode has no signatures: the connection itself is authenticated with the app-level token.
  it('refuses forged and stale requests before anything runs', async () => {
    const forged = await s.driver.slashCommand({ userId: ALICE, channelId: CHANNEL, text: 'scale mesosci-cs8 10', signature: 'v0=deadbeef' });
    expect(forged.status).toBe(401);
    const stale = await s.driver.slashCommand({
      userId: ALICE,
      channelId: CHANNEL,
      text: 'scale mesosci-cs8 10',
      timestampSec: Math.floor(Date.now() / 1000) - 600,
    });
    expect(stale.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(s.messages()).toHaveLength(0);
  });
});

describe.each(['http', 'socket'] as const)('/ci scale approval window over %s', (slackMode) => {
  beforeEach(async () => {
    s = await startStack({ expiryMs: 400, slackMode });
  });

  it('expires a plan nobody approved; a late click changes nothing and says why', async () => {
    await type(ALICE, 'scale mesosci-cs8 10');
    const plan = await waitForMessage((t) => t.includes('Plan: scale'), 'plan');
    const approve = buttonsOf(plan).find((b) => b.text === 'Approve')!; // as still shown on a phone that did not refresh
    await waitForMessage((t) => t.includes('Expired: scale ci-mesosci-cs8  8 → 10'), 'expired');
    expect(buttonsOf(s.messages()[0]!)).toEqual([]);
    const res = await s.driver.clickButton({ userId: BOB, channelId: CHANNEL, messageTs: plan.ts, actionId: approve.actionId, value: approve.value });
    expect(res.status).toBe(200);
    await eventually(() => ephemeralsFor(BOB).find((t) => t.includes('expired')), 5_000, 'late click answer');
    expect(scaleCalls()).toBe(0);
  });
});
