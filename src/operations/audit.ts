import { z } from 'zod';

/** One line of the audit trail: who did what, when, where, to which target, with the IDs to follow it up. */
export const AuditEntry = z.object({
  at: z.string(),
  event: z.enum(['request', 'plan', 'approve', 'reject', 'expire', 'apply', 'result', 'stale', 'refused', 'read', 'alert-action']),
  opId: z.string().optional(),
  kind: z.string().optional(),
  /** The job, node or VM the entry is about. */
  target: z.string().optional(),
  /** Every job, node or VM the operation changes, when that is more than `target` (a directory deploy: each job). */
  targets: z.array(z.string()).optional(),
  userId: z.string().optional(),
  channelId: z.string().optional(),
  /** Plan hash, Nomad index, evaluation ID, OpenStack server ID, outcome… */
  details: z.record(z.string(), z.string()).default({}),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditFilter = z.object({
  target: z.string().optional(),
  userId: z.string().optional(),
  limit: z.number().int().min(1).max(200).default(20),
});
export type AuditFilter = z.infer<typeof AuditFilter>;
