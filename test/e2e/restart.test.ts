/** `/ci restart <alloc>` end to end: plan, approval, restart in place, exactly once across a retried apply. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { startStack, type Stack } from '../support/stack.js';
import { ask, crowdAllocations, press, text, waitForMessage } from './ask.js';

const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const TASK = 'continuous-builder';

let s: Stack;
beforeEach(async () => {
  s = await startStack();
});
afterEach(async () => s?.close());

const target = () => s.nomad.state.allocations('ci-mesosci-cs8').find((a) => a.Name === 'ci-mesosci-cs8.ci[2]')!;
const restartCalls = (id: string) =>
  s.nomad.state.requestCount(`POST /v1/client/allocation/${id}/restart`) + s.nomad.state.requestCount(`PUT /v1/client/allocation/${id}/restart`);

describe('/ci restart', () => {
  it('plans, is approved, restarts the task in place and reports it running again', async () => {
    const a = target();
    await ask(s, ALICE, `restart ${a.ID.slice(0, 8)}`, `Queued: restart allocation ${a.ID.slice(0, 8)}`);
    const plan = await waitForMessage(s, (t) => t.includes(`Plan: restart ci-mesosci-cs8.ci[2] (${a.ID.slice(0, 8)} on ${a.NodeName})`), 'plan');
    expect(text(s, plan)).toMatch(/TASK\s+STATE\s+RESTARTS\s+STARTED \(UTC\)\s+continuous-builder\s+running\s+0/);
    expect(text(s, plan)).toContain('the build area stays');
    expect(restartCalls(a.ID)).toBe(0);
    await press(s, BOB, plan, 'Approve');
    const done = await waitForMessage(s, (t) => t.includes(`Applied: restarted ci-mesosci-cs8.ci[2] (${a.ID.slice(0, 8)})`), 'applied');
    expect(text(s, done)).toContain('continuous-builder: restart #1, running again');
    expect(text(s, done)).toContain(`stays on ${a.NodeName}`);
    expect(restartCalls(a.ID)).toBe(1);
    expect(target().TaskStates[TASK]!.Restarts).toBe(1);
  });

  it('does not restart twice when the apply is retried after the restart was sent', async () => {
    const a = target();
    await ask(s, ALICE, `restart ${a.ID}`, 'Queued: restart allocation');
    const plan = await waitForMessage(s, (t) => t.includes('Plan: restart ci-mesosci-cs8.ci[2]'), 'plan');
    s.nomad.controls.setLatency(300);
    await press(s, BOB, plan, 'Approve');
    // As soon as the restart reaches Nomad, the next update of the message fails: the apply step dies and is retried.
    await eventually(() => restartCalls(a.ID) === 1, 8_000, 'the restart call');
    s.slack.controls.failNext('chat.update', 'internal_error');
    s.nomad.controls.setLatency(0);
    const done = await waitForMessage(s, (t) => t.includes('Applied: restarted ci-mesosci-cs8.ci[2]'), 'applied after a retry', 15_000);
    expect(text(s, done)).toContain('restart #1, running again');
    expect(s.logs.join('')).toContain('step failed');
    expect(restartCalls(a.ID)).toBe(1);
    expect(target().TaskStates[TASK]!.Restarts).toBe(1);
  });

  it('refuses an ambiguous prefix with the candidates, and an allocation that is not running', async () => {
    await crowdAllocations(s);
    const ids = s.nomad.state
      .allocations()
      .map((x) => x.ID)
      .sort();
    const pair = ids
      .slice(1)
      .map((id, i) => [ids[i]!, id] as const)
      .find(([x, y]) => x.slice(0, 2) === y.slice(0, 2))!;
    await ask(s, ALICE, `restart ${pair[0].slice(0, 2)}`, 'Queued');
    const failed = await waitForMessage(s, (t) => t.includes('Failed:'), 'failed plan');
    expect(text(s, failed)).toContain(`${pair[0].slice(0, 2)} matches`);
    expect(text(s, failed)).toContain(pair[0].slice(0, 8));
    expect(text(s, failed)).toContain(pair[1].slice(0, 8));
    await ask(s, ALICE, 'restart mesosci-cs8', '`mesosci-cs8` is not an allocation ID');
    expect(restartCalls(pair[0]) + restartCalls(pair[1])).toBe(0);
  });
});
