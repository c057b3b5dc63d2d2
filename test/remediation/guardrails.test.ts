/** The self-healing guardrails as a pure function (issue 17.6): the allowed case and every refusal. */
import { describe, expect, it } from 'vitest';
import { decideAuto, type AutoPolicy, type FarmNow } from '../../src/remediation/guardrails.js';

const NOW = Date.parse('2026-12-02T10:00:00Z'); // a Wednesday
const policy: AutoPolicy = { enabled: true, name: 'disk', kinds: ['disk-drift'], maxConcurrent: 2, maxPerHour: 3, stormNodes: 3, repeatWindowMs: 86_400_000 };
const candidate = { kind: 'disk-drift', node: 'alibuild10', offersCleanup: true };
const farm = (o: Partial<FarmNow> = {}): FarmNow => ({
  now: NOW,
  freeze: { windows: [], weekly: [] },
  firing: [{ kind: 'disk-drift', subject: 'alibuild10' }],
  jobsOnNode: ['monitoring-agent'],
  protectedJobs: ['ci-*', 'repo'],
  actions: [],
  ...o,
});
const min = 60_000;

describe('decideAuto', () => {
  it('allows the first drift on an idle node in a calm farm', () => {
    expect(decideAuto(policy, candidate, farm())).toEqual({ allowed: true });
  });

  it('refuses when the policy is off', () => {
    expect(decideAuto({ ...policy, enabled: false }, candidate, farm())).toMatchObject({ allowed: false, code: 'off' });
  });

  it('refuses a kind the policy does not name', () => {
    expect(decideAuto(policy, { ...candidate, kind: 'builder-restarts' }, farm())).toMatchObject({ allowed: false, code: 'kind' });
  });

  it('refuses a drift alert that does not offer the cleanup (the disk is really full)', () => {
    expect(decideAuto(policy, { ...candidate, offersCleanup: false }, farm())).toMatchObject({ allowed: false, code: 'no-cleanup' });
  });

  it('refuses during a change freeze covering node operations, naming it and its end', () => {
    const freeze = { windows: [{ name: 'release-week', start: '2026-12-01T00:00:00Z', end: '2026-12-03T12:00:00Z' }], weekly: [] };
    const d = decideAuto(policy, candidate, farm({ freeze }));
    expect(d).toMatchObject({ allowed: false, code: 'freeze' });
    expect(d.allowed || d.reason).toContain('"release-week" until 12:00 UTC');
    // A freeze of other classes only does not hold the cleanup back.
    const other = { windows: [{ ...freeze.windows[0]!, classes: ['nomad-mutate'] }], weekly: [] };
    expect(decideAuto(policy, candidate, farm({ freeze: other })).allowed).toBe(true);
  });

  it('refuses while a master-health alert fires', () => {
    const d = decideAuto(policy, candidate, farm({ firing: [{ kind: 'master-health', subject: 'alihlt01' }] }));
    expect(d).toMatchObject({ allowed: false, code: 'master-health' });
    expect(d.allowed || d.reason).toContain('alihlt01');
  });

  it('refuses during a node-down storm, but not for fewer down nodes than the storm size', () => {
    const down = (n: number) => Array.from({ length: n }, (_, i) => ({ kind: 'node-down', subject: `alibuild0${i}` }));
    expect(decideAuto(policy, candidate, farm({ firing: down(3) }))).toMatchObject({ allowed: false, code: 'storm' });
    expect(decideAuto(policy, candidate, farm({ firing: down(2) })).allowed).toBe(true);
  });

  it('refuses a node running protected jobs, naming them', () => {
    const d = decideAuto(policy, candidate, farm({ jobsOnNode: ['ci-mesosci-cs8', 'ci-mesosci-cs8', 'node-exporter'] }));
    expect(d).toMatchObject({ allowed: false, code: 'busy-node' });
    expect(d.allowed || d.reason).toContain('(ci-mesosci-cs8)');
  });

  it('refuses a node already under an automatic remediation', () => {
    const d = decideAuto(policy, candidate, farm({ actions: [{ opId: 'op-auto-1', node: 'alibuild10', startedAt: NOW - min }] }));
    expect(d).toMatchObject({ allowed: false, code: 'repeat' });
    expect(d.allowed || d.reason).toContain('already being remediated (op-auto-1)');
  });

  it('refuses a second drift of a node it cleaned up within the repeat window: a person should look', () => {
    const actions = [{ opId: 'op-auto-1', node: 'alibuild10', startedAt: NOW - 3 * 3_600_000, finishedAt: NOW - 170 * min }];
    const d = decideAuto(policy, candidate, farm({ actions }));
    expect(d).toMatchObject({ allowed: false, code: 'repeat' });
    expect(d.allowed || d.reason).toContain('a person should look');
    expect(decideAuto({ ...policy, repeatWindowMs: 3_600_000 }, candidate, farm({ actions })).allowed).toBe(true);
  });

  it('refuses beyond the nodes allowed at once, farm-wide', () => {
    const actions = [
      { opId: 'op-auto-1', node: 'alibuild01', startedAt: NOW - min },
      { opId: 'op-auto-2', node: 'alibuild02', startedAt: NOW - min },
    ];
    expect(decideAuto(policy, candidate, farm({ actions }))).toMatchObject({ allowed: false, code: 'concurrency' });
    expect(decideAuto(policy, candidate, farm({ actions: [actions[0]!, { ...actions[1]!, finishedAt: NOW }] })).allowed).toBe(true);
  });

  it('refuses beyond the hourly budget, saying when the next may start', () => {
    const done = (i: number, ago: number) => ({ opId: `op-auto-${i}`, node: `alibuild0${i}`, startedAt: NOW - ago, finishedAt: NOW - ago + min });
    const actions = [done(1, 50 * min), done(2, 40 * min), done(3, 30 * min)];
    const d = decideAuto(policy, candidate, farm({ actions }));
    expect(d).toMatchObject({ allowed: false, code: 'hourly' });
    expect(d.allowed || d.reason).toContain('next may start at 10:10 UTC');
    // An hour after the first, it has room again.
    expect(decideAuto(policy, candidate, farm({ actions, now: NOW + 10 * min })).allowed).toBe(true);
  });
});
