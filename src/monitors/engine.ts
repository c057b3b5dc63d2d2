/**
 * The cluster watch: whoever holds the Redis lease follows Nomad, runs the detectors and the
 * alert lifecycle; every replica can set silences and list alerts (they live in Redis).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { DurableWrites } from '../redis/replica-wait.js';
import type { Logger } from 'pino';
import type { Clock, Timer } from '../clock.js';
import { describeError, UserFacingError } from '../errors.js';
import type { Nomad } from '../nomad/index.js';
import type { AlertListing } from './alerts/listing.js';
import { AlertManager } from './alerts/manager.js';
import { AlertStore } from './alerts/store.js';
import type { AlertGroup, AlertMember, AlertSink, RemediationFailed, Silence } from './alerts/types.js';
import { MonitorsConfig, type MonitorsConfigInput } from './config.js';
import { DetectorMemory, detectAll, holdTimes } from './detectors/index.js';
import { BUILTIN_KINDS, type AlertFact } from './facts.js';
import { type FarmNode, farmNodes } from './farm-view.js';
import { isGlob } from './glob.js';
import { silenceFor } from './alerts/silences.js';
import { editDistance } from '../operations/index.js';
import { MonitorLease } from './lease.js';
import { reviewWindow, type MaintenanceRequest, type MaintenanceWindow } from './maintenance.js';
import { MASTER_HEALTH_KIND, masterHealthFacts, type MasterHealthCheck } from './master-health.js';
import { clock } from './time-text.js';
import { ClusterWatcher } from './watcher.js';

export interface ClusterWatchOptions {
  nomad: Nomad;
  redis: Redis;
  /** Waits for a replica after the alert writes that must survive a Redis failover (default: none). */
  durable?: DurableWrites;
  sink: AlertSink;
  config?: MonitorsConfigInput;
  /** Redis key prefix shared with the rest of the bot, e.g. `ci-chatops`. */
  keyPrefix: string;
  log: Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
  /** This replica's name in the lease (default host:pid:random). */
  owner?: string;
  /** Time and timers of the watch, its detectors, alert lifecycle, Slack pacing and lease. */
  clock: Clock;
  /** The masters' checklist, run by the leader: its problems become master-health alerts. */
  masterHealth?: MasterHealthCheck;
}

export interface SilenceRequest {
  /** An alert id (`al-…`), a group id (`ag-…`), a fingerprint, a node/job name or a glob (`alibuild0*`). */
  target: string;
  durationMs: number;
  reason: string;
  /** Slack user id of whoever silenced it. */
  by: string;
}

/** What a button's alert id stands for. */
export interface AlertRef {
  id: string;
  kind: string;
  channel: string;
  ts?: string;
  /** The member facts (one for an `al-` id, all of the group for an `ag-` id). */
  facts: AlertFact[];
  /** For an `al-` id in a message: the member as it stands there, and its message's group id. */
  member?: AlertMember;
  groupId?: string;
}

const MAX_SILENCE_MS = 30 * 86_400_000;

/** How many current alerts a silence would hide, and the nearest alert names when none. */
export interface SilenceCoverage {
  matches: number;
  nearest: Array<{ subject: string; kind: string }>;
}

/** A fingerprint (`disk-drift/alibuild10`) is matched exactly; a name or glob as a pattern on subjects and fingerprints. */
function silenceScope(target: string): Pick<Silence, 'keys' | 'pattern'> {
  return target.includes('/') && !isGlob(target) ? { keys: [target] } : { pattern: target };
}
/** After its operation, a node in maintenance has at least this long to be seen ready before it alerts. */
export const MAINTENANCE_GRACE_MS = 60_000;

export class ClusterWatch {
  readonly config: MonitorsConfig;
  readonly store: AlertStore;
  readonly lease: MonitorLease;
  private manager: AlertManager | undefined;
  private watcher: ClusterWatcher | undefined;
  private readonly memory = new DetectorMemory();
  private readonly external = new Map<string, { kinds: string[]; facts: AlertFact[] }>();
  private timers: Timer[] = [];
  private debounce: Timer | undefined;
  private due: Timer | undefined;

