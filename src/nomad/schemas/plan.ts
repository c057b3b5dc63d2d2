/** `POST /v1/job/:id/plan` response (api.JobPlanResponse) and the diff structures of nomad/structs/diff.go. */
import { z } from 'zod';
import { nullableArray, nullableRecord } from './common.js';
import { NomadEvaluation } from './evaluations.js';

export const DiffType = z.enum(['None', 'Added', 'Deleted', 'Edited']);
export type DiffType = z.infer<typeof DiffType>;

export const NomadFieldDiff = z.looseObject({
  Type: DiffType,
  Name: z.string(),
  Old: z.string(),
  New: z.string(),
  Annotations: nullableArray(z.string()),
});
export type NomadFieldDiff = z.infer<typeof NomadFieldDiff>;

export interface NomadObjectDiff {
  Type: DiffType;
  Name: string;
  Fields?: NomadFieldDiff[] | null | undefined;
  Objects?: NomadObjectDiff[] | null | undefined;
}
export const NomadObjectDiff: z.ZodType<NomadObjectDiff> = z.lazy(() =>
  z.looseObject({
    Type: DiffType,
    Name: z.string(),
    Fields: nullableArray(NomadFieldDiff),
    Objects: nullableArray(NomadObjectDiff),
  }),
);

export const NomadTaskDiff = z.looseObject({
  Type: DiffType,
  Name: z.string(),
  Fields: nullableArray(NomadFieldDiff),
  Objects: nullableArray(NomadObjectDiff),
  Annotations: nullableArray(z.string()),
});
export type NomadTaskDiff = z.infer<typeof NomadTaskDiff>;

export const NomadTaskGroupDiff = z.looseObject({
  Type: DiffType,
  Name: z.string(),
  Fields: nullableArray(NomadFieldDiff),
  Objects: nullableArray(NomadObjectDiff),
  Tasks: nullableArray(NomadTaskDiff),
  Updates: nullableRecord(z.number().int()),
});
export type NomadTaskGroupDiff = z.infer<typeof NomadTaskGroupDiff>;

export const NomadJobDiff = z.looseObject({
  Type: DiffType,
  ID: z.string(),
  Fields: nullableArray(NomadFieldDiff),
  Objects: nullableArray(NomadObjectDiff),
  TaskGroups: nullableArray(NomadTaskGroupDiff),
});
export type NomadJobDiff = z.infer<typeof NomadJobDiff>;

/** AllocationMetric: why a task group's allocations could not be placed. */
export const NomadAllocationMetric = z.looseObject({
  NodesEvaluated: z.number().int(),
  NodesFiltered: z.number().int(),
  NodesInPool: z.number().int().optional(),
  NodePool: z.string().optional(),
  NodesAvailable: nullableRecord(z.number().int()),
  ClassFiltered: nullableRecord(z.number().int()),
  ConstraintFiltered: nullableRecord(z.number().int()),
  NodesExhausted: z.number().int(),
  ClassExhausted: nullableRecord(z.number().int()),
  DimensionExhausted: nullableRecord(z.number().int()),
  QuotaExhausted: nullableArray(z.string()),
  AllocationTime: z.number().optional(),
  /** Failed placements = CoalescedFailures + 1. */
  CoalescedFailures: z.number().int(),
});
export type NomadAllocationMetric = z.infer<typeof NomadAllocationMetric>;

const count = z.number().int().optional();
export const NomadDesiredUpdates = z.looseObject({
  Ignore: count,
  Place: count,
  Migrate: count,
  Stop: count,
  InPlaceUpdate: count,
  DestructiveUpdate: count,
  Canary: count,
  Preemptions: count,
  Disconnect: count,
  Reconnect: count,
  RescheduleNow: count,
  RescheduleLater: count,
});
export type NomadDesiredUpdates = z.infer<typeof NomadDesiredUpdates>;

export const NomadJobPlanResponse = z.looseObject({
  /** The server-side job's JobModifyIndex, 0 for a new job: the check-index for the apply. */
  JobModifyIndex: z.number().int(),
  CreatedEvals: nullableArray(NomadEvaluation),
  Diff: NomadJobDiff.nullish(),
  Annotations: z
    .looseObject({
      DesiredTGUpdates: nullableRecord(NomadDesiredUpdates),
      PreemptedAllocs: nullableArray(z.unknown()),
    })
    .nullish(),
  FailedTGAllocs: nullableRecord(NomadAllocationMetric),
  NextPeriodicLaunch: z.string().nullish(),
  /** One multierror string, not an array. */
  Warnings: z.string().nullish(),
  Index: z.number().int().optional(),
});
export type NomadJobPlanResponse = z.infer<typeof NomadJobPlanResponse>;

/** An Evaluation whose FailedTGAllocs are typed: why each task group could not be placed. */
export const NomadEvaluationWithPlacements = NomadEvaluation.extend({ FailedTGAllocs: z.record(z.string(), NomadAllocationMetric).nullish() });
export type NomadEvaluationWithPlacements = z.infer<typeof NomadEvaluationWithPlacements>;
