/**
 * Redis killed with -9 and started again (append-only file) in the middle of a queue: every
 * operation still reaches its end, one of them requested while Redis was down.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf } from '../../sim/slack/index.js';
import { eventually } from '../support/eventually.js';
import { CHANNEL } from '../support/stack.js';
import { startFaultStack, type FaultStack } from './fault-stack.js';
import { startPrivateRedis, type PrivateRedis } from './private-redis.js';

let s: FaultStack | undefined;
let redis: PrivateRedis | undefined;
afterEach(async () => {
  await s?.close();
  await redis?.close();
});

describe('Redis restarted in the middle of a queue', () => {
  it('loses nothing: plans, a waiting operation and a request made while it was down all complete', async () => {
    redis = await startPrivateRedis();
    s = await startFaultStack({ redisUrl: redis.url });
    const stack = s;
    const bot = await stack.spawn();
    const driver = stack.driver(bot);
    const type = (user: string, text: string) => driver.slashCommand({ userId: user, channelId: CHANNEL, text });
    const find = (needle: string) => stack.messages().find((m) => stack.text(m).includes(needle));

    await type('U0ALICE', 'scale mesosci-cs8 10');
    await type('U0ALICE', 'scale mesosci-slc9 5');
    await eventually(() => find('Plan: scale ci-mesosci-cs8  8 → 10') && find('Plan: scale ci-mesosci-slc9  4 → 5'), 10_000, 'two plans');
    await type('U0CAROL', 'scale mesosci-cs8 12');
    await eventually(() => find('waiting for op-'), 10_000, 'third operation waiting behind the first');

    await redis.kill9();
    // Slack acknowledges at once; the request waits in the client's queue until Redis is back.
    const whileDown = await type('U0BOB', 'scale mesosci-slc9-o2physics 3');
    expect(whileDown.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    await redis.restart();

    await eventually(() => find('Plan: scale ci-mesosci-slc9-o2physics'), 15_000, 'the request made while Redis was down');
    for (const needle of ['Plan: scale ci-mesosci-cs8  8 → 10', 'Plan: scale ci-mesosci-slc9  4 → 5']) {
      const plan = find(needle)!;
      const approve = buttonsOf(plan).find((b) => b.text.startsWith('Approve'))!;
      await driver.clickButton({ userId: 'U0BOB', channelId: CHANNEL, messageTs: plan.ts, actionId: approve.actionId });
    }
    await eventually(() => find('Applied: ci-mesosci-cs8 scaled 8 → 10') && find('Applied: ci-mesosci-slc9 scaled 4 → 5'), 15_000, 'both applied');
    await eventually(() => find('Plan: scale ci-mesosci-cs8  10 → 12'), 10_000, 'the waiting operation planned after the first finished');
    expect(stack.messages()).toHaveLength(4);
    expect(stack.scaleCalls('ci-mesosci-cs8')).toBe(1);
    expect(stack.scaleCalls('ci-mesosci-slc9')).toBe(1);
  }, 45_000);
});
