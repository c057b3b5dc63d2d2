/**
 * The life of an operation as data (design §2): which states exist, which event may move a record
 * from which state, and where it may land. `transition` is pure — no Redis, no clock of its own —
 * so every allowed and every refused move is tested without I/O (test/queue/lifecycle.test.ts).
 * The orchestrator (operations.ts) applies it inside the store's compare-and-set.
 */
import type { OperationRecord, OperationResult, OperationState, PlanOutcome } from '../operations/index.js';

/** What the step queue must hold for an unfinished state, so a restart knows what to re-queue. */
export type PendingStep = 'plan' | 'apply' | 'expire';

interface StateTraits {
  /** Nothing moves a final record any more (only annotations: where its message lives). */
  final: boolean;
  /** The step that moves it on; recovery re-queues it when the queue lost it. */
  step?: PendingStep;
  /** The bot is working on it right now (not waiting for a person, a lock or a timer). */
  busy: boolean;
}

export const STATES: { readonly [S in OperationState]: StateTraits } = {
  queued: { final: false, step: 'plan', busy: true },
  waiting: { final: false, step: 'plan', busy: false },
  planning: { final: false, step: 'plan', busy: true },
  'awaiting-approval': { final: false, step: 'expire', busy: false },
  approved: { final: false, step: 'apply', busy: true },
  applying: { final: false, step: 'apply', busy: true },
  applied: { final: true, busy: false },
  failed: { final: true, busy: false },
  rejected: { final: true, busy: false },
  expired: { final: true, busy: false },
  superseded: { final: true, busy: false },
  'no-change': { final: true, busy: false },
};

type Succeeded = Extract<OperationResult, { status: 'succeeded' }>;

export type LifecycleEvent =
  /** Another operation holds the target's lock. */
  | { type: 'wait'; behind: string }
  | { type: 'start-planning' }
  /** The plan came back: awaiting approval, nothing to do, or a failure to show. */
  | { type: 'planned'; outcome: PlanOutcome; approvalWindowMs: number }
  | { type: 'approve'; userId: string }
  | { type: 'reject'; userId: string }
  /** The approval window's timer fired. */
  | { type: 'expire' }
  | { type: 'start-apply' }
  | { type: 'progress'; line: string }
  /** One step of a multi-step apply finished, with what it returned (see ApplyContext.step). */
  | { type: 'step-done'; name: string; result: string }
  | { type: 'applied'; result: Succeeded }
  /** The target changed since the plan: a fresh plan (`by`) replaces this one. */
  | { type: 'supersede'; by: string; why: string }
  | { type: 'fail'; failure: string; done: string[] }
  /** Annotation: where the operation's message is (any state). */
  | { type: 'shown'; channel: string; ts: string }
  /** Annotation: a click showed the message before the step that posted it recorded its ts. */
  | { type: 'adopt-message'; ts: string };

export type LifecycleEventType = LifecycleEvent['type'];

const ALL = Object.keys(STATES) as OperationState[];
const UNFINISHED = ALL.filter((s) => !STATES[s].final);

/** The table: from which states each event is allowed, and the states it may lead to ('same': unchanged). */
export const TRANSITIONS: { readonly [E in LifecycleEventType]: { from: readonly OperationState[]; to: readonly OperationState[] | 'same' } } = {
  wait: { from: ['queued', 'waiting'], to: ['waiting'] },
  'start-planning': { from: ['queued', 'waiting', 'planning'], to: ['planning'] },
  planned: { from: ['planning'], to: ['awaiting-approval', 'no-change', 'failed'] },
  // An approval after the window closed expires the plan instead of approving it.
  approve: { from: ['awaiting-approval'], to: ['awaiting-approval', 'approved', 'expired'] },
  reject: { from: ['awaiting-approval'], to: ['rejected'] },
  expire: { from: ['awaiting-approval'], to: ['expired'] },
  'start-apply': { from: ['approved', 'applying'], to: ['applying'] },
  progress: { from: ['applying'], to: ['applying'] },
  'step-done': { from: ['applying'], to: ['applying'] },
  applied: { from: ['applying'], to: ['applied'] },
  supersede: { from: ['applying'], to: ['superseded'] },
  fail: { from: UNFINISHED, to: ['failed'] },
  shown: { from: ALL, to: 'same' },
  'adopt-message': { from: ALL, to: 'same' },
};