  constructor(private readonly o: ClusterWatchOptions) {
    this.config = MonitorsConfig.parse(o.config ?? {});
    this.store = new AlertStore(o.redis, o.keyPrefix, o.durable);
    const owner = o.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.lease = new MonitorLease(o.redis, `${o.keyPrefix}:monitors:lease`, owner, this.config.lease.ttlMs, o.clock, {
      onAcquired: () => this.lead(),
      onLost: () => this.follow(),
    });
  }

  /** Joins the race for the lease; the winner starts watching. */
  start(): void {
    this.lease.start();
  }

  /** Clean shutdown: stops watching and hands the lease over at once. */
  async stop(): Promise<void> {
    await this.lease.stop(true);
    await this.follow();
  }

  /** Stops without releasing the lease, as a crashed replica would (another takes over after the TTL). */
  async abandon(): Promise<void> {
    await this.lease.stop(false);
    await this.follow();
  }

  get isLeader(): boolean {
    return this.manager !== undefined;
  }

  /** Why the event stream is not followed now, when this replica leads and it is not (for /readyz). */
  get streamProblem(): string | undefined {
    return this.watcher?.streamProblem;
  }

  /** The watcher of the current term (stats, the model), when this replica leads. */
  get clusterWatcher(): ClusterWatcher | undefined {
    return this.watcher;
  }

  /** The farm's nodes from the model (`/ci nodes`), when this replica watches and the event stream keeps the model current. */
  farmNodes(): FarmNode[] | undefined {
    const w = this.watcher;
    return w?.model.loaded && w.streamProblem === undefined ? farmNodes(w.model) : undefined;
  }

  /** The watch's pass counts and durations and its model's size, when this replica leads (for /metrics). */
  modelStats(): (ClusterWatcher['stats'] & { nodes: number; allocations: number }) | undefined {
    const w = this.watcher;
    return w ? { ...w.stats, nodes: w.model.nodes.size, allocations: w.model.allocs.size } : undefined;
  }

  get alertManager(): AlertManager | undefined {
    return this.manager;
  }

  /**
   * Facts from another checker (e.g. master health for `/ci masters`). `kinds` are the kinds this
   * source owns: an alert of those kinds that the source stops reporting is resolved.
   */
  reportFacts(source: string, kinds: string[], facts: AlertFact[]): void {
    this.external.set(source, { kinds, facts });
    this.poke();
  }

  async silence(req: SilenceRequest): Promise<Silence> {
    if (!(req.durationMs > 0) || req.durationMs > MAX_SILENCE_MS) throw new UserFacingError('A silence lasts between 1 minute and 30 days, e.g. 2h or 1d.');
    const now = this.o.clock.now();
    const target = req.target.trim();
    const s: Silence = { id: `si-${randomBytes(4).toString('hex')}`, createdBy: req.by, reason: req.reason, createdAt: now, endsAt: now + req.durationMs };
    if (target.startsWith('al-') || target.startsWith('ag-')) {
      const ref = await this.findAlert(target);
      if (!ref) throw new UserFacingError(`No alert ${target}. \`/ci alerts\` lists the current ones.`);
      s.keys = ref.facts.map((f) => f.key);
    } else Object.assign(s, silenceScope(target));
    await this.store.addSilence(s);
    this.poke();
    return s;
  }

