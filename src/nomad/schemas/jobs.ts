/** Job objects of the Nomad API (api/jobs.go). Loose: unknown fields are kept so a job read can be sent back. */
import { z } from 'zod';
import { nullableArray, nullableRecord } from './common.js';

export const NomadTask = z.looseObject({
  Name: z.string(),
  Driver: z.string().nullish(),
  Config: nullableRecord(z.unknown()),
  Env: nullableRecord(z.string()),
});

export const NomadTaskGroup = z.looseObject({
  Name: z.string(),
  /** Pointer in Go: absent/null in a parsed but not canonicalised job means 1. */
  Count: z.number().int().nullish(),
  Tasks: nullableArray(NomadTask),
  Meta: nullableRecord(z.string()),
});
export type NomadTaskGroup = z.infer<typeof NomadTaskGroup>;

export const NomadJob = z.looseObject({
  ID: z.string(),
  Name: z.string().nullish(),
  Namespace: z.string().nullish(),
  Region: z.string().nullish(),
  Type: z.string().nullish(),
  Status: z.string().nullish(),
  Stop: z.boolean().nullish(),
  Datacenters: nullableArray(z.string()),
  TaskGroups: nullableArray(NomadTaskGroup),
  Meta: nullableRecord(z.string()),
  Version: z.number().int().nullish(),
  JobModifyIndex: z.number().int().nullish(),
  ModifyIndex: z.number().int().nullish(),
  CreateIndex: z.number().int().nullish(),
  SubmitTime: z.number().nullish(),
});
export type NomadJob = z.infer<typeof NomadJob>;

export const NomadTaskGroupSummary = z.looseObject({
  Queued: z.number().int(),
  Complete: z.number().int(),
  Failed: z.number().int(),
  Running: z.number().int(),
  Starting: z.number().int(),
  Lost: z.number().int(),
  Unknown: z.number().int().optional(),
});

export const NomadJobSummary = z.looseObject({
  JobID: z.string(),
  Namespace: z.string().nullish(),
  Summary: nullableRecord(NomadTaskGroupSummary),
  Children: z.looseObject({ Pending: z.number(), Running: z.number(), Dead: z.number() }).nullish(),
  CreateIndex: z.number().int().optional(),
  ModifyIndex: z.number().int().optional(),
});

/** `GET /v1/jobs` element. */
export const NomadJobListStub = z.looseObject({
  ID: z.string(),
  ParentID: z.string().nullish(),
  Name: z.string(),
  Namespace: z.string().nullish(),
  Datacenters: nullableArray(z.string()),
  Type: z.string(),
  Priority: z.number().int().optional(),
  Periodic: z.boolean().optional(),
  ParameterizedJob: z.boolean().optional(),
  Stop: z.boolean().optional(),
  Status: z.string(),
  StatusDescription: z.string().nullish(),
  JobSummary: NomadJobSummary.nullish(),
  CreateIndex: z.number().int(),
  ModifyIndex: z.number().int(),
  JobModifyIndex: z.number().int(),
  SubmitTime: z.number().optional(),
});
export type NomadJobListStub = z.infer<typeof NomadJobListStub>;
export const NomadJobList = z.array(NomadJobListStub);

/** Response of register (`POST /v1/jobs`) and of scale (`POST /v1/job/:id/scale`): "same payload as job update". */
export const NomadJobRegisterResponse = z.looseObject({
  EvalID: z.string().nullish(),
  EvalCreateIndex: z.number().int().nullish(),
  JobModifyIndex: z.number().int(),
  Warnings: z.string().nullish(),
  Index: z.number().int().optional(),
});
export type NomadJobRegisterResponse = z.infer<typeof NomadJobRegisterResponse>;

export const NomadJobDeregisterResponse = z.looseObject({
  EvalID: z.string().nullish(),
  EvalCreateIndex: z.number().int().nullish(),
  JobModifyIndex: z.number().int().nullish(),
});
export type NomadJobDeregisterResponse = z.infer<typeof NomadJobDeregisterResponse>;

export const NomadScalingEvent = z.looseObject({
  Count: z.number().int().nullish(),
  PreviousCount: z.number().int().nullish(),
  Error: z.boolean().nullish(),
  Message: z.string().nullish(),
  Meta: nullableRecord(z.unknown()),
  EvalID: z.string().nullish(),
  Time: z.number().nullish(),
  CreateIndex: z.number().int().nullish(),
});
export type NomadScalingEvent = z.infer<typeof NomadScalingEvent>;

/** `GET /v1/job/:id/scale` (JobScaleStatusResponse). */
export const NomadJobScaleStatus = z.looseObject({
  JobID: z.string(),
  Namespace: z.string().nullish(),
  JobCreateIndex: z.number().int(),
  JobModifyIndex: z.number().int(),
  JobStopped: z.boolean(),
  TaskGroups: z.record(
    z.string(),
    z.looseObject({
      Desired: z.number().int(),
      Placed: z.number().int(),
      Running: z.number().int(),
      Healthy: z.number().int(),
      Unhealthy: z.number().int(),
      Events: nullableArray(NomadScalingEvent),
    }),
  ),
});
export type NomadJobScaleStatus = z.infer<typeof NomadJobScaleStatus>;

/** `GET /v1/job/:id/submission?version=N` (api/jobs.go JobSubmission): the source a version was registered from. */
export const NomadJobSubmission = z.looseObject({
  Source: z.string(),
  Format: z.string().nullish(),
  VariableFlags: nullableRecord(z.string()),
  Variables: z.string().nullish(),
  Version: z.number().int().optional(),
  JobModifyIndex: z.number().int().optional(),
});
export type NomadJobSubmission = z.infer<typeof NomadJobSubmission>;
