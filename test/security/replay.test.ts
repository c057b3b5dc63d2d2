/**
 * Slack request security (issue 7 item 3). Bolt checks the signature and refuses requests older
 * than five minutes; within those five minutes a captured request can be sent again byte for byte.
 * These tests replay real signed requests and show that nothing happens twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { namesFromStore, renderMessageText, type StoredMessage } from '../../sim/slack/index.js';
import { signedFormHeaders } from '../../sim/slack/sign.js';
import { eventually } from '../support/eventually.js';
import { SIGNING_SECRET, startStack, type Stack } from '../support/stack.js';
import { click, send, slashCommand } from './captured.js';

let s: Stack | undefined;
afterEach(async () => s?.close());

const JOB = 'ci-mesosci-cs8';
const text = (stack: Stack, m: StoredMessage) => renderMessageText(m, namesFromStore(stack.slack.store));

const planOf = (stack: Stack) => eventually(() => stack.messages().find((m) => text(stack, m).includes('Plan: scale')), 10_000, 'plan');

describe('replayed Slack requests', () => {
  it('a replayed slash command plans once (its operation id comes from the trigger id)', async () => {
    s = await startStack();
    const stack = s;
    const captured = slashCommand(stack, 'U0ALICE', 'scale mesosci-cs8 10');
    expect(await send(stack, captured)).toBe(200);
    await planOf(stack);
    for (let i = 0; i < 3; i++) expect(await send(stack, captured)).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(stack.messages()).toHaveLength(1);
    expect(await stack.bot.operations.pending()).toHaveLength(1);
    expect(stack.logs.filter((l) => l.includes('redelivered request ignored'))).toHaveLength(3);
  });

  it('a replayed Approve click, before or after the apply, changes nothing', async () => {
    s = await startStack();
    const stack = s;
    await send(stack, slashCommand(stack, 'U0ALICE', 'scale mesosci-cs8 10'));
    const plan = await planOf(stack);
    const approve = click(stack, 'U0BOB', plan, 'Approve');
    expect(await send(stack, approve)).toBe(200);
    expect(await send(stack, approve)).toBe(200);
    await eventually(() => stack.messages().find((m) => text(stack, m).includes('Applied:')), 10_000, 'applied');
    expect(await send(stack, approve)).toBe(200);
    await eventually(
      () => stack.slack.store.ephemeralFor({ user: 'U0BOB' }).find((e) => e.text === 'This was already applied.'),
      5_000,
      'answer to the late replay',
    );
    expect(stack.nomad.state.requestCount(`POST /v1/job/${JOB}/scale`)).toBe(1);
    expect(stack.messages()).toHaveLength(1);
  });

  it('a replayed Reject click after an approval does not undo or reject anything', async () => {
    s = await startStack();
    const stack = s;
    await send(stack, slashCommand(stack, 'U0ALICE', 'scale mesosci-cs8 9'));
    const plan = await planOf(stack);
    const reject = click(stack, 'U0CAROL', plan, 'Reject');
    await send(stack, click(stack, 'U0BOB', plan, 'Approve'));
    await eventually(() => stack.messages().find((m) => text(stack, m).includes('Applied:')), 10_000, 'applied');
    expect(await send(stack, reject)).toBe(200);
    await eventually(() => stack.slack.store.ephemeralFor({ user: 'U0CAROL' }).find((e) => e.text === 'This was already applied.'), 5_000, 'answer');
    expect(text(stack, stack.messages()[0]!)).toContain('Applied: ci-mesosci-cs8 scaled 8 → 9');
  });

  it('refuses a request with a bad signature, an old timestamp, or a body altered after signing', async () => {
    s = await startStack();
    const stack = s;
    const good = slashCommand(stack, 'U0ALICE', 'scale mesosci-cs8 10');
    expect(await send(stack, { ...good, headers: { ...good.headers, 'x-slack-signature': 'v0=deadbeef' } })).toBe(401);
    expect(await send(stack, { body: good.body.replace('10', '20'), headers: good.headers })).toBe(401);
    const old = Math.floor(Date.now() / 1000) - 301;
    expect(await send(stack, { body: good.body, headers: signedFormHeaders(SIGNING_SECRET, old, good.body) })).toBe(401);
    // Five minutes either way: a request dated ahead would stretch the replay window by our clock's lag.
    const ahead = Math.floor(Date.now() / 1000) + 320;
    expect(await send(stack, { body: good.body, headers: signedFormHeaders(SIGNING_SECRET, ahead, good.body) })).toBe(401);
    expect(stack.logs.some((l) => l.includes('refused a Slack request dated in the future'))).toBe(true);
    const { 'x-slack-signature': _dropped, ...unsigned } = good.headers;
    expect(await send(stack, { body: good.body, headers: unsigned })).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(stack.messages()).toHaveLength(0);
    expect(await stack.bot.operations.pending()).toEqual([]);
  });
});
