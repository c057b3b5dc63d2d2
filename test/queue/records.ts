/** Operation records in every state and one event of every type, for the lifecycle tests (no Redis). */
import { OperationRecord, OperationState, type PlanOutcome } from '../../src/operations/index.js';
import type { LifecycleEvent, LifecycleEventType } from '../../src/queue/lifecycle.js';

export const NOW = Date.parse('2025-03-04T10:00:00Z');
export const WINDOW_MS = 30 * 60_000;

export const PLANNED: Extract<PlanOutcome, { status: 'planned' }> = {
  status: 'planned',
  title: 'scale ci-mesosci-cs8  8 → 10',
  diffText: '+/- Job: "ci-mesosci-cs8"',
  dryRunText: '- All tasks successfully allocated.',
  placementFailures: false,
  notes: [],
  checkIndex: 31,
  planHash: 'abc123',
  facts: { before: 8 },
};

/** A record as the store keeps it, in `state`, with what that state implies (a plan, approvals…). */
export function recordIn(state: OperationState, extra: Partial<OperationRecord> = {}): OperationRecord {
  const base = OperationRecord.parse({
    envelope: {
      opId: 'op-3k9x2a1b',
      requestedBy: { userId: 'U0ALICE', channelId: 'C0CIOPS' },
      requestedAt: new Date(NOW - 60_000).toISOString(),
      operation: { kind: 'nomad.scale', v: 1, jobId: 'ci-mesosci-cs8', group: 'ci', count: 10, typed: 'mesosci-cs8' },
    },
    state,
    updatedAt: new Date(NOW - 1_000).toISOString(),
  });
  const planned = !['queued', 'waiting', 'planning'].includes(state);
  const approved = ['approved', 'applying', 'applied'].includes(state) || (state === 'failed' && extra.startedApplyAt !== undefined);
  return {
    ...base,
    ...(planned ? { plan: PLANNED, expiresAt: NOW + WINDOW_MS } : {}),
    ...(approved ? { approvals: [{ userId: 'U0BOB', at: new Date(NOW - 5_000).toISOString() }] } : {}),
    ...(state === 'rejected' ? { rejectedBy: 'U0BOB' } : {}),
    ...(state === 'superseded' ? { supersededBy: 'op-3k9x2a1b-r2' } : {}),
    ...extra,
  };
}

/** One event of each type, with plausible contents. */
export const SAMPLE_EVENTS: { readonly [E in LifecycleEventType]: Extract<LifecycleEvent, { type: E }> } = {
  wait: { type: 'wait', behind: 'op-0lder0ne' },
  'start-planning': { type: 'start-planning' },
  planned: { type: 'planned', outcome: PLANNED, approvalWindowMs: WINDOW_MS },
  approve: { type: 'approve', userId: 'U0CAROL' },
  reject: { type: 'reject', userId: 'U0CAROL' },
  expire: { type: 'expire' },
  'start-apply': { type: 'start-apply' },
  progress: { type: 'progress', line: 'Evaluation 5e1f0c2a complete' },
  'step-done': { type: 'step-done', name: 'drain', result: 'drained' },
  applied: { type: 'applied', result: { status: 'succeeded', summary: 'ci-mesosci-cs8 scaled 8 → 10', details: [] } },
  supersede: { type: 'supersede', by: 'op-3k9x2a1b-r2', why: 'the job changed since this plan' },
  fail: { type: 'fail', failure: 'Applying failed: Nomad answered 500', done: [] },
  shown: { type: 'shown', channel: 'C0CIOPS', ts: '1741082400.000100' },
  'adopt-message': { type: 'adopt-message', ts: '1741082400.000100' },
};

export const ALL_STATES = OperationState.options;
export const ALL_EVENTS = Object.keys(SAMPLE_EVENTS) as LifecycleEventType[];
