/**
 * The simulated cluster's state store: one Raft-like index, per-table indexes (for blocking
 * queries), the event log (for the event stream) and a request counter. Queryable in-process.
 */
import { IdGenerator } from '../ids.js';
import type { JsonObject, NomadAllocation, NomadEvaluation, NomadJob, NomadNode, NomadScalingEvent, NomadStreamEvent, SimNodeDisk } from '../types.js';

export type StateTable = 'jobs' | 'job_summary' | 'allocs' | 'evals' | 'nodes' | 'scaling_event';

export interface JobRecord {
  job: NomadJob;
  /** Scaling events per task group, newest first. */
  scaleEvents: Record<string, NomadScalingEvent[]>;
  /** JobSubmission by job version (nomad/state updateJobSubmission), when the register carried one. */
  submissions?: Map<number, JsonObject>;
  summaryModifyIndex: number;
  summaryCreateIndex: number;
}

/** `{"Index":N,"Events":[...]}` lines of the event stream. */
export interface EventBatch {
  Index: number;
  Events: NomadStreamEvent[];
}

/** Nomad's `event_buffer_size` default (command/agent/config.go): the batches a stream can replay or resume from. */
export const DEFAULT_EVENT_BUFFER = 100;

/**
 * `random`: Nomad's uniform stagger in [0, wait/16); `max`: always the whole wait/16, the worst
 * case a client's timeout must cover (tests); `none`: exactly the wait.
 */
export type BlockingJitter = 'random' | 'max' | 'none';

/** One blocking query as the server saw it: how long it held the answer, and whether the client hung up first. */
export interface BlockingHold {
  path: string;
  waitMs: number;
  heldMs: number;
  /** The client closed the connection before the answer (its timeout was shorter than the hold). */
  abandoned: boolean;
}

/**
 * The allocations table, with an index by job as Nomad's state store has (`allocs` by `job`):
 * the job list's summaries and per-job reads would otherwise scan every allocation of the farm
 * once per job (400 jobs × 200,000 allocations on a 20,000-node farm).
 */
export class AllocTable extends Map<string, NomadAllocation> {
  private readonly byJob = new Map<string, NomadAllocation[]>();

  override set(id: string, a: NomadAllocation): this {
    const prev = super.get(id);
    if (prev !== a) {
      if (prev) this.drop(prev);
      const key = `${a.Namespace}/${a.JobID}`;
      const list = this.byJob.get(key);
      if (list) list.push(a);
      else this.byJob.set(key, [a]);
    }
    return super.set(id, a);
  }

  override delete(id: string): boolean {
    const prev = super.get(id);
    if (prev) this.drop(prev);
    return super.delete(id);
  }

  override clear(): void {
    this.byJob.clear();
    super.clear();
  }

  /** The job's allocations, oldest first (a copy). */
  ofJob(jobId: string, namespace: string): NomadAllocation[] {
    return [...(this.byJob.get(`${namespace}/${jobId}`) ?? [])];
  }

  private drop(a: NomadAllocation): void {
    const list = this.byJob.get(`${a.Namespace}/${a.JobID}`);
    const i = list?.indexOf(a) ?? -1;
    if (i >= 0) list!.splice(i, 1);
  }
}

export class NomadClusterState {
  /** The global Raft index; every write increments it. */
  index = 1;
  readonly ids: IdGenerator;
  readonly tables: Record<StateTable, number> = { jobs: 1, job_summary: 1, allocs: 1, evals: 1, nodes: 1, scaling_event: 1 };
  readonly records = new Map<string, JobRecord>();
  readonly nodes = new Map<string, NomadNode>();
  readonly disks = new Map<string, SimNodeDisk>();
  readonly allocs = new AllocTable();
  readonly evals = new Map<string, NomadEvaluation>();
  readonly eventLog: EventBatch[] = [];
  /** Requests seen, keyed `METHOD /path` (no query string). */
  readonly requests = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  /** Servers that stopped answering (a master VM rebooting or being rebuilt): `failed` in members. */
  readonly failedServers = new Set<string>();
  /** Index into `servers` of the Raft leader; moves when the leader fails. */
  leader = 0;
  /** How many batches of events the broker keeps (nomad/stream eventBuffer). */
  eventBufferSize = DEFAULT_EVENT_BUFFER;
  /** Blocking queries: the jitter the server adds, and every query that blocked (tests read it). */
  readonly blocking: { jitter: BlockingJitter; held: BlockingHold[] } = { jitter: 'random', held: [] };

  constructor(
    seed: number,
    readonly region: string,
    readonly servers: string[],
  ) {
    this.ids = new IdGenerator(seed);
  }

  job(id: string, namespace = 'default'): NomadJob | undefined {
    return this.records.get(`${namespace}/${id}`)?.job;
  }

  record(id: string, namespace = 'default'): JobRecord | undefined {
    return this.records.get(`${namespace}/${id}`);
  }

  jobs(): NomadJob[] {
    return [...this.records.values()].map((r) => r.job).sort((a, b) => a.ID.localeCompare(b.ID));
  }

  /** Allocations, oldest first; of one job when `jobId` is given. */
  allocations(jobId?: string, namespace = 'default'): NomadAllocation[] {
    return jobId === undefined ? [...this.allocs.values()] : this.allocs.ofJob(jobId, namespace);
  }

  evaluations(jobId?: string): NomadEvaluation[] {
    const all = [...this.evals.values()];
    return jobId === undefined ? all : all.filter((e) => e.JobID === jobId);
  }

  /** A node by full ID or by name. */
  node(nameOrId: string): NomadNode | undefined {
    const byId = this.nodes.get(nameOrId);
    if (byId) return byId;
    for (const n of this.nodes.values()) if (n.Name === nameOrId) return n;
    return undefined;
  }

  /** How many requests `METHOD /path` were received, e.g. `requestCount('POST /v1/job/x/scale')`. */
  requestCount(key: string): number {
    return this.requests.get(key) ?? 0;
  }

  countRequest(method: string, path: string): void {
    const key = `${method} ${path}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
  }

  /** Allocates the next Raft index. */
  nextIndex(): number {
    this.index += 1;
    return this.index;
  }

  /** Records a finished write: table indexes, its events, and wakes blocked readers. */
  commit(index: number, tables: StateTable[], events: Array<Omit<NomadStreamEvent, 'Index'>> = []): void {
    for (const t of tables) this.tables[t] = Math.max(this.tables[t], index);
    if (events.length > 0) {
      const stamped = events.map((e) => ({ ...e, Index: index }));
      const last = this.eventLog[this.eventLog.length - 1];
      if (last && last.Index === index) last.Events.push(...stamped);
      else this.eventLog.push({ Index: index, Events: stamped });
      if (this.eventLog.length > this.eventBufferSize) this.eventLog.splice(0, this.eventLog.length - this.eventBufferSize);
    }
    for (const l of [...this.listeners]) l();
  }

  /** Calls `fn` after every commit; returns the unsubscribe function. */
  onCommit(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
