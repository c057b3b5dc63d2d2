/**
 * The life of one operation as stored in Redis (design §5): everything needed to finish or
 * explain it after a restart. The Slack message shows exactly this record.
 */
import { z } from 'zod';
import { OpId } from './common.js';
import { OperationEnvelope } from './request.js';
import { OperationResult, PlanOutcome } from './result.js';

export const OperationState = z.enum([
  'queued', // accepted, plan not started
  'waiting', // another operation holds the target's lock
  'planning',
  'awaiting-approval',
  'approved', // enough approvals; the apply is queued
  'applying',
  // final states:
  'applied',
  'failed',
  'rejected',
  'expired',
  'superseded', // the target changed since the plan; a fresh plan replaced it
  'no-change',
]);
export type OperationState = z.infer<typeof OperationState>;

export const FINAL_STATES: readonly OperationState[] = ['applied', 'failed', 'rejected', 'expired', 'superseded', 'no-change'];

export const Approval = z.object({ userId: z.string(), at: z.string() });

export const OperationRecord = z.object({
  envelope: OperationEnvelope,
  state: OperationState,
  /** Where the operation's one channel message lives. */
  channel: z.string().optional(),
  ts: z.string().optional(),
  plan: PlanOutcome.optional(),
  /** Epoch ms after which approvals are refused. */
  expiresAt: z.number().optional(),
  approvals: z.array(Approval).default([]),
  rejectedBy: z.string().optional(),
  result: OperationResult.optional(),
  /** The operation holding the lock this one waits for. */
  waitingBehind: OpId.optional(),
  /** The fresh operation that replaced this one after a stale plan. */
  supersededBy: OpId.optional(),
  /**
   * Steps of a multi-step apply already done (e.g. "drain", "delete-vm"), with what they returned:
   * after a crash the apply resumes after the last finished step instead of repeating it.
   */
  completedSteps: z.record(z.string(), z.string()).default({}),
  /** Progress lines during the apply ("evaluation 3c1b… complete"). */
  progress: z.array(z.string()).default([]),
  /** Needed approvals and the sentence describing who may give them. */
  approvalsRequired: z.number().int().default(1),
  approvalNeeds: z.string().optional(),
  updatedAt: z.string(),
  startedApplyAt: z.number().optional(),
  finishedAt: z.number().optional(),
});
export type OperationRecord = z.infer<typeof OperationRecord>;
