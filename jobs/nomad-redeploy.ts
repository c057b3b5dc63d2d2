/**
 * `nomad.redeploy`: the seed's "fully stop and redeploy" — plan the declaration against the
 * running job, then (one approval) `nomad job stop`, wait for the allocations to stop, and
 * `levant render | nomad job run -`. Each step runs once across bot restarts (`ctx.step`).
 */
import { CheckIndexConflictError, HttpApiError, explainError } from '../src/errors.js';
import { NomadRedeploy, type OperationResult, type PlanOutcome } from '../src/operations/index.js';
import type { MutatingJobModule } from '../src/ports.js';
import { loadView, planInstance, renderedHash } from './declared.js';
import { followEvaluation, waitForRunning } from './follow.js';
import { stopAndWait } from './nomad-stop.js';
import { registerOnce } from './own-write.js';
import { sourceLines } from './commit-notes.js';
import { COMMIT_FLAG, REF_FLAG } from './deployed-commit.js';

export const nomadRedeploy: MutatingJobModule<NomadRedeploy> = {
  kind: 'nomad.redeploy',
  schema: NomadRedeploy,
  lockKey: (op) => `nomad/job/${op.target.jobId}`,
  describe: (op) => `redeploy ${op.target.jobId} from ${op.target.instance}`,

  async plan(op, deps): Promise<PlanOutcome> {
    const title = `redeploy ${op.target.jobId} from ${op.target.instance}`;
    // With git: the branch as it is now, and the commit is pinned for the apply.
    const view = await loadView(deps, { fetch: 'required' });
    if (typeof view === 'string') return { status: 'failed', title, failure: view };
    const p = await planInstance(view, op.target.instance, deps);
    if (!p.ok) return { status: 'failed', title, failure: p.problem };
    if (!p.running || p.running.Stop) {
      return { status: 'failed', title, failure: `${p.job.ID} is not running, so there is nothing to stop: \`/ci deploy ${p.key}\` starts it.` };
    }
    const notes = [
      p.changed
        ? '⚠️ The running job differs from its declaration (diff above): the redeploy also applies these changes.'
        : 'The running job is identical to its declaration (no changes), as the runbook asks before a redeploy.',
      `Steps: stop ${p.job.ID} (all ${p.running.TaskGroups?.reduce((n, g) => n + (g.Count ?? 1), 0) ?? 0} allocations), wait until they stopped, run it again from ${p.key}. Builders lose their work in progress.`,
      ...sourceLines(view),
      ...p.notes,
    ];
    const source: Record<string, string> = view.source ? { commit: view.source.commit.sha, ref: view.source.ref } : {};
    return {
      status: 'planned',
      title: `${title} (stop, then run)`,
      diffText: p.diffText,
      dryRunText: p.dryRunText,
      placementFailures: p.placementFailures,
      notes,
      checkIndex: p.running.JobModifyIndex ?? 0,
      planHash: deps.hash(JSON.stringify([p.key, p.hclHash, p.running.JobModifyIndex, p.diffText])),
      facts: { hcl: p.hclHash, jobId: p.job.ID, ...source },
    };
  },

  async apply(op, plan, deps, ctx): Promise<OperationResult> {
    const jobId = String(plan.facts.jobId ?? op.target.jobId);
    const commit = plan.facts.commit === undefined ? undefined : String(plan.facts.commit);
    // The approved commit's files (a commit never moves; the rendered hash below is checked as well).
    const view = await loadView(deps, commit ? { ref: commit, fetch: 'no' } : {});
    if (typeof view === 'string') return { status: 'failed', failure: view, done: [] };
    const started = deps.now();
    const stopped = JSON.parse(
      await ctx.step('stop', async () => {
        const job = await deps.nomad.jobs.find(jobId);
        if (!job || (job.JobModifyIndex ?? 0) !== plan.checkIndex) return JSON.stringify({ stale: job?.JobModifyIndex ?? 0 });
        const resp = await deps.nomad.jobs.stop(jobId);
        return JSON.stringify({ evalId: resp.EvalID ?? '' });
      }),
    ) as { stale?: number; evalId?: string };
    if (stopped.stale !== undefined)
      return { status: 'stale', failure: `${jobId} changed since this plan (index ${plan.checkIndex} → ${stopped.stale}).`, currentIndex: stopped.stale };
    await ctx.progress(`1/2 Stopping ${jobId}${stopped.evalId ? ` (evaluation ${stopped.evalId.slice(0, 8)})` : ''}…`);
    const left = await stopAndWait(jobId, stopped.evalId ?? '', deps);
    const done = [left === 0 ? `${jobId} stopped` : `${jobId} stopping (${left} allocations still stopping)`];

    const ran = JSON.parse(
      await ctx.step('run', async () => {
        const rendered = await renderedHash(view, op.target.instance, deps);
        if (!rendered || rendered.hash !== plan.facts.hcl)
          return JSON.stringify({
            failure: `${op.target.instance} changed in the declarations repository since this plan; the job stays stopped. \`/ci deploy ${op.target.instance}\` runs the new declaration.`,
          });
        const job = await deps.nomad.jobs.parse(rendered.hcl, { canonicalize: true });
        const current = await deps.nomad.jobs.find(job.ID);
        try {
          const flags: Record<string, string> = commit ? { [COMMIT_FLAG]: commit, [REF_FLAG]: String(plan.facts.ref ?? '') } : {};
          const { evalId } = await registerOnce(job, rendered.hcl, current?.JobModifyIndex ?? 0, ctx.opId, deps, 'hcl2', flags);
          return JSON.stringify({ evalId });
        } catch (err) {
          if (err instanceof CheckIndexConflictError || (err instanceof HttpApiError && err.permanent)) {
            return JSON.stringify({
              failure: `${jobId} is stopped, but running it again failed: ${explainError(err)}. \`/ci deploy ${op.target.instance}\` retries.`,
            });
          }
          throw err;
        }
      }),
    ) as { failure?: string; evalId?: string };
    if (ran.failure) return { status: 'failed', failure: ran.failure, done };
    await ctx.progress(`2/2 Running ${jobId} from ${op.target.instance}${ran.evalId ? ` (evaluation ${ran.evalId.slice(0, 8)})` : ''}…`);
    const ev = ran.evalId ? await followEvaluation(ran.evalId, deps) : undefined;
    if (ev?.BlockedEval || Object.keys(ev?.FailedTGAllocs ?? {}).length) {
      return { status: 'failed', failure: `${jobId} was redeployed but some allocations could not be placed (\`/ci why ${jobId}\` explains).`, done };
    }
    const job = await deps.nomad.jobs.find(jobId);
    const counts: string[] = [];
    for (const g of job?.TaskGroups ?? []) {
      const allocs = await waitForRunning(jobId, g.Name, g.Count ?? 1, deps);
      counts.push(`${g.Name}: ${allocs.running.length}/${g.Count ?? 1} running`);
    }
    const secs = ((deps.now() - started) / 1000).toFixed(1);
    return { status: 'succeeded', summary: `${jobId} redeployed from ${op.target.instance}`, details: [...done, `${counts.join(', ')} · ${secs} s`] };
  },
};
