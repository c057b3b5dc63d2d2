/**
 * Opt-in self-healing (issue 17.6). On the watch's leader, every `checkEvery`: each firing alert of
 * a kind the policy names whose message offers the runbook's cleanup is a candidate; the guardrails
 * (guardrails.ts) decide; an allowed one becomes a `node.cleanup` requested by `policy:<name>`,
 * approved by the policy when planned, and announced in the alert's thread — start and outcome.
 * A refusal is said once per alert in its thread. The operation id is derived from the alert's
 * occurrence, so a second pass, a restart or another replica never requests it twice.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock, Timer } from '../clock.js';
import { describeError } from '../errors.js';
import type { AlertListing, ListedAlert } from '../monitors/alerts/listing.js';
import { isFinal } from '../queue/lifecycle.js';
import type { OperationEnvelope, OperationRecord } from '../operations/index.js';
import { activeFreeze, type FreezeConfig } from '../access/freeze.js';
import type { SelfHealingView } from '../ports.js';
import { CLEANUP_CLASS, decideAuto, type AutoPolicy, type RefusalCode } from './guardrails.js';
import type { AutoLedger, LedgerEntry } from './ledger.js';

export interface AutoRemediatorDeps {
  policy: AutoPolicy;
  checkEveryMs: number;
  freeze: FreezeConfig;
  protectedJobs: readonly string[];
  ledger: AutoLedger;
  clock: Clock;
  log: Pick<Logger, 'info' | 'warn'>;
  /** Only the replica watching the farm acts. */
  isLeader(): boolean;
  alerts(): Promise<AlertListing>;
  /** Jobs with a live allocation on the node (undefined: Nomad does not know the node). */
  jobsOnNode(node: string): Promise<string[] | undefined>;
  request(envelope: OperationEnvelope): Promise<unknown>;
  record(opId: string): Promise<OperationRecord | undefined>;
  /** A reply in the alert's thread. */
  say(channel: string, threadTs: string, text: string): Promise<void>;
  /** An audit line for a refusal (`policy:<name>` refused to act, and why). */
  refused(node: string, reason: string, code: RefusalCode, alertKey: string): Promise<void>;
}

/** Refusals worth a thread reply: the others mean the policy is not about this alert at all. */
const TOLD: readonly RefusalCode[] = ['freeze', 'master-health', 'storm', 'busy-node', 'repeat', 'concurrency', 'hourly'];

