/**
 * A retried register recognises its own first attempt. When Nomad carried out a register but its
 * answer was lost, registering again with the planned check-index meets the conflict our own write
 * caused and would report "changed since this plan". So every register records the operation id
 * in its job submission (kept by Nomad with the version it creates), and a register first looks
 * for it on the job's current version.
 *
 * Why not the job's Meta, like the scale's event Meta: job Meta is part of every task's meta
 * (NOMAD_META_*), and Nomad replaces allocations whose meta changed (scheduler/util.go
 * tasksUpdated compares CombinedTaskMeta): a new op id in it would restart every builder.
 */
import type { JobDeps, NomadJob } from '../src/ports.js';

/** The submission flag that carries the operation id (shown by the Nomad UI like a `-var`). */
export const OP_FLAG = 'ci-chatops.op';

/** Our own earlier registration of `jobId` (its evaluation, '' if none), or undefined. */
export async function ownRegistration(jobId: string, opId: string, deps: JobDeps): Promise<{ evalId: string } | undefined> {
  const current = await deps.nomad.jobs.find(jobId);
  if (!current) return undefined;
  const submitted = await deps.nomad.jobs.submission(jobId, current.Version ?? 0);
  if (submitted?.VariableFlags?.[OP_FLAG] !== opId) return undefined;
  const { data: evals } = await deps.nomad.jobs.evaluations(jobId);
  const ev = evals.find((e) => e.TriggeredBy === 'job-register' && e.JobModifyIndex === current.JobModifyIndex);
  return { evalId: ev?.ID ?? '' };
}

/**
 * Registers `job` (from `source`: the rendered HCL, or the job's JSON) with check-index once per operation: a retry that finds
 * its own registration returns that registration's evaluation instead of writing again.
 */
export async function registerOnce(
  job: NomadJob,
  source: string,
  enforceIndex: number,
  opId: string,
  deps: JobDeps,
  format: 'hcl2' | 'json' = 'hcl2',
  flags: Record<string, string> = {},
): Promise<{ evalId: string; again: boolean }> {
  const own = await ownRegistration(job.ID, opId, deps);
  if (own) return { ...own, again: true };
  const resp = await deps.nomad.jobs.register(job, { enforceIndex }, { submission: { source, format, flags: { ...flags, [OP_FLAG]: opId } } });
  return { evalId: resp.EvalID ?? '', again: false };
}
