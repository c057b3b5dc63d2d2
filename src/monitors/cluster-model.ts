/**
 * What the watch knows about the cluster: nodes, allocations and builder jobs, kept current by
 * the event stream and replaced wholesale by the reconciler's full reads. Detectors read it.
 */
import type { NomadNode } from '../nomad/schemas/nodes.js';
import type { NomadJob } from '../nomad/schemas/jobs.js';
import type { NomadAllocationWithResources, NomadNodeStubWithResources } from './nomad-reads.js';

export interface NodeState {
  id: string;
  name: string;
  datacenter: string;
  /** ready, down, disconnected, initializing. */
  status: string;
  /** Epoch ms of the last status change (Nomad's StatusUpdatedAt when known). */
  statusSince: number;
  eligibility: string;
  drain: boolean;
  /** Epoch ms when the node became ineligible or started draining. */
  unschedulableSince?: number;
  /** Only the attributes detectors read (`KEPT_ATTRIBUTES`): a node reports dozens, times 5,000 nodes. */
  attributes?: Record<string, string>;
  diskMB?: number;
  reservedDiskMB?: number;
  modifyIndex: number;
  /** ModifyIndex of the last full read (or full event payload); a stub newer than this needs one. */
  detailedIndex: number;
}

export interface AllocState {
  id: string;
  name: string;
  jobId: string;
  taskGroup: string;
  nodeId: string;
  nodeName: string;
  desiredStatus: string;
  clientStatus: string;
  /** Ephemeral disk (AllocatedResources.Shared.DiskMB). */
  diskMB: number;
  restarts: number;
  /** Epoch ms of the task events of type `Restarting` Nomad still keeps (the last 10 per task). */
  restartTimes: number[];
  /** The newest task event message, for the alert text. */
  lastEvent?: string;
  modifyTime: number;
}

export interface JobState {
  id: string;
  stopped: boolean;
  /** Desired count per task group. */
  groups: Record<string, number>;
  jobModifyIndex: number;
}

/** One measurement of a node's alloc dir, with Nomad's accounting at the same moment. */
export interface DiskMeasure {
  /** AllocDirStats.Available: the real free space of the alloc dir. */
  availableBytes: number;
  /**
   * Nomad's free disk by the model when the measurement was taken. Drift compares the two, never a
   * measurement with a later accounting: a node back from down, or an allocation stopped since,
   * would otherwise look like minutes of drift until the next disk check.
   */
  nomadFreeBytes: number | undefined;
}

export interface DiskReading extends DiskMeasure {
  sizeBytes: number;
  at: number;
  /** The measurement before this one: drift must show in two in a row (a lost allocation's dir stays until the client collects it). */
  previous?: DiskMeasure;
}

/** What nomad-diskfree reads; the rest of a node's attributes is not kept. */
const KEPT_ATTRIBUTES = ['unique.storage.bytesfree', 'unique.storage.bytestotal'] as const;

function keptAttributes(all: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const k of KEPT_ATTRIBUTES) if (all[k] !== undefined) kept[k] = all[k];
  return kept;
}

const MIB = 1024 * 1024;

const TERMINAL_CLIENT = new Set(['complete', 'failed', 'lost']);

/** Nomad's TerminalStatus(): the scheduler no longer counts such an allocation's resources. */
export const isTerminal = (a: AllocState) => a.desiredStatus !== 'run' || TERMINAL_CLIENT.has(a.clientStatus);

export class ClusterModel {
  readonly nodes = new Map<string, NodeState>();
  readonly allocs = new Map<string, AllocState>();
  readonly jobs = new Map<string, JobState>();
  readonly disk = new Map<string, DiskReading>();
  /** Set once the first full read finished: before that, absence of a problem means nothing. */
  loaded = false;
  /** Set once the first disk check finished. */
  diskChecked = false;
  /** allocsOn's index, rebuilt after any allocation change. */
  private byNode: Map<string, AllocState[]> | undefined;

  constructor(private readonly now: () => number) {}

  /** A full Node (GET /v1/node/:id or an event payload). */
  upsertNode(n: NomadNode): void {
    const prev = this.nodes.get(n.ID);
    const next = this.nodeFrom(n, prev);
    next.attributes = n.Attributes ? keptAttributes(n.Attributes) : (prev?.attributes ?? {});
    next.detailedIndex = n.ModifyIndex;
    if (typeof n.StatusUpdatedAt === 'number' && n.StatusUpdatedAt > 0) next.statusSince = n.StatusUpdatedAt * 1000;
    next.unschedulableSince = unschedulableSince(n, prev, this.now());
    this.nodes.set(n.ID, next);
  }