export class AutoRemediator {
  private timer: Timer | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly d: AutoRemediatorDeps) {}

  get principal(): string {
    return `policy:${this.d.policy.name}`;
  }

  start(): void {
    if (!this.d.policy.enabled) return;
    this.timer = this.d.clock.every(this.d.checkEveryMs, () => void this.check());
  }

  async stop(): Promise<void> {
    this.timer?.cancel();
    await this.running;
  }

  /** One pass (never two at once): finish what ended, then act on what fires. Failures are logged. */
  check(): Promise<void> {
    if (this.running !== undefined) return this.running;
    this.running = this.pass()
      .catch((err: unknown) => this.d.log.warn({ err: describeError(err) }, 'self-healing pass failed'))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  /** The rules, what holds the policy back now, and its actions of the last day, for `/ci policy`. */
  async view(): Promise<SelfHealingView> {
    const p = this.d.policy;
    const now = this.d.clock.now();
    const freeze = activeFreeze(this.d.freeze, CLEANUP_CLASS, now);
    return {
      enabled: p.enabled,
      principal: this.principal,
      kinds: p.kinds,
      maxConcurrent: p.maxConcurrent,
      maxPerHour: p.maxPerHour,
      stormNodes: p.stormNodes,
      repeatWindowMs: p.repeatWindowMs,
      protectedJobs: this.d.protectedJobs,
      ...(freeze ? { freeze: `change freeze "${freeze.name}" until ${new Date(freeze.until).toISOString().slice(11, 16)} UTC` } : {}),
      recent: p.enabled ? await this.d.ledger.recent(now) : [],
    };
  }

  private async pass(): Promise<void> {
    if (!this.d.policy.enabled || !this.d.isLeader()) return;
    const actions = await this.d.ledger.recent(this.d.clock.now());
    for (const e of actions) if (e.finishedAt === undefined) await this.follow(e);
    const listing = await this.d.alerts();
    const firing = listing.alerts.filter((a) => a.state === 'firing');
    const candidates = firing
      .filter((a) => this.d.policy.kinds.includes(a.fact.kind) && a.fact.labels.node && a.channel && a.ts)
      .sort((a, b) => a.fact.since - b.fact.since);
    for (const alert of candidates) await this.consider(alert, firing, actions);
  }

  private async consider(alert: ListedAlert, firing: readonly ListedAlert[], actions: LedgerEntry[]): Promise<void> {
    const node = alert.fact.labels.node!;
    const opId = opIdFor(this.d.policy.name, alert);
    if (actions.some((e) => e.opId === opId)) return;
    const jobs = await this.d.jobsOnNode(node);
    if (jobs === undefined) return;
    const now = this.d.clock.now();
    const decision = decideAuto(
      this.d.policy,
      { kind: alert.fact.kind, node, offersCleanup: alert.fact.suggestedActions.includes('clean-up') },
      {
        now,
        freeze: this.d.freeze,
        firing: firing.map((a) => ({ kind: a.fact.kind, subject: a.fact.subject })),
        jobsOnNode: jobs,
        protectedJobs: this.d.protectedJobs,
        actions,
      },
    );
    const { channel, ts } = alert as Required<Pick<ListedAlert, 'channel' | 'ts'>>;
    if (!decision.allowed) {
      if (TOLD.includes(decision.code) && (await this.d.ledger.firstRefusal(occurrence(alert), decision.code))) {
        await this.d.refused(node, decision.reason, decision.code, alert.fact.key);
        await this.say(
          channel,
          ts,
          `✋ Self-healing (\`${this.principal}\`) leaves ${node} alone for now: ${decision.reason} The Clean up… button still works.`,
        );
      }
      return;
    }
    const entry: LedgerEntry = { opId, node, startedAt: now, policy: this.d.policy.name, alertKey: alert.fact.key, channel, ts };
    if (!(await this.d.ledger.add(entry))) return;
    actions.push(entry);
    await this.d.request({
      opId,
      requestedBy: { userId: this.principal, channelId: channel },
      requestedAt: new Date(now).toISOString(),
      operation: { kind: 'node.cleanup', v: 1, node },
      auto: { policy: this.d.policy.name, alertKey: alert.fact.key, thread: { channel, ts } },
    });
    this.d.log.info({ opId, node, policy: this.d.policy.name }, 'self-healing: cleanup requested');
    await this.say(
      channel,
      ts,
      `🤖 Self-healing: \`${this.principal}\` is cleaning up ${node} by itself (${opId}) — ineligible, idle, the configured cleanup over SSH, back with its disk, eligible. No approval: \`remediation.auto\` allows it (at most ${this.d.policy.maxConcurrent} node${this.d.policy.maxConcurrent === 1 ? '' : 's'} at once, ${this.d.policy.maxPerHour} an hour).`,
    );
  }

  /** An automatic operation that finished: its outcome in the thread, once. */
  private async follow(e: LedgerEntry): Promise<void> {
    const rec = await this.d.record(e.opId);
    if (rec && !isFinal(rec.state)) return;
    const { outcome, summary } = outcomeOf(e, rec);
    const done: LedgerEntry = { ...e, finishedAt: rec?.finishedAt ?? this.d.clock.now(), outcome, summary };
    await this.d.ledger.finish(done);
    e.finishedAt = done.finishedAt;
    this.d.log.info({ opId: e.opId, node: e.node, outcome }, 'self-healing: finished');
    await this.say(e.channel, e.ts, summary);
  }

  private async say(channel: string, ts: string, text: string): Promise<void> {
    await this.d.say(channel, ts, text).catch((err: unknown) => this.d.log.warn({ err: describeError(err) }, 'self-healing: could not reply in the thread'));
  }
}

/** One id per alert occurrence (its key and since): the same drift is never cleaned up twice by the policy. */
export function opIdFor(policy: string, alert: Pick<ListedAlert, 'fact'>): string {
  return `op-auto-${createHash('sha256')
    .update(`${policy}|${occurrence(alert)}`)
    .digest('hex')
    .slice(0, 16)}`;
}

const occurrence = (alert: Pick<ListedAlert, 'fact'>) => `${alert.fact.key}@${alert.fact.since}`;

function outcomeOf(e: LedgerEntry, rec: OperationRecord | undefined): { outcome: NonNullable<LedgerEntry['outcome']>; summary: string } {
  if (rec?.state === 'applied')
    return {
      outcome: 'applied',
      summary: `✅ Self-healing: ${e.node} is cleaned up and eligible again (${e.opId}, requested and approved by \`policy:${e.policy}\`).`,
    };
  const why =
    rec?.result && 'failure' in rec.result
      ? rec.result.failure
      : rec?.plan?.status === 'failed'
        ? rec.plan.failure
        : rec?.plan?.status === 'no-change'
          ? rec.plan.message
          : rec
            ? `it ended ${rec.state}`
            : 'its record is gone';
  const first = why.split('\n')[0] ?? why;
  if (rec?.state === 'failed' && rec.startedApplyAt !== undefined)
    return {
      outcome: 'failed',
      summary: `❌ Self-healing: the cleanup of ${e.node} failed (${e.opId}): ${first} ${e.node} is left ineligible for a person to look at.`,
    };
  return { outcome: 'not-applied', summary: `↩️ Self-healing: the cleanup of ${e.node} did not go ahead (${e.opId}): ${first}` };
}
