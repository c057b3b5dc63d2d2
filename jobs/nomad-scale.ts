/** `nomad.scale`: plan a task group's new count against Nomad, then apply it with check-and-set. */
import { CheckIndexConflictError, HttpApiError, explainError } from '../src/errors.js';
import { NomadScale, type OperationResult, type PlanOutcome } from '../src/operations/index.js';
import type { ApplyContext, JobDeps, MutatingJobModule } from '../src/ports.js';
import { OP_FLAG, ownRegistration, registerOnce } from './own-write.js';
import { followEvaluation, waitForRunning } from './follow.js';
import { explainPlacement } from './placement.js';
import { declaredCountNote } from './declared.js';

export const nomadScale: MutatingJobModule<NomadScale> = {
  kind: 'nomad.scale',
  schema: NomadScale,
  lockKey: (op) => `nomad/job/${op.jobId}`,
  describe: (op) => `scale ${op.jobId} to ${op.count}`,

  async plan(op, deps): Promise<PlanOutcome> {
    const title = `scale ${op.jobId} to ${op.count}`;
    const job = await deps.nomad.jobs.find(op.jobId);
    if (!job) return { status: 'failed', title, failure: `Job ${op.jobId} no longer exists in Nomad.` };
    if (job.Stop) return { status: 'failed', title, failure: `${op.jobId} is stopped; deploy it before scaling it.` };
    const group = job.TaskGroups?.find((g) => g.Name === op.group);
    if (!group) return { status: 'failed', title, failure: `${op.jobId} has no task group "${op.group}" any more.` };
    const before = group.Count ?? 1;
    if (before === op.count) {
      return { status: 'no-change', title, message: `${op.jobId} group "${op.group}" already runs ${before}: nothing to do.` };
    }
    const changed = structuredClone(job);
    for (const g of changed.TaskGroups ?? []) if (g.Name === op.group) g.Count = op.count;
    const plan = await deps.nomad.jobs.plan(changed);
    const { diffText, dryRunText } = deps.nomad.formatPlan(plan, job.Type);
    const metric = plan.FailedTGAllocs?.[op.group];
    const notes = metric ? explainPlacement(op.group, metric, Math.max(0, op.count - before)) : [];
    const declared = await declaredCountNote(op.jobId, op.count, deps);
    if (declared) notes.push(declared);
    return {
      status: 'planned',
      title: `scale ${op.jobId}  ${before} → ${op.count}`,
      diffText,
      dryRunText,
      placementFailures: Object.keys(plan.FailedTGAllocs ?? {}).length > 0,
      notes,
      checkIndex: plan.JobModifyIndex,
      planHash: deps.hash(JSON.stringify([op.jobId, op.group, before, op.count, plan.JobModifyIndex, diffText])),
      facts: { before, group: op.group },
    };
  },

  async apply(op, plan, deps, ctx): Promise<OperationResult> {
    const started = deps.now();
    // Exactly once: a retried apply (crash after the Nomad call) finds its own scaling event, or
    // its own registration (on servers before 1.9, or if the first attempt could not ask the version).
    let evalId = (await findOwnScalingEval(op, ctx.opId, deps)) ?? (await ownRegistration(op.jobId, ctx.opId, deps))?.evalId;
    if (evalId === undefined) {
      try {
        evalId = (await deps.nomad.jobs.scaleChecksIndex())
          ? await scaleWithCheckIndex(op, plan.checkIndex, deps, ctx)
          : await scaleAsRegister(op, plan.checkIndex, deps, ctx);
        if (evalId === undefined) return { status: 'failed', failure: `Job ${op.jobId} no longer exists in Nomad; nothing was scaled.`, done: [] };
      } catch (err) {
        if (err instanceof CheckIndexConflictError) {
          const current = err.currentIndex;
          return {
            status: 'stale',
            failure: `${op.jobId} changed since this plan (index ${plan.checkIndex} → ${current ?? 'newer'}).`,
            currentIndex: current,
          };
        }
        if (err instanceof HttpApiError && err.permanent) return { status: 'failed', failure: `Not scaled. ${explainError(err)}.`, done: [] };
        throw err;
      }
      await ctx.progress(`Nomad accepted the new count${evalId ? ` (evaluation ${evalId.slice(0, 8)})` : ''}.`);
    }
    const details: string[] = [];
    const ev = evalId ? await followEvaluation(evalId, deps) : undefined;
    if (evalId)
      details.push(
        ev ? `Evaluation ${evalId.slice(0, 8)} ${ev.Status}` : `Evaluation ${evalId.slice(0, 8)} still running after ${deps.followTimeoutMs / 1000}s`,
      );
    // What the scheduler could not place waits in a blocked evaluation (Nomad's generic scheduler:
    // the evaluation keeps FailedTGAllocs and names its BlockedEval); waiting for those to run would
    // only run out the clock, so wait for the ones Nomad placed.
    const failed = ev?.FailedTGAllocs?.[op.group];
    const unplaced = failed ? failed.CoalescedFailures + 1 : 0;
    const allocs = await waitForRunning(op.jobId, op.group, Math.max(0, op.count - unplaced), deps);
    const before = Number(plan.facts.before ?? 0);
    const live = allocs.running.concat(allocs.pending);
    const placed = live.filter((a) => indexOf(a.Name) >= before);
    const placedOn = [...new Set(placed.map((a) => a.NodeName ?? a.NodeID.slice(0, 8)))].sort();
    const secs = ((deps.now() - started) / 1000).toFixed(1);
    const added = op.count - before;
    let line = `${allocs.running.length}/${op.count} allocations running`;
    if (added > 0 && placed.length) line += ` (${placed.length < added ? `${placed.length} of ${added} new` : placed.length} placed on ${placedOn.join(', ')})`;
    else if (added > 0) line += ` (none of ${added} new placed)`;
    if (allocs.pending.length) line += `, ${allocs.pending.length} pending`;
    if (allocs.failed.length) line += `, ${allocs.failed.length} failed`;
    details.push(`${line} · ${secs} s`);
    const summary = `${op.jobId} scaled ${before} → ${op.count}`;
    if (failed && unplaced > 0) {
      const blockedBy = ev?.BlockedEval
        ? `blocked evaluation ${ev.BlockedEval.slice(0, 8)} places them when capacity appears`
        : 'Nomad places them when capacity appears';
      const [, ...why] = explainPlacement(op.group, failed, Math.max(unplaced, added));
      // The plan's notes above already give the runbook's hints; repeat only the reasons, as of the apply.
      const reasons = plan.placementFailures ? why.filter((l) => l.startsWith('  •')) : why;
      details.push(`${unplaced} not placed: ${blockedBy} (\`/ci why ${op.jobId}\`):`, ...reasons);
      return { status: 'succeeded', summary, details, partial: 'partly placed' };
    }
    return { status: 'succeeded', summary, details };
  },
};

