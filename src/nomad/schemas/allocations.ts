import { z } from 'zod';
import { NanoTime, nullableArray, nullableRecord } from './common.js';

export const NomadTaskEvent = z.looseObject({
  Type: z.string(),
  Time: z.number().optional(),
  DisplayMessage: z.string().nullish(),
  Message: z.string().nullish(),
});

export const NomadTaskState = z.looseObject({
  State: z.string(),
  Failed: z.boolean(),
  Restarts: z.number().int().optional(),
  StartedAt: z.string().nullish(),
  FinishedAt: z.string().nullish(),
  Events: nullableArray(NomadTaskEvent),
});

/** AllocationListStub, the element of `/v1/job/:id/allocations` and `/v1/allocations`. */
export const NomadAllocationStub = z.looseObject({
  ID: z.string(),
  EvalID: z.string().optional(),
  Name: z.string(),
  Namespace: z.string().nullish(),
  NodeID: z.string(),
  NodeName: z.string().optional(),
  JobID: z.string(),
  JobVersion: z.number().int().optional(),
  TaskGroup: z.string(),
  /** run, stop or evict. */
  DesiredStatus: z.string(),
  /** pending, running, complete, failed, lost or unknown. */
  ClientStatus: z.string(),
  ClientDescription: z.string().nullish(),
  TaskStates: nullableRecord(NomadTaskState),
  CreateIndex: z.number().int(),
  ModifyIndex: z.number().int(),
  CreateTime: NanoTime,
  ModifyTime: NanoTime,
});
export type NomadAllocationStub = z.infer<typeof NomadAllocationStub>;
export const NomadAllocationStubList = z.array(NomadAllocationStub);

/** Full Allocation (`GET /v1/allocation/:id`, `/v1/node/:id/allocations`). */
export const NomadAllocation = NomadAllocationStub.extend({
  Job: z.unknown().optional(),
  AllocatedResources: z.unknown().optional(),
  Metrics: z.unknown().optional(),
});
export type NomadAllocation = z.infer<typeof NomadAllocation>;
export const NomadAllocationList = z.array(NomadAllocation);

/** An AllocationListStub from `/v1/allocations?resources=true`: `Shared.DiskMB` is the group's ephemeral disk. */
/**
 * An allocation as farm-wide reads need it (`/v1/allocations?resources=true&task_states=false`):
 * only the fields node, disk and placement views use. Unknown keys are dropped rather than copied —
 * a 5,000-node farm has 50,000 of these, and copying every field doubled the time and memory.
 */
export const NomadAllocationStubWithResources = z.object({
  ID: z.string(),
  Name: z.string(),
  Namespace: z.string().nullish(),
  NodeID: z.string(),
  NodeName: z.string().optional(),
  JobID: z.string(),
  TaskGroup: z.string(),
  DesiredStatus: z.string(),
  ClientStatus: z.string(),
  TaskStates: nullableRecord(NomadTaskState),
  CreateIndex: z.number().int(),
  ModifyIndex: z.number().int(),
  CreateTime: NanoTime,
  ModifyTime: NanoTime,
  AllocatedResources: z.object({ Shared: z.object({ DiskMB: z.number().nullish() }).nullish() }).nullish(),
});
export type NomadAllocationStubWithResources = z.infer<typeof NomadAllocationStubWithResources>;
export const NomadAllocationStubWithResourcesList = z.array(NomadAllocationStubWithResources);
