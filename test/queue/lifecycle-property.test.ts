/**
 * Property of the lifecycle (fast-check, no Redis): whatever sequence of events arrives, in any
 * order and at any time — double clicks, late timers, retried steps — every record is one the
 * store accepts in a defined state, a refused event changes nothing, and a final state stays final.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OperationRecord, OperationState } from '../../src/operations/index.js';
import { isFinal, transition, type LifecycleEvent } from '../../src/queue/lifecycle.js';
import { ALL_STATES, NOW, PLANNED, recordIn, SAMPLE_EVENTS, WINDOW_MS } from './records.js';

const user = fc.constantFrom('U0ALICE', 'U0BOB', 'U0CAROL');
const event: fc.Arbitrary<LifecycleEvent> = fc.oneof(
  fc.constant(SAMPLE_EVENTS.wait),
  fc.constant(SAMPLE_EVENTS['start-planning']),
  fc.constantFrom<LifecycleEvent>(
    SAMPLE_EVENTS.planned,
    { type: 'planned', outcome: { status: 'no-change', title: 't', message: 'already there' }, approvalWindowMs: WINDOW_MS },
    { type: 'planned', outcome: { status: 'failed', title: 't', failure: 'no such job' }, approvalWindowMs: WINDOW_MS },
  ),
  user.map((userId): LifecycleEvent => ({ type: 'approve', userId })),
  user.map((userId): LifecycleEvent => ({ type: 'reject', userId })),
  fc.constant(SAMPLE_EVENTS.expire),
  fc.constant(SAMPLE_EVENTS['start-apply']),
  fc.constant(SAMPLE_EVENTS.progress),
  fc.constant(SAMPLE_EVENTS['step-done']),
  fc.constant(SAMPLE_EVENTS.applied),
  fc.constant(SAMPLE_EVENTS.supersede),
  fc.constant(SAMPLE_EVENTS.fail),
  fc.constant(SAMPLE_EVENTS.shown),
  fc.constant(SAMPLE_EVENTS['adopt-message']),
);
/** Events with the moment they arrive: before, around and after the approval window closes. */
const timed = fc.tuple(event, fc.integer({ min: 0, max: 2 * WINDOW_MS }));

describe('any sequence of events', () => {
  it('keeps every record valid and in a defined state, and final states final', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL_STATES), fc.integer({ min: 1, max: 3 }), fc.array(timed, { maxLength: 40 }), (start, approvalsRequired, events) => {
        let rec = recordIn(start, { approvalsRequired });
        for (const [e, offset] of events) {
          const before = structuredClone(rec);
          const t = transition(rec, e, NOW + offset);
          expect(rec).toEqual(before); // pure: the input is never changed
          if (!t.ok) continue;
          expect(OperationState.options).toContain(t.record.state);
          expect(OperationRecord.safeParse(t.record).success).toBe(true);
          if (isFinal(before.state)) expect(t.record.state).toBe(before.state);
          rec = t.record;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('applies at most once and never applies without enough approvals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.array(timed, { maxLength: 40 }), (approvalsRequired, events) => {
        let rec = recordIn('queued', { approvalsRequired });
        let applied = 0;
        for (const [e, offset] of events) {
          const t = transition(rec, e, NOW + offset);
          if (!t.ok) continue;
          if (t.record.state === 'applied' && rec.state !== 'applied') applied++;
          if (t.record.state === 'applying') expect(new Set(t.record.approvals.map((a) => a.userId)).size).toBeGreaterThanOrEqual(approvalsRequired);
          rec = t.record;
        }
        expect(applied).toBeLessThanOrEqual(1);
        if (rec.state === 'applied') expect(rec.plan).toEqual(PLANNED);
      }),
      { numRuns: 500 },
    );
  });
});
