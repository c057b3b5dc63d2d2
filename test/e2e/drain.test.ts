/**
 * `/ci node drain|undrain|eligible|ineligible` end to end: approval as the `node` class says, then
 * the drain followed in the same message until the node is empty, or until its deadline hits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTerminal } from '../../sim/nomad/scheduler/resources.js';
import { startStack, type Stack } from '../support/stack.js';
import { ask, press, text, waitForMessage } from './ask.js';

const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const DAVE = 'U0DAVE';

const YAML = `
access:
  groups:
    ci-admins: [U0BOB, U0CAROL]
    operators: [U0ALICE, U0BOB, U0CAROL]
  classes:
    nomad-mutate:
      request: ["@operators"]
      approve: ["@ci-admins"]
      channels: [C0CIOPS]
    node:
      request: ["@operators"]
      approve: ["@ci-admins"]
      channels: [C0CIOPS]
`;

let s: Stack;
beforeAll(async () => {
  s = await startStack({ yaml: YAML, nomad: { timing: { allocStartMs: 30, evalCompleteMs: 10, migrateMs: 40 } } });
});
afterAll(async () => s?.close());

const liveOn = (name: string) => s.nomad.state.allocations().filter((a) => a.NodeName === name && !isTerminal(a));
const node = (name: string) => s.nomad.state.node(name)!;

/** Types the command, waits for its plan, has bob approve it, and returns the final message. */
async function approved(line: string, planLine: string, finalLine: string, timeoutMs = 10_000) {
  await ask(s, ALICE, line, 'Queued:');
  const plan = await waitForMessage(s, (t) => t.includes(planLine), `plan of ${line}`);
  const planText = text(s, plan); // the stored message is updated in place: read the plan now
  await press(s, BOB, plan, 'Approve');
  const done = await waitForMessage(s, (t) => t.includes(finalLine), `result of ${line}`, timeoutMs);
  expect(done.ts).toBe(plan.ts);
  return { plan: planText, done: text(s, done) };
}

