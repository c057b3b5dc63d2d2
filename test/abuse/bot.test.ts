/**
 * Hostile `/ci` lines through the real bot (signed requests into Bolt, real Redis and BullMQ):
 * no crash, a specific private answer to each within Slack's limits (the Slack simulator
 * validates every block), and nothing queued.
 */
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { eventually } from '../support/eventually.js';
import { CHANNEL, REDIS_URL, startStack, type Stack } from '../support/stack.js';
import { replyProblem } from './checks.js';
import { hostileLine, longWord } from './inputs.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack({ logLevel: 'info' });
});
afterAll(async () => s?.close());

const LINES = 300;

describe('hostile commands through the real bot', () => {
  it(`answers ${LINES} hostile lines and a few 100k-character ones without queuing anything`, async () => {
    const verbs = commands.map((c) => c.name);
    const lines = [...fc.sample(hostileLine(verbs), { numRuns: LINES, seed: 7 }), ...fc.sample(longWord, { numRuns: 4, seed: 7 }).map((w) => `scale ${w} 10`)];
    const statuses: number[] = [];
    for (let i = 0; i < lines.length; i += 10) {
      const batch = lines.slice(i, i + 10).map((text) => s.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text }));
      statuses.push(...(await Promise.all(batch)).map((r) => r.status));
    }
    expect(statuses.filter((st) => st !== 200)).toEqual([]);
    const replies = await eventually(
      () => {
        const all = s.slack.store.ephemeralFor({ user: 'U0ALICE' });
        return all.length >= lines.length ? all : undefined;
      },
      20_000,
      `a reply to each of the ${lines.length} lines`,
    );
    console.log(`abuse suite: ${lines.length} hostile lines sent through the bot, ${replies.length} replies checked`);

    const problems = replies.flatMap((r) => {
      const why = replyProblem(r.text);
      return why ? [`${why}: ${JSON.stringify(r.text.slice(0, 200))}`] : [];
    });
    expect(problems).toEqual([]);
    expect(replies.filter((r) => /Sorry, that failed/.test(r.text))).toEqual([]);
    expect(s.messages()).toHaveLength(0);
    expect(await s.bot.operations.pending()).toEqual([]);
    const redis = new Redis(REDIS_URL);
    try {
      expect(await redis.keys(`${s.prefix}:op:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
    expect(s.logs.filter((l) => /"level":50/.test(l))).toEqual([]);
  }, 40_000);
});
