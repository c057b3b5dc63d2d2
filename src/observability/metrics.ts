/**
 * The bot's Prometheus metrics. Each bot owns its own registry (no prom-client globals), so
 * several bots in one process — tests, replicas in a benchmark — never mix their numbers.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { HttpObserver } from '../http/json-client.js';
import type { CommandOutcome } from '../operations/index.js';

export type { CommandOutcome } from '../operations/index.js';

/** How the alert gauge is filled at scrape time: the severities of the alerts firing now (any replica reads them from Redis). */
export type AlertProbe = () => Promise<{ severity: string }[]>;

const SEVERITIES = ['critical', 'warning', 'info'];

/** How the queue gauges are filled at scrape time (BullMQ counts); failures leave them as they were. */
export type QueueProbe = () => Promise<{ counts: Record<string, number>; oldestWaitingMs: number | undefined }>;

/** What the cluster watch reports at scrape time (the replica that watches; undefined elsewhere). */
export type WatchProbe = () =>
  | { reconciles: number; diskChecks: number; lastReconcileMs: number; lastDiskCheckMs: number; nodes: number; allocations: number }
  | undefined;

export class BotMetrics {
  readonly registry = new Registry();
  private readonly commands = new Counter({
    name: 'chatops_commands_total',
    help: '/ci commands by name and outcome (queued, read, reply, invalid, unknown, refused, failed)',
    labelNames: ['command', 'outcome'],
    registers: [this.registry],
  });
  private readonly approvals = new Counter({
    name: 'chatops_approvals_total',
    help: 'Approve and Reject decisions recorded on operations',
    labelNames: ['kind', 'decision'],
    registers: [this.registry],
  });
  private readonly operations = new Counter({
    name: 'chatops_operations_finished_total',
    help: 'Operations that reached a final state, by kind and state',
    labelNames: ['kind', 'state'],
    registers: [this.registry],
  });
  private readonly durations = new Histogram({
    name: 'chatops_operation_duration_seconds',
    help: 'From request to final state (includes the wait for approval), by kind and final state',
    labelNames: ['kind', 'state'],
    buckets: [1, 5, 15, 60, 300, 900, 1800, 3600, 4 * 3600],
    registers: [this.registry],
  });
  private readonly applies = new Histogram({
    name: 'chatops_apply_duration_seconds',
    help: 'From the start of an apply to its result, by kind',
    labelNames: ['kind'],
    buckets: [0.5, 1, 2, 5, 15, 60, 300, 1800],
    registers: [this.registry],
  });
  private readonly apiCalls = new Counter({
    name: 'chatops_api_requests_total',
    help: 'Calls to Nomad, OpenStack, Consul, Vault by service, method and HTTP status ("error": no answer)',
    labelNames: ['service', 'method', 'status'],
    registers: [this.registry],
  });
  private readonly apiSeconds = new Histogram({
    name: 'chatops_api_request_duration_seconds',
    help: 'Duration of those calls (blocking queries included)',
    labelNames: ['service'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 60, 300],
    registers: [this.registry],
  });
  private readonly slackRateLimited = new Counter({
    name: 'chatops_slack_rate_limited_total',
    help: 'HTTP 429 answers from the Slack Web API',
    labelNames: ['client'],
    registers: [this.registry],
  });
  private readonly alerts = new Gauge({
    name: 'chatops_alerts_firing',
    help: 'Alerts firing now, by severity (read from the alert state at scrape time)',
    labelNames: ['severity'],
    registers: [this.registry],
  });
  private readonly queueJobs = new Gauge({
    name: 'chatops_queue_jobs',
    help: 'Steps in the BullMQ queue by state (waiting, delayed, active, failed…)',
    labelNames: ['state'],
    registers: [this.registry],
  });
  private readonly queueAge = new Gauge({
    name: 'chatops_queue_oldest_waiting_seconds',
    help: 'Age of the oldest step waiting for a worker (0 when none waits)',
    registers: [this.registry],
  });
  private readonly watchPasses = new Gauge({
    name: 'chatops_watch_passes',
    help: 'Full reads (reconcile) and disk checks the cluster watch finished in this term, on the replica that watches',
    labelNames: ['pass'],
    registers: [this.registry],
  });
  private readonly watchSeconds = new Gauge({
    name: 'chatops_watch_last_pass_seconds',
    help: 'How long the last full read (reconcile) and the last disk check took: both grow with the farm',
    labelNames: ['pass'],
    registers: [this.registry],
  });
  private readonly watchModel = new Gauge({
    name: 'chatops_watch_model_objects',
    help: "Nodes and allocations in the cluster watch's model (what its memory grows with)",
    labelNames: ['kind'],
    registers: [this.registry],
  });
  private queueProbe: QueueProbe | undefined;
  private watchProbe: WatchProbe | undefined;
  private alertProbe: AlertProbe | undefined;

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    this.registry.setDefaultLabels({ service: 'ci-chatops' });
    if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'chatops_' });
  }

  command(name: string, outcome: CommandOutcome): void {
    this.commands.inc({ command: name, outcome });
  }

  approval(kind: string, decision: 'approve' | 'reject'): void {
    this.approvals.inc({ kind, decision });
  }

  /** `seconds` from request to final state; `applySeconds` when an apply ran. */
  operationFinished(kind: string, state: string, seconds: number, applySeconds?: number): void {
    this.operations.inc({ kind, state });
    this.durations.observe({ kind, state }, Math.max(0, seconds));
    if (applySeconds !== undefined) this.applies.observe({ kind }, Math.max(0, applySeconds));
  }

  /** Give this to `JsonHttpClient.observer` of each API client. */
  readonly apiObserver: HttpObserver = ({ service, method, status, seconds }) => {
    this.apiCalls.inc({ service, method, status: String(status) });
    this.apiSeconds.observe({ service }, seconds);
  };

  slackRateLimit(client: string): void {
    this.slackRateLimited.inc({ client });
  }

  watchQueue(probe: QueueProbe): void {
    this.queueProbe = probe;
  }

  watchClusterWatch(probe: WatchProbe): void {
    this.watchProbe = probe;
  }

  watchAlerts(probe: AlertProbe): void {
    this.alertProbe = probe;
  }

  /** The exposition text; the queue gauges are read now, with a short timeout so a dead Redis never hangs a scrape. */
  async scrape(timeoutMs = 1_000): Promise<string> {
    if (this.queueProbe) {
      const sample = await withTimeout(this.queueProbe(), timeoutMs).catch(() => undefined);
      if (sample) {
        for (const [state, n] of Object.entries(sample.counts)) this.queueJobs.set({ state }, n);
        this.queueAge.set(sample.oldestWaitingMs === undefined ? 0 : sample.oldestWaitingMs / 1000);
      }
    }
    const watch = this.watchProbe?.();
    if (watch) {
      this.watchPasses.set({ pass: 'reconcile' }, watch.reconciles);
      this.watchPasses.set({ pass: 'disk_check' }, watch.diskChecks);
      this.watchSeconds.set({ pass: 'reconcile' }, watch.lastReconcileMs / 1000);
      this.watchSeconds.set({ pass: 'disk_check' }, watch.lastDiskCheckMs / 1000);
      this.watchModel.set({ kind: 'nodes' }, watch.nodes);
      this.watchModel.set({ kind: 'allocations' }, watch.allocations);
    }
    if (this.alertProbe) {
      const firing = await withTimeout(this.alertProbe(), timeoutMs).catch(() => undefined);
      if (firing) {
        this.alerts.reset();
        for (const severity of new Set([...SEVERITIES, ...firing.map((a) => a.severity)]))
          this.alerts.set({ severity }, firing.filter((a) => a.severity === severity).length);
      }
    }
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number, what = 'operation'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
