/** Node operations (command class `node`): drain, cancel a drain, scheduling eligibility. */
import { z } from 'zod';
import { NodeRef } from './nomad-inspect.js';

/** `/ci node drain <name> [--deadline 1h] [--ignore-system]`: migrate everything off, then wait. */
export const NodeDrain = z.object({
  kind: z.literal('node.drain'),
  v: z.literal(1),
  node: NodeRef,
  /** After this, Nomad stops what is left (`-deadline`; the CLI's default is 1h). */
  deadlineMs: z
    .number()
    .int()
    .min(1_000)
    .max(7 * 24 * 3_600_000),
  ignoreSystemJobs: z.boolean(),
});
export type NodeDrain = z.infer<typeof NodeDrain>;

/** `/ci node undrain <name>`: cancel the drain and make the node schedulable again (`-disable`). */
export const NodeUndrain = z.object({ kind: z.literal('node.undrain'), v: z.literal(1), node: NodeRef });
export type NodeUndrain = z.infer<typeof NodeUndrain>;

/** `/ci node eligible|ineligible <name>`: `nomad node eligibility -enable|-disable`. */
export const NodeEligibility = z.object({
  kind: z.literal('node.eligibility'),
  v: z.literal(1),
  node: NodeRef,
  eligibility: z.enum(['eligible', 'ineligible']),
});
export type NodeEligibility = z.infer<typeof NodeEligibility>;

/**
 * `/ci node cleanup <name> [--drain [--deadline 1h]]` (issue 17): seed 000's nomad-diskfree cleanup
 * as one operation — ineligible, no builder left, the configured command over SSH, the client
 * ready with its free disk back, eligible. The command is never part of the request: it comes
 * from chatops.yaml. Requested by a person (a command, an alert's button) or, later, a policy.
 */
export const NodeCleanup = z.object({
  kind: z.literal('node.cleanup'),
  v: z.literal(1),
  node: NodeRef,
  /** Drain the builders away first (they are stopped at the deadline; none given: `remediation.cleanup.drainDeadline`) instead of refusing a busy node. */
  drain: z
    .object({
      deadlineMs: z
        .number()
        .int()
        .min(1_000)
        .max(7 * 24 * 3_600_000)
        .optional(),
    })
    .optional(),
});
export type NodeCleanup = z.infer<typeof NodeCleanup>;
