/** Read views of stored objects: list stubs, summaries and scale status, shaped like the API structs. */
import { isTerminal } from '../scheduler/resources.js';
import type { JsonObject, NomadAllocation, NomadJob, NomadNode } from '../types.js';
import type { JobRecord, NomadClusterState } from './cluster-state.js';

/** api.JobSummary, derived from the job's allocations. */
export function jobSummary(state: NomadClusterState, record: JobRecord): JsonObject {
  const job = record.job;
  const allocs = state.allocations(job.ID, job.Namespace);
  const summary: Record<string, JsonObject> = {};
  for (const tg of job.TaskGroups) {
    const mine = allocs.filter((a) => a.TaskGroup === tg.Name);
    const count = (status: string) => mine.filter((a) => a.ClientStatus === status).length;
    const live = mine.filter((a) => !isTerminal(a)).length;
    summary[tg.Name] = {
      Queued: job.Stop ? 0 : Math.max(0, tg.Count - live),
      Complete: count('complete'),
      Failed: count('failed'),
      Running: count('running'),
      Starting: mine.filter((a) => a.ClientStatus === 'pending' && a.DesiredStatus === 'run').length,
      Lost: count('lost'),
      Unknown: count('unknown'),
    };
  }
  return {
    JobID: job.ID,
    Namespace: job.Namespace,
    Summary: summary,
    Children: { Pending: 0, Running: 0, Dead: 0 },
    CreateIndex: record.summaryCreateIndex,
    ModifyIndex: record.summaryModifyIndex,
  };
}

/** api.JobListStub. */
export function jobListStub(state: NomadClusterState, record: JobRecord): JsonObject {
  const j = record.job;
  return {
    ID: j.ID,
    ParentID: (j.ParentID as string | undefined) ?? '',
    Name: j.Name,
    Namespace: j.Namespace,
    Datacenters: j.Datacenters,
    NodePool: j.NodePool,
    Multiregion: null,
    Type: j.Type,
    Priority: j.Priority,
    Periodic: (j.Periodic ?? null) !== null,
    ParameterizedJob: (j.ParameterizedJob ?? null) !== null,
    Stop: j.Stop,
    Status: j.Status,
    StatusDescription: j.StatusDescription,
    JobSummary: jobSummary(state, record),
    CreateIndex: j.CreateIndex,
    ModifyIndex: j.ModifyIndex,
    JobModifyIndex: j.JobModifyIndex,
    SubmitTime: j.SubmitTime,
    Meta: j.Meta ?? null,
  };
}

/** api.AllocationListStub (no Job, no AllocatedResources unless asked). */
/** Always empty in the simulator (no migrations or reschedules are pending); shared, never mutated. */
const NO_TRANSITION = Object.freeze({ Migrate: null, Reschedule: null, ForceReschedule: null });

/** An AllocationListStub; `withTaskStates: false` is the list's `task_states=false`. */
export function allocStub(a: NomadAllocation, withResources = false, withTaskStates = true): JsonObject {
  return {
    ID: a.ID,
    EvalID: a.EvalID,
    Name: a.Name,
    Namespace: a.Namespace,
    NodeID: a.NodeID,
    NodeName: a.NodeName,
    JobID: a.JobID,
    JobType: a.JobType,
    JobVersion: a.JobVersion,
    TaskGroup: a.TaskGroup,
    AllocatedResources: withResources ? a.AllocatedResources : null,
    DesiredStatus: a.DesiredStatus,
    DesiredDescription: a.DesiredDescription,
    ClientStatus: a.ClientStatus,
    ClientDescription: a.ClientDescription,
    DesiredTransition: NO_TRANSITION,
    TaskStates: withTaskStates ? a.TaskStates : null,
    DeploymentStatus: null,
    FollowupEvalID: a.FollowupEvalID,
    NextAllocation: a.NextAllocation,
    PreviousAllocation: a.PreviousAllocation,
    RescheduleTracker: null,
    PreemptedAllocations: null,
    PreemptedByAllocation: '',
    CreateIndex: a.CreateIndex,
    ModifyIndex: a.ModifyIndex,
    CreateTime: a.CreateTime,
    ModifyTime: a.ModifyTime,
  };
}

/** The full Allocation as `GET /v1/allocation/:id` sends it. */
export function allocFull(a: NomadAllocation): JsonObject {
  return {
    ...allocStub(a, true),
    Job: a.Job,
    Metrics: a.Metrics,
    AllocModifyIndex: a.AllocModifyIndex,
    DeploymentID: '',
    Resources: null,
    SharedResources: null,
    TaskResources: null,
  };
}

/** api.NodeListStub; `resources` adds NodeResources and ReservedResources, `os` the OS name. */
export function nodeStub(n: NomadNode, opts: { resources?: boolean; os?: boolean } = {}): JsonObject {
  return {
    Address: n.Attributes['unique.network.ip-address'] ?? '',
    ID: n.ID,
    ...(opts.os ? { Attributes: { 'os.name': n.Attributes['os.name'] ?? '' } } : {}),
    Datacenter: n.Datacenter,
    Name: n.Name,
    NodeClass: n.NodeClass,
    NodePool: n.NodePool,
    Version: n.Attributes['nomad.version'] ?? '',
    Drain: n.Drain,
    SchedulingEligibility: n.SchedulingEligibility,
    Status: n.Status,
    StatusDescription: n.StatusDescription,
    Drivers: n.Drivers,
    ...(opts.resources ? { NodeResources: n.NodeResources, ReservedResources: n.ReservedResources } : {}),
    LastDrain: n.LastDrain ?? null,
    CreateIndex: n.CreateIndex,
    ModifyIndex: n.ModifyIndex,
  };
}

/** api.JobScaleStatusResponse. */
export function scaleStatus(state: NomadClusterState, record: JobRecord): JsonObject {
  const job: NomadJob = record.job;
  const allocs = state.allocations(job.ID, job.Namespace);
  const groups: Record<string, JsonObject> = {};
  for (const tg of job.TaskGroups) {
    const live = allocs.filter((a) => a.TaskGroup === tg.Name && !isTerminal(a));
    const running = live.filter((a) => a.ClientStatus === 'running').length;
    const events = record.scaleEvents[tg.Name] ?? [];
    groups[tg.Name] = {
      Desired: tg.Count,
      Placed: live.length,
      Running: running,
      Healthy: running,
      Unhealthy: 0,
      Events: events.length > 0 ? events : null,
    };
  }
  return {
    JobID: job.ID,
    Namespace: job.Namespace,
    JobCreateIndex: job.CreateIndex,
    JobModifyIndex: job.JobModifyIndex,
    JobStopped: job.Stop,
    TaskGroups: groups,
  };
}
