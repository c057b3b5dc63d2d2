/**
 * Approve and Reject buttons: the access policy first, then one lifecycle event, so a double
 * click or two approvers at once change the record once; the apply is queued once.
 */
import { describeError } from '../errors.js';
import { OPERATION_CLASS, type OperationRecord } from '../operations/index.js';
import { expiredReply, FOREIGN_BUTTON, refusalReply, UNKNOWN_OPERATION } from './replies.js';
import type { OperationRuntime } from './runtime.js';

/** What a button press did; `reply` goes to the presser privately when nothing else shows it. */
export interface ActionOutcome {
  changed: boolean;
  reply?: string;
}

export async function approve(rt: OperationRuntime, opId: string, userId: string, messageTs?: string): Promise<ActionOutcome> {
  const found = await pressed(rt, opId, messageTs);
  if ('reply' in found) return found;
  const rec = found.record;
  const cls = OPERATION_CLASS[rec.envelope.operation.kind];
  const allowed = await rt.d.policy.canApprove(cls, userId, rec.envelope.requestedBy.userId, { breakGlass: rec.envelope.breakGlass !== undefined });
  if (!allowed.allowed) {
    await rt.audit('refused', rec, userId, { action: 'approve', reason: allowed.reason });
    return { changed: false, reply: allowed.reason };
  }
  const res = await rt.advance(opId, { type: 'approve', userId });
  if (!res) return { changed: false, reply: UNKNOWN_OPERATION };
  if (!res.ok) return { changed: false, reply: refusalReply(res.refusal, res.record) };
  const after = res.record;
  if (after.state === 'approved') rt.d.log.info({ opId, approvals: after.approvals.length }, 'approval recorded');
  // Slack failing now must not strand an approved operation: the apply step shows it again.
  await rt.show(after).catch((err: unknown) => rt.d.log.warn({ opId, err: describeError(err) }, 'could not show the approval'));
  if (after.state === 'approved') await rt.d.queue.add('apply', opId);
  if (after.state === 'expired') await rt.release(after);
  await rt.audit(after.state === 'expired' ? 'expire' : 'approve', after, userId, { approvals: after.approvals.length, required: after.approvalsRequired });
  rt.d.log.info({ opId, approver: userId, state: after.state }, 'approval');
  return after.state === 'expired' ? { changed: true, reply: expiredReply(after.expiresAt ?? 0) } : { changed: true };
}

/** An approver declines, or the requester withdraws. */
export async function reject(rt: OperationRuntime, opId: string, userId: string, messageTs?: string): Promise<ActionOutcome> {
  const found = await pressed(rt, opId, messageTs);
  if ('reply' in found) return found;
  const rec = found.record;
  if (rec.envelope.requestedBy.userId !== userId) {
    const allowed = await rt.d.policy.canApprove(OPERATION_CLASS[rec.envelope.operation.kind], userId, rec.envelope.requestedBy.userId);
    if (!allowed.allowed) return { changed: false, reply: `Only the requester or an approver may reject this. ${allowed.reason}` };
  }
  const res = await rt.advance(opId, { type: 'reject', userId });
  if (!res) return { changed: false, reply: UNKNOWN_OPERATION };
  if (!res.ok) return { changed: false, reply: refusalReply(res.refusal, res.record) };
  await rt.show(res.record);
  await rt.audit('reject', res.record, userId);
  await rt.release(res.record);
  return { changed: true };
}

/**
 * The record a button press is about. A click on the plan that arrived before the step that
 * posted it recorded the message's ts (another replica, a busy worker) shows where the message
 * is, so the update that follows edits it instead of posting a second one.
 */
async function pressed(
  rt: OperationRuntime,
  opId: string,
  messageTs: string | undefined,
): Promise<{ record: OperationRecord } | { changed: false; reply: string }> {
  const record = await rt.d.store.get(opId);
  if (!record) return { changed: false, reply: UNKNOWN_OPERATION };
  if (messageTs && record.ts && messageTs !== record.ts) return { changed: false, reply: FOREIGN_BUTTON };
  if (messageTs && !record.ts) await rt.advance(opId, { type: 'adopt-message', ts: messageTs });
  return { record };
}
