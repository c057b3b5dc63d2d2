/**
 * Two bot processes on one Redis prefix, as in a rolling upgrade: commands and clicks land on
 * either, both workers take steps, yet every change is applied once and the cluster is watched
 * by one of them only.
 */
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf } from '../../sim/slack/index.js';
import { eventually } from '../support/eventually.js';
import { CHANNEL } from '../support/stack.js';
import { startFaultStack, type FaultStack } from './fault-stack.js';

let s: FaultStack | undefined;
afterEach(async () => s?.close());

const CHANGES = [
  ['mesosci-cs8 10', 'ci-mesosci-cs8', 'scaled 8 → 10'],
  ['mesosci-slc9 5', 'ci-mesosci-slc9', 'scaled 4 → 5'],
  ['mesosci-slc9-o2physics 3', 'ci-mesosci-slc9-o2physics', 'scaled'],
] as const;

describe('two replicas on one Redis prefix', () => {
  it('apply every change once, however commands and clicks are spread, and one of them watches', async () => {
    s = await startFaultStack();
    const stack = s;
    const [a, b] = await Promise.all([stack.spawn(), stack.spawn()]);
    const [da, db] = [stack.driver(a!), stack.driver(b!)];
    for (const [args] of CHANGES) {
      // Slack retried the command and the retry reached the other replica: same trigger id.
      const triggerId = `${Date.now()}.${args.length}.replay`;
      await Promise.all([
        da.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: `scale ${args}`, triggerId }),
        db.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: `scale ${args}`, triggerId }),
      ]);
    }
    await eventually(() => stack.read().filter((t) => t.includes('Plan: scale')).length === CHANGES.length || undefined, 15_000, 'three plans');
    expect(stack.messages()).toHaveLength(CHANGES.length);

    for (const plan of stack.messages()) {
      const approve = buttonsOf(plan).find((x) => x.text.startsWith('Approve'))!;
      const click = (driver: typeof da, user: string) =>
        driver.clickButton({ userId: user, channelId: CHANNEL, messageTs: plan.ts, actionId: approve.actionId });
      await Promise.all([click(da, 'U0BOB'), click(db, 'U0CAROL'), click(db, 'U0BOB'), click(da, 'U0CAROL')]);
    }
    for (const [, job, done] of CHANGES) {
      await eventually(() => stack.read().find((t) => t.includes(`Applied: ${job} ${done}`)), 15_000, `${job} applied`);
    }
    await new Promise((r) => setTimeout(r, 300));
    for (const [, job] of CHANGES) expect(stack.scaleCalls(job), job).toBe(1);
    expect(stack.messages()).toHaveLength(CHANGES.length);

    // One watcher: the monitor lease names one of the two processes, and a node down is posted once.
    const redis = new Redis(stack.redisUrl);
    try {
      const holder = await eventually(() => redis.get(`${stack.prefix}:monitors:lease`).then((v) => v ?? undefined), 10_000, 'a lease holder');
      expect(holder).toMatch(/:\d+:/);
    } finally {
      redis.disconnect();
    }
    const node = [...stack.nomad.state.nodes.values()].find((n) => n.Name.startsWith('alibuild'))!.Name;
    stack.nomad.controls.nodeDown(node);
    const alerts = () => stack.slack.store.topLevel('C0ALERTS').filter((m) => m.text.includes(node));
    await eventually(() => alerts().length > 0, 10_000, 'the node-down alert');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(alerts()).toHaveLength(1);
  }, 50_000);
});
