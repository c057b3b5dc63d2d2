/** `/ci stop [--purge]` end to end: approval, the job stopped (kept) or purged (gone) only when asked. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonsOf } from '../../sim/slack/index.js';
import { startStack, type Stack } from '../support/stack.js';
import { ALICE, BOB, people } from './decl-helpers.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => s?.close());
const p = people(() => s);
const deletes = () => s.nomad.state.requestCount('DELETE /v1/job/ci-mesosci-slc9');

describe('/ci stop', () => {
  it('stops after approval, keeping the job; says how to bring it back', async () => {
    await p.type(ALICE, 'stop mesosci-slc9');
    const plan = await p.waitFor((t) => t.includes('Plan: stop ci-mesosci-slc9 (4 allocations running)'), 'plan');
    expect(p.text(plan)).toContain('Declared in ci/mesosci-slc9: `/ci deploy ci/mesosci-slc9` brings it back.');
    expect(p.text(plan)).not.toContain('Purge');
    expect(buttonsOf(plan).map((b) => b.text)).toEqual(['Approve', 'Reject']);
    expect(deletes()).toBe(0);
    await p.press(BOB, plan, 'Approve');
    const done = await p.waitFor((t) => t.includes('Applied: ci-mesosci-slc9 stopped'), 'applied');
    expect(p.text(done)).toContain('All allocations stopped.');
    // The plan's note says how to bring it back; the result does not say it a second time.
    expect(p.text(done).match(/Declared in ci\/mesosci-slc9/g)).toHaveLength(1);
    expect(s.nomad.state.job('ci-mesosci-slc9')).toMatchObject({ Stop: true, Status: 'dead' });
    expect(deletes()).toBe(1);
  });

  it('a stopped job is only purged with --purge, after a second approval', async () => {
    await p.ask(ALICE, 'stop ci-mesosci-slc9', 'ci-mesosci-slc9 is already stopped. `/ci stop ci-mesosci-slc9 --purge` removes it from Nomad.');
    await p.type(ALICE, 'stop ci-mesosci-slc9 --purge');
    const plan = await p.waitFor((t) => t.includes('Plan: stop and purge ci-mesosci-slc9'), 'purge plan');
    expect(p.text(plan)).toContain('Purge also deletes the job, its versions and its scaling history');
    await p.press(BOB, plan, 'Approve');
    await p.waitFor((t) => t.includes('Applied: ci-mesosci-slc9 stopped and purged'), 'purged');
    expect(s.nomad.state.job('ci-mesosci-slc9')).toBeUndefined();
  });

  it('/ci deploy brings the purged job back from its declaration', async () => {
    await p.type(ALICE, 'deploy mesosci-slc9');
    const plan = await p.waitFor((t) => t.includes('Plan: deploy ci/mesosci-slc9 → ci-mesosci-slc9 (not running; will be created)'), 'plan');
    expect(p.text(plan)).toContain('+ Job: "ci-mesosci-slc9"');
    await p.press(BOB, plan, 'Approve');
    await p.waitFor((t) => t.includes('Applied: ci/mesosci-slc9 → ci-mesosci-slc9: 4/4 running'), 'deployed');
    expect(s.nomad.state.job('ci-mesosci-slc9')?.Stop).toBe(false);
  });
});
