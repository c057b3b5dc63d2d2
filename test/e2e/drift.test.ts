/** `/ci drift` end to end: the farm starts as declared; hand changes, stopped and undeclared jobs show up. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoJob } from '../../sim/nomad/index.js';
import { startStack, type Stack } from '../support/stack.js';
import { ALICE, people } from './decl-helpers.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => s?.close());
const p = people(() => s);

describe('/ci drift', () => {
  it('is clean on the farm as deployed from examples/ci-jobs', async () => {
    const answer = await p.ask('U0DAVE', 'drift', 'No drift');
    expect(answer).toContain('✅ No drift: all 7 declared jobs run exactly what ci-jobs declares.');
    expect(answer).toMatch(/ci\/mesosci-cs8\s+ci-mesosci-cs8\s+in sync/);
  });

  it('lists a job scaled by hand, a stopped declaration and a job without declaration', async () => {
    s.nomad.controls.scaleJob('ci-mesosci-cs8', 'ci', 9);
    s.nomad.controls.registerJob({ ...repoJob(), ID: 'scratch-rsync', Name: 'scratch-rsync' });
    await p.type(ALICE, 'stop jenkins-builder-o2');
    const plan = await p.waitFor((t) => t.includes('Plan: stop jenkins-builder-o2'), 'stop plan');
    await p.press('U0BOB', plan, 'Approve');
    await p.waitFor((t) => t.includes('Applied: jenkins-builder-o2 stopped'), 'stopped');
    const answer = await p.ask(ALICE, 'drift', 'Drift against ci-jobs');
    expect(answer).toContain('Drift against ci-jobs: 1 differ, 1 declared but not running, 1 running without a declaration.');
    expect(answer).toContain('• ci/mesosci-cs8 (ci-mesosci-cs8) differs: +/- Count: "9" => "8"');
    expect(answer).toContain('`/ci deploy ci/mesosci-cs8` restores the declaration');
    expect(answer).toContain('• jenkins-builder/o2 (jenkins-builder-o2) is declared but stopped');
    expect(answer).toContain('• scratch-rsync runs without a declaration in the repository');
    expect(s.nomad.state.job('ci-mesosci-cs8')?.TaskGroups[0]?.Count).toBe(9); // read-only
  });

  it('/ci plan shows the same difference for one instance', async () => {
    const answer = await p.ask(ALICE, 'plan ci/mesosci-cs8', 'Plan of ci/mesosci-cs8');
    expect(answer).toContain('📋 ci/mesosci-cs8 → ci-mesosci-cs8: ci: 1 destroy, 8 in-place update');
    expect(answer).toContain('+/- Count: "9" => "8" (forces destroy)');
    expect(answer).toContain('`/ci deploy ci/mesosci-cs8` asks for approval');
  });
});
