/**
 * What `jobs/` may ask of Nomad: our own interfaces, in the words of Nomad's API (its objects
 * are the adapter's zod types). src/nomad implements them; src/main.ts wires it in.
 */
import type { PageFold } from '../nomad/paging.js';
import type { DrainSpec, LogRequest, LogText, QueryOptions, QueryResult } from '../nomad/requests.js';
import type { NomadAgentMembers } from '../nomad/schemas/agent.js';
import type { NomadAllocation, NomadAllocationStub, NomadAllocationStubWithResources } from '../nomad/schemas/allocations.js';
import type { NomadEvaluation } from '../nomad/schemas/evaluations.js';
import type {
  NomadJob,
  NomadJobDeregisterResponse,
  NomadJobListStub,
  NomadJobRegisterResponse,
  NomadJobScaleStatus,
  NomadJobSubmission,
} from '../nomad/schemas/jobs.js';
import type { NomadHostStats, NomadNode, NomadNodeStub, NomadNodeUpdateResponse } from '../nomad/schemas/nodes.js';
import type { NomadEvaluationWithPlacements, NomadJobPlanResponse } from '../nomad/schemas/plan.js';

export interface NomadPort {
  jobs: NomadJobsPort;
  evaluations: NomadEvaluationsPort;
  nodes: NomadNodesPort;
  allocations: NomadAllocationsPort;
  logs: NomadLogsPort;
  /** The diff and dry-run text exactly as `nomad job plan` prints them. */
  formatPlan(plan: NomadJobPlanResponse, jobType?: string | null): { diffText: string; dryRunText: string };
}

export interface NomadJobsPort {
  list(opts?: QueryOptions & { prefix?: string }): Promise<QueryResult<NomadJobListStub[]>>;
  read(jobId: string, opts?: QueryOptions): Promise<QueryResult<NomadJob>>;
  /** Like `read`, but a job that does not exist is `undefined`. */
  find(jobId: string, opts?: QueryOptions): Promise<NomadJob | undefined>;
  allocations(jobId: string, opts?: QueryOptions): Promise<QueryResult<NomadAllocationStub[]>>;
  evaluations(jobId: string, opts?: QueryOptions): Promise<QueryResult<NomadEvaluation[]>>;
  /** HCL2 → job, as `POST /v1/jobs/parse` (canonicalised unless asked otherwise). */
  parse(hcl: string, opts?: QueryOptions & { canonicalize?: boolean }): Promise<NomadJob>;
  /** A dry run with its diff (`nomad job plan`). */
  plan(job: NomadJob, opts?: QueryOptions): Promise<NomadJobPlanResponse>;
  /** `nomad job run [-check-index N]`; a `submission` is kept with the version (how a retried write recognises its own). */
  register(
    job: NomadJob,
    check?: { enforceIndex: number },
    opts?: QueryOptions & { submission?: { source: string; format?: 'hcl2' | 'json'; flags?: Record<string, string> } },
  ): Promise<NomadJobRegisterResponse>;
  /** The source version `version` was registered from; undefined when Nomad kept none. */
  submission(jobId: string, version: number, opts?: QueryOptions): Promise<NomadJobSubmission | undefined>;
  /** `nomad job scale`; `jobModifyIndex` makes it a check-and-set where the servers honour it. */
  scale(
    jobId: string,
    req: { group: string; count: number; message: string; meta?: Record<string, unknown>; jobModifyIndex?: number },
    opts?: QueryOptions,
  ): Promise<NomadJobRegisterResponse>;
  /** Whether every server honours scale's `jobModifyIndex` (Nomad 1.9 and later). */
  scaleChecksIndex(signal?: AbortSignal): Promise<boolean>;
  scaleStatus(jobId: string, opts?: QueryOptions): Promise<QueryResult<NomadJobScaleStatus>>;
  /** `nomad job stop [-purge]`. */
  stop(jobId: string, opts?: QueryOptions & { purge?: boolean }): Promise<NomadJobDeregisterResponse>;
}

export interface NomadEvaluationsPort {
  read(evalId: string, opts?: QueryOptions): Promise<QueryResult<NomadEvaluationWithPlacements>>;
  /** Newest first. */
  ofJob(jobId: string, opts?: QueryOptions): Promise<QueryResult<NomadEvaluationWithPlacements[]>>;
}

export interface NomadNodesPort {
  list(opts?: QueryOptions & { resources?: boolean }): Promise<QueryResult<NomadNodeStub[]>>;
  read(nodeId: string, opts?: QueryOptions): Promise<QueryResult<NomadNode>>;
  allocations(nodeId: string, opts?: QueryOptions): Promise<QueryResult<NomadAllocation[]>>;
  /** Host statistics the client measures now (its real free disk). */
  stats(nodeId: string, opts?: QueryOptions): Promise<QueryResult<NomadHostStats>>;
  /** Starts a drain (`spec`), or cancels one (`null`, with `markEligible` to schedule again). */
  drain(
    nodeId: string,
    spec: DrainSpec | null,
    o?: { markEligible?: boolean; meta?: Record<string, string> },
    opts?: QueryOptions,
  ): Promise<NomadNodeUpdateResponse>;
  eligibility(nodeId: string, eligibility: 'eligible' | 'ineligible', opts?: QueryOptions): Promise<NomadNodeUpdateResponse>;
}

export interface NomadAllocationsPort {
  list(opts?: QueryOptions & { prefix?: string; taskStates?: boolean }): Promise<QueryResult<NomadAllocationStub[]>>;
  /** Every allocation with its resources, page by page, folded as the pages arrive. */
  foldWithResources<A>(fold: PageFold<NomadAllocationStubWithResources, A>, opts?: QueryOptions & { perPage?: number }): Promise<QueryResult<A>>;
  byPrefix(prefix: string, opts?: QueryOptions): Promise<NomadAllocationStub[]>;
  read(allocId: string, opts?: QueryOptions): Promise<QueryResult<NomadAllocation>>;
  /** `nomad alloc restart [-task T]`. */
  restart(allocId: string, req?: { task?: string }, opts?: QueryOptions): Promise<void>;
}

export interface NomadLogsPort {
  read(allocId: string, req: LogRequest, signal?: AbortSignal): Promise<LogText>;
}

/** Nomad's servers: who leads, the Raft peers, the Serf members (a master rebuild checks them). */
export interface NomadClusterPort {
  /** `ip:port` of the Raft leader; `""` while there is none. */
  leader(): Promise<string>;
  peers(): Promise<string[]>;
  members(): Promise<NomadAgentMembers>;
}
