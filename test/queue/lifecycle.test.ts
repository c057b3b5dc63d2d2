/**
 * The operation lifecycle table (src/queue/lifecycle.ts), without Redis: every event in every
 * state is either an allowed transition landing where the table says, or a typed refusal; and the
 * refusals people meet (approve on applied, expired, rejected…) get the right sentence.
 */
import { describe, expect, it } from 'vitest';
import { FINAL_STATES, OperationRecord, type OperationState } from '../../src/operations/index.js';
import { allows, isFinal, STATES, transition, TRANSITIONS, type LifecycleEvent } from '../../src/queue/lifecycle.js';
import { refusalReply } from '../../src/queue/replies.js';
import { ALL_EVENTS, ALL_STATES, NOW, PLANNED, recordIn, SAMPLE_EVENTS, WINDOW_MS } from './records.js';

const MATRIX = ALL_EVENTS.flatMap((event) => ALL_STATES.map((state) => ({ event, state, allowed: allows(event, state) })));

describe('every event in every state', () => {
  it('covers the whole table: 14 events × 12 states', () => {
    expect(MATRIX).toHaveLength(14 * 12);
    expect(MATRIX.filter((c) => c.allowed).length).toBe(ALL_EVENTS.reduce((n, e) => n + TRANSITIONS[e].from.length, 0));
  });

  it.each(MATRIX.filter((c) => c.allowed))('$event in $state moves to a state the table allows', ({ event, state }) => {
    const before = recordIn(state);
    // The expiry timer fires when the window closes (an early one is refused, tested below).
    const t = transition(before, SAMPLE_EVENTS[event], event === 'expire' ? NOW + WINDOW_MS : NOW);
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    const to = TRANSITIONS[event].to;
    if (to === 'same') expect(t.record.state).toBe(state);
    else expect(to).toContain(t.record.state);
    // The store re-validates every record it writes: a transition never produces one it would refuse.
    expect(OperationRecord.safeParse(t.record).success).toBe(true);
  });

  it.each(MATRIX.filter((c) => !c.allowed))('$event in $state is refused and changes nothing', ({ event, state }) => {
    const before = recordIn(state);
    const copy = structuredClone(before);
    const t = transition(before, SAMPLE_EVENTS[event], NOW);
    expect(t).toEqual({ ok: false, refusal: { code: 'wrong-state', event, state } });
    expect(before).toEqual(copy);
  });
});

describe('the table itself', () => {
  it('agrees with the record schema on which states are final', () => {
    expect(ALL_STATES.filter(isFinal).sort()).toEqual([...FINAL_STATES].sort());
  });

  it('lets a final state accept only annotations (where its message lives)', () => {
    for (const state of FINAL_STATES) {
      expect(ALL_EVENTS.filter((e) => allows(e, state)).sort()).toEqual(['adopt-message', 'shown']);
    }
  });

  it('gives every unfinished state the step that moves it on, and final states none', () => {
    for (const state of ALL_STATES) expect(STATES[state].step === undefined).toBe(isFinal(state));
  });

  it('reaches every state from queued, and a final state from every state', () => {
    const edges = ALL_EVENTS.flatMap((e) => {
      const to = TRANSITIONS[e].to;
      return TRANSITIONS[e].from.flatMap((from) => (to === 'same' ? [] : to.map((t) => [from, t] as const)));
    });
    const reach = (from: OperationState) => {
      const seen = new Set([from]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const [a, b] of edges) {
          if (seen.has(a) && !seen.has(b)) {
            seen.add(b);
            grew = true;
          }
        }
      }
      return seen;
    };
    expect([...reach('queued')].sort()).toEqual([...ALL_STATES].sort());
    for (const state of ALL_STATES) expect([...reach(state)].some(isFinal)).toBe(true);
  });
});

