import { z } from 'zod';
import { nullableArray, nullableRecord } from './common.js';

export const NomadLastDrain = z
  .looseObject({
    Status: z.string(),
    StartedAt: z.string().nullish(),
    UpdatedAt: z.string().nullish(),
  })
  .nullish();

/** NodeResources / ReservedResources, as far as the bot reads them (CPU, memory, disk). */
export const NomadNodeResources = z.looseObject({
  Cpu: z.looseObject({ CpuShares: z.number(), TotalCpuCores: z.number().optional() }).nullish(),
  Memory: z.looseObject({ MemoryMB: z.number() }).nullish(),
  Disk: z.looseObject({ DiskMB: z.number() }).nullish(),
});
export type NomadNodeResources = z.infer<typeof NomadNodeResources>;

/** NodeListStub (`GET /v1/nodes`). `Status`: initializing, ready, down, disconnected. */
export const NomadNodeStub = z.looseObject({
  ID: z.string(),
  Name: z.string(),
  Address: z.string().optional(),
  Datacenter: z.string(),
  NodeClass: z.string().nullish(),
  NodePool: z.string().optional(),
  Version: z.string().optional(),
  Drain: z.boolean(),
  SchedulingEligibility: z.string(),
  Status: z.string(),
  StatusDescription: z.string().nullish(),
  Attributes: nullableRecord(z.string()),
  LastDrain: NomadLastDrain,
  /** Only with `?resources=true`. */
  NodeResources: NomadNodeResources.nullish(),
  ReservedResources: NomadNodeResources.nullish(),
  CreateIndex: z.number().int(),
  ModifyIndex: z.number().int(),
});
export type NomadNodeStub = z.infer<typeof NomadNodeStub>;
export const NomadNodeList = z.array(NomadNodeStub);

/** Full Node (`GET /v1/node/:id`). */
export const NomadNode = NomadNodeStub.extend({
  HTTPAddr: z.string().optional(),
  Meta: nullableRecord(z.string()),
  NodeResources: z
    .looseObject({
      Cpu: z.looseObject({ CpuShares: z.number(), TotalCpuCores: z.number().optional() }).nullish(),
      Memory: z.looseObject({ MemoryMB: z.number() }).nullish(),
      Disk: z.looseObject({ DiskMB: z.number() }).nullish(),
    })
    .nullish(),
  ReservedResources: z
    .looseObject({
      Cpu: z.looseObject({ CpuShares: z.number() }).nullish(),
      Memory: z.looseObject({ MemoryMB: z.number() }).nullish(),
      Disk: z.looseObject({ DiskMB: z.number() }).nullish(),
    })
    .nullish(),
  DrainStrategy: z
    .looseObject({ Deadline: z.number(), IgnoreSystemJobs: z.boolean().optional(), ForceDeadline: z.string().nullish(), StartedAt: z.string().nullish() })
    .nullish(),
  StatusUpdatedAt: z.number().optional(),
  Events: nullableArray(
    z.looseObject({ Message: z.string(), Subsystem: z.string().optional(), Details: nullableRecord(z.string()), Timestamp: z.string().optional() }),
  ),
});
export type NomadNode = z.infer<typeof NomadNode>;

/** NodeDrainUpdateResponse / NodeEligibilityUpdateResponse. */
export const NomadNodeUpdateResponse = z.looseObject({
  EvalCreateIndex: z.number().int().nullish(),
  EvalIDs: nullableArray(z.string()),
  Index: z.number().int().optional(),
  NodeModifyIndex: z.number().int().nullish(),
});
export type NomadNodeUpdateResponse = z.infer<typeof NomadNodeUpdateResponse>;

const HostDiskStats = z.looseObject({
  Device: z.string(),
  Mountpoint: z.string(),
  Size: z.number(),
  Used: z.number(),
  Available: z.number(),
  UsedPercent: z.number(),
  InodesUsedPercent: z.number().optional(),
});

/** HostStats (`GET /v1/client/stats`). `AllocDirStats` is the alloc_dir filesystem, measured now. */
export const NomadHostStats = z.looseObject({
  Memory: z.looseObject({ Total: z.number(), Available: z.number(), Used: z.number(), Free: z.number() }).nullish(),
  CPU: nullableArray(z.looseObject({ CPU: z.string(), User: z.number(), System: z.number(), Idle: z.number() })),
  DiskStats: nullableArray(HostDiskStats),
  AllocDirStats: HostDiskStats.nullish(),
  Uptime: z.number().optional(),
  Timestamp: z.number().optional(),
});
export type NomadHostStats = z.infer<typeof NomadHostStats>;
