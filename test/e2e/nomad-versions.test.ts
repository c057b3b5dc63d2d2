/**
 * Issue 13 point 3: the scale, deploy and drain flows on simulated Nomad 1.8, 1.10 and 1.11. On
 * servers before 1.9 `/scale` ignores the plan's JobModifyIndex, so the bot applies a scale as a
 * job register with EnforceIndex: a plan approved after someone else scaled by hand is still
 * refused as stale, on every version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTerminal } from '../../sim/nomad/scheduler/resources.js';
import { startStack, type Stack } from '../support/stack.js';
import { ALICE, BOB, people } from './decl-helpers.js';

const YAML = `
access:
  groups:
    ci-admins: [U0BOB]
    operators: [U0ALICE, U0BOB]
  classes:
    nomad-mutate: { request: ["@operators"], approve: ["@ci-admins"], channels: [C0CIOPS] }
    node: { request: ["@operators"], approve: ["@ci-admins"], channels: [C0CIOPS] }
scale:
  maxCount: 40
`;

describe.each(['1.8.4', '1.10.5', '1.11.2'])('on Nomad %s', (version) => {
  let s: Stack;
  const p = people(() => s);
  const count = () => s.nomad.state.job('ci-mesosci-cs8')?.TaskGroups?.[0]?.Count;
  const calls = (path: string) => s.nomad.state.requestCount(`POST ${path}`) + s.nomad.state.requestCount(`PUT ${path}`);
  beforeAll(async () => {
    s = await startStack({ yaml: YAML, nomad: { serverVersion: version, timing: { allocStartMs: 30, evalCompleteMs: 10, migrateMs: 30 } } });
  });
  afterAll(async () => s?.close());

  async function approved(line: string, planLine: string, resultLine: string) {
    const before = s.messages().length;
    await p.type(ALICE, line);
    const plan = await p.waitFor((t) => t.includes(planLine), `plan of ${line}`, before);
    const planText = p.text(plan);
    await p.press(BOB, plan, 'Approve');
    const done = await p.waitFor((t) => t.includes(resultLine), `result of ${line}`, before);
    return { planText, done: p.text(done) };
  }

  it('scale: applied, through /scale from 1.9 and as a checked register before', async () => {
    const { done } = await approved('scale mesosci-cs8 10', 'Plan: scale ci-mesosci-cs8  8 → 10', 'Applied: ci-mesosci-cs8 scaled 8 → 10');
    expect(done).toMatch(/10\/10 allocations running/);
    expect(count()).toBe(10);
    const old = version.startsWith('1.8');
    expect(calls('/v1/job/ci-mesosci-cs8/scale')).toBe(old ? 0 : 1);
    expect(calls('/v1/jobs')).toBe(old ? 1 : 0);
  });

  it('scale: a plan made stale by a scale by hand is not applied', async () => {
    const before = s.messages().length;
    await p.type(ALICE, 'scale mesosci-cs8 12');
    const plan = await p.waitFor((t) => t.includes('Plan: scale ci-mesosci-cs8  10 → 12'), 'plan', before);
    s.nomad.controls.scaleJob('ci-mesosci-cs8', 'ci', 11);
    await p.press(BOB, plan, 'Approve');
    const stale = await p.waitFor((t) => t.includes('Not applied:'), 'stale notice', before);
    expect(p.text(stale)).toMatch(/ci-mesosci-cs8 changed since this plan \(index \d+ → \d+\)/);
    await p.waitFor((t) => t.includes('Plan: scale ci-mesosci-cs8  11 → 12'), 'fresh plan', before + 1);
    expect(count()).toBe(11);
  });

  it('deploy: applied with check-index', async () => {
    s.nomad.controls.scaleJob('ci-mesosci-slc9', 'ci', 3); // by hand; the declaration says 4
    const { done } = await approved('deploy mesosci-slc9', 'Plan: deploy ci/mesosci-slc9', 'Applied: ci/mesosci-slc9 → ci-mesosci-slc9');
    expect(done).toMatch(/4\/4 running/);
  });

  it('drain: followed until the node is empty', async () => {
    const live = (name: string) => s.nomad.state.allocations().filter((a) => a.NodeName === name && !isTerminal(a)).length;
    const target = [...s.nomad.state.nodes.values()]
      .map((n) => n.Name)
      .filter((n) => n.startsWith('alibuild') && live(n) > 0)
      .sort()[0]!;
    const { done } = await approved(`node drain ${target}`, `Plan: drain ${target}`, `Applied: ${target} drained`);
    expect(done).toContain('it is empty and ineligible');
    expect(live(target)).toBe(0);
  });
});
