/**
 * The plan step: take the target's lock (or wait visibly behind its holder), plan, record the
 * outcome, show it, and either start the approval window or free the target.
 */
import { DelayedError, type Job } from 'bullmq';
import type { OperationRecord, PlanOutcome } from '../operations/index.js';
import { allows, isFinal } from './lifecycle.js';
import type { StepData } from './queue.js';
import type { OperationRuntime } from './runtime.js';

export async function planStep(rt: OperationRuntime, opId: string, job: Job<StepData>, token: string | undefined): Promise<void> {
  const { store, locks, queue, log, options } = rt.d;
  const rec = await store.get(opId);
  if (rec?.plan && rec.state !== 'planning') return finishInterruptedPlan(rt, rec);
  if (!rec || !allows('start-planning', rec.state)) return; // done already
  const { mod, op, target } = rt.job(rec.envelope.operation);
  const lock = await locks.tryLock(target, opId, rt.lockTtlMs());
  if (!lock.acquired) {
    if (rec.state !== 'waiting' || rec.waitingBehind !== lock.holder) {
      const waiting = await rt.moved(opId, { type: 'wait', behind: lock.holder });
      if (waiting) await rt.show(waiting);
    }
    await job.moveToDelayed(rt.now() + options.lockPollMs, token);
    throw new DelayedError();
  }
  const planning = await rt.moved(opId, { type: 'start-planning' });
  if (!planning) return;
  const { outcome, shown } = await planShowingSlowness(rt, planning, () => mod.plan(op, rt.d.jobDeps));
  const current = shown ?? (await store.get(opId)) ?? planning;
  const done = await rt.moved(opId, { type: 'planned', outcome, approvalWindowMs: options.expiryMs });
  if (!done) return;
  // Recorded before the message shows the plan, so nobody can act on a plan the trail lacks.
  await rt.audit('plan', done, undefined, {
    outcome: outcome.status,
    planHash: outcome.status === 'planned' ? outcome.planHash : undefined,
    nomadIndex: outcome.status === 'planned' ? outcome.checkIndex : undefined,
    // Declarations in git: the commit the plan rendered (the deploy's `commit` fact).
    commit: outcome.status === 'planned' ? outcome.facts.commit : undefined,
    failure: outcome.status === 'failed' ? outcome.failure : undefined,
  });
  const after = await rt.show({ ...done, ts: current.ts, channel: current.channel });
  if (after.state === 'awaiting-approval' && after.envelope.auto) await approveByPolicy(rt, after);
  else if (after.state === 'awaiting-approval') await queue.add('expire', opId, options.expiryMs);
  else await locks.release(target, opId);
  log.info({ opId, state: after.state, checkIndex: outcome.status === 'planned' ? outcome.checkIndex : undefined }, 'planned');
}

/**
 * A re-run after the plan was written: the last run died (or Slack failed) before it showed the
 * plan and queued its expiry or released the lock. Both are safe to repeat.
 */
async function finishInterruptedPlan(rt: OperationRuntime, rec: OperationRecord): Promise<void> {
  await rt.show(rec);
  if (rec.state === 'awaiting-approval' && rec.envelope.auto) await approveByPolicy(rt, rec);
  else if (rec.state === 'awaiting-approval') await rt.d.queue.add('expire', rec.envelope.opId, Math.max(0, (rec.expiresAt ?? 0) - rt.now()));
  else if (isFinal(rec.state) && rec.startedApplyAt === undefined) await rt.release(rec);
}

/**
 * A plan usually takes well under a second: show "Planning…" only when it does not, so the
 * channel gets one message (the plan) instead of a message and an immediate update.
 */
async function planShowingSlowness(
  rt: OperationRuntime,
  planning: OperationRecord,
  plan: () => Promise<PlanOutcome>,
): Promise<{ outcome: PlanOutcome; shown?: OperationRecord }> {
  let shownWhilePlanning: Promise<OperationRecord> | undefined;
  const notice = rt.d.clock.after(rt.d.options.planningNoticeMs ?? 1_500, () => {
    shownWhilePlanning = rt.show(planning).catch(() => planning);
  });
  try {
    const outcome = await plan();
    return shownWhilePlanning !== undefined ? { outcome, shown: await shownWhilePlanning } : { outcome };
  } finally {
    notice.cancel();
  }
}

/**
 * Self-healing (issue 17.6): the policy that requested the operation approves its plan at once —
 * the guardrails were its approval. One lifecycle event like a click, so a re-run changes nothing twice.
 */
async function approveByPolicy(rt: OperationRuntime, rec: OperationRecord): Promise<void> {
  const opId = rec.envelope.opId;
  const by = `policy:${rec.envelope.auto!.policy}`;
  const res = await rt.advance(opId, { type: 'approve', userId: by });
  const after = res?.ok ? res.record : await rt.d.store.get(opId);
  if (after?.state !== 'approved') return;
  if (res?.ok) await rt.audit('approve', after, by, { approvals: 1, required: 1, automatic: true });
  await rt.show(after).catch(() => after);
  await rt.d.queue.add('apply', opId);
}