/** Why an event changed nothing; replies.ts turns it into a sentence for the person who clicked. */
export type Refusal =
  | { code: 'wrong-state'; event: LifecycleEventType; state: OperationState }
  | { code: 'already-approved-by-you' }
  /** The expiry timer fired before the window closed (the window was extended, or a clock skew). */
  | { code: 'not-due'; expiresAt: number }
  | { code: 'message-known' };

export type Transition = { ok: true; record: OperationRecord } | { ok: false; refusal: Refusal };

export const isFinal = (state: OperationState): boolean => STATES[state].final;
export const allows = (event: LifecycleEventType, state: OperationState): boolean => TRANSITIONS[event].from.includes(state);

/** The next record after `event` at time `now` (epoch ms), or why the event does not apply. */
export function transition(record: OperationRecord, event: LifecycleEvent, now: number): Transition {
  if (!allows(event.type, record.state)) return refuse({ code: 'wrong-state', event: event.type, state: record.state });
  const next = advance(record, event, now);
  if ('code' in next) return refuse(next);
  const to = TRANSITIONS[event.type].to;
  if (to === 'same' ? next.state !== record.state : !to.includes(next.state)) {
    throw new Error(`lifecycle table and transition disagree: ${event.type} moved ${record.state} to ${next.state}`);
  }
  return { ok: true, record: next };
}

const refuse = (refusal: Refusal): Transition => ({ ok: false, refusal });

function advance(r: OperationRecord, e: LifecycleEvent, now: number): OperationRecord | Refusal {
  switch (e.type) {
    case 'wait':
      return { ...r, state: 'waiting', waitingBehind: e.behind };
    case 'start-planning':
      return { ...r, state: 'planning', waitingBehind: undefined };
    case 'planned':
      if (e.outcome.status === 'planned') return { ...r, state: 'awaiting-approval', plan: e.outcome, expiresAt: now + e.approvalWindowMs };
      return { ...r, state: e.outcome.status === 'no-change' ? 'no-change' : 'failed', plan: e.outcome, finishedAt: now };
    case 'approve': {
      if ((r.expiresAt ?? 0) <= now) return { ...r, state: 'expired', finishedAt: now };
      if (r.approvals.some((a) => a.userId === e.userId)) return { code: 'already-approved-by-you' };
      const approvals = [...r.approvals, { userId: e.userId, at: new Date(now).toISOString() }];
      return { ...r, approvals, state: approvals.length >= r.approvalsRequired ? 'approved' : 'awaiting-approval' };
    }
    case 'reject':
      return { ...r, state: 'rejected', rejectedBy: e.userId, finishedAt: now };
    case 'expire':
      if ((r.expiresAt ?? 0) > now) return { code: 'not-due', expiresAt: r.expiresAt ?? 0 };
      return { ...r, state: 'expired', finishedAt: now };
    case 'start-apply':
      return { ...r, state: 'applying', startedApplyAt: r.startedApplyAt ?? now };
    case 'progress':
      return { ...r, progress: [...r.progress, e.line] };
    case 'step-done':
      return { ...r, completedSteps: { ...r.completedSteps, [e.name]: e.result } };
    case 'applied':
      return { ...r, state: 'applied', result: e.result, finishedAt: now };
    case 'supersede':
      return { ...r, state: 'superseded', supersededBy: e.by, result: { status: 'stale', failure: e.why }, finishedAt: now };
    case 'fail':
      return { ...r, state: 'failed', result: { status: 'failed', failure: e.failure, done: e.done }, finishedAt: now };
    case 'shown':
      return { ...r, channel: e.channel, ts: e.ts };
    case 'adopt-message':
      return r.ts ? { code: 'message-known' } : { ...r, ts: e.ts };
  }
}
