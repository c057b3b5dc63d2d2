/**
 * kill -9 between every two steps of `/ci node cleanup` (issue 17.3): each bot process dies with
 * SIGKILL right after it records a step (fault point `after-step`), the next one resumes after the
 * last recorded step. In the end the node is cleaned up once — one SSH command, one restart of its
 * client — eligible again, in the same message, every step shown done.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf } from '../../sim/slack/index.js';
import { eventually } from '../support/eventually.js';
import { CHANNEL } from '../support/stack.js';
import { startFaultStack, type FaultStack } from './fault-stack.js';

const YAML = `
access:
  groups:
    ci-admins: [U0BOB, U0CAROL]
    operators: [U0ALICE, U0BOB, U0CAROL]
  classes:
    node:
      request: ["@operators"]
      approve: ["@ci-admins"]
      channels: [C0CIOPS]
`;

/** ineligible, idle, ssh-started, ssh, ready, eligible: a death after each. */
const RECORDED_STEPS = 6;

let s: FaultStack | undefined;
afterEach(async () => s?.close());

describe('a bot killed after every step of a cleanup', () => {
  it('resumes each time after the last recorded step: one command, one client restart, eligible again', async () => {
    s = await startFaultStack({ yaml: YAML, ssh: { hosts: ['alibuild10'] }, nomadTiming: { clientRestartMs: 200 } });
    const stack = s;
    const first = await stack.spawn('after-step');
    await stack.driver(first).slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: 'node cleanup alibuild10' });
    const plan = await eventually(() => stack.messages().find((m) => stack.text(m).includes('Plan: clean up alibuild10:')), 15_000, 'plan');
    const approve = buttonsOf(plan).find((b) => b.text === 'Approve')!;
    await stack
      .driver(first)
      .clickButton({ userId: 'U0BOB', channelId: CHANNEL, messageTs: plan.ts, actionId: approve.actionId })
      .catch(() => undefined);

    const deaths: string[] = [await timeout(first.exited, 30_000, 'the first step')];
    for (let i = 1; i < RECORDED_STEPS; i++) {
      const bot = await stack.spawn('after-step');
      deaths.push(await timeout(bot.exited, 30_000, `step ${i + 1}`));
    }
    expect(deaths).toEqual(Array(RECORDED_STEPS).fill('SIGKILL'));
    await stack.spawn();
    const done = await eventually(
      () => stack.messages().find((m) => m.ts === plan.ts && stack.text(m).includes('Applied: alibuild10 cleaned up and eligible again')),
      30_000,
      'applied after the last restart',
    );
    const final = stack.text(done);
    for (const n of [1, 2, 3, 4, 5]) expect(final).toMatch(new RegExp(`✅ ${n}\\. `));
    // Each step ran once across seven processes: one command on the host, one restart of its client.
    expect(stack.ssh!.executions.filter((e) => e.host === 'alibuild10')).toHaveLength(1);
    const restarts = stack.nomad.state.node('alibuild10')!.Events.filter((e) => e.Message === 'Node re-registered');
    expect(restarts).toHaveLength(1);
    expect(stack.nomad.state.node('alibuild10')!.SchedulingEligibility).toBe('eligible');
    expect(stack.lines.filter((l) => l.includes('"msg":"step recorded"'))).toHaveLength(RECORDED_STEPS);
  }, 300_000);
});

function timeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms).unref())]);
}
