/**
 * Keeps the cluster model current: Nomad's event stream for low latency, full reads on a timer
 * (and after every reconnect) so a missed event is corrected, and the disk check on its own timer.
 */
import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import type { Clock, Timer } from '../clock.js';
import { describeError } from '../errors.js';
import { followEventStream } from '../nomad/event-stream.js';
import type { Nomad } from '../nomad/index.js';
import type { NomadEvent } from '../nomad/schemas/events.js';
import { NomadJob } from '../nomad/schemas/jobs.js';
import { NomadNode } from '../nomad/schemas/nodes.js';
import { ClusterModel, type AllocState } from './cluster-model.js';
import type { MonitorsConfig } from './config.js';
import { matchesAny } from './glob.js';
import { mapLimit } from './limit.js';
import { NomadAllocationWithResources, clusterReads, type ClusterReads } from './nomad-reads.js';

export type WatchLog = Pick<Logger, 'debug' | 'info' | 'warn'>;

/** Events newer than a full read are re-applied on top of it; this many are kept for that. */
const REPLAY_BUFFER = 2000;
const TOPICS = ['Node', 'Allocation', 'Job'];

export class ClusterWatcher {
  readonly model: ClusterModel;
  private readonly reads: ClusterReads;
  private readonly abort = new AbortController();
  private readonly timers: Timer[] = [];
  private recent: NomadEvent[] = [];
  private running: Promise<unknown>[] = [];
  private reconciling: Promise<void> | undefined;
  private checking: Promise<void> | undefined;
  /** Counters for tests and metrics. */
  readonly stats = {
    events: 0,
    reconciles: 0,
    diskChecks: 0,
    streamErrors: 0,
    connects: 0,
    staleEvents: 0,
    /** How long the last full read and the last disk check took (ms), for /metrics: they grow with the farm. */
    lastReconcileMs: 0,
    lastDiskCheckMs: 0,
  };
  /** Why Nomad will not serve the event stream (and which ACL the token needs); undefined while it does. For /readyz. */
  streamProblem: string | undefined;
  /** X-Nomad-Index of the last full read, per topic: events at or below it are older than what the model holds. */
  private readIndex = { nodes: 0, allocs: 0 };

  constructor(
    private readonly nomad: Nomad,
    private readonly cfg: MonitorsConfig,
    private readonly log: WatchLog,
    private readonly onChange: () => void,
    private readonly clock: Clock,
  ) {
    this.model = new ClusterModel(() => clock.now());
    this.reads = clusterReads(nomad);
    // Every read in flight listens on this signal (up to `concurrency` at once, plus the stream).
    setMaxListeners(cfg.disk.concurrency * 4 + 16, this.abort.signal);
  }

  start(): void {
    const signal = this.abort.signal;
    this.running.push(
      followEventStream(this.nomad.client, {
        topics: TOPICS,
        signal,
        heartbeatTimeoutMs: this.cfg.heartbeatTimeoutMs,
        onEvents: (events) => this.apply(events),
        onConnect: ({ reconnects, index }) => {
          this.stats.connects += 1;
          this.log.debug({ reconnects, index }, 'nomad event stream connected');
          // Whatever happened while we were away is read in full.
          if (reconnects > 0) void this.reconcile();
        },
        onError: (err, retryInMs) => {
          this.stats.streamErrors += 1;
          this.log.warn({ err: describeError(err), retryInMs }, 'nomad event stream interrupted');
        },
        onRefused: (problem) => {
          this.streamProblem = problem;
          if (problem) this.log.warn({ problem }, 'nomad event stream refused: alerts rely on the periodic full reads until the token is fixed');
          else this.log.info('nomad event stream served again');
        },
      }),
    );
    void this.reconcile().then(() => this.checkDisks());
    this.every(this.cfg.reconcileIntervalMs, () => this.reconcile());
    this.every(this.cfg.disk.checkIntervalMs, () => this.checkDisks());
  }

  async stop(): Promise<void> {
    this.abort.abort();
    for (const t of this.timers) t.cancel();
    await Promise.allSettled([...this.running, this.reconciling, this.checking]);
  }

  private every(ms: number, fn: () => Promise<void>): void {
    this.timers.push(this.clock.every(ms, () => void fn()));
  }

  /**
   * Full reads of nodes, allocations and builder jobs, swapped into the model at once at the end
   * (detectors never see new nodes with old allocations); events newer than the reads are replayed.
   */
  reconcile(): Promise<void> {
    this.reconciling ??= this.readAll().finally(() => {
      this.reconciling = undefined;
    });
    return this.reconciling;
  }