/** `nomad job scale` with `-check-index`: Nomad 1.9 and later refuse it when the job changed since the plan. */
async function scaleWithCheckIndex(op: NomadScale, checkIndex: number, deps: JobDeps, ctx: ApplyContext): Promise<string> {
  const resp = await deps.nomad.jobs.scale(op.jobId, {
    group: op.group,
    count: op.count,
    jobModifyIndex: checkIndex,
    message: `ci-chatops ${ctx.opId}: requested by ${ctx.requestedBy}, approved by ${ctx.approvedBy.join(', ')}`,
    meta: { [OP_FLAG]: ctx.opId },
  });
  return resp.EvalID ?? '';
}

/**
 * Before Nomad 1.9, `/scale` drops `JobModifyIndex` and scales whatever happened since the plan.
 * The same change as a job register with `EnforceIndex` keeps the stale-plan guarantee on every
 * version; the job's JSON is its submission, with the operation id (see own-write.ts).
 */
async function scaleAsRegister(op: NomadScale, checkIndex: number, deps: JobDeps, ctx: ApplyContext): Promise<string | undefined> {
  const job = await deps.nomad.jobs.find(op.jobId);
  if (!job) return undefined;
  const scaled = structuredClone(job);
  for (const g of scaled.TaskGroups ?? []) if (g.Name === op.group) g.Count = op.count;
  const { evalId } = await registerOnce(scaled, JSON.stringify(scaled), checkIndex, ctx.opId, deps, 'json');
  return evalId;
}

async function findOwnScalingEval(op: NomadScale, opId: string, deps: JobDeps): Promise<string | undefined> {
  const { data } = await deps.nomad.jobs.scaleStatus(op.jobId);
  const event = data.TaskGroups[op.group]?.Events?.find((e) => e.Meta?.[OP_FLAG] === opId);
  return event ? (event.EvalID ?? '') : undefined;
}

/** `ci-mesosci-cs8.ci[9]` → 9. */
function indexOf(allocName: string): number {
  const m = /\[(\d+)\]$/.exec(allocName);
  return m ? Number(m[1]) : -1;
}