describe('what each transition records', () => {
  const apply = (state: OperationState, event: LifecycleEvent, extra: Partial<OperationRecord> = {}, now = NOW) => {
    const t = transition(recordIn(state, extra), event, now);
    if (!t.ok) throw new Error(`refused: ${JSON.stringify(t.refusal)}`);
    return t.record;
  };

  it('waits behind the lock holder, then plans with the wait forgotten', () => {
    const waiting = apply('queued', { type: 'wait', behind: 'op-0lder0ne' });
    expect(waiting).toMatchObject({ state: 'waiting', waitingBehind: 'op-0lder0ne' });
    const t = transition(waiting, { type: 'start-planning' }, NOW);
    expect(t.ok && t.record.waitingBehind).toBeUndefined();
  });

  it('opens the approval window when planned; ends at once on no change or a failed plan', () => {
    expect(apply('planning', SAMPLE_EVENTS.planned)).toMatchObject({ state: 'awaiting-approval', expiresAt: NOW + WINDOW_MS, plan: PLANNED });
    expect(
      apply('planning', { type: 'planned', outcome: { status: 'no-change', title: 't', message: 'already 10' }, approvalWindowMs: WINDOW_MS }),
    ).toMatchObject({ state: 'no-change', finishedAt: NOW });
    expect(
      apply('planning', { type: 'planned', outcome: { status: 'failed', title: 't', failure: 'no such job' }, approvalWindowMs: WINDOW_MS }),
    ).toMatchObject({ state: 'failed', finishedAt: NOW });
  });

  it('counts distinct approvers until enough have approved', () => {
    const one = apply('awaiting-approval', { type: 'approve', userId: 'U0BOB' }, { approvalsRequired: 2 });
    expect(one.state).toBe('awaiting-approval');
    expect(transition(one, { type: 'approve', userId: 'U0BOB' }, NOW)).toEqual({ ok: false, refusal: { code: 'already-approved-by-you' } });
    const two = transition(one, { type: 'approve', userId: 'U0CAROL' }, NOW);
    expect(two.ok && two.record.state).toBe('approved');
    expect(two.ok && two.record.approvals.map((a) => a.userId)).toEqual(['U0BOB', 'U0CAROL']);
  });

  it('expires instead of approving once the window has closed', () => {
    const late = apply('awaiting-approval', { type: 'approve', userId: 'U0BOB' }, {}, NOW + WINDOW_MS);
    expect(late).toMatchObject({ state: 'expired', finishedAt: NOW + WINDOW_MS, approvals: [] });
  });

  it('expires only when due: an early timer changes nothing', () => {
    expect(transition(recordIn('awaiting-approval'), { type: 'expire' }, NOW)).toEqual({ ok: false, refusal: { code: 'not-due', expiresAt: NOW + WINDOW_MS } });
    expect(apply('awaiting-approval', { type: 'expire' }, {}, NOW + WINDOW_MS)).toMatchObject({ state: 'expired' });
  });

  it('keeps the first start of an apply when a retried step starts it again', () => {
    const first = apply('approved', { type: 'start-apply' });
    const again = transition(first, { type: 'start-apply' }, NOW + 9_000);
    expect(again.ok && again.record.startedApplyAt).toBe(NOW);
  });

  it('records progress lines and finished steps while applying', () => {
    const r = apply('applying', SAMPLE_EVENTS.progress, { progress: ['Scaling'], completedSteps: { drain: 'ok' } });
    expect(r.progress).toEqual(['Scaling', 'Evaluation 5e1f0c2a complete']);
    expect(apply('applying', { type: 'step-done', name: 'delete-vm', result: 'gone' }, { completedSteps: { drain: 'ok' } }).completedSteps).toEqual({
      drain: 'ok',
      'delete-vm': 'gone',
    });
  });

  it('ends an apply applied, failed with what was done, or superseded by the fresh plan', () => {
    expect(apply('applying', SAMPLE_EVENTS.applied)).toMatchObject({ state: 'applied', result: { status: 'succeeded' }, finishedAt: NOW });
    expect(apply('applying', { type: 'fail', failure: 'boom', done: ['drained'] })).toMatchObject({
      state: 'failed',
      result: { status: 'failed', failure: 'boom', done: ['drained'] },
    });
    expect(apply('applying', SAMPLE_EVENTS.supersede)).toMatchObject({ state: 'superseded', supersededBy: 'op-3k9x2a1b-r2', result: { status: 'stale' } });
  });

  it('fails from every unfinished state (a step that gave up), never from a final one', () => {
    for (const state of ALL_STATES) expect(transition(recordIn(state), SAMPLE_EVENTS.fail, NOW).ok).toBe(!isFinal(state));
  });

  it('adopts a clicked message only when it knows none', () => {
    expect(apply('awaiting-approval', SAMPLE_EVENTS['adopt-message']).ts).toBe('1741082400.000100');
    expect(transition(recordIn('awaiting-approval', { ts: '1.2' }), SAMPLE_EVENTS['adopt-message'], NOW)).toEqual({
      ok: false,
      refusal: { code: 'message-known' },
    });
  });
});

describe('what a person is told when a button press is refused', () => {
  const cases: [string, OperationState, LifecycleEvent, string][] = [
    ['approve on applied', 'applied', SAMPLE_EVENTS.approve, 'This was already applied.'],
    ['approve on expired', 'expired', SAMPLE_EVENTS.approve, 'This plan expired; run the command again for a fresh plan.'],
    ['approve on rejected', 'rejected', SAMPLE_EVENTS.approve, 'This was rejected by <@U0BOB>; nothing will be applied.'],
    ['approve on superseded', 'superseded', SAMPLE_EVENTS.approve, 'This plan is out of date; see the fresh plan (op-3k9x2a1b-r2).'],
    ['approve on failed', 'failed', SAMPLE_EVENTS.approve, 'There is nothing to approve here.'],
    ['approve on no-change', 'no-change', SAMPLE_EVENTS.approve, 'There is nothing to approve here.'],
    ['approve on approved', 'approved', SAMPLE_EVENTS.approve, 'Already approved by <@U0BOB>; it is being applied.'],
    ['approve on applying', 'applying', SAMPLE_EVENTS.approve, 'Already approved by <@U0BOB>; it is being applied.'],
    ['approve while planning', 'planning', SAMPLE_EVENTS.approve, 'The plan is not ready yet.'],
    ['approve while waiting for the lock', 'waiting', SAMPLE_EVENTS.approve, 'The plan is not ready yet.'],
    ['reject on applied', 'applied', SAMPLE_EVENTS.reject, 'This was already applied.'],
    ['reject on approved', 'approved', SAMPLE_EVENTS.reject, 'Already approved by <@U0BOB>; it is being applied.'],
    ['reject on expired', 'expired', SAMPLE_EVENTS.reject, 'This plan expired; run the command again for a fresh plan.'],
    ['reject on rejected', 'rejected', SAMPLE_EVENTS.reject, 'This was rejected by <@U0BOB>; nothing will be applied.'],
  ];
  it.each(cases)('%s', (_name, state, event, reply) => {
    const rec = recordIn(state);
    const t = transition(rec, event, NOW);
    expect(t.ok).toBe(false);
    if (!t.ok) expect(refusalReply(t.refusal, rec)).toBe(reply);
  });

  it('a second approval by the same person', () => {
    const rec = recordIn('awaiting-approval', { approvals: [{ userId: 'U0CAROL', at: new Date(NOW).toISOString() }], approvalsRequired: 2 });
    const t = transition(rec, SAMPLE_EVENTS.approve, NOW);
    expect(!t.ok && refusalReply(t.refusal, rec)).toBe('You already approved this.');
  });
});