  /**
   * What a silence of a name, fingerprint or pattern would hide now (any state), and when it hides
   * nothing, the current alerts whose names come nearest, so a typo is caught before it silences nothing.
   */
  async silenceCoverage(target: string): Promise<SilenceCoverage> {
    const scope = silenceScope(target.trim());
    const probe: Silence = { id: 'probe', createdBy: '', reason: '', createdAt: 0, endsAt: 0, ...scope };
    const { alerts } = await this.listAlerts();
    const matches = alerts.filter((a) => silenceFor(a.fact, [probe])).length;
    if (matches > 0) return { matches, nearest: [] };
    const word = target.trim().toLowerCase();
    const distance = (f: AlertFact) => Math.min(editDistance(word, f.subject.toLowerCase()), editDistance(word, f.key.toLowerCase()));
    const nearest: SilenceCoverage['nearest'] = [];
    for (const a of [...alerts].sort((x, y) => distance(x.fact) - distance(y.fact) || x.fact.subject.localeCompare(y.fact.subject))) {
      if (nearest.length < 3 && !nearest.some((n) => n.subject === a.fact.subject)) nearest.push({ subject: a.fact.subject, kind: a.fact.kind });
    }
    return { matches: 0, nearest };
  }

  /**
   * An approved operation starts taking `req.node` away: its alerts are held back until the
   * operation is over and the node is ready again. Idempotent per operation (a resumed apply).
   */
  async beginMaintenance(req: MaintenanceRequest): Promise<void> {
    const now = this.o.clock.now();
    await this.store.openWindow({ ...req, approvedBy: [...req.approvedBy], startedAt: now, deadline: now + req.budgetMs });
    this.poke();
  }

  /** The operation of a window finished: the window ends once its node is ready (or gone, after a retire). */
  async endMaintenance(opId: string, outcome: 'succeeded' | 'failed'): Promise<void> {
    const now = this.o.clock.now();
    await this.store.updateWindow(opId, (w) => (w.endedAt === undefined ? { ...w, endedAt: now, outcome } : undefined));
    this.poke();
  }

  /** A remediation stopped half-way, its node left out of service: an alert fires until the node takes work again. */
  async remediationFailed(f: Omit<RemediationFailed, 'at'>): Promise<void> {
    await this.store.addFailure({ ...f, at: this.o.clock.now() });
    this.poke();
  }

  /** A remediation of the node succeeded: an earlier failure's alert resolves. */
  async remediationSucceeded(node: string): Promise<void> {
    await this.store.clearFailure(node);
    this.poke();
  }

  async unsilence(id: string): Promise<boolean> {
    const removed = await this.store.removeSilence(id);
    this.poke();
    return removed;
  }

  listSilences(): Promise<Silence[]> {
    return this.store.silences(this.o.clock.now());
  }

  /** Current alerts (firing, silenced, inhibited, pending) and silences; works on any replica. */
  async listAlerts(): Promise<AlertListing> {
    const listing = (this.manager ? this.manager.listing() : await this.store.listing()) ?? { at: 0, alerts: [], silences: [] };
    return { ...listing, silences: await this.listSilences(), maintenance: await this.store.windows() };
  }

  /** The alerts firing now (the App Home, the alerts-firing gauge); works on any replica. */
  async firing(): Promise<AlertFact[]> {
    return (await this.listAlerts()).alerts.filter((a) => a.state === 'firing').map((a) => a.fact);
  }

  /** What an `al-…` or `ag-…` id from a button stands for. */
  async findAlert(id: string): Promise<AlertRef | undefined> {
    const groups: AlertGroup[] = this.manager ? this.manager.groups() : [];
    const all = [...groups, ...(await this.store.groups(this.o.clock.now())).filter((g) => !groups.some((x) => x.id === g.id))];
    for (const g of all) {
      const ref = { kind: g.kind, channel: g.channelId ?? g.channel, ...(g.ts ? { ts: g.ts } : {}) };
      if (g.id === id) return { id, ...ref, facts: g.members.map((m) => m.fact) };
      const m = g.members.find((x) => x.id === id);
      if (m) return { id, ...ref, facts: [m.fact], member: m, groupId: g.id };
    }
    const listed = (await this.listAlerts()).alerts.find((a) => a.id === id);
    return listed ? { id, kind: listed.fact.kind, channel: listed.channel ?? '', ...(listed.ts ? { ts: listed.ts } : {}), facts: [listed.fact] } : undefined;
  }