  /** A list stub: status and eligibility are current, the rest is kept from the last full read. */
  upsertNodeStub(n: NomadNodeStubWithResources): void {
    const prev = this.nodes.get(n.ID);
    const next = this.nodeFrom(n, prev);
    if (!next.drain && next.eligibility === 'eligible') delete next.unschedulableSince;
    else next.unschedulableSince = prev?.unschedulableSince ?? drainStart(n) ?? this.now();
    this.nodes.set(n.ID, next);
  }

  private nodeFrom(n: NomadNodeStubWithResources | NomadNode, prev: NodeState | undefined): NodeState {
    const statusSince = prev && prev.status === n.Status ? prev.statusSince : this.now();
    const diskMB = n.NodeResources?.Disk?.DiskMB ?? prev?.diskMB;
    const reservedDiskMB = n.ReservedResources?.Disk?.DiskMB ?? prev?.reservedDiskMB;
    return {
      id: n.ID,
      name: n.Name,
      datacenter: n.Datacenter,
      status: n.Status,
      statusSince,
      eligibility: n.SchedulingEligibility,
      drain: n.Drain,
      ...(prev?.unschedulableSince !== undefined ? { unschedulableSince: prev.unschedulableSince } : {}),
      ...(prev?.attributes ? { attributes: prev.attributes } : {}),
      ...(diskMB !== undefined ? { diskMB } : {}),
      ...(reservedDiskMB !== undefined ? { reservedDiskMB } : {}),
      modifyIndex: n.ModifyIndex,
      detailedIndex: prev?.detailedIndex ?? -1,
    };
  }

  /** IDs of the listed nodes whose details (attributes, resources) are older than the list. */
  staleNodes(stubs: readonly NomadNodeStubWithResources[]): string[] {
    return stubs.filter((s) => (this.nodes.get(s.ID)?.detailedIndex ?? -1) < s.ModifyIndex).map((s) => s.ID);
  }

  /** Replaces the node set with a full list (and the details read for the stale ones). */
  replaceNodes(stubs: readonly NomadNodeStubWithResources[], details: readonly NomadNode[] = []): void {
    const seen = new Set(stubs.map((s) => s.ID));
    for (const id of this.nodes.keys()) if (!seen.has(id)) this.nodes.delete(id);
    for (const s of stubs) this.upsertNodeStub(s);
    for (const n of details) this.upsertNode(n);
  }

  upsertAlloc(a: NomadAllocationWithResources): void {
    this.byNode = undefined;
    this.allocs.set(a.ID, this.allocState(a));
  }

  /** What the model keeps of an allocation (a full read converts page by page, then `replaceAllocs`). */
  allocState(a: NomadAllocationWithResources): AllocState {
    const { restarts, restartTimes, lastEvent } = taskSummary(a.TaskStates);
    return {
      id: a.ID,
      name: a.Name,
      jobId: a.JobID,
      taskGroup: a.TaskGroup,
      nodeId: a.NodeID,
      nodeName: a.NodeName ?? this.nodes.get(a.NodeID)?.name ?? a.NodeID.slice(0, 8),
      desiredStatus: a.DesiredStatus,
      clientStatus: a.ClientStatus,
      diskMB: a.AllocatedResources?.Shared?.DiskMB ?? 0,
      restarts,
      restartTimes,
      ...(lastEvent ? { lastEvent } : {}),
      modifyTime: Math.floor(a.ModifyTime / 1e6),
    };
  }

  /**
   * Restart counts come from task states, which the full read leaves out (50,000 allocations with
   * their task events would cost seconds and hundreds of MB); the builders' are read separately.
   */
  setTaskStates(allocId: string, taskStates: NomadAllocationWithResources['TaskStates']): void {
    const a = this.allocs.get(allocId);
    if (!a) return;
    const { restarts, restartTimes, lastEvent } = taskSummary(taskStates);
    this.allocs.set(allocId, { ...a, restarts, restartTimes, ...(lastEvent ? { lastEvent } : {}) });
  }

