/** What the person who pressed a button is told, privately, when the press changed nothing. */
import type { OperationRecord } from '../operations/index.js';
import type { Refusal } from './lifecycle.js';

export function refusalReply(refusal: Refusal, r: OperationRecord): string {
  switch (refusal.code) {
    case 'already-approved-by-you':
      return 'You already approved this.';
    case 'wrong-state':
      return notPending(r);
    case 'not-due':
    case 'message-known':
      return 'Nothing was changed.';
  }
}

/** An Approve or Reject on an operation that no longer waits for one. */
function notPending(r: OperationRecord): string {
  switch (r.state) {
    case 'approved':
    case 'applying':
      return `Already approved by ${r.approvals.map((a) => `<@${a.userId}>`).join(', ')}; it is being applied.`;
    case 'applied':
      return 'This was already applied.';
    case 'rejected':
      return `This was rejected by <@${r.rejectedBy}>; nothing will be applied.`;
    case 'expired':
      return 'This plan expired; run the command again for a fresh plan.';
    case 'superseded':
      return `This plan is out of date; see the fresh plan (${r.supersededBy}).`;
    case 'failed':
    case 'no-change':
      return 'There is nothing to approve here.';
    default:
      return 'The plan is not ready yet.';
  }
}

/** The approval came after the window closed: the press expired the plan instead. */
export function expiredReply(expiresAt: number): string {
  return `This plan expired at ${new Date(expiresAt).toISOString().slice(11, 16)} UTC; nothing was applied. Run the command again for a fresh plan.`;
}

export const UNKNOWN_OPERATION = 'This operation is unknown here (it may be older than 30 days).';
export const FOREIGN_BUTTON = 'That button does not belong to this operation; nothing was changed.';