  private async readAll(): Promise<void> {
    const signal = this.abort.signal;
    const started = performance.now();
    try {
      const nodes = await this.reads.nodes(signal);
      const stale = this.model.staleNodes(nodes.data);
      const details = await mapLimit(stale, this.cfg.disk.concurrency, (id) => this.reads.node(id, signal).catch(() => undefined));
      const pool = this.model.freshStrings();
      const allocs = await this.reads.allocations<Map<string, AllocState>>(
        {
          start: () => new Map(),
          add: (into, page) => {
            for (const a of page) into.set(a.ID, this.model.allocState(a, pool));
          },
        },
        signal,
      );
      const jobs = (await this.reads.jobs(signal)).filter((j) => matchesAny(j.ID, this.cfg.builderJobs));
      const changed = jobs.filter((j) => this.model.jobs.get(j.ID)?.jobModifyIndex !== j.JobModifyIndex);
      const changedJobs = await mapLimit(changed, this.cfg.disk.concurrency, (j) => this.reads.job(j.ID, signal));
      // Task states (restart loops) only for the builders: the full read above leaves them out.
      const taskStates = await mapLimit(jobs, this.cfg.disk.concurrency, (j) => this.reads.jobAllocations(j.ID, signal).catch(() => []));

      this.model.replaceNodes(
        nodes.data,
        details.filter((n) => n !== undefined),
        pool,
      );
      this.model.replaceAllocs(allocs.data);
      for (const id of this.model.jobs.keys()) if (!jobs.some((j) => j.ID === id)) this.model.removeJob(id);
      for (const job of changedJobs) if (job) this.model.upsertJob(job);
      for (const list of taskStates) for (const a of list) this.model.setTaskStates(a.ID, a.TaskStates);
      this.readIndex = { nodes: nodes.index, allocs: allocs.index };
      this.replay();
      this.model.loaded = true;
      this.stats.lastReconcileMs = performance.now() - started;
      this.stats.reconciles += 1;
      this.onChange();
    } catch (err) {
      if (!signal.aborted) this.log.warn({ err: describeError(err) }, 'nomad full read failed; retrying on the next reconcile');
    }
  }

  /** `/v1/client/stats` of every ready client without bytesfree, at most `concurrency` in flight. */
  checkDisks(): Promise<void> {
    this.checking ??= this.readDisks().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  private async readDisks(): Promise<void> {
    if (!this.model.loaded || this.abort.signal.aborted) return;
    const started = performance.now();
    const nodes = [...this.model.nodes.values()].filter((n) => n.status === 'ready' && n.attributes?.['unique.storage.bytesfree'] === undefined);
    await mapLimit(nodes, this.cfg.disk.concurrency, async (n) => {
      try {
        const accountingBefore = this.model.nomadFreeBytes(n.id);
        const dir = (await this.reads.hostStats(n.id, this.abort.signal)).AllocDirStats;
        if (dir) this.model.recordDisk(n.id, { availableBytes: dir.Available, sizeBytes: dir.Size }, accountingBefore, this.clock.now());
      } catch (err) {
        this.model.disk.delete(n.id);
        this.log.debug({ node: n.name, err: describeError(err) }, 'client stats unavailable');
      }
    });
    if (this.abort.signal.aborted) return;
    this.model.diskChecked = true;
    this.stats.lastDiskCheckMs = performance.now() - started;
    this.stats.diskChecks += 1;
    this.onChange();
  }

  private apply(events: NomadEvent[]): void {
    // Not push(...events): one line of a big plan can carry more events than a call takes arguments.
    this.recent = this.recent.concat(events);
    if (this.recent.length > REPLAY_BUFFER) this.recent = this.recent.slice(-REPLAY_BUFFER);
    this.stats.events += events.length;
    // Before the first full read there is nothing to update: the read replays what is newer than it.
    if (!this.model.loaded) return;
    for (const e of events) this.applyOne(e);
    this.onChange();
  }

  /** Re-applies the events newer than the full read (applyOne skips the older ones). */
  private replay(): void {
    for (const e of this.recent) this.applyOne(e);
  }

  /** Whether the last full read already holds what `e` says (its topic's list was read at or after it). */
  private older(e: NomadEvent): boolean {
    const read =
      e.Topic === 'Node' ? this.readIndex.nodes : e.Topic === 'Allocation' ? this.readIndex.allocs : Math.min(this.readIndex.nodes, this.readIndex.allocs);
    return e.Index <= read;
  }

  private applyOne(e: NomadEvent): void {
    // A first connection replays Nomad's event buffer: what is older than the last full read would
    // take the model back in time (a node down an hour ago, an allocation since replaced).
    if (this.older(e)) {
      this.stats.staleEvents += 1;
      return;
    }
    try {
      if (e.Topic === 'Node') {
        if (e.Type === 'NodeDeregistration') this.model.nodes.delete(e.Key);
        else this.model.upsertNode(NomadNode.parse(e.Payload.Node));
      } else if (e.Topic === 'Allocation') {
        this.model.upsertAlloc(NomadAllocationWithResources.parse(e.Payload.Allocation));
      } else if (e.Topic === 'Job' && matchesAny(e.Key, this.cfg.builderJobs)) {
        if (e.Payload.Deleted === true) this.model.removeJob(e.Key);
        else this.model.upsertJob(NomadJob.parse(e.Payload.Job));
      }
    } catch (err) {
      // The next full read corrects whatever this event would have told us.
      this.log.warn({ topic: e.Topic, type: e.Type, key: e.Key, err: describeError(err) }, 'nomad event not understood');
    }
  }
}
