/**
 * The apply step: re-take the target's lock, apply the approved plan with its recorded steps and
 * progress lines, and finish — applied, failed, or superseded by a fresh plan when the target
 * changed since this one (the job module saw Nomad's check-index refuse it).
 */
import type { OperationRecord, OperationResult } from '../operations/index.js';
import type { ApplyContext } from '../ports.js';
import { allows, isFinal } from './lifecycle.js';
import { finish, replan } from './finish.js';
import type { OperationRuntime } from './runtime.js';

/** `request` queues the fresh plan that replaces a stale one. */
export async function applyStep(rt: OperationRuntime, opId: string, request: (next: OperationRecord['envelope']) => Promise<unknown>): Promise<void> {
  const rec = await rt.d.store.get(opId);
  if (rec && rec.startedApplyAt !== undefined && isFinal(rec.state)) {
    // A re-run of a finished apply: the last run died (or Slack failed) between writing the
    // result and showing it, so the message may still say "Applying" and the lock be held.
    await rt.d.jobDeps.maintenance?.end(opId, rec.state === 'applied' ? 'succeeded' : 'failed');
    await rt.show(rec);
    await rt.release(rec);
    return;
  }
  if (!rec || !allows('start-apply', rec.state) || rec.plan?.status !== 'planned') return;
  const { mod, op, target } = rt.job(rec.envelope.operation);
  const lock = await rt.d.locks.tryLock(target, opId, rt.lockTtlMs());
  if (!lock.acquired) {
    // Our lock expired and someone else planned meanwhile: applying now would be blind.
    await finish(rt, opId, {
      status: 'failed',
      failure: `Not applied: ${lock.holder} took over ${target} while this waited; run the command again.`,
      done: [],
    });
    return;
  }
  const started = await rt.moved(opId, { type: 'start-apply' });
  if (!started) return;
  rt.d.log.info({ opId, target }, 'apply started');
  const ctx = new ApplyProgress(rt, await rt.show(started), rec);
  await rt.audit('apply', started, undefined, { planHash: rec.plan.planHash, nomadIndex: rec.plan.checkIndex, commit: rec.plan.facts.commit });
  // A node this operation takes away goes into maintenance first: its own reboot is not an alert.
  const away = mod.takesNodeAway?.(op, rec.plan, rt.d.jobDeps);
  if (away)
    await rt.d.jobDeps.maintenance?.begin({ ...away, opId, requestedBy: rec.envelope.requestedBy.userId, approvedBy: rec.approvals.map((a) => a.userId) });
  const result: OperationResult = await mod.apply(op, rec.plan, rt.d.jobDeps, ctx.context());
  if (result.status === 'stale') await replan(rt, rec, result.failure, request);
  else await finish(rt, opId, result);
  await rt.d.locks.release(target, opId);
}

/** The ApplyContext a job module gets: progress lines in the message, steps done at most once. */
class ApplyProgress {
  constructor(
    private readonly rt: OperationRuntime,
    private shown: OperationRecord,
    private readonly rec: OperationRecord,
  ) {}

  context(): ApplyContext {
    const opId = this.rec.envelope.opId;
    return {
      opId,
      requestedBy: this.rec.envelope.requestedBy.userId,
      approvedBy: this.rec.approvals.map((a) => a.userId),
      progress: async (line) => {
        // A job's first progress line follows its first Nomad write (jobs/nomad-scale.ts and the others).
        this.rt.d.log.info({ opId, line }, 'apply progress');
        const r = await this.rt.moved(opId, { type: 'progress', line });
        if (r) this.shown = await this.rt.show({ ...r, ts: this.shown.ts, channel: this.shown.channel });
      },
      step: async (name, fn) => {
        const done = (await this.rt.d.store.get(opId))?.completedSteps[name];
        if (done !== undefined) return done;
        const result = await fn();
        const r = await this.rt.advance(opId, { type: 'step-done', name, result });
        this.rt.d.log.info({ opId, step: name }, 'step recorded');
        // A plan that lists its steps shows them as a checklist: each finished one updates the message.
        const listed = this.rec.plan?.status === 'planned' && this.rec.plan.steps?.some((st) => st.name === name);
        if (r?.ok && listed) this.shown = await this.rt.show({ ...r.record, ts: this.shown.ts, channel: this.shown.channel });
        return result;
      },
      attach: async (file) => {
        const { channel, ts } = this.shown;
        if (!channel || !ts) return { shared: false, why: 'the operation has no message yet' };
        return this.rt.d.notifier.attach(channel, ts, file).catch((err: unknown) => {
          this.rt.d.log.warn({ opId, err: String(err) }, 'could not attach a file to the operation');
          return { shared: false, why: 'Slack did not take the file' };
        });
      },
    };
  }
}