describe('/ci node drain', () => {
  it('plans the migration, and after approval follows the drain to the end in the same message', async () => {
    const moving = liveOn('alibuild01');
    expect(moving.length).toBeGreaterThan(1);
    const { plan, done } = await approved('node drain alibuild01', 'Plan: drain alibuild01 (deadline 1h)', 'Applied: alibuild01 drained');
    expect(plan).toContain('Node alibuild01 (cern-a, builder): ready, eligible, not draining');
    expect(plan).toContain('Eligibility: "eligible" => "ineligible"');
    expect(plan).toContain(`${moving.length} allocations to migrate:`);
    for (const a of moving) expect(plan).toContain(a.Name);
    expect(plan).toMatch(/needs 1 approval from @ci-admins \(not @alice\)/);
    expect(done).toContain(`All ${moving.length} allocations migrated off alibuild01; it is empty and ineligible`);
    expect(liveOn('alibuild01')).toHaveLength(0);
    expect(node('alibuild01')).toMatchObject({ Drain: false, SchedulingEligibility: 'ineligible' });
    expect((node('alibuild01').LastDrain as { Status: string; Meta: Record<string, string> }).Meta['ci-chatops.op']).toMatch(/^op-/);
    expect(s.nomad.state.requestCount(`POST /v1/node/${node('alibuild01').ID}/drain`)).toBe(1);
  });

  it('reports a drain that hits its deadline, naming what Nomad stopped', async () => {
    const stuck = liveOn('alibuild05');
    expect(stuck.length).toBeGreaterThan(1);
    s.nomad.controls.setMigrationDelay(10_000); // builders that take far longer than the deadline to leave
    try {
      const { done } = await approved(
        'node drain alibuild05 --deadline 1s',
        'Plan: drain alibuild05 (deadline 1s)',
        'Applied: alibuild05 drained, but the 1s deadline hit first',
      );
      expect(done).toMatch(/⏰ Deadline reached: Nomad stopped \d+ allocations? that had not migrated/);
      expect(done).toContain(stuck[stuck.length - 1]!.Name);
      expect(liveOn('alibuild05')).toHaveLength(0);
      const last = node('alibuild05').Events.at(-1)!;
      expect(last).toMatchObject({ Subsystem: 'Drain', Message: 'Node drain complete', Details: { deadline_reached: 'true' } });
    } finally {
      s.nomad.controls.setMigrationDelay(40);
    }
  });

  it('answers an unknown node with suggestions, and turns Nomad\'s "node not found" into words', async () => {
    // Answered privately before anything is queued (issue 16.4), for every node subcommand.
    const messages = s.messages().length;
    await ask(s, ALICE, 'node drain alibuild99', 'No node called `alibuild99`. Did you mean alibuild09? `/ci nodes` lists them. Nothing was queued.');
    await ask(s, ALICE, 'node ineligible alibuild99.cern.ch', 'No node called `alibuild99.cern.ch`. Did you mean alibuild09?');
    await ask(s, ALICE, 'node undrain zzz', 'No node called `zzz`. `/ci nodes` lists them. Nothing was queued.');
    expect(s.messages()).toHaveLength(messages);
    expect(await s.bot.operations.pending()).toEqual([]);

    const id = node('alibuild09').ID;
    await ask(s, ALICE, 'node drain alibuild09', 'Queued:');
    const plan = await waitForMessage(s, (t) => t.includes('Plan: drain alibuild09'), 'plan');
    s.nomad.controls.failNext({ status: 500, body: 'node not found', pathPrefix: `/v1/node/${id}/drain` });
    await press(s, BOB, plan, 'Approve');
    const gone = await waitForMessage(s, (t) => t.includes('Failed: drain alibuild09'), 'failed apply');
    expect(text(s, gone)).toContain('Nomad no longer knows node alibuild09 (node not found)');
    expect(node('alibuild09').Drain).toBe(false);
  });
});

describe('/ci node eligible, ineligible, undrain', () => {
  it('marks a node ineligible and eligible again, and refuses eligible on a draining node with the way out', async () => {
    const { done } = await approved('node ineligible alibuild04', 'Plan: mark ineligible alibuild04', 'Applied: alibuild04 is ineligible');
    expect(done).toContain('what runs there keeps running');
    expect(node('alibuild04').SchedulingEligibility).toBe('ineligible');
    await approved('node eligible alibuild04', 'Plan: mark eligible alibuild04', 'Applied: alibuild04 is eligible');
    expect(node('alibuild04').SchedulingEligibility).toBe('eligible');

    s.nomad.controls.drainNode('alibuild11', 3_600_000_000_000);
    s.nomad.controls.setMigrationDelay(60_000);
    await ask(s, ALICE, 'node eligible alibuild11', 'Queued:');
    const refused = await waitForMessage(s, (t) => t.includes('Failed: mark eligible alibuild11'), 'refusal');
    expect(text(s, refused)).toContain('`/ci node undrain alibuild11` cancels the drain and makes it eligible');

    const { plan } = await approved('node undrain alibuild11', 'Plan: undrain alibuild11', 'Applied: alibuild11: drain cancelled, eligible again');
    expect(plan).toContain('Drain: "true" => "false" (cancelled)');
    expect(node('alibuild11')).toMatchObject({ Drain: false, SchedulingEligibility: 'eligible' });
    s.nomad.controls.setMigrationDelay(40);
  });

  it('says when there is nothing to do, and keeps node operations to the node class', async () => {
    await ask(s, ALICE, 'node eligible alibuild04', 'Queued:');
    await waitForMessage(s, (t) => t.includes('Nothing to do: mark eligible alibuild04'), 'no-change');
    await ask(s, DAVE, 'node drain alibuild04', 'You may not request node operations');
    await ask(s, ALICE, 'node drain alibuild04 --deadline soon', '`soon` is not a duration');
  });
});
