import { z } from 'zod';

/** What a plan step found: a diff to approve, or a reason there is nothing to approve. */
export const PlanOutcome = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('planned'),
    /** First line of the message, e.g. "scale ci-mesosci-cs8 8 → 10". */
    title: z.string(),
    /** The diff as `nomad job plan` prints it. */
    diffText: z.string(),
    /** "Scheduler dry-run:" lines. */
    dryRunText: z.string(),
    /** True when some allocations cannot be placed (the Approve button says "Approve anyway"). */
    placementFailures: z.boolean(),
    /** Plain-words notes under the diff (placement explanation, declaration differences). */
    notes: z.array(z.string()),
    /** Nomad's JobModifyIndex at plan time: the check-and-set index for the apply. */
    checkIndex: z.number().int(),
    /** Hash of what was planned, recorded for the audit and compared at apply. */
    planHash: z.string(),
    /** Kind-specific facts the apply step needs (e.g. the count before). */
    facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    /** The apply's recorded steps in order (`ApplyContext.step` names): the message shows them as a checklist while it applies. */
    steps: z
      .array(z.object({ name: z.string(), label: z.string() }))
      .max(20)
      .optional(),
  }),
  z.object({ status: z.literal('no-change'), title: z.string(), message: z.string() }),
  z.object({
    status: z.literal('failed'),
    title: z.string(),
    failure: z.string(),
    /** A pre-check said no (a node still runs builds, Nova is busy, quorum would not survive): shown as 🚫 Refused, not ❌ Failed. */
    refused: z.boolean().optional(),
    /** The safe next step as buttons, e.g. "Drain, then rebuild" → `node drain alibuild07`. */
    choices: z
      .array(z.object({ label: z.string().max(75), command: z.string().max(2000) }))
      .max(5)
      .optional(),
  }),
]);
export type PlanOutcome = z.infer<typeof PlanOutcome>;
export type PlannedOutcome = Extract<PlanOutcome, { status: 'planned' }>;

/** The end of an apply. Expected failures are values with a message a person can act on. */
export const OperationResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('succeeded'),
    summary: z.string(),
    details: z.array(z.string()),
    /**
     * Applied, but only part of it took effect, in the words of the first line: "partly placed"
     * when Nomad accepted the change yet could not place every allocation (a blocked evaluation waits).
     */
    partial: z.string().optional(),
  }),
  z.object({
    status: z.literal('failed'),
    failure: z.string(),
    done: z.array(z.string()),
    /** A check right before the change said no, so nothing was changed: shown as 🚫 Refused. */
    refused: z.boolean().optional(),
  }),
  /** The target changed since the plan (check-index conflict): re-plan and ask again. */
  z.object({ status: z.literal('stale'), failure: z.string(), currentIndex: z.number().int().optional() }),
]);
export type OperationResult = z.infer<typeof OperationResult>;
