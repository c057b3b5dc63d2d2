/**
 * Which commit of the declarations a job runs. A deploy records the commit in its job submission
 * (`ci-chatops.commit`, beside the operation id): Nomad keeps it with the version the register
 * created, and the Nomad UI shows it with the job's definition.
 *
 * Why not the job's Meta, where `nomad job status` would show it: job Meta is part of every
 * task's meta (NOMAD_META_*), and Nomad replaces allocations whose meta changed (scheduler/util.go
 * tasksUpdated compares CombinedTaskMeta). A commit there would turn every deploy — even a
 * count-only change — into a restart of every builder, killing the builds they run.
 */
import type { JobDeps, NomadJob } from '../src/ports.js';
import { OP_FLAG } from './own-write.js';

/** The submission flag that carries the commit a deploy rendered. */
export const COMMIT_FLAG = 'ci-chatops.commit';
/** The ref the person asked for (`main`, `v1.2`, a sha). */
export const REF_FLAG = 'ci-chatops.ref';

export interface DeployedCommit {
  sha: string;
  /** The job version that deploy created. */
  version: number;
  /** Job versions since, made without a register from git (`/ci scale`, a scale by the autoscaler). */
  laterVersions: number;
  /** The operation that deployed it. */
  opId?: string | undefined;
}

/** How far back to look through job versions (Nomad keeps 6 by default). */
const MAX_VERSIONS = 10;

/**
 * The commit the running version of `jobId` was deployed from, looking back past versions that
 * only scaled it. Undefined when the job is not from git: never deployed by the bot, or registered
 * since by someone else (`nomad job run` by hand), or its deploy is older than Nomad keeps.
 */
export async function deployedCommit(jobId: string, deps: JobDeps, current?: NomadJob): Promise<DeployedCommit | undefined> {
  const job = current ?? (await deps.nomad.jobs.find(jobId));
  if (!job) return undefined;
  const version = job.Version ?? 0;
  for (let v = version; v >= Math.max(0, version - MAX_VERSIONS); v--) {
    const sub = await deps.nomad.jobs.submission(jobId, v);
    if (!sub) continue; // a scale makes a version without a submission
    const flags = sub.VariableFlags ?? {};
    const sha = flags[COMMIT_FLAG];
    if (sha) return { sha, version: v, laterVersions: version - v, opId: flags[OP_FLAG] };
    if (!flags[OP_FLAG]) return undefined; // registered by someone else since
  }
  return undefined;
}
