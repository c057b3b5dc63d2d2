/**
 * `nomad.stop`: `nomad job stop <job>` (the job stays, `Stop: true`) or `-purge` (the job and
 * its history are removed at once) — purge only when the person asked for it.
 */
import { HttpApiError, explainError } from '../src/errors.js';
import { NomadStop, type OperationResult, type PlanOutcome } from '../src/operations/index.js';
import type { JobDeps, MutatingJobModule } from '../src/ports.js';
import { loadView } from './declared.js';
import { followEvaluation, untilDeadline } from './follow.js';

const verb = (op: NomadStop) => (op.purge ? 'stop and purge' : 'stop');

export const nomadStop: MutatingJobModule<NomadStop> = {
  kind: 'nomad.stop',
  schema: NomadStop,
  lockKey: (op) => `nomad/job/${op.jobId}`,
  describe: (op) => `${verb(op)} ${op.jobId}`,

  async plan(op, deps): Promise<PlanOutcome> {
    const title = `${verb(op)} ${op.jobId}`;
    const job = await deps.nomad.jobs.find(op.jobId);
    if (!job) return { status: 'failed', title, failure: `Job ${op.jobId} does not exist in Nomad (any more).` };
    if (job.Stop && !op.purge)
      return { status: 'no-change', title, message: `${op.jobId} is already stopped. \`/ci stop ${op.jobId} --purge\` removes it from Nomad.` };
    const { data: allocs } = await deps.nomad.jobs.allocations(op.jobId);
    const live = allocs.filter((a) => a.DesiredStatus === 'run' && ['running', 'pending'].includes(a.ClientStatus));
    const groups = (job.TaskGroups ?? []).map((g) => `${g.Name} ${live.filter((a) => a.TaskGroup === g.Name).length}/${job.Stop ? 0 : (g.Count ?? 1)}`);
    const notes = [await redeployHint(op.jobId, deps)];
    if (op.purge) notes.push('Purge also deletes the job, its versions and its scaling history from Nomad: `nomad job history` will not show it any more.');
    return {
      status: 'planned',
      title: `${title} (${live.length} allocation${live.length === 1 ? '' : 's'} running)`,
      diffText: `- Job: "${op.jobId}"${op.purge ? ' (purge)' : ''}\n  groups: ${groups.join(', ') || 'none'}`,
      dryRunText: live.length
        ? `- ${live.length} allocation${live.length === 1 ? '' : 's'} will be stopped: ${[...new Set(live.map((a) => a.NodeName ?? a.NodeID.slice(0, 8)))].sort().join(', ')}`
        : '- No allocation is running.',
      placementFailures: false,
      notes: notes.filter(Boolean),
      checkIndex: job.JobModifyIndex ?? 0,
      planHash: deps.hash(JSON.stringify([op.jobId, op.purge, job.JobModifyIndex, live.length])),
      facts: { running: live.length },
    };
  },

  async apply(op, plan, deps, ctx): Promise<OperationResult> {
    const line = await ctx.step('stop', async () => {
      const job = await deps.nomad.jobs.find(op.jobId);
      if (!job) return JSON.stringify({ gone: true });
      // DELETE has no check-index: compare by hand so a job changed since the plan is re-planned, not stopped blind.
      if ((job.JobModifyIndex ?? 0) !== plan.checkIndex) return JSON.stringify({ stale: job.JobModifyIndex ?? 0 });
      try {
        const resp = await deps.nomad.jobs.stop(op.jobId, { purge: op.purge });
        return JSON.stringify({ evalId: resp.EvalID ?? '' });
      } catch (err) {
        if (err instanceof HttpApiError && err.permanent) return JSON.stringify({ refused: explainError(err) });
        throw err;
      }
    });
    const r = JSON.parse(line) as { gone?: boolean; stale?: number; evalId?: string; refused?: string };
    if (r.gone) return { status: 'failed', failure: `${op.jobId} no longer exists in Nomad; nothing was stopped.`, done: [] };
    if (r.stale !== undefined)
      return { status: 'stale', failure: `${op.jobId} changed since this plan (index ${plan.checkIndex} → ${r.stale}).`, currentIndex: r.stale };
    if (r.refused) return { status: 'failed', failure: `${op.jobId} was not stopped. ${r.refused}.`, done: [] };
    await ctx.progress(`Nomad is stopping ${op.jobId}${r.evalId ? ` (evaluation ${r.evalId.slice(0, 8)})` : ''}.`);
    const left = await stopAndWait(op.jobId, r.evalId ?? '', deps);
    // The plan's notes stay in the applied message: how to bring the job back is said there, once.
    const details = [
      left === 0 ? 'All allocations stopped.' : `${left} allocation${left === 1 ? '' : 's'} still stopping after ${deps.followTimeoutMs / 1000}s.`,
    ];
    return { status: 'succeeded', summary: `${op.jobId} ${op.purge ? 'stopped and purged' : 'stopped'}`, details };
  },
};

/** Follows the stop's evaluation, then waits (bounded) until no allocation of the job runs; returns how many still do. */
export async function stopAndWait(jobId: string, evalId: string, deps: JobDeps): Promise<number> {
  if (evalId) await followEvaluation(evalId, deps);
  const deadline = deps.now() + deps.followTimeoutMs;
  let index = 0;
  for (;;) {
    const { data, meta } = await deps.nomad.jobs.allocations(jobId, { index, waitMs: untilDeadline(deadline, deps) });
    const left = data.filter((a) => ['running', 'pending'].includes(a.ClientStatus)).length;
    if (left === 0 || deps.now() >= deadline) return left;
    index = meta.lastIndex;
  }
}

/** "Declared in ci/mesosci-cs8: `/ci deploy ci/mesosci-cs8` brings it back." */
async function redeployHint(jobId: string, deps: JobDeps): Promise<string> {
  const view = await loadView(deps);
  if (typeof view === 'string') return '';
  const inst = view.list().find((i) => i.jobName === jobId);
  if (!inst) return `${jobId} has no declaration in the repository: once purged, it cannot be deployed again from chat.`;
  const key = inst.dir ? `${inst.dir}/${inst.name}` : inst.name;
  return `Declared in ${key}: \`/ci deploy ${key}\` brings it back.`;
}
