/** How an operation ends: applied or failed, expired, or superseded by a fresh plan. */
import { explainError } from '../errors.js';
import type { OperationRecord, OperationResult } from '../operations/index.js';
import type { StepName } from './queue.js';
import type { OperationRuntime } from './runtime.js';

type FinalResult = Exclude<OperationResult, { status: 'stale' }>;

/** Records the end of an apply (or of a step that gave up), shows it and writes the audit line. */
export async function finish(rt: OperationRuntime, opId: string, result: FinalResult): Promise<void> {
  const rec = await rt.moved(opId, result.status === 'succeeded' ? { type: 'applied', result } : { type: 'fail', failure: result.failure, done: result.done });
  if (!rec) return;
  rt.d.log.info({ opId, state: rec.state }, 'result recorded');
  // The maintenance window of the node it took away (if any) ends once the node is back.
  await rt.d.jobDeps.maintenance?.end(opId, result.status === 'succeeded' ? 'succeeded' : 'failed');
  await rt.show(rec);
  await rt.audit('result', rec, undefined, { state: rec.state, summary: result.status === 'succeeded' ? result.summary : result.failure });
  rt.d.log.info({ opId, state: rec.state }, 'operation finished');
}

/** A step's last attempt failed: the operation fails with what it had done, and frees its target. */
export async function finishFailed(rt: OperationRuntime, opId: string, step: StepName, err: unknown): Promise<void> {
  const what = step === 'plan' ? 'Planning failed' : step === 'apply' ? 'Applying failed' : 'Expiry failed';
  const rec = await rt.d.store.get(opId).catch(() => undefined);
  await finish(rt, opId, { status: 'failed', failure: `${what}: ${explainError(err)}.`, done: rec?.progress ?? [] });
  if (rec) await rt.release(rec);
}

/** The expire step: the approval window closed (unless it was extended) and the lock is freed. */
export async function expireStep(rt: OperationRuntime, opId: string): Promise<void> {
  const rec = await rt.moved(opId, { type: 'expire' });
  if (!rec) return;
  await rt.show(rec);
  await rt.audit('expire', rec);
  await rt.release(rec);
}

/** The job changed since the plan: mark this one superseded and queue a fresh plan below it. */
export async function replan(
  rt: OperationRuntime,
  rec: OperationRecord,
  why: string,
  request: (next: OperationRecord['envelope']) => Promise<unknown>,
): Promise<void> {
  const opId = rec.envelope.opId;
  const nextId = nextRound(opId);
  const superseded = await rt.moved(opId, { type: 'supersede', by: nextId, why });
  if (!superseded) return;
  await rt.show(superseded);
  await rt.audit('stale', superseded, undefined, { why, supersededBy: nextId });
  await request({ ...rec.envelope, opId: nextId, replaces: opId, requestedAt: new Date(rt.now()).toISOString() });
}

/** op-abc → op-abc-r2 → op-abc-r3: the rounds of one request. */
export function nextRound(opId: string): string {
  const round = /-r(\d+)$/.exec(opId);
  const base = round ? opId.slice(0, -round[0].length) : opId;
  return `${base}-r${round ? Number(round[1]) + 1 : 2}`;
}