  /** Swaps in a full read at once, so detectors never see half of one. */
  replaceAllocs(next: ReadonlyMap<string, AllocState>): void {
    this.byNode = undefined;
    this.allocs.clear();
    for (const [id, a] of next) this.allocs.set(id, a);
  }

  upsertJob(job: NomadJob): void {
    const groups: Record<string, number> = {};
    for (const g of job.TaskGroups ?? []) groups[g.Name] = g.Count ?? 1;
    this.jobs.set(job.ID, { id: job.ID, stopped: job.Stop === true, groups, jobModifyIndex: job.JobModifyIndex ?? 0 });
  }

  removeJob(id: string): void {
    this.jobs.delete(id);
  }

  /**
   * Keeps a measurement of the node's alloc dir. `accountingBefore` is `nomadFreeBytes` from when it
   * was requested: if the allocations changed while it travelled, it belongs to neither state and
   * is dropped (the last reading stays).
   */
  recordDisk(nodeId: string, measured: { availableBytes: number; sizeBytes: number }, accountingBefore: number | undefined, at: number): void {
    const nomadFreeBytes = this.nomadFreeBytes(nodeId);
    if (nomadFreeBytes !== accountingBefore) return;
    const last = this.disk.get(nodeId);
    this.disk.set(nodeId, {
      ...measured,
      nomadFreeBytes,
      at,
      ...(last ? { previous: { availableBytes: last.availableBytes, nomadFreeBytes: last.nomadFreeBytes } } : {}),
    });
  }

  /** What Nomad's scheduler counts free on the node: DiskMB − reserved − ephemeral disk of live allocations. */
  nomadFreeBytes(nodeId: string): number | undefined {
    const node = this.nodes.get(nodeId);
    if (node?.diskMB === undefined) return undefined;
    const liveMB = this.allocsOn(nodeId).reduce((sum, a) => sum + (isTerminal(a) ? 0 : a.diskMB), 0);
    return (node.diskMB - (node.reservedDiskMB ?? 0) - liveMB) * MIB;
  }

  /** Allocations on a node (terminal ones too, until Nomad garbage-collects them). */
  allocsOn(nodeId: string): AllocState[] {
    if (!this.byNode) {
      const byNode = new Map<string, AllocState[]>();
      for (const a of this.allocs.values()) {
        const list = byNode.get(a.nodeId);
        if (list) list.push(a);
        else byNode.set(a.nodeId, [a]);
      }
      this.byNode = byNode;
    }
    return this.byNode.get(nodeId) ?? [];
  }
}

function drainStart(n: NomadNodeStubWithResources | NomadNode): number | undefined {
  const started = (n as NomadNode).DrainStrategy?.StartedAt ?? (n.LastDrain?.Status === 'draining' ? n.LastDrain.StartedAt : undefined);
  const ms = started ? Date.parse(started) : NaN;
  return n.Drain && Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/** When a node stopped taking work: the drain's start, or the node event that marked it ineligible. */
function unschedulableSince(n: NomadNode, prev: NodeState | undefined, now: number): number | undefined {
  if (!n.Drain && n.SchedulingEligibility === 'eligible') return undefined;
  const fromDrain = drainStart(n);
  if (fromDrain !== undefined) return fromDrain;
  const marked = [...(n.Events ?? [])].reverse().find((e) => /ineligible|drain strategy set/i.test(e.Message));
  const ms = marked?.Timestamp ? Date.parse(marked.Timestamp) : NaN;
  if (Number.isFinite(ms) && ms > 0) return ms;
  return prev?.unschedulableSince ?? now;
}

function taskSummary(taskStates: NomadAllocationWithResources['TaskStates']): { restarts: number; restartTimes: number[]; lastEvent?: string } {
  const states = Object.values(taskStates ?? {});
  const events = states.flatMap((s) => s.Events ?? []).sort((x, y) => (x.Time ?? 0) - (y.Time ?? 0));
  const last = events.at(-1);
  const lastEvent = last?.DisplayMessage || last?.Message || last?.Type;
  return {
    restarts: states.reduce((sum, s) => sum + (s.Restarts ?? 0), 0),
    restartTimes: events.filter((e) => e.Type === 'Restarting' && e.Time).map((e) => Math.floor((e.Time ?? 0) / 1e6)),
    ...(lastEvent ? { lastEvent } : {}),
  };
}
