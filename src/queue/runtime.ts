/**
 * What every part of the operation lifecycle shares: the record store with the lifecycle table
 * applied inside its compare-and-set, the operation's job module, its lock and the clock. The steps (plan-step.ts, apply-step.ts, approvals.ts…)
 * hold one of these instead of a dozen loose dependencies.
 */
import type { Logger } from 'pino';
import type { AccessPolicy } from '../access/policy.js';
import type { Clock } from '../clock.js';
import type { OperationRecord, OperationRequest } from '../operations/index.js';
import type { JobDeps, JobRegistry, MutatingJobModule, Notifier } from '../ports.js';
import type { AuditLog } from './audit.js';
import { transition, type LifecycleEvent, type Refusal } from './lifecycle.js';
import type { TargetLocks } from './locks.js';
import type { StepQueue } from './queue.js';
import type { OperationStore } from './store.js';

export interface OperationsOptions {
  /** How long a plan waits for approval. */
  expiryMs: number;
  /** How often a waiting operation checks the lock again. */
  lockPollMs: number;
  /** Slack channel for plans of commands typed in a direct message. */
  planChannel?: string | undefined;
  /** Where break-glass uses are announced besides the operation's channel. */
  breakGlassChannel?: string | undefined;
  /** Show "⏳ Planning…" only when a plan takes longer than this (default 1.5 s). */
  planningNoticeMs?: number;
}

export interface OperationsDeps {
  store: OperationStore;
  locks: TargetLocks;
  queue: StepQueue;
  notifier: Notifier;
  policy: AccessPolicy;
  jobs: JobRegistry;
  jobDeps: JobDeps;
  log: Logger;
  audit: AuditLog;
  clock: Clock;
  options: OperationsOptions;
}

/** An operation's job module with its parsed request and the key of the target it locks. */
export interface ResolvedJob {
  mod: MutatingJobModule;
  op: OperationRequest;
  target: string;
}

export type Advanced = { ok: true; record: OperationRecord } | { ok: false; refusal: Refusal; record: OperationRecord };

export class OperationRuntime {
  constructor(readonly d: OperationsDeps) {}

  now(): number {
    return this.d.clock.now();
  }

  job(request: OperationRequest): ResolvedJob {
    const mod = this.d.jobs[request.kind] as unknown as MutatingJobModule;
    const op = mod.schema.parse(request);
    return { mod, op, target: mod.lockKey(op) };
  }

  /** Applies one lifecycle event atomically; undefined when the record does not exist. */
  async advance(opId: string, event: LifecycleEvent): Promise<Advanced | undefined> {
    const res = await this.d.store.update<Advanced>(opId, (r) => {
      const t = transition(r, event, this.now());
      return t.ok ? { next: t.record, outcome: t } : { outcome: { ok: false, refusal: t.refusal, record: r } };
    });
    if (!res) return undefined;
    return res.outcome.ok ? { ok: true, record: res.record } : res.outcome;
  }

  /** The record after `event` when it applied, otherwise undefined (the usual "someone else did it"). */
  async moved(opId: string, event: LifecycleEvent): Promise<OperationRecord | undefined> {
    const res = await this.advance(opId, event);
    return res?.ok ? res.record : undefined;
  }

  /** Locks outlive the approval window so a pending plan keeps its target. */
  lockTtlMs(): number {
    return this.d.options.expiryMs + 10 * 60_000;
  }

  async release(rec: OperationRecord): Promise<void> {
    await this.d.locks.release(this.job(rec.envelope.operation).target, rec.envelope.opId);
  }

  /** Where the operation's message goes: a command typed in a DM gets its plan in the plan channel. */
  channelFor(rec: Pick<OperationRecord, 'envelope'>): string {
    const ch = rec.envelope.requestedBy.channelId;
    return ch.startsWith('D') && this.d.options.planChannel ? this.d.options.planChannel : ch;
  }

  /** Posts or updates the operation's one message and records where it is. */
  async show(record: OperationRecord): Promise<OperationRecord> {
    const where = await this.d.notifier.showOperation(record);
    if (record.ts === where.ts && record.channel === where.channel) return record;
    return (await this.moved(record.envelope.opId, { type: 'shown', channel: where.channel, ts: where.ts })) ?? record;
  }

  /** One audit line about an operation; the target is the operation's lock key (job, node, VM). */
  async audit(
    event: Parameters<AuditLog['record']>[0]['event'],
    rec: Pick<OperationRecord, 'envelope'>,
    userId?: string,
    details: Record<string, string | number | boolean | undefined> = {},
  ): Promise<void> {
    const op = rec.envelope.operation;
    const { mod, op: parsed, target } = this.job(op);
    const touches = mod.touches?.(parsed);
    await this.d.audit.record({
      event,
      opId: rec.envelope.opId,
      kind: op.kind,
      target: target.split('/').pop(),
      ...(touches?.length ? { targets: touches } : {}),
      userId: userId ?? rec.envelope.requestedBy.userId,
      channelId: rec.envelope.requestedBy.channelId,
      details,
    });
  }
}
