/**
 * The lifecycle of a mutating operation (design §3): request → plan (under the target's lock)
 * → approval(s) → apply with stale-plan protection → result, all in one Slack message.
 * Every transition is a compare-and-set on the record, so double clicks, redeliveries and
 * retried steps change nothing twice.
 */
import { DelayedError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { AccessPolicy } from '../access/policy.js';
import { describeError } from '../errors.js';
import {
  FINAL_STATES,
  OPERATION_CLASS,
  type OperationEnvelope,
  type OperationRecord,
  type OperationRequest,
} from '../operations/index.js';
import type { JobDeps, JobRegistry, MutatingJobModule, Notifier } from '../ports.js';
import type { AuditLog } from './audit.js';
import type { TargetLocks } from './locks.js';
import type { StepData, StepName, StepQueue } from './queue.js';
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
  options: OperationsOptions;
}

export type RequestOutcome = 'queued' | 'duplicate';
/** What a button press did; `reply` goes to the presser privately when nothing else shows it. */
export interface ActionOutcome {
  changed: boolean;
  reply?: string;
}

export class Operations {
  constructor(private readonly d: OperationsDeps) {}

  /** Accepts a validated, authorised request. The opId makes a redelivered request a no-op. */
  async request(request: OperationEnvelope): Promise<RequestOutcome> {
    const cls = OPERATION_CLASS[request.operation.kind];
    const envelope = { ...request, title: request.title ?? this.describe(request.operation) };
    const glass = envelope.breakGlass;
    const created = await this.d.store.create(envelope, {
      approvalsRequired: glass ? 1 : this.d.policy.approvalsRequired(cls),
      approvalNeeds: glass ? 'break-glass: the requester may approve it alone' : this.d.policy.approvalNeeds(cls, envelope.requestedBy.userId),
      channel: this.channelFor(envelope),
    });
    if (!created) return 'duplicate';
    if (glass && !envelope.replaces) await this.announceBreakGlass(envelope, glass.reason);
    await this.audit('request', { envelope } as OperationRecord, envelope.requestedBy.userId, envelope.replaces ? { replaces: envelope.replaces } : {});
    await this.d.queue.add('plan', envelope.opId);
    this.d.log.info({ opId: envelope.opId, kind: envelope.operation.kind, user: envelope.requestedBy.userId }, 'operation requested');
    return 'queued';
  }

  /** Loud on purpose: everyone in the operation's channel and the announce channel sees it. */
  private async announceBreakGlass(envelope: OperationEnvelope, reason: string): Promise<void> {
    const text = `🚨 Break-glass by <@${envelope.requestedBy.userId}>: ${envelope.title} (${envelope.opId}) — freeze and second approver skipped. Reason: “${reason}”`;
    const channels = new Set([this.channelFor(envelope), ...(this.d.options.breakGlassChannel ? [this.d.options.breakGlassChannel] : [])]);
    for (const ch of channels) {
      await this.d.notifier.announce(ch, text).catch((err: unknown) => this.d.log.error({ err: describeError(err), opId: envelope.opId }, 'break-glass announcement failed'));
    }
    await this.d.audit.record({ event: 'request', opId: envelope.opId, kind: envelope.operation.kind, userId: envelope.requestedBy.userId, channelId: envelope.requestedBy.channelId, details: { breakGlass: reason } });
  }

  private channelFor(envelope: OperationEnvelope): string {
    const ch = envelope.requestedBy.channelId;
    return ch.startsWith('D') && this.d.options.planChannel ? this.d.options.planChannel : ch;
  }

  /** "scale ci-mesosci-cs8 to 10": the module's words, or the kind and target. */
  describe(op: OperationRequest): string {
    const mod = this.module(op);
    const parsed = mod.schema.parse(op);
    return mod.describe?.(parsed) ?? `${op.kind} ${mod.lockKey(parsed).split('/').pop()}`;
  }

  private module(op: OperationRequest): MutatingJobModule {
    return this.d.jobs[op.kind] as unknown as MutatingJobModule;
  }

