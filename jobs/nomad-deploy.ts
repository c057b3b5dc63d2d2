/**
 * `nomad.deploy`: `levant render -var-file X | nomad job plan -`, approval, then `... | nomad job
 * run -check-index N -`, for one instance or every instance of a directory.
 *
 * A directory is ONE operation: the plan message shows every instance's plan (the full text as a
 * file when long) and takes one approval; the apply rolls the changed instances out one after
 * another (each a `ctx.step`, so a restarted bot never registers one twice) and stops at the first
 * that Nomad refuses or cannot place — the seed's advice to deploy "manually for each YAML file, so
 * that issues with the deployment can be caught early", without twenty approval clicks.
 */
import { CheckIndexConflictError, HttpApiError, explainError } from '../src/errors.js';
import { NomadDeploy, type OperationResult, type PlanOutcome } from '../src/operations/index.js';
import type { DeclarationsView, JobDeps, MutatingJobModule } from '../src/ports.js';
import { type InstancePlan, loadView, planInstance, renderedHash, updatesLine } from './declared.js';
import { movedSince, sourceLines } from './commit-notes.js';
import { COMMIT_FLAG, REF_FLAG } from './deployed-commit.js';
import { followEvaluation, waitForRunning } from './follow.js';
import { registerOnce } from './own-write.js';

const title = (op: NomadDeploy) =>
  op.dir
    ? `deploy ${op.dir}/ (${op.targets.length} instance${op.targets.length === 1 ? '' : 's'})`
    : `deploy ${op.targets[0]!.instance} → ${op.targets[0]!.jobId}`;

export const nomadDeploy: MutatingJobModule<NomadDeploy> = {
  kind: 'nomad.deploy',
  schema: NomadDeploy,
  lockKey: (op) => (op.targets.length === 1 && !op.dir ? `nomad/job/${op.targets[0]!.jobId}` : `nomad/declarations/${op.dir ?? op.targets[0]!.instance}`),
  describe: title,
  touches: (op) => op.targets.map((t) => t.jobId),

  async plan(op, deps): Promise<PlanOutcome> {
    // A deploy plans a branch as it is now: if it cannot be fetched, it says so rather than deploy an old head.
    const view = await loadView(deps, { ref: op.ref, fetch: 'required' });
    if (typeof view === 'string') return { status: 'failed', title: title(op), failure: view };
    const plans: InstancePlan[] = [];
    const problems: string[] = [];
    for (const t of op.targets) {
      const p = await planInstance(view, t.instance, deps);
      if (p.ok) plans.push(p);
      else problems.push(p.problem);
    }
    if (problems.length) {
      const intro = op.dir ? `Nothing will be deployed until every declaration in ${op.dir}/ renders and parses:\n` : '';
      return { status: 'failed', title: title(op), failure: intro + problems.join('\n') };
    }
    const changed = plans.filter((p) => p.changed);
    const at = view.source ? ` at ${view.source.ref} ${view.source.commit.short}` : '';
    if (changed.length === 0) {
      const what =
        plans.length === 1
          ? `${plans[0]!.job.ID} already runs what ${plans[0]!.key} declares${at}`
          : `Every job of ${op.dir}/ already runs what its declaration says${at}`;
      return { status: 'no-change', title: title(op), message: `${what}: nothing to deploy.` };
    }
    const history: string[] = [];
    for (const p of changed) {
      const line = await movedSince(view, p.key, p.running && !p.running.Stop ? p.running : undefined, deps);
      if (line) history.push(line);
    }
    const single = plans.length === 1;
    const facts: Record<string, string | number> = {};
    for (const p of plans) {
      facts[`index:${p.key}`] = p.plan.JobModifyIndex;
      facts[`hcl:${p.key}`] = p.hclHash;
      facts[`job:${p.key}`] = p.job.ID;
    }
    const diffText = single ? changed[0]!.diffText : changed.map((p) => `=== ${p.key} (${p.job.ID}) ===\n${p.diffText}`).join('\n\n');
    const dryRunText = single ? changed[0]!.dryRunText : changed.map((p) => `${p.key}:\n${p.dryRunText}`).join('\n');
    const notes = single
      ? [...sourceLines(view), ...history, ...changed[0]!.notes]
      : [
          ...sourceLines(view),
          ...history,
          `Rollout order, one at a time, stopping at the first failure: ${changed.map((p) => p.key).join(' → ')}`,
          ...plans.map((p) => `• ${p.key} (${p.job.ID}): ${updatesLine(p)}${p.changed ? indexText(p) : ' — skipped'}`),
          ...changed.flatMap((p) => p.notes.map((n) => `${p.key}: ${n}`)),
        ];
    const short = view.source ? ` @ ${view.source.commit.short}` : '';
    const source: Record<string, string> = view.source ? { commit: view.source.commit.sha, ref: view.source.ref } : {};
    return {
      status: 'planned',
      title: single
        ? `deploy ${changed[0]!.key}${short} → ${changed[0]!.job.ID} (${updatesLine(changed[0]!)})`
        : `deploy ${op.dir}/${short}: ${changed.length} of ${plans.length} instances change`,
      diffText,
      dryRunText,
      placementFailures: changed.some((p) => p.placementFailures),
      notes,
      // Several jobs have several indexes, each on its own line above: no one index stands for them all.
      checkIndex: single ? changed[0]!.plan.JobModifyIndex : 0,
      planHash: deps.hash(JSON.stringify(plans.map((p) => [p.key, p.hclHash, p.plan.JobModifyIndex, p.diffText]))),
      facts: { ...facts, ...source, rollout: changed.map((p) => p.key).join(' ') },
    };
  },

  async apply(op, plan, deps, ctx): Promise<OperationResult> {
    const commit = plan.facts.commit === undefined ? undefined : String(plan.facts.commit);
    const ref = plan.facts.ref === undefined ? undefined : String(plan.facts.ref);
    // With git: the ref must still be where it was when the plan was approved (like Nomad's check-index).
    const view = await loadView(deps, { ref, fetch: 'try' });
    if (typeof view === 'string') return { status: 'failed', failure: view, done: [] };
    if (commit && view.source && view.source.commit.sha !== commit)
      return { status: 'stale', failure: await refMoved(ref ?? view.source.ref, commit, view, deps) };
    if (commit && view.source?.fetchProblem)
      await ctx.progress(`⚠️ ${view.source.fetchProblem}: deploying the approved ${commit.slice(0, 7)}; whether ${ref} moved since the plan is not known.`);
    const rollout = String(plan.facts.rollout ?? '')
      .split(' ')
      .filter(Boolean);
    const done: string[] = [];
    for (const [i, key] of rollout.entries()) {
      const line = await ctx.step(`deploy ${key}`, () => deployOne(view, key, plan.facts, deps, ctx));
      const result = JSON.parse(line) as StepResult;
      if (result.status === 'stale') return { status: 'stale', failure: result.line };
      if (result.status === 'failed') {
        const left = rollout.slice(i + 1);
        const rest = left.length ? ` Not attempted: ${left.join(', ')}.` : '';
        return { status: 'failed', failure: `${result.line}${rest}`, done };
      }
      done.push(result.line);
      await ctx.progress(result.line);
    }
    const summary =
      rollout.length === 1 ? done[0]!.replace(/^✓ /, '') : `${op.dir}/ deployed: ${rollout.length} instance${rollout.length === 1 ? '' : 's'} rolled out`;
    return { status: 'succeeded', summary, details: done };
  },
};

