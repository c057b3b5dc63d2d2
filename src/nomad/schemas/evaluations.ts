import { z } from 'zod';
import { nullableRecord } from './common.js';

/** Evaluation (api/evaluations.go). `Status`: blocked, pending, complete, failed, canceled. */
export const NomadEvaluation = z.looseObject({
  ID: z.string(),
  Priority: z.number().int().optional(),
  Type: z.string().optional(),
  TriggeredBy: z.string().optional(),
  JobID: z.string().optional(),
  /** The job's JobModifyIndex when the evaluation was created: ties a job-register evaluation to its write. */
  JobModifyIndex: z.number().int().optional(),
  Namespace: z.string().nullish(),
  Status: z.string(),
  StatusDescription: z.string().nullish(),
  NextEval: z.string().nullish(),
  PreviousEval: z.string().nullish(),
  BlockedEval: z.string().nullish(),
  FailedTGAllocs: nullableRecord(z.unknown()),
  QueuedAllocations: nullableRecord(z.number().int()),
  Wait: z.number().optional(),
  CreateIndex: z.number().int().optional(),
  ModifyIndex: z.number().int().optional(),
  CreateTime: z.number().optional(),
  ModifyTime: z.number().optional(),
});
export type NomadEvaluation = z.infer<typeof NomadEvaluation>;
export const NomadEvaluationList = z.array(NomadEvaluation);
