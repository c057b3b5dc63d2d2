/**
 * Button values carry only an opaque operation id; everything else is read from Redis. A forged
 * or altered value — someone else's operation, garbage, a valid id clicked on another
 * operation's message — changes nothing and says so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, namesFromStore, renderMessageText, type StoredMessage } from '../../sim/slack/index.js';
import { eventually } from '../support/eventually.js';
import { startStack, type Stack } from '../support/stack.js';
import { click, send } from './captured.js';

let s: Stack | undefined;
afterEach(async () => s?.close());

const text = (stack: Stack, m: StoredMessage) => renderMessageText(m, namesFromStore(stack.slack.store));
const opIdOf = (stack: Stack, m: StoredMessage) => /op-[a-z0-9]+/.exec(text(stack, m))![0];

describe('forged button values', () => {
  it('change nothing, and the real buttons still work', async () => {
    s = await startStack();
    const stack = s;
    await stack.driver.slashCommand({ userId: 'U0ALICE', channelId: 'C0CIOPS', text: 'scale mesosci-cs8 10' });
    await stack.driver.slashCommand({ userId: 'U0ALICE', channelId: 'C0CIOPS', text: 'scale mesosci-slc9 5' });
    const [cs8, slc9] = await eventually(
      () => {
        const all = stack.messages();
        const a = all.find((m) => text(stack, m).includes('Plan: scale ci-mesosci-cs8'));
        const b = all.find((m) => text(stack, m).includes('Plan: scale ci-mesosci-slc9'));
        return a && b ? ([a, b] as const) : undefined;
      },
      10_000,
      'two plans',
    );
    for (const m of [cs8, slc9]) {
      for (const b of buttonsOf(m)) expect(b.value).toMatch(/^op-[a-z0-9]+$/); // no job, count or user in a value
    }
    const [cs8Op, slc9Op] = [opIdOf(stack, cs8), opIdOf(stack, slc9)];

    const forged: [string, StoredMessage, string, string, string][] = [
      ["someone else's operation", cs8, 'Approve', slc9Op, 'That button does not belong to this operation; nothing was changed.'],
      ["a valid id on another operation's message", slc9, 'Approve', cs8Op, 'That button does not belong to this operation; nothing was changed.'],
      ['a reject of another operation', cs8, 'Reject', slc9Op, 'That button does not belong to this operation; nothing was changed.'],
      ['garbage', cs8, 'Approve', "op-1'; FLUSHALL; --", 'This button is not valid; nothing was changed.'],
      ['a Redis key pattern', cs8, 'Approve', '*', 'This button is not valid; nothing was changed.'],
      ['a huge value', cs8, 'Approve', `op-${'a'.repeat(2_000)}`, 'This operation is unknown here (it may be older than 30 days).'],
      ['an unknown operation', cs8, 'Approve', 'op-doesnotexist', 'This operation is unknown here (it may be older than 30 days).'],
    ];
    for (const [what, message, label, value, reply] of forged) {
      const before = stack.slack.store.ephemeralFor({ user: 'U0BOB' }).length;
      expect(await send(stack, click(stack, 'U0BOB', message, label, value)), what).toBe(200);
      const answer = await eventually(() => stack.slack.store.ephemeralFor({ user: 'U0BOB' })[before], 5_000, `answer to ${what}`);
      expect(answer.text, what).toBe(reply);
    }
    const states = stack
      .messages()
      .map((m) => text(stack, m).split('\n')[0])
      .sort();
    expect(states).toEqual(['📋 Plan: scale ci-mesosci-cs8  8 → 10', '📋 Plan: scale ci-mesosci-slc9  4 → 5']);
    expect(stack.nomad.state.requestCount('POST /v1/job/ci-mesosci-cs8/scale')).toBe(0);
    expect(stack.nomad.state.requestCount('POST /v1/job/ci-mesosci-slc9/scale')).toBe(0);

    // The genuine click applies its own operation, and only that one.
    await send(stack, click(stack, 'U0BOB', cs8, 'Approve'));
    await eventually(() => stack.messages().find((m) => text(stack, m).includes('Applied: ci-mesosci-cs8 scaled 8 → 10')), 10_000, 'applied');
    expect(text(stack, stack.slack.store.message('C0CIOPS', slc9.ts)!)).toContain('Plan: scale ci-mesosci-slc9  4 → 5');
    expect(stack.nomad.state.requestCount('POST /v1/job/ci-mesosci-slc9/scale')).toBe(0);
  });
});
