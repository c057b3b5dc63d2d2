/**
 * Issue 13 point 2: a write whose answer is lost (Nomad carried it out, the connection broke
 * before the answer arrived) is retried by the queue; the retry recognises its own earlier
 * write instead of writing again or mistaking its own change for someone else's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isTerminal } from '../../sim/nomad/scheduler/resources.js';
import { startStack, type Stack } from '../support/stack.js';
import { ALICE, BOB, people } from './decl-helpers.js';

let s: Stack;
afterEach(async () => s?.close());
const p = people(() => s);
const count = (key: string) => s.nomad.state.requestCount(`POST ${key}`) + s.nomad.state.requestCount(`PUT ${key}`);

async function approve(line: string, planLine: string) {
  await p.type(ALICE, line);
  const plan = await p.waitFor((t) => t.includes(planLine), `plan of ${line}`);
  await p.press(BOB, plan, 'Approve');
  return plan;
}

describe('a write whose answer is lost', () => {
  it('deploy: the retried register finds its own registration and reports it applied, once', async () => {
    s = await startStack();
    s.nomad.controls.scaleJob('ci-mesosci-cs8', 'ci', 6);
    const versionBefore = s.nomad.state.job('ci-mesosci-cs8')!.Version;
    s.nomad.controls.dropResponseNext({ method: 'POST', path: '/v1/jobs' });
    const plan = await approve('deploy mesosci-cs8', 'Plan: deploy ci/mesosci-cs8 → ci-mesosci-cs8');
    const done = await p.waitFor((t) => t.includes('Applied: ci/mesosci-cs8 → ci-mesosci-cs8: 8/8 running'), 'applied');
    expect(done.ts).toBe(plan.ts);
    expect(s.read().join('\n')).not.toContain('changed since this plan');
    expect(s.messages()).toHaveLength(1);
    expect(count('/v1/jobs')).toBe(1);
    expect(s.nomad.state.job('ci-mesosci-cs8')!.Version).toBe(versionBefore + 1);
    expect(s.logs.join('')).toContain('step failed'); // the lost answer did happen, and was retried
  });

  it('redeploy: the job is run again once', async () => {
    s = await startStack();
    s.nomad.controls.dropResponseNext({ method: 'POST', path: '/v1/jobs' });
    const plan = await approve('redeploy mesosci-slc9', 'Plan: redeploy ci-mesosci-slc9 from ci/mesosci-slc9 (stop, then run)');
    const done = await p.waitFor((t) => t.includes('Applied: ci-mesosci-slc9 redeployed from ci/mesosci-slc9'), 'applied');
    expect(done.ts).toBe(plan.ts);
    expect(count('/v1/jobs')).toBe(1);
    expect(s.logs.join('')).toContain('step failed');
  });

  it('restart: the task restarts once, although Nomad counts the restart only after the kill', async () => {
    s = await startStack({ nomad: { timing: { allocStartMs: 2_000, evalCompleteMs: 10 } } });
    const a = s.nomad.state.allocations('ci-mesosci-cs8').find((x) => x.Name === 'ci-mesosci-cs8.ci[2]' && !isTerminal(x))!;
    const path = `/v1/client/allocation/${a.ID}/restart`;
    s.nomad.controls.dropResponseNext({ method: 'POST', path });
    await approve(`restart ${a.ID.slice(0, 8)}`, 'Plan: restart ci-mesosci-cs8.ci[2]');
    const done = await p.waitFor((t) => t.includes('Applied: restarted ci-mesosci-cs8.ci[2]'), 'applied');
    expect(p.text(done)).toContain('continuous-builder: restart #1, running again');
    expect(count(path)).toBe(1);
    expect(a.TaskStates['continuous-builder']!.Restarts).toBe(1);
    expect(s.logs.join('')).toContain('step failed');
  });
});