  /** Runs one queued step; called by the BullMQ worker. */
  async runStep(step: StepName, job: Job<StepData>, token: string | undefined): Promise<void> {
    const opId = job.data.opId;
    const log = this.d.log.child({ opId, step });
    const isLastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      if (step === 'plan') await this.planStep(opId, job, token);
      else if (step === 'apply') await this.applyStep(opId);
      else await this.expireStep(opId);
    } catch (err) {
      if (err instanceof DelayedError) throw err;
      log.warn({ err: describeError(err), attempt: job.attemptsMade + 1 }, 'step failed');
      if (isLastAttempt) await this.finishFailed(opId, step, err);
      throw err;
    }
  }

  private async show(record: OperationRecord): Promise<OperationRecord> {
    const where = await this.d.notifier.showOperation(record);
    if (record.ts === where.ts && record.channel === where.channel) return record;
    return (await this.d.store.patch(record.envelope.opId, { channel: where.channel, ts: where.ts })) ?? record;
  }

  private async planStep(opId: string, job: Job<StepData>, token: string | undefined): Promise<void> {
    const rec = await this.d.store.get(opId);
    if (rec?.plan && rec.state !== 'planning') {
      // A re-run after the plan was written: the last run died (or Slack failed) before it showed
      // the plan and queued its expiry or released the lock. Both are safe to repeat.
      await this.show(rec);
      if (rec.state === 'awaiting-approval') await this.d.queue.add('expire', opId, Math.max(0, (rec.expiresAt ?? 0) - this.d.jobDeps.now()));
      else if (FINAL_STATES.includes(rec.state) && rec.startedApplyAt === undefined) await this.releaseFor(rec);
      return;
    }
    if (!rec || !['queued', 'waiting', 'planning'].includes(rec.state)) return; // done already
    const mod = this.module(rec.envelope.operation);
    const op = mod.schema.parse(rec.envelope.operation);
    const target = mod.lockKey(op);
    const lock = await this.d.locks.tryLock(target, opId, this.lockTtlMs());
    if (!lock.acquired) {
      if (rec.state !== 'waiting' || rec.waitingBehind !== lock.holder) {
        const res = await this.d.store.update(opId, (r) =>
          ['queued', 'waiting'].includes(r.state) ? { next: { ...r, state: 'waiting', waitingBehind: lock.holder }, outcome: true } : { outcome: false },
        );
        if (res?.outcome) await this.show(res.record);
      }
      await job.moveToDelayed(Date.now() + this.d.options.lockPollMs, token);
      throw new DelayedError();
    }
    const planning = await this.d.store.update(opId, (r) =>
      ['queued', 'waiting', 'planning'].includes(r.state) ? { next: { ...r, state: 'planning', waitingBehind: undefined }, outcome: true } : { outcome: false },
    );
    if (!planning?.outcome) return;
    // A plan usually takes well under a second: show "Planning…" only when it does not, so the
    // channel gets one message (the plan) instead of a message and an immediate update.
    let shownWhilePlanning: Promise<OperationRecord> | undefined;
    const slow = setTimeout(() => {
      shownWhilePlanning = this.show(planning.record).catch(() => planning.record);
    }, this.d.options.planningNoticeMs ?? 1_500);
    let outcome: Awaited<ReturnType<MutatingJobModule['plan']>>;
    try {
      outcome = await mod.plan(op, this.d.jobDeps);
    } finally {
      clearTimeout(slow);
    }
    let current = shownWhilePlanning ? await shownWhilePlanning : ((await this.d.store.get(opId)) ?? planning.record);
    const now = this.d.jobDeps.now();
    const done = await this.d.store.update(opId, (r) => {
      if (r.state !== 'planning') return { outcome: false };
      if (outcome.status === 'planned') {
        return { next: { ...r, state: 'awaiting-approval', plan: outcome, expiresAt: now + this.d.options.expiryMs }, outcome: true };
      }
      return { next: { ...r, state: outcome.status === 'no-change' ? 'no-change' : 'failed', plan: outcome, finishedAt: now }, outcome: true };
    });
    if (!done?.outcome) return;
    // Recorded before the message shows the plan, so nobody can act on a plan the trail lacks.
    await this.audit('plan', done.record, undefined, {
      outcome: outcome.status,
      planHash: outcome.status === 'planned' ? outcome.planHash : undefined,
      nomadIndex: outcome.status === 'planned' ? outcome.checkIndex : undefined,
      failure: outcome.status === 'failed' ? outcome.failure : undefined,
    });
    current = await this.show({ ...done.record, ts: current.ts, channel: current.channel });
    if (current.state === 'awaiting-approval') {
      await this.d.queue.add('expire', opId, this.d.options.expiryMs);
    } else {
      await this.d.locks.release(target, opId);
    }
    this.d.log.info({ opId, state: current.state, checkIndex: outcome.status === 'planned' ? outcome.checkIndex : undefined }, 'planned');
  }

  private async applyStep(opId: string): Promise<void> {
    const rec = await this.d.store.get(opId);
    if (rec && rec.startedApplyAt !== undefined && FINAL_STATES.includes(rec.state)) {
      // A re-run of a finished apply: the last run died (or Slack failed) between writing the
      // result and showing it, so the message may still say "Applying" and the lock be held.
      await this.show(rec);
      await this.releaseFor(rec);
      return;
    }
    if (!rec || !['approved', 'applying'].includes(rec.state) || rec.plan?.status !== 'planned') return;
    const mod = this.module(rec.envelope.operation);
    const op = mod.schema.parse(rec.envelope.operation);
    const target = mod.lockKey(op);
    const lock = await this.d.locks.tryLock(target, opId, this.lockTtlMs());
    if (!lock.acquired) {
      // Our lock expired and someone else planned meanwhile: applying now would be blind.
      await this.finish(opId, { status: 'failed', failure: `Not applied: ${lock.holder} took over ${target} while this waited; run the command again.`, done: [] });
      return;
    }
    const started = await this.d.store.update(opId, (r) =>
      ['approved', 'applying'].includes(r.state) ? { next: { ...r, state: 'applying', startedApplyAt: r.startedApplyAt ?? this.d.jobDeps.now() }, outcome: true } : { outcome: false },
    );
    if (!started?.outcome) return;
    faultPoint('after-lock');
    let shown = await this.show(started.record);
    await this.audit('apply', started.record, undefined, { planHash: rec.plan.planHash, nomadIndex: rec.plan.checkIndex });
    const plan = rec.plan;
    const result = await mod.apply(op, plan, this.d.jobDeps, {
      opId,
      requestedBy: rec.envelope.requestedBy.userId,
      approvedBy: rec.approvals.map((a) => a.userId),
      progress: async (line) => {
        // A job's first progress line follows its first Nomad write (jobs/nomad-scale.ts and the others).
        faultPoint('after-nomad-call');
        const r = await this.d.store.update(opId, (x) => ({ next: { ...x, progress: [...x.progress, line] }, outcome: true }));
        if (r) shown = await this.show({ ...r.record, ts: shown.ts, channel: shown.channel });
      },
      step: async (name, fn) => {
        const done = (await this.d.store.get(opId))?.completedSteps[name];
        if (done !== undefined) return done;
        const result = await fn();
        await this.d.store.update(opId, (x) => ({ next: { ...x, completedSteps: { ...x.completedSteps, [name]: result } }, outcome: true }));
        return result;
      },
    });
    if (result.status === 'stale') {
      await this.replan(rec, result.failure);
      await this.d.locks.release(target, opId);
      return;
    }
    await this.finish(opId, result);
    await this.d.locks.release(target, opId);
  }

  /** The job changed since the plan: mark this one superseded and queue a fresh plan below it. */
  private async replan(rec: OperationRecord, why: string): Promise<void> {
    const opId = rec.envelope.opId;
    const round = /-r(\d+)$/.exec(opId);
    const base = round ? opId.slice(0, -round[0].length) : opId;
    const nextId = `${base}-r${round ? Number(round[1]) + 1 : 2}`;
    const res = await this.d.store.update(opId, (r) =>
      r.state === 'applying' ? { next: { ...r, state: 'superseded', supersededBy: nextId, result: { status: 'stale', failure: why }, finishedAt: this.d.jobDeps.now() }, outcome: true } : { outcome: false },
    );
    if (!res?.outcome) return;
    await this.show(res.record);
    await this.audit('stale', res.record, undefined, { why, supersededBy: nextId });
    await this.request({ ...rec.envelope, opId: nextId, replaces: opId, requestedAt: new Date(this.d.jobDeps.now()).toISOString() });
  }

  private async expireStep(opId: string): Promise<void> {
    const res = await this.d.store.update(opId, (r) => {
      if (r.state !== 'awaiting-approval') return { outcome: false };
      if ((r.expiresAt ?? 0) > this.d.jobDeps.now()) return { outcome: false };
      return { next: { ...r, state: 'expired', finishedAt: this.d.jobDeps.now() }, outcome: true };
    });
    if (!res?.outcome) return;
    await this.show(res.record);
    await this.audit('expire', res.record);
    await this.releaseFor(res.record);
  }

  private async finish(opId: string, result: NonNullable<OperationRecord['result']>): Promise<void> {
    const res = await this.d.store.update(opId, (r) =>
      FINAL_STATES.includes(r.state)
        ? { outcome: false }
        : { next: { ...r, state: result.status === 'succeeded' ? 'applied' : 'failed', result, finishedAt: this.d.jobDeps.now() }, outcome: true },
    );
    if (res?.outcome) {
      faultPoint('before-slack-update');
      await this.show(res.record);
      await this.audit('result', res.record, undefined, {
        state: res.record.state,
        summary: result.status === 'succeeded' ? result.summary : result.failure,
      });
      this.d.log.info({ opId, state: res.record.state }, 'operation finished');
    }
  }

  private async finishFailed(opId: string, step: StepName, err: unknown): Promise<void> {
    const what = step === 'plan' ? 'Planning failed' : step === 'apply' ? 'Applying failed' : 'Expiry failed';
    const rec = await this.d.store.get(opId).catch(() => undefined);
    const done = rec?.progress ?? [];
    await this.finish(opId, { status: 'failed', failure: `${what}: ${describeError(err)}`, done });
    if (rec) await this.releaseFor(rec);
  }

  private async releaseFor(rec: OperationRecord): Promise<void> {
    const mod = this.module(rec.envelope.operation);
    await this.d.locks.release(mod.lockKey(mod.schema.parse(rec.envelope.operation)), rec.envelope.opId);
  }

  /** One audit line about an operation; the target is the operation's lock key (job, node, VM). */
  private async audit(event: Parameters<AuditLog['record']>[0]['event'], rec: Pick<OperationRecord, 'envelope'> & Partial<OperationRecord>, userId?: string, details: Record<string, string | number | boolean | undefined> = {}): Promise<void> {
    const op = rec.envelope.operation;
    const mod = this.module(op);
    await this.d.audit.record({
      event,
      opId: rec.envelope.opId,
      kind: op.kind,
      target: mod.lockKey(mod.schema.parse(op)).split('/').pop(),
      userId: userId ?? rec.envelope.requestedBy.userId,
      channelId: rec.envelope.requestedBy.channelId,
      details,
    });
  }

  /** Locks outlive the approval window so a pending plan keeps its target. */
  private lockTtlMs(): number {
    return this.d.options.expiryMs + 10 * 60_000;
  }

  /** Approve button. Policy first; then one atomic transition; the apply is queued once. */
  async approve(opId: string, userId: string, messageTs?: string): Promise<ActionOutcome> {
    const rec = await this.d.store.get(opId);
    if (!rec) return { changed: false, reply: 'This operation is unknown here (it may be older than 30 days).' };
    if (messageTs && rec.ts && messageTs !== rec.ts) return { changed: false, reply: 'That button does not belong to this operation; nothing was changed.' };
    if (messageTs && !rec.ts) await this.adoptMessage(opId, messageTs);
    const cls = OPERATION_CLASS[rec.envelope.operation.kind];
    const allowed = await this.d.policy.canApprove(cls, userId, rec.envelope.requestedBy.userId, { breakGlass: rec.envelope.breakGlass !== undefined });
    if (!allowed.allowed) {
      await this.audit('refused', rec, userId, { action: 'approve', reason: allowed.reason });
      return { changed: false, reply: allowed.reason };
    }
    const now = this.d.jobDeps.now();
    const res = await this.d.store.update<ActionOutcome>(opId, (r) => {
      if (r.state !== 'awaiting-approval') return { outcome: { changed: false, reply: notPending(r) } };
      if ((r.expiresAt ?? 0) <= now) {
        return { next: { ...r, state: 'expired', finishedAt: now }, outcome: { changed: true, reply: `This plan expired at ${clock(r.expiresAt!)}; nothing was applied. Run the command again for a fresh plan.` } };
      }
      if (r.approvals.some((a) => a.userId === userId)) return { outcome: { changed: false, reply: 'You already approved this.' } };
      const approvals = [...r.approvals, { userId, at: new Date(now).toISOString() }];
      const state = approvals.length >= r.approvalsRequired ? 'approved' : 'awaiting-approval';
      return { next: { ...r, approvals, state }, outcome: { changed: true } };
    });
    if (!res) return { changed: false, reply: 'This operation is unknown here.' };
    if (res.outcome.changed) {
      if (res.record.state === 'approved') faultPoint('after-approval');
      // Slack failing now must not strand an approved operation: the apply step shows it again.
      await this.show(res.record).catch((err: unknown) => this.d.log.warn({ opId, err: describeError(err) }, 'could not show the approval'));
      if (res.record.state === 'approved') await this.d.queue.add('apply', opId);
      if (res.record.state === 'expired') await this.releaseFor(res.record);
      await this.audit(res.record.state === 'expired' ? 'expire' : 'approve', res.record, userId, { approvals: res.record.approvals.length, required: res.record.approvalsRequired });
      this.d.log.info({ opId, approver: userId, state: res.record.state }, 'approval');
    }
    return res.outcome;
  }

  /**
   * A click on the plan arrived before the step that posted it recorded the message's ts (another
   * replica, a busy worker): the click shows where the message is, so the update that follows edits
   * it instead of posting a second one.
   */
  private async adoptMessage(opId: string, messageTs: string): Promise<void> {
    await this.d.store.update(opId, (r) => (r.ts ? { outcome: false } : { next: { ...r, ts: messageTs }, outcome: true }));
  }

  /** Reject button: an approver declines, or the requester withdraws. */
  async reject(opId: string, userId: string, messageTs?: string): Promise<ActionOutcome> {
    const rec = await this.d.store.get(opId);
    if (!rec) return { changed: false, reply: 'This operation is unknown here.' };
    if (messageTs && rec.ts && messageTs !== rec.ts) return { changed: false, reply: 'That button does not belong to this operation; nothing was changed.' };
    if (messageTs && !rec.ts) await this.adoptMessage(opId, messageTs);
    const cls = OPERATION_CLASS[rec.envelope.operation.kind];
    const isRequester = rec.envelope.requestedBy.userId === userId;
    if (!isRequester) {
      const allowed = await this.d.policy.canApprove(cls, userId, rec.envelope.requestedBy.userId);
      if (!allowed.allowed) return { changed: false, reply: `Only the requester or an approver may reject this. ${allowed.reason}` };
    }
    const now = this.d.jobDeps.now();
    const res = await this.d.store.update<ActionOutcome>(opId, (r) =>
      r.state === 'awaiting-approval'
        ? { next: { ...r, state: 'rejected', rejectedBy: userId, finishedAt: now }, outcome: { changed: true } }
        : { outcome: { changed: false, reply: notPending(r) } },
    );
    if (res?.outcome.changed) {
      await this.show(res.record);
      await this.audit('reject', res.record, userId);
      await this.releaseFor(res.record);
    }
    return res?.outcome ?? { changed: false };
  }

  /** Ids of operations not finished yet, oldest first. */
  pending(): Promise<string[]> {
    return this.d.store.active();
  }

  /** True while some operation is between stable states (planning, applying…), for the demo console. */
  async busy(): Promise<boolean> {
    for (const opId of await this.d.store.active()) {
      const rec = await this.d.store.get(opId).catch(() => undefined);
      if (rec && ['queued', 'planning', 'approved', 'applying'].includes(rec.state)) return true;
    }
    return false;
  }

  /** After a restart: re-queue steps of operations that were between steps when the bot died. */
  async recover(): Promise<number> {
    let requeued = 0;
    for (const opId of await this.d.store.active()) {
      const rec = await this.d.store.get(opId).catch(() => undefined);
      if (!rec) continue;
      if (['queued', 'waiting', 'planning'].includes(rec.state) && !(await this.d.queue.hasStep('plan', opId))) {
        await this.d.queue.add('plan', opId);
        requeued++;
      } else if (['approved', 'applying'].includes(rec.state) && !(await this.d.queue.hasStep('apply', opId))) {
        await this.d.queue.add('apply', opId);
        requeued++;
      } else if (rec.state === 'awaiting-approval' && !(await this.d.queue.hasStep('expire', opId))) {
        await this.d.queue.add('expire', opId, Math.max(0, (rec.expiresAt ?? 0) - this.d.jobDeps.now()));
        requeued++;
      }
    }
    return requeued;
  }
}

