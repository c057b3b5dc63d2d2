/**
 * Wire objects of the simulated Nomad, with the Go field names of `api/*.go`.
 * Only the fields the simulator reads are typed; the rest travel untouched.
 */
export type JsonObject = { [key: string]: unknown };

export interface NomadConstraint {
  LTarget?: string;
  RTarget?: string;
  Operand?: string;
}

export interface NomadResources {
  CPU?: number | null;
  Cores?: number | null;
  MemoryMB?: number | null;
  DiskMB?: number | null;
  [key: string]: unknown;
}

export interface NomadTask {
  Name: string;
  Driver: string;
  Config?: JsonObject | null;
  Env?: Record<string, string> | null;
  Resources?: NomadResources | null;
  Constraints?: NomadConstraint[] | null;
  KillTimeout?: number | null;
  [key: string]: unknown;
}

export interface NomadTaskGroup {
  Name: string;
  Count: number;
  Tasks: NomadTask[];
  Constraints?: NomadConstraint[] | null;
  EphemeralDisk?: { Sticky?: boolean; Migrate?: boolean; SizeMB?: number } | null;
  Meta?: Record<string, string> | null;
  [key: string]: unknown;
}

export interface NomadJob {
  ID: string;
  Name: string;
  Namespace: string;
  Region: string;
  Type: string;
  Priority: number;
  Datacenters: string[];
  NodePool: string;
  Constraints?: NomadConstraint[] | null;
  TaskGroups: NomadTaskGroup[];
  Meta?: Record<string, string> | null;
  Stop: boolean;
  Status: string;
  StatusDescription: string;
  Version: number;
  Stable: boolean;
  SubmitTime: number;
  CreateIndex: number;
  ModifyIndex: number;
  JobModifyIndex: number;
  [key: string]: unknown;
}

export interface NomadNode {
  ID: string;
  Name: string;
  Datacenter: string;
  NodeClass: string;
  NodePool: string;
  Status: string;
  StatusDescription: string;
  SchedulingEligibility: string;
  Drain: boolean;
  DrainStrategy: JsonObject | null;
  Attributes: Record<string, string>;
  Meta: Record<string, string>;
  Drivers: Record<string, { Detected: boolean; Healthy: boolean; [key: string]: unknown }>;
  NodeResources: {
    Cpu: { CpuShares: number; TotalCpuCores: number; ReservableCpuCores: number[] };
    Memory: { MemoryMB: number };
    Disk: { DiskMB: number };
    [key: string]: unknown;
  };
  ReservedResources: {
    Cpu: { CpuShares: number };
    Memory: { MemoryMB: number };
    Disk: { DiskMB: number };
    [key: string]: unknown;
  };
  Events: Array<{ Message: string; Subsystem: string; Details: Record<string, string> | null; Timestamp: string; CreateIndex: number }>;
  CreateIndex: number;
  ModifyIndex: number;
  [key: string]: unknown;
}

export interface NomadTaskState {
  State: string;
  Failed: boolean;
  Restarts: number;
  LastRestart: string | null;
  StartedAt: string | null;
  FinishedAt: string | null;
  Events: JsonObject[];
}

export interface NomadAllocation {
  ID: string;
  EvalID: string;
  Name: string;
  Namespace: string;
  NodeID: string;
  NodeName: string;
  JobID: string;
  JobType: string;
  JobVersion: number;
  Job: NomadJob;
  TaskGroup: string;
  DesiredStatus: string;
  DesiredDescription: string;
  ClientStatus: string;
  ClientDescription: string;
  TaskStates: Record<string, NomadTaskState>;
  AllocatedResources: JsonObject;
  Metrics: JsonObject;
  PreviousAllocation: string;
  NextAllocation: string;
  FollowupEvalID: string;
  CreateIndex: number;
  ModifyIndex: number;
  AllocModifyIndex: number;
  CreateTime: number;
  ModifyTime: number;
}

export interface NomadEvaluation {
  ID: string;
  Namespace: string;
  Priority: number;
  Type: string;
  TriggeredBy: string;
  JobID: string;
  JobModifyIndex: number;
  NodeID: string;
  NodeModifyIndex: number;
  Status: string;
  StatusDescription: string;
  Wait: number;
  NextEval: string;
  PreviousEval: string;
  BlockedEval: string;
  FailedTGAllocs: Record<string, JsonObject> | null;
  ClassEligibility: Record<string, boolean> | null;
  EscapedComputedClass: boolean;
  QueuedAllocations: Record<string, number> | null;
  AnnotatePlan: boolean;
  SnapshotIndex: number;
  CreateIndex: number;
  ModifyIndex: number;
  CreateTime: number;
  ModifyTime: number;
}

export interface NomadScalingEvent {
  Count: number | null;
  PreviousCount: number;
  Error: boolean;
  Message: string;
  Meta: JsonObject | null;
  EvalID: string | null;
  Time: number;
  CreateIndex: number;
}

/** One event of `/v1/event/stream` (nomad/structs/event.go). */
export interface NomadStreamEvent {
  Topic: string;
  Type: string;
  Key: string;
  Namespace: string;
  FilterKeys: string[] | null;
  Index: number;
  Payload: JsonObject;
}

/** What the real client's disk looks like, for `/v1/client/stats` (AllocDirStats). */
export interface SimNodeDisk {
  /** Size of the alloc_dir filesystem in bytes. */
  sizeBytes: number;
  /** Bytes used by things Nomad does not track (leftover sticky build areas). */
  untrackedUsedBytes: number;
}

export interface NomadScenarioNode {
  node: NomadNode;
  disk: SimNodeDisk;
}

/** A cluster to start from: servers, client nodes and jobs to register (placed by the scheduler, in order). */
export interface NomadScenario {
  region: string;
  servers: string[];
  nodes: NomadScenarioNode[];
  jobs: JsonObject[];
  /** Seed of the ID generator: the same scenario gives the same IDs. */
  seed: number;
  /** Place the jobs round-robin over the nodes instead of scheduling them (fast loading of big farms). */
  spread?: boolean;
}