interface StepResult {
  status: 'ok' | 'failed' | 'stale';
  line: string;
}

const result = (status: StepResult['status'], line: string) => JSON.stringify({ status, line } satisfies StepResult);

/** Registers one instance with check-index, follows its evaluation and waits (bounded) for it to run. */
async function deployOne(
  view: DeclarationsView,
  key: string,
  facts: Record<string, string | number | boolean>,
  deps: JobDeps,
  ctx: { opId: string; progress(line: string): Promise<void> },
): Promise<string> {
  const started = deps.now();
  const rendered = await renderedHash(view, key, deps);
  if (!rendered || rendered.hash !== facts[`hcl:${key}`]) return result('stale', `${key} changed in the declarations repository since this plan.`);
  const job = await deps.nomad.jobs.parse(rendered.hcl, { canonicalize: true });
  const index = Number(facts[`index:${key}`] ?? 0);
  let evalId: string;
  try {
    const flags: Record<string, string> = facts.commit === undefined ? {} : { [COMMIT_FLAG]: String(facts.commit), [REF_FLAG]: String(facts.ref ?? '') };
    ({ evalId } = await registerOnce(job, rendered.hcl, index, ctx.opId, deps, 'hcl2', flags));
  } catch (err) {
    if (err instanceof CheckIndexConflictError) return result('stale', `${job.ID} changed since this plan (index ${index} → ${err.currentIndex ?? 'newer'}).`);
    if (err instanceof HttpApiError && err.permanent) return result('failed', `✗ ${key} (${job.ID}): ${explainError(err)}.`);
    throw err;
  }
  await ctx.progress(`${key}: Nomad accepted ${job.ID}${evalId ? ` (evaluation ${evalId.slice(0, 8)})` : ''}.`);
  const ev = evalId ? await followEvaluation(evalId, deps) : undefined;
  const failed = Object.entries(ev?.FailedTGAllocs ?? {});
  if (ev?.Status === 'failed' || ev?.BlockedEval || failed.length) {
    const unplaced = failed.map(([g, m]) => `${Number((m as { CoalescedFailures?: number } | null)?.CoalescedFailures ?? 0) + 1} of group "${g}"`).join(', ');
    return result('failed', `✗ ${key}: ${job.ID} was registered but ${unplaced || 'some allocations'} could not be placed (\`/ci why ${job.ID}\` explains).`);
  }
  const counts: string[] = [];
  for (const g of job.TaskGroups ?? []) {
    const allocs = await waitForRunning(job.ID, g.Name, g.Count ?? 1, deps);
    counts.push(`${allocs.running.length}/${g.Count ?? 1} running`);
  }
  const secs = ((deps.now() - started) / 1000).toFixed(1);
  const at = facts.commit === undefined ? '' : ` · at ${String(facts.commit).slice(0, 7)}`;
  return result('ok', `✓ ${key} → ${job.ID}: ${counts.join(', ')}${at} · ${secs} s`);
}

/** Why an approved plan of `ref` at `planned` is stale: the ref moved, or was rewritten. */
async function refMoved(ref: string, planned: string, view: DeclarationsView, deps: JobDeps): Promise<string> {
  const now = view.source!.commit;
  const was = planned.slice(0, 7);
  const kept = await deps.declarations?.git?.isAncestor(planned, now.sha).catch(() => true);
  if (view.source!.refKind === 'tag') return `tag ${ref} was moved since this plan (${was} → ${now.short} “${now.subject}”).`;
  if (kept === false) return `${ref} was force-pushed since this plan: ${was} is no longer on it (now ${now.short} “${now.subject}”).`;
  return `${ref} moved since this plan (${was} → ${now.short} “${now.subject}”).`;
}

/** " · job modify index 39": the index this job's register checks, when the job exists. */
const indexText = (p: InstancePlan) => (p.plan.JobModifyIndex > 0 ? ` · job modify index ${p.plan.JobModifyIndex}` : '');