  /** Runs the detectors and one lifecycle pass now (the leader only). Failures are logged, not thrown. */
  async evaluateNow(): Promise<void> {
    const manager = this.manager;
    const watcher = this.watcher;
    if (!manager || !watcher) return;
    try {
      const pass = detectAll(watcher.model, this.memory, this.config, this.o.clock.now());
      const external = [...this.external.values()];
      const owned = new Set([...BUILTIN_KINDS, ...external.flatMap((e) => e.kinds)]);
      const orphan = manager
        .groups()
        .flatMap((g) => g.members.map((m) => m.fact.kind))
        .filter((k) => !owned.has(k));
      const windows = watcher.model.loaded ? await this.reviewWindows() : await this.store.windows();
      const failed = watcher.model.loaded ? await this.remediationFacts() : [];
      const facts = withOverdueNotes([...pass.facts, ...failed, ...external.flatMap((e) => e.facts)], windows);
      await manager.evaluate(facts, { kinds: [...pass.unknownKinds, ...orphan], keys: pass.unknownKeys }, windows);
      this.wakeAtNextDue();
    } catch (err) {
      // Redis or Slack trouble: the next tick tries again with the state as it is then.
      if (this.manager === manager) this.o.log.warn({ err: describeError(err) }, 'alert evaluation failed');
    }
  }

  /** Failed remediations whose node still takes no work; the others are over (fixed by hand, or the node is gone). */
  private async remediationFacts(): Promise<AlertFact[]> {
    const nodes = new Map([...(this.watcher?.model.nodes.values() ?? [])].map((n) => [n.name, n]));
    const facts: AlertFact[] = [];
    for (const f of await this.store.failures()) {
      const n = nodes.get(f.node);
      if (!n || (n.eligibility === 'eligible' && !n.drain)) {
        await this.store.clearFailure(f.node);
        continue;
      }
      facts.push(remediationFact(f));
    }
    return facts;
  }

  /** Ends the windows whose node is back (or gone) and marks overdue those whose node is not back in time. */
  private async reviewWindows(): Promise<MaintenanceWindow[]> {
    const model = this.watcher?.model;
    const now = this.o.clock.now();
    const status = new Map([...(model?.nodes.values() ?? [])].map((n) => [n.name, n.status]));
    // The operation saw the node back; the watch sees it by its next event or, at worst, full read.
    const graceMs = Math.max(MAINTENANCE_GRACE_MS, 2 * this.config.reconcileIntervalMs);
    const kept: MaintenanceWindow[] = [];
    for (const w of await this.store.windows()) {
      const verdict = reviewWindow(w, (n) => status.get(n), now, graceMs);
      if (verdict === 'over') await this.store.updateWindow(w.opId, () => null);
      else if (verdict === 'overdue' && w.overdueAt === undefined) {
        const overdue = { ...w, overdueAt: now };
        await this.store.updateWindow(w.opId, (cur) => (cur.overdueAt === undefined ? { ...cur, overdueAt: now } : undefined));
        this.o.log.warn({ opId: w.opId, node: w.node }, `maintenance window: ${w.node} is not back from its ${w.what}`);
        kept.push(overdue);
      } else kept.push(w);
    }
    return kept;
  }

  /** Waits until queued evaluations and Slack deliveries are done (tests). */
  async settled(): Promise<void> {
    await this.manager?.settled();
  }

