/** The audit trail and `/ci whoami`, end to end. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonsOf, namesFromStore, renderMessageText } from '../../sim/slack/index.js';
import { eventually } from '../support/eventually.js';
import { CHANNEL, startStack, type Stack } from '../support/stack.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => s?.close());

const read = (m: Parameters<typeof renderMessageText>[0]) => renderMessageText(m, namesFromStore(s.slack.store));

async function ask(user: string, text: string, expected: string | RegExp): Promise<string> {
  const before = s.slack.store.ephemeralFor({ user }).length;
  expect((await s.driver.slashCommand({ userId: user, channelId: CHANNEL, text })).status).toBe(200);
  return eventually(
    () =>
      s.slack.store
        .ephemeralFor({ user })
        .slice(before)
        .map(read)
        .find((t) => (typeof expected === 'string' ? t.includes(expected) : expected.test(t))),
    8_000,
    text,
  );
}

describe('audit trail', () => {
  it('records request, plan (hash + index), refusal, approval, apply and result, and shows them per job and per user', async () => {
    await s.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: 'scale mesosci-cs8 9' });
    const plan = await eventually(() => s.messages().find((m) => read(m).includes('Plan: scale')), 8_000, 'plan');
    const approve = buttonsOf(plan).find((b) => b.text === 'Approve')!;
    await s.driver.clickButton({ userId: 'U0ALICE', channelId: CHANNEL, messageTs: plan.ts, actionId: approve.actionId }); // refused
    await s.driver.clickButton({ userId: 'U0BOB', channelId: CHANNEL, messageTs: plan.ts, actionId: approve.actionId });
    await eventually(() => s.messages().find((m) => read(m).includes('Applied:')), 8_000, 'applied');

    const byJob = await ask('U0CAROL', 'history ci-mesosci-cs8', 'recorded actions for ci-mesosci-cs8');
    const events = byJob
      .split('\n')
      .filter((l) => /^\s*20\d\d-/.test(l))
      .map((l) => l.trim().split(/\s+/)[2]);
    expect(events).toEqual(['result', 'apply', 'approve', 'refused', 'plan', 'request']);
    // People by the names Slack sent with their commands and clicks, not by their ids (a table cannot render a mention).
    expect(byJob).toMatch(/plan\s+op-\S+\s+ci-mesosci-cs8\s+@alice\s+nomad\.scale · planned · index \d+ · plan [0-9a-f]{8}/);
    expect(byJob).toMatch(/approve\s+op-\S+\s+ci-mesosci-cs8\s+@bob/);
    expect(byJob).not.toMatch(/U0ALICE|U0BOB/);

    const byUser = await ask('U0CAROL', 'history @bob', 'recorded action');
    expect(byUser).toContain('approve');
    expect(byUser).not.toContain('request ');
  });

  it('says so when nothing was recorded, and refuses nonsense', async () => {
    await ask('U0CAROL', 'history alibuild07', 'No recorded actions for alibuild07.');
    await ask('U0CAROL', 'history ../../etc', 'is not a job, node or user');
  });
});

describe('/ci whoami', () => {
  it('tells a requester and an approver what they may do here', async () => {
    const alice = await ask('U0ALICE', 'whoami', 'You are @alice, in #ci-ops');
    expect(alice).toContain('nomad-mutate (scale, deploy, stop, restart): ✅ may request · may not approve');
    const bob = await ask('U0BOB', 'whoami', 'You are @bob');
    expect(bob).toContain('✅ may request · ✅ may approve');
    const dave = await ask('U0DAVE', 'whoami', 'You are @dave');
    expect(dave).toMatch(/nomad-mutate .*⛔ may not request/);
  });
});
