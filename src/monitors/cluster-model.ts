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
  /** Node class ('' when the node has none). */
  nodeClass: string;
  /** The client's Nomad version (`nomad.version`), '' when unknown. */
  version: string;
  /** ready, down, disconnected, initializing. */
  status: string;
  /** Epoch ms of the last status change (Nomad's StatusUpdatedAt when known). */
  statusSince: number;
  eligibility: string;
  drain: boolean;
  /** Epoch ms when the node became ineligible or started draining. */
  unschedulableSince?: number;
  /** Only the attributes detectors read (`KEPT_ATTRIBUTES`): a node reports dozens, times 20,000 nodes. */
  attributes?: Record<string, string>;
  diskMB?: number;
  reservedDiskMB?: number;
  modifyIndex: number;
  /** ModifyIndex of the last full read (or full event payload); a stub newer than this needs one. */
  detailedIndex: number;
}

/**
 * What the model keeps of an allocation: the fields the detectors read, nothing more (a farm of
 * 20,000 nodes has 200,000 of these). Strings that repeat (node, job, group, statuses) are shared,
 * and an allocation that never restarted shares one empty list.
 */
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
  restartTimes: readonly number[];
  /** The newest task event message, for the alert text. */
  lastEvent: string | undefined;
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

const NO_RESTARTS: readonly number[] = Object.freeze([]);

/**
 * One copy of each repeated string: JSON.parse makes a new string for every value longer than
 * 10 characters (V8 shares the shorter ones itself), so 200,000 allocations would otherwise hold
 * 200,000 copies of their nodes' IDs and names.
 */
export class StringPool {
  private readonly pool = new Map<string, string>();

  get(s: string): string {
    if (s.length <= 10) return s;
    const kept = this.pool.get(s);
    if (kept !== undefined) return kept;
    this.pool.set(s, s);
    return s;
  }

  get size(): number {
    return this.pool.size;
  }
}

/** Clients from 1.11.1 no longer report `unique.storage.bytesfree` (hashicorp/nomad#27019); an unknown version may. */
export function mayReportBytesfree(version: string | null | undefined): boolean {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version ?? '');
  if (!m) return true;
  const [maj, min, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return maj < 1 || (maj === 1 && (min < 11 || (min === 11 && patch < 1)));
}

export class ClusterModel {
  readonly nodes = new Map<string, NodeState>();
  readonly allocs = new Map<string, AllocState>();
  readonly jobs = new Map<string, JobState>();
  readonly disk = new Map<string, DiskReading>();
  /** Set once the first full read finished: before that, absence of a problem means nothing. */
  loaded = false;
  /** Set once the first disk check finished. */
  diskChecked = false;
  /** Allocations by node ID, kept in step with `allocs` (detectors ask per node, many times a pass). */
  private readonly byNode = new Map<string, AllocState[]>();
  /** Shared strings; a full read starts a new pool, so strings of nodes and jobs long gone are let go. */
  private strings = new StringPool();

  constructor(private readonly now: () => number) {}

  /** A full Node (GET /v1/node/:id or an event payload). */
  upsertNode(n: NomadNode): void {
    const prev = this.nodes.get(n.ID);
    const next = this.nodeFrom(n, prev);
    next.attributes = n.Attributes ? keptAttributes(n.Attributes) : (prev?.attributes ?? {});
    if (n.Attributes?.['nomad.version']) next.version = this.strings.get(n.Attributes['nomad.version']);
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
    const pool = this.strings;
    return {
      id: pool.get(n.ID),
      name: pool.get(n.Name),
      datacenter: pool.get(n.Datacenter),
      nodeClass: pool.get(n.NodeClass ?? prev?.nodeClass ?? ''),
      version: pool.get(n.Version ?? prev?.version ?? ''),
      status: pool.get(n.Status),
      statusSince,
      eligibility: pool.get(n.SchedulingEligibility),
      drain: n.Drain,
      ...(prev?.unschedulableSince !== undefined ? { unschedulableSince: prev.unschedulableSince } : {}),
      ...(prev?.attributes ? { attributes: prev.attributes } : {}),
      ...(diskMB !== undefined ? { diskMB } : {}),
      ...(reservedDiskMB !== undefined ? { reservedDiskMB } : {}),
      modifyIndex: n.ModifyIndex,
      detailedIndex: prev?.detailedIndex ?? -1,
    };
  }

  /**
   * IDs of the listed nodes whose details (attributes, status time, drain start) are older than
   * the list and matter: clients that may report `unique.storage.bytesfree` (< 1.11.1), and nodes
   * that are not ready, or ready but taking no work. A ready, eligible current client needs
   * nothing the list does not say, so a farm of 20,000 of them is read in a few list pages.
   */
  staleNodes(stubs: readonly NomadNodeStubWithResources[]): string[] {
    return stubs.filter((s) => needsDetails(s) && (this.nodes.get(s.ID)?.detailedIndex ?? -1) < s.ModifyIndex).map((s) => s.ID);
  }

