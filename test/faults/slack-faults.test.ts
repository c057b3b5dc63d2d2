/**
 * Slack answering 429 (with Retry-After) and 5xx on chat.update: the WebClient waits and tries
 * again (its default policy: about ten tries over 30 minutes), so the updates arrive late but
 * arrive, and the last one shows the result. Slack request timestamps off by a few minutes
 * are accepted, beyond five minutes refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, namesFromStore, renderMessageText, type StoredMessage } from '../../sim/slack/index.js';
import { eventually } from '../support/eventually.js';
import { CHANNEL, startStack, type Stack } from '../support/stack.js';

let s: Stack | undefined;
afterEach(async () => s?.close());
const text = (stack: Stack, m: StoredMessage) => renderMessageText(m, namesFromStore(stack.slack.store));

describe('Slack failing chat.update', () => {
  it('delivers every state of the operation message later, none dropped', async () => {
    s = await startStack();
    const stack = s;
    await stack.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: 'scale mesosci-cs8 10' });
    const plan = await eventually(() => stack.messages().find((m) => text(stack, m).includes('Plan: scale')), 10_000, 'plan');
    stack.slack.controls.rateLimitNext('chat.update', 1, 1);
    stack.slack.controls.failHttpNext('chat.update', 503, 1);
    const approve = buttonsOf(plan).find((b) => b.text === 'Approve')!;
    await stack.driver.clickButton({ userId: 'U0BOB', channelId: CHANNEL, messageTs: plan.ts, actionId: approve.actionId });
    const done = await eventually(() => stack.messages().find((m) => text(stack, m).includes('Applied: ci-mesosci-cs8 scaled 8 → 10')), 20_000, 'applied');
    expect(done.ts).toBe(plan.ts);
    expect(stack.messages()).toHaveLength(1);
    expect(stack.slack.stats.rateLimited).toBeGreaterThanOrEqual(1);
    // The approval was shown before the result: the "Applying" state was not lost on the way.
    const shown = done.versions.map((v) => v.text);
    expect(shown.some((t) => t.includes('Applying: scale ci-mesosci-cs8'))).toBe(true);
    expect(stack.nomad.state.requestCount('POST /v1/job/ci-mesosci-cs8/scale')).toBe(1);
  }, 25_000);
});

describe('Slack request timestamps (clock skew)', () => {
  it('accepts requests a few minutes off and refuses those more than five minutes off', async () => {
    s = await startStack();
    const stack = s;
    const now = Math.floor(Date.now() / 1000);
    const status = async (offsetSec: number) =>
      (await stack.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: `help skew${offsetSec}`, timestampSec: now + offsetSec })).status;
    expect(await status(-240)).toBe(200);
    expect(await status(240)).toBe(200);
    expect(await status(-360)).toBe(401);
    expect(await status(360)).toBe(401);
    const replies = () => stack.slack.store.ephemeralFor({ user: 'U0ALICE' }).map((e) => e.text);
    await eventually(() => replies().length >= 2, 5_000, 'answers to the accepted requests');
    await new Promise((r) => setTimeout(r, 200));
    expect(replies().filter((t) => t.includes('skew-240') || t.includes('skew240'))).toHaveLength(2);
    expect(replies().some((t) => t.includes('skew360') || t.includes('skew-360'))).toBe(false);
  });
});
