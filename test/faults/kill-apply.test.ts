/**
 * kill -9 at each step of an apply (issue 7 item 5). One operation goes through five bot
 * processes: each of the first four dies with SIGKILL at the next fault point of
 * the apply (fault-points.ts: the log line the bot writes there), the next one recovers it. In the end it is applied exactly once.
 */
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, type StoredMessage } from '../../sim/slack/index.js';
import type { FaultPoint } from './fault-points.js';
import { eventually } from '../support/eventually.js';
import { CHANNEL } from '../support/stack.js';
import { startFaultStack, type FaultStack } from './fault-stack.js';

const JOB = 'ci-mesosci-cs8';
let s: FaultStack | undefined;
afterEach(async () => s?.close());

/** Scaling events Nomad recorded for one operation (the bot tags each with its op id). */
function scaleEventsOf(stack: FaultStack, opId: string): number {
  const rec = [...stack.nomad.state.records.values()].find((r) => r.job.ID === JOB);
  return (rec?.scaleEvents.ci ?? []).filter((e) => e.Meta?.['ci-chatops.op'] === opId).length;
}

describe('a bot killed at every step of an apply', () => {
  it('ends applied exactly once, in the same message, and frees the job for the next operation', async () => {
    s = await startFaultStack();
    const stack = s;
    const first = await stack.spawn('after-approval');
    await stack.driver(first).slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: 'scale mesosci-cs8 10' });
    const plan = await eventually(() => stack.messages().find((m) => stack.text(m).includes('Plan: scale ci-mesosci-cs8  8 → 10')), 10_000, 'plan');
    const opId = /op-[a-z0-9]+/.exec(stack.text(plan))![0];
    const approve = buttonsOf(plan).find((b) => b.text === 'Approve')!;
    // The click is acknowledged before the approval runs, so Slack may still get its 200.
    await stack
      .driver(first)
      .clickButton({ userId: 'U0BOB', channelId: CHANNEL, messageTs: plan.ts, actionId: approve.actionId })
      .catch(() => undefined);

    const deaths: string[] = [await first.exited];
    const points: FaultPoint[] = ['after-lock', 'after-nomad-call', 'before-slack-update'];
    for (const point of points) {
      const bot = await stack.spawn(point);
      deaths.push(await Promise.race([bot.exited, timeout(15_000, `the bot to reach ${point}`)]));
    }
    expect(deaths).toEqual(['SIGKILL', 'SIGKILL', 'SIGKILL', 'SIGKILL']);
    expect(stack.scaleCalls(JOB)).toBe(1);

    const last = await stack.spawn();
    const done = await eventually(
      () => onlyMessage(stack, (t) => t.includes('Applied: ci-mesosci-cs8 scaled 8 → 10')),
      15_000,
      'applied after the last restart',
    );
    expect(done.ts).toBe(plan.ts);
    expect(stack.text(done)).toContain('approved by @bob · requested by @alice');
    expect(stack.scaleCalls(JOB)).toBe(1);
    expect(scaleEventsOf(stack, opId)).toBe(1);
    expect(stack.nomad.state.job(JOB)?.TaskGroups?.[0]?.Count).toBe(10);
    const redis = new Redis(stack.redisUrl);
    try {
      expect(await redis.zrange(`${stack.prefix}:ops:active`, 0, -1)).toEqual([]);
      expect(await redis.get(`${stack.prefix}:lock:nomad/job/${JOB}`)).toBeNull();
    } finally {
      redis.disconnect();
    }
    // The job is free: the next change plans at once instead of waiting behind a dead operation.
    await stack.driver(last).slashCommand({ userId: 'U0CAROL', channelId: CHANNEL, text: 'scale mesosci-cs8 11' });
    await eventually(() => stack.read().find((t) => t.includes('Plan: scale ci-mesosci-cs8  10 → 11')), 10_000, 'next plan');
  }, 60_000);
});

function onlyMessage(stack: FaultStack, pred: (text: string) => boolean): StoredMessage | undefined {
  const all = stack.messages();
  return all.length === 1 && pred(stack.text(all[0]!)) ? all[0] : undefined;
}

function timeout(ms: number, what: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms).unref());
}