function notPending(r: OperationRecord): string {
  switch (r.state) {
    case 'approved':
    case 'applying':
      return `Already approved by ${r.approvals.map((a) => `<@${a.userId}>`).join(', ')}; it is being applied.`;
    case 'applied':
      return 'This was already applied.';
    case 'rejected':
      return `This was rejected by <@${r.rejectedBy}>; nothing will be applied.`;
    case 'expired':
      return 'This plan expired; run the command again for a fresh plan.';
    case 'superseded':
      return `This plan is out of date; see the fresh plan (${r.supersededBy}).`;
    case 'failed':
    case 'no-change':
      return 'There is nothing to approve here.';
    default:
      return 'The plan is not ready yet.';
  }
}

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 16) + ' UTC';

/** Where the fault suite (test/faults) may kill the process in the middle of an apply. */
export type FaultPoint = 'after-approval' | 'after-lock' | 'after-nomad-call' | 'before-slack-update';

/**
 * Test hook, a no-op unless `CHATOPS_FAULT_POINT` names this point: then the process dies on the
 * spot with SIGKILL (no cleanup, no flush), as a crash or an OOM kill would, so the fault suite
 * can prove that a restart finishes every operation exactly once.
 */
function faultPoint(name: FaultPoint): void {
  if (process.env.CHATOPS_FAULT_POINT === name) process.kill(process.pid, 'SIGKILL');
}
