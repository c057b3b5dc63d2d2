/** `/ci status` end to end: a read-only answer, privately, problems first. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namesFromStore, renderMessageText } from '../../sim/slack/index.js';
import { eventually } from '../support/eventually.js';
import { CHANNEL, startStack, type Stack } from '../support/stack.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => s?.close());

async function ask(user: string, text: string, expected: string | RegExp): Promise<string> {
  const before = s.slack.store.ephemeralFor({ user }).length;
  const res = await s.driver.slashCommand({ userId: user, channelId: CHANNEL, text });
  expect(res.status).toBe(200);
  return eventually(
    () => {
      const news = s.slack.store
        .ephemeralFor({ user })
        .slice(before)
        .map((e) => renderMessageText(e, namesFromStore(s.slack.store)));
      return news.find((t) => (typeof expected === 'string' ? t.includes(expected) : expected.test(t)));
    },
    8_000,
    `answer to ${text}`,
  );
}

describe('/ci status', () => {
  it('lists every job with running/desired per group, to anyone, privately', async () => {
    const answer = await ask('U0DAVE', 'status', '7 jobs: 7 running, 0 pending, 0 dead.');
    expect(answer).toContain('✅ Every job runs its desired count.');
    expect(answer).toMatch(/ci-mesosci-cs8\s+service\s+running\s+ci 8\/8/);
    expect(s.messages()).toHaveLength(0);
  });

  it('puts jobs short of builders first and says what is missing', async () => {
    s.nomad.controls.scaleJob('ci-mesosci-slc9', 'ci', 12); // more than the farm can place
    await s.nomad.controls.settled();
    const answer = await ask('U0ALICE', 'status', /⚠️ ci-mesosci-slc9 \(ci \d+\/12 running/);
    const table = answer.split('\n').filter((l) => /^\s*(ci-|repo|jenkins)/.test(l));
    expect(table[0]).toContain('ci-mesosci-slc9');
  });

  it('shows one job: groups, allocations with their nodes, evaluations and a blocked one', async () => {
    const answer = await ask('U0ALICE', 'status mesosci-slc9', 'ci-mesosci-slc9 · service');
    expect(answer).toMatch(/ci: 12 desired · \d+ running/);
    expect(answer).toContain('Blocked evaluation');
    expect(answer).toMatch(/ci-mesosci-slc9\.ci\[0\]\s+alibuild\d\d\s+running/);
  });

  it('answers an unknown job with suggestions', async () => {
    await ask('U0ALICE', 'status mesosci-cs9', 'No job or declaration called `mesosci-cs9`. Did you mean mesosci-cs8 (ci-mesosci-cs8)');
  });
});
