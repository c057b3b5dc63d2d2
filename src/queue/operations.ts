/**
 * The lifecycle of a mutating operation (design §3): request → plan (under the target's lock)
 * → approval(s) → apply with stale-plan protection → result, all in one Slack message.
 * This file only orchestrates: the states and allowed moves are the table in lifecycle.ts, and
 * each step lives in its own module. Every move is a compare-and-set on the record, so double
 * clicks, redeliveries and retried steps change nothing twice.
 */
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { describeError, isPermanentError } from '../errors.js';
import { OPERATION_CLASS, type OperationEnvelope, type OperationRequest } from '../operations/index.js';
import { applyStep } from './apply-step.js';
import { approve, reject, type ActionOutcome } from './approvals.js';
import { announceBreakGlass } from './break-glass.js';
import { expireStep, finishFailed } from './finish.js';
import { planStep } from './plan-step.js';
import type { StepData, StepName } from './queue.js';
import { busy, recover } from './recovery.js';
import { OperationRuntime, type OperationsDeps } from './runtime.js';

export type { ActionOutcome } from './approvals.js';
export type { OperationsDeps, OperationsOptions } from './runtime.js';
export type RequestOutcome = 'queued' | 'duplicate';

export class Operations {
  private readonly rt: OperationRuntime;

  constructor(deps: OperationsDeps) {
    this.rt = new OperationRuntime(deps);
  }

  /** Accepts a validated, authorised request. The opId makes a redelivered request a no-op. */
  async request(request: OperationEnvelope): Promise<RequestOutcome> {
    const { store, policy, queue, log } = this.rt.d;
    const cls = OPERATION_CLASS[request.operation.kind];
    const envelope = { ...request, title: request.title ?? this.describe(request.operation) };
    const glass = envelope.breakGlass;
    const auto = envelope.auto;
    const created = await store.create(envelope, {
      approvalsRequired: glass || auto ? 1 : policy.approvalsRequired(cls),
      approvalNeeds: auto
        ? `self-healing: policy ${auto.policy} approves it when planned (remediation.auto)`
        : glass
          ? 'break-glass: the requester may approve it alone'
          : policy.approvalNeeds(cls, envelope.requestedBy.userId),
      channel: this.rt.channelFor({ envelope }),
    });
    if (!created) return 'duplicate';
    if (glass && !envelope.replaces) await announceBreakGlass(this.rt, envelope, glass.reason);
    await this.rt.audit('request', { envelope }, envelope.requestedBy.userId, envelope.replaces ? { replaces: envelope.replaces } : {});
    await queue.add('plan', envelope.opId);
    log.info({ opId: envelope.opId, kind: envelope.operation.kind, user: envelope.requestedBy.userId }, 'operation requested');
    return 'queued';
  }

  /** "scale ci-mesosci-cs8 to 10": the module's words, or the kind and target. */
  describe(request: OperationRequest): string {
    const { mod, op, target } = this.rt.job(request);
    return mod.describe?.(op) ?? `${op.kind} ${target.split('/').pop()}`;
  }

  /** Runs one queued step; called by the BullMQ worker. */
  async runStep(step: StepName, job: Job<StepData>, token: string | undefined): Promise<void> {
    const opId = job.data.opId;
    const isLastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      if (step === 'plan') await planStep(this.rt, opId, job, token);
      else if (step === 'apply') await applyStep(this.rt, opId, (next) => this.request(next));
      else await expireStep(this.rt, opId);
    } catch (err) {
      if (err instanceof DelayedError) throw err;
      this.rt.d.log.warn({ opId, step, err: describeError(err), attempt: job.attemptsMade + 1 }, 'step failed');
      // A refusal (4xx, an invalid job) repeats whatever we do: it ends the operation at once.
      const permanent = isPermanentError(err);
      if (isLastAttempt || permanent) await finishFailed(this.rt, opId, step, err);
      throw permanent ? new UnrecoverableError(describeError(err)) : err;
    }
  }

  /** Approve button. Policy first; then one atomic transition; the apply is queued once. */
  approve(opId: string, userId: string, messageTs?: string): Promise<ActionOutcome> {
    return approve(this.rt, opId, userId, messageTs);
  }

  /** Reject button: an approver declines, or the requester withdraws. */
  reject(opId: string, userId: string, messageTs?: string): Promise<ActionOutcome> {
    return reject(this.rt, opId, userId, messageTs);
  }

  /** Ids of operations not finished yet, oldest first. */
  pending(): Promise<string[]> {
    return this.rt.d.store.active();
  }

  /** True while some operation is between stable states (planning, applying…), for the demo console. */
  busy(): Promise<boolean> {
    return busy(this.rt);
  }

  /** After a restart: re-queue steps of operations that were between steps when the bot died. */
  recover(): Promise<number> {
    return recover(this.rt);
  }
}