  private async lead(): Promise<void> {
    const cfg = this.config;
    const manager = new AlertManager({
      store: this.store,
      sink: this.o.sink,
      log: this.o.log,
      groupWaitMs: cfg.alerts.groupWaitMs,
      repeatIntervalMs: cfg.alerts.repeatIntervalMs,
      minPostIntervalMs: cfg.alerts.minPostIntervalMs,
      channels: cfg.alerts.channels,
      defaultChannel: cfg.alerts.defaultChannel,
      holdMs: holdTimes(cfg),
      clock: this.o.clock,
    });
    await manager.load();
    this.manager = manager;
    this.watcher = new ClusterWatcher(this.o.nomad, cfg, this.o.log, () => this.poke(), this.o.clock);
    this.watcher.start();
    this.timers.push(this.o.clock.every(cfg.alerts.tickMs, () => void this.evaluateNow()));
    const masters = this.o.masterHealth;
    if (masters) this.timers.push(this.o.clock.every(masters.everyMs, () => void this.checkMasters(masters, manager)));
    this.o.log.info({ owner: this.lease.owner }, 'cluster watch: this replica holds the monitor lease');
  }

  private async checkMasters(masters: MasterHealthCheck, term: AlertManager): Promise<void> {
    try {
      const report = await masters.check();
      if (this.manager === term) this.reportFacts('masters', [MASTER_HEALTH_KIND], masterHealthFacts(report, this.o.clock.now()));
    } catch (err) {
      this.o.log.warn({ err: describeError(err) }, 'master check failed');
    }
  }

  private async follow(): Promise<void> {
    for (const t of this.timers) t.cancel();
    this.timers = [];
    this.debounce?.cancel();
    this.debounce = undefined;
    this.due?.cancel();
    const watcher = this.watcher;
    const manager = this.manager;
    this.watcher = undefined;
    this.manager = undefined;
    manager?.stop();
    await watcher?.stop();
    await manager?.settled();
  }

  /** Something changed: evaluate soon, coalescing a burst of events into one pass. */
  private poke(): void {
    if (!this.manager || this.debounce) return;
    this.debounce = this.o.clock.after(10, () => {
      this.debounce = undefined;
      void this.evaluateNow();
    });
  }

  private wakeAtNextDue(): void {
    const at = this.manager?.nextDueAt();
    this.due?.cancel();
    if (at === undefined) return;
    this.due = this.o.clock.after(Math.max(5, at - this.o.clock.now() + 5), () => void this.evaluateNow());
  }
}

/** Alerts about a node that did not come back from an operation say which one, and since when it was due. */
function withOverdueNotes(facts: AlertFact[], windows: readonly MaintenanceWindow[]): AlertFact[] {
  const overdue = windows.filter((w) => w.overdueAt !== undefined);
  if (overdue.length === 0) return facts;
  return facts.map((f) => {
    const w = overdue.find((x) => f.labels.node === x.node || f.subject === x.node);
    if (!w) return f;
    const when = w.endedAt !== undefined ? `the operation ended at ${clock(w.endedAt)}` : `it was due back by ${clock(w.deadline)}`;
    const note = `Not back from its ${w.what} (${w.opId}, requested by ${w.requestedBy.startsWith('policy:') ? w.requestedBy : `<@${w.requestedBy}>`}): ${when}.`;
    return { ...f, evidence: [note, ...f.evidence] };
  });
}

function remediationFact(f: RemediationFailed): AlertFact {
  const [first = f.failure, ...rest] = f.failure.split('\n');
  return {
    key: `remediation-failed/${f.node}`,
    kind: 'remediation-failed',
    severity: 'warning',
    subject: f.node,
    summary: `The ${f.what} of ${f.node} failed (${f.step}): ${f.node} is left ineligible`,
    brief: `${f.node}: ${f.what} failed (${f.step}), left ineligible`,
    evidence: [first, ...rest, `${f.opId}, requested by ${/^[UW][A-Z0-9]+$/.test(f.requestedBy) ? `<@${f.requestedBy}>` : f.requestedBy}.`],
    since: f.at,
    suggestedActions: ['show-node', 'clean-up', 'silence'],
    labels: { node: f.node, op: f.opId },
  };
}

/** Creates the cluster watch; call `start()` to join the lease race. */
export function createClusterWatch(o: ClusterWatchOptions): ClusterWatch {
  return new ClusterWatch(o);
}
