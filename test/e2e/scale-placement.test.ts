/**
 * A scale that Nomad can only partly place (issue 16.1): the result counts what was really placed,
 * reads "⚠️ Applied, partly placed" and says what blocks the rest (the evaluation's FailedTGAllocs
 * and its blocked evaluation), never ✅ with the requested count as "placed".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonsOf, namesFromStore, renderMessageText, type StoredMessage } from '../../sim/slack/index.js';
import { eventually } from '../support/eventually.js';
import { CHANNEL, startStack, type Stack } from '../support/stack.js';

let s: Stack;
beforeEach(async () => {
  // A follow window far longer than the test: the result must not wait for allocations Nomad never placed.
  s = await startStack({ followTimeoutMs: 120_000 });
});
afterEach(async () => s?.close());

const text = (m: StoredMessage) => renderMessageText(m, namesFromStore(s.slack.store));

function waitForMessage(pred: (t: string) => boolean, what: string): Promise<StoredMessage> {
  return eventually(
    () => {
      const m = s.messages().at(-1);
      return m && pred(text(m)) ? m : undefined;
    },
    20_000,
    what,
  );
}

describe('/ci scale that Nomad places only partly', () => {
  it('reports how many were placed, what blocks the rest, and does not claim success', async () => {
    await s.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: 'scale mesosci-slc9 40' });
    const plan = await waitForMessage((t) => t.includes('Plan: scale ci-mesosci-slc9  4 → 40'), 'plan');
    const approve = buttonsOf(plan).find((b) => b.text === 'Approve anyway')!;
    await s.driver.clickButton({ userId: 'U0BOB', channelId: CHANNEL, messageTs: plan.ts, actionId: approve.actionId });
    const done = await waitForMessage((t) => t.includes('Applied'), 'applied message');
    const shown = text(done);

    const live = s.nomad.state.allocations().filter((a) => a.JobID === 'ci-mesosci-slc9' && a.DesiredStatus === 'run');
    const placedNew = live.length - 4;
    expect(placedNew).toBeGreaterThan(0);
    expect(placedNew).toBeLessThan(36);
    const blocked = s.nomad.state.evaluations('ci-mesosci-slc9').find((e) => e.Status === 'blocked');
    expect(blocked).toBeDefined();

    expect(shown.split('\n')[0]).toBe('⚠️ Applied, partly placed: ci-mesosci-slc9 scaled 4 → 40');
    expect(shown).not.toContain('✅');
    expect(shown).toMatch(new RegExp(`${live.length}/40 allocations running \\(${placedNew} of 36 new placed on [a-z0-9, ]+\\)`));
    expect(shown).toContain(`${40 - live.length} not placed: blocked evaluation ${blocked!.ID.slice(0, 8)} places them when capacity appears`);
    expect(shown).toMatch(/disk exhausted on \d+ nodes?/);
    expect(shown).toContain('`/ci why ci-mesosci-slc9`');
  });

  it('a scale that is placed in full is still ✅ Applied', async () => {
    await s.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: 'scale mesosci-cs8 10' });
    const plan = await waitForMessage((t) => t.includes('Plan: scale ci-mesosci-cs8  8 → 10'), 'plan');
    const approve = buttonsOf(plan).find((b) => b.text === 'Approve')!;
    await s.driver.clickButton({ userId: 'U0BOB', channelId: CHANNEL, messageTs: plan.ts, actionId: approve.actionId });
    const done = await waitForMessage((t) => t.includes('Applied'), 'applied message');
    expect(text(done).split('\n')[0]).toBe('✅ Applied: ci-mesosci-cs8 scaled 8 → 10');
    expect(text(done)).toMatch(/10\/10 allocations running \(2 placed on [a-z0-9, ]+\)/);
  });
});
