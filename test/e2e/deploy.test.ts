/**
 * `/ci plan`, `/ci deploy` and `/ci redeploy` end to end: declarations rendered by the bot, parsed
 * and planned by the Nomad simulator, approved in the Slack simulator, applied with check-index.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf } from '../../sim/slack/index.js';
import { startStack, type Stack } from '../support/stack.js';
import { ALICE, BOB, people, scratchDeclarations, withDeclarations } from './decl-helpers.js';

let s: Stack;
afterEach(async () => s?.close());
const p = people(() => s);
const count = (job: string) => s.nomad.state.job(job)?.TaskGroups?.[0]?.Count;

describe('/ci deploy <instance>', () => {
  it('plans the declaration against a job scaled by hand, applies it with check-index after approval', async () => {
    s = await startStack();
    s.nomad.controls.scaleJob('ci-mesosci-cs8', 'ci', 10);
    await p.type(ALICE, 'deploy mesosci-cs8');
    const plan = await p.waitFor((t) => t.includes('Plan: deploy ci/mesosci-cs8 → ci-mesosci-cs8'), 'plan');
    expect(p.text(plan)).toContain('+/- Count: "10" => "8" (forces destroy)');
    expect(buttonsOf(plan).map((b) => b.text)).toEqual(['Approve', 'Reject']);
    await p.press(BOB, plan, 'Approve');
    const done = await p.waitFor((t) => t.includes('Applied: ci/mesosci-cs8 → ci-mesosci-cs8: 8/8 running'), 'applied');
    expect(done.ts).toBe(plan.ts);
    expect(count('ci-mesosci-cs8')).toBe(8);
    await p.ask(ALICE, 'plan ci-mesosci-cs8', '✅ ci/mesosci-cs8 → ci-mesosci-cs8: unchanged');
  });

  it('says there is nothing to deploy when the job already matches', async () => {
    s = await startStack();
    await p.type(ALICE, 'deploy ci/mesosci-slc9');
    const m = await p.waitFor((t) => t.includes('Nothing to do'), 'no-change');
    expect(p.text(m)).toContain('ci-mesosci-slc9 already runs what ci/mesosci-slc9 declares: nothing to deploy.');
  });

  it('does not apply a stale plan: the job changed, a fresh plan follows', async () => {
    s = await startStack();
    s.nomad.controls.scaleJob('ci-mesosci-cs8', 'ci', 10);
    await p.type(ALICE, 'deploy mesosci-cs8');
    const plan = await p.waitFor((t) => t.includes('Plan: deploy ci/mesosci-cs8'), 'plan');
    s.nomad.controls.scaleJob('ci-mesosci-cs8', 'ci', 11); // someone else, meanwhile
    await p.press(BOB, plan, 'Approve');
    const old = await p.waitFor((t) => t.includes('Not applied:'), 'stale', 0);
    expect(p.text(old)).toMatch(/ci-mesosci-cs8 changed since this plan \(index \d+ → \d+\)/);
    const fresh = await p.waitFor((t) => t.includes('Plan: deploy ci/mesosci-cs8'), 'fresh plan', 1);
    expect(p.text(fresh)).toContain('+/- Count: "11" => "8" (forces destroy)');
    expect(count('ci-mesosci-cs8')).toBe(11);
  });
});

describe('declarations that do not deploy', () => {
  it('a template error names the file, line and column, and nothing is queued for approval', async () => {
    const dir = scratchDeclarations({ 'ci/ci.nomad': (t) => t.replace('count = [[ .num_builders ]]', 'count = [[ .num_builders.total ]]') });
    s = await startStack({ yaml: withDeclarations(dir) });
    const answer = await p.ask(ALICE, 'plan mesosci-cs8', 'does not render');
    expect(answer).toMatch(/ci\/mesosci-cs8 does not render: template: ci\.nomad:\d+:\d+: executing "ci\.nomad" at <\.num_builders\.total>/);
    await p.type(ALICE, 'deploy mesosci-cs8');
    const failed = await p.waitFor((t) => t.includes('Failed: deploy ci/mesosci-cs8'), 'failed plan');
    expect(p.text(failed)).toContain('does not render: template: ci.nomad:');
    expect(buttonsOf(failed)).toEqual([]);
  });

  it("a var file with a missing key: Nomad's parse error, the rendered line, and the key to add", async () => {
    const dir = scratchDeclarations({ 'ci/mesosci-cs8.yaml': (t) => t.replace(/num_builders: 8\n/, '') });
    s = await startStack({ yaml: withDeclarations(dir) });
    const answer = await p.ask(ALICE, 'plan mesosci-cs8', 'cannot parse');
    expect(answer).toContain('Nomad cannot parse the rendered job: input.hcl:');
    expect(answer).toContain('Invalid expression; Expected the start of an expression, but found an invalid expression token.');
    expect(answer).toContain('rendered line 18: count = <no value>');
    expect(answer).toContain('mesosci-cs8.yaml does not set `num_builders`.');
  });
});

describe('/ci deploy <dir>', () => {
  it('one plan, one approval, rolled out one at a time, stopping at the first failure', async () => {
    const dir = scratchDeclarations({
      'ci/mesosci-cs8.yaml': (t) => t.replace('num_builders: 8', 'num_builders: 9'),
      'ci/mesosci-slc9-o2physics.yaml': (t) => t.replace('num_builders: 2', 'num_builders: 30'),
      'ci/mesosci-slc9.yaml': (t) => t.replace('num_builders: 4', 'num_builders: 5'),
    });
    s = await startStack({ yaml: withDeclarations(dir) });
    await p.type(ALICE, 'deploy ci');
    const plan = await p.waitFor((t) => t.includes('Plan: deploy ci/: 3 of 4 instances change'), 'plan');
    const shown = p.text(plan);
    expect(shown).toContain('Rollout order, one at a time, stopping at the first failure: ci/mesosci-cs8 → ci/mesosci-slc9-o2physics → ci/mesosci-slc9');
    expect(shown).toContain('• ci/macos-alimac01 (ci-macos-alimac01): unchanged — skipped');
    // Each changed job with the index its register checks; no single "Job modify index" for them all.
    for (const job of ['ci-mesosci-cs8', 'ci-mesosci-slc9-o2physics', 'ci-mesosci-slc9'])
      expect(shown).toMatch(new RegExp(`• ci/${job.slice(3)} \\(${job}\\): .* · job modify index ${s.nomad.state.job(job)!.JobModifyIndex}\\n`));
    expect(shown).not.toContain('Job modify index');
    expect(shown).toMatch(/ci\/mesosci-slc9-o2physics: ⚠️ \d+ of 28 new allocations of group "ci" cannot be placed/);
    expect(buttonsOf(plan).map((b) => b.text)).toEqual(['Approve anyway', 'Reject']);
    await p.press(BOB, plan, 'Approve anyway');
    const failed = await p.waitFor((t) => t.includes('Failed: deploy ci/'), 'failed rollout');
    const text = p.text(failed);
    expect(text).toContain('✗ ci/mesosci-slc9-o2physics: ci-mesosci-slc9-o2physics was registered but');
    expect(text).toContain('Not attempted: ci/mesosci-slc9.');
    expect(text).toMatch(/Done before the failure: ✓ ci\/mesosci-cs8 → ci-mesosci-cs8: 9\/9 running/);
    expect(count('ci-mesosci-cs8')).toBe(9);
    expect(count('ci-mesosci-slc9-o2physics')).toBe(30);
    expect(count('ci-mesosci-slc9')).toBe(4);
  });

  it('/ci history of a job includes the directory deploy that changed it (issue 16.3)', async () => {
    const dir = scratchDeclarations({ 'ci/mesosci-cs8.yaml': (t) => t.replace('num_builders: 8', 'num_builders: 7') });
    s = await startStack({ yaml: withDeclarations(dir) });
    await p.type(ALICE, 'deploy ci');
    const plan = await p.waitFor((t) => t.includes('Plan: deploy ci/: 1 of 4 instances change'), 'plan');
    await p.press(BOB, plan, 'Approve');
    await p.waitFor((t) => t.includes('Applied:'), 'applied');
    expect(count('ci-mesosci-cs8')).toBe(7);
    const history = await p.ask(BOB, 'history ci-mesosci-cs8', /Last \d+ recorded actions? for ci-mesosci-cs8/);
    const rows = history.split('\n').filter((l) => /^\s*20\d\d-/.test(l));
    expect(rows.map((l) => l.trim().split(/\s+/)[2])).toEqual(['result', 'apply', 'approve', 'plan', 'request']);
    for (const row of rows) expect(row).toContain('nomad.deploy');
    // Every job of the directory was part of the operation (planned, unchanged ones skipped); a job outside it was not.
    await p.ask(BOB, 'history ci-macos-alimac01', /Last 5 recorded actions for ci-macos-alimac01/);
    await p.ask(BOB, 'history repo', 'No recorded actions for repo.');
  });

  it('a plan longer than a message shows its first lines and attaches the full text once', async () => {
    const dir = scratchDeclarations({
      'ci/ci.nomad': (t) =>
        t.replace('command = "bash"', 'command = "/bin/bash"').replace('MESOS_ROLE ', 'MESOS_ROLE ').replace('perms       = "400"', 'perms       = "0400"'),
    });
    s = await startStack({ yaml: withDeclarations(dir) });
    await p.type(ALICE, 'deploy ci');
    // Said once the file is in the thread (test/e2e/slack-files.test.ts has the cases where it cannot be).
    const plan = await p.waitFor(
      (t) => t.includes('Plan: deploy ci/: 4 of 4 instances change') && /… \d+ more lines: full plan attached \(plan-op-[a-z0-9-]+\.txt\)/.test(t),
      'plan',
    );
    const files = () => [...s.slack.store.files.values()].filter((f) => f.filename.startsWith('plan-op-') && f.completed);
    await new Promise((r) => setTimeout(r, 300));
    expect(files()).toHaveLength(1);
    expect(files()[0]!.thread_ts).toBe(plan.ts);
    expect(files()[0]!.content).toContain('=== ci/mesosci-slc9 (ci-mesosci-slc9) ===');
    expect(files()[0]!.content).toContain('+/- command: "bash" => "/bin/bash"');
  });
});

describe('/ci redeploy', () => {
  it('one approval: stop, wait, run again from the declaration', async () => {
    s = await startStack();
    const before = s.nomad.state.job('ci-mesosci-slc9')!.Version;
    const oldAllocs = new Set(s.nomad.state.allocations('ci-mesosci-slc9').map((a) => a.ID));
    await p.type(ALICE, 'redeploy mesosci-slc9');
    const plan = await p.waitFor((t) => t.includes('Plan: redeploy ci-mesosci-slc9 from ci/mesosci-slc9 (stop, then run)'), 'plan');
    expect(p.text(plan)).toContain('The running job is identical to its declaration');
    await p.press(BOB, plan, 'Approve');
    const done = await p.waitFor((t) => t.includes('Applied: ci-mesosci-slc9 redeployed from ci/mesosci-slc9'), 'applied');
    expect(p.text(done)).toMatch(/ci: 4\/4 running/);
    expect(s.nomad.state.job('ci-mesosci-slc9')!.Stop).toBe(false);
    expect(s.nomad.state.job('ci-mesosci-slc9')!.Version).toBeGreaterThan(before);
    const live = s.nomad.state.allocations('ci-mesosci-slc9').filter((a) => a.DesiredStatus === 'run');
    expect(live.every((a) => !oldAllocs.has(a.ID))).toBe(true);
  });
});