  /**
   * Replaces the node set with a full list (and the details read for the stale ones). `pool`: the
   * full read's strings (`freshStrings`), from now on the model's, so nodes and their allocations share them.
   */
  replaceNodes(stubs: readonly NomadNodeStubWithResources[], details: readonly NomadNode[] = [], pool?: StringPool): void {
    if (pool) this.strings = pool;
    const seen = new Set(stubs.map((s) => s.ID));
    for (const id of this.nodes.keys()) if (!seen.has(id)) this.nodes.delete(id);
    for (const s of stubs) this.upsertNodeStub(s);
    for (const n of details) this.upsertNode(n);
  }

  upsertAlloc(a: NomadAllocationWithResources): void {
    const next = this.allocState(a);
    this.unindex(this.allocs.get(a.ID));
    this.allocs.set(a.ID, next);
    this.index(next);
  }

  /**
   * A new pool for a full read (`allocState` with it, then `replaceNodes` and `replaceAllocs`):
   * strings of nodes and jobs gone since the last read are not kept forever.
   */
  freshStrings(): StringPool {
    return new StringPool();
  }

  /** What the model keeps of an allocation (a full read converts page by page, then `replaceAllocs`). */
  allocState(a: NomadAllocationWithResources, pool: StringPool = this.strings): AllocState {
    const { restarts, restartTimes, lastEvent } = taskSummary(a.TaskStates);
    const nodeName = a.NodeName ?? this.nodes.get(a.NodeID)?.name ?? a.NodeID.slice(0, 8);
    return {
      id: a.ID,
      name: a.Name,
      jobId: pool.get(a.JobID),
      taskGroup: pool.get(a.TaskGroup),
      nodeId: pool.get(a.NodeID),
      nodeName: pool.get(nodeName),
      desiredStatus: pool.get(a.DesiredStatus),
      clientStatus: pool.get(a.ClientStatus),
      diskMB: a.AllocatedResources?.Shared?.DiskMB ?? 0,
      restarts,
      restartTimes,
      lastEvent,
      modifyTime: Math.floor(a.ModifyTime / 1e6),
    };
  }

  /**
   * Restart counts come from task states, which the full read leaves out (200,000 allocations with
   * their task events would cost seconds and hundreds of MB); the builders' are read separately.
   */
  setTaskStates(allocId: string, taskStates: NomadAllocationWithResources['TaskStates']): void {
    const a = this.allocs.get(allocId);
    if (!a) return;
    const { restarts, restartTimes, lastEvent } = taskSummary(taskStates);
    a.restarts = restarts;
    a.restartTimes = restartTimes;
    a.lastEvent = lastEvent;
  }

  /** Swaps in a full read at once, so detectors never see half of one. */
  replaceAllocs(next: ReadonlyMap<string, AllocState>): void {
    this.allocs.clear();
    this.byNode.clear();
    for (const [id, a] of next) {
      this.allocs.set(id, a);
      this.index(a);
    }
  }

  private index(a: AllocState): void {
    const list = this.byNode.get(a.nodeId);
    if (list) list.push(a);
    else this.byNode.set(a.nodeId, [a]);
  }

  private unindex(a: AllocState | undefined): void {
    if (!a) return;
    const list = this.byNode.get(a.nodeId);
    const i = list?.indexOf(a) ?? -1;
    if (i < 0) return;
    list!.splice(i, 1);
    if (list!.length === 0) this.byNode.delete(a.nodeId);
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
    return (node.diskMB - (node.reservedDiskMB ?? 0) - this.liveDiskMB(nodeId)) * MIB;
  }

  /** Σ ephemeral disk of the node's allocations that are not terminal. */
  liveDiskMB(nodeId: string): number {
    let mb = 0;
    for (const a of this.allocsOn(nodeId)) if (!isTerminal(a)) mb += a.diskMB;
    return mb;
  }

  /** Allocations on a node (terminal ones too, until Nomad garbage-collects them). Read-only. */
  allocsOn(nodeId: string): readonly AllocState[] {
    return this.byNode.get(nodeId) ?? NO_ALLOCS;
  }
}

const NO_ALLOCS: readonly AllocState[] = Object.freeze([]);

/** Whether a node's full read says anything the list does not (see `staleNodes`). */
function needsDetails(s: NomadNodeStubWithResources): boolean {
  return mayReportBytesfree(s.Version) || s.Status !== 'ready' || s.Drain || s.SchedulingEligibility !== 'eligible';
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

function taskSummary(taskStates: NomadAllocationWithResources['TaskStates']): {
  restarts: number;
  restartTimes: readonly number[];
  lastEvent: string | undefined;
} {
  if (!taskStates) return { restarts: 0, restartTimes: NO_RESTARTS, lastEvent: undefined };
  const states = Object.values(taskStates);
  const events = states.flatMap((s) => s.Events ?? []).sort((x, y) => (x.Time ?? 0) - (y.Time ?? 0));
  const last = events.at(-1);
  const lastEvent = last?.DisplayMessage || last?.Message || last?.Type;
  const restartTimes = events.filter((e) => e.Type === 'Restarting' && e.Time).map((e) => Math.floor((e.Time ?? 0) / 1e6));
  return {
    restarts: states.reduce((sum, s) => sum + (s.Restarts ?? 0), 0),
    restartTimes: restartTimes.length ? restartTimes : NO_RESTARTS,
    lastEvent: lastEvent || undefined,
  };
}
