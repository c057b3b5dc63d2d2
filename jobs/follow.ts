/**
 * After a change: follow the evaluation Nomad created until it finishes, then wait (bounded) for
 * the group's allocations to run, using blocking queries rather than polling loops.
 */
import type { JobDeps, NomadAllocationStub, NomadEvaluationWithPlacements } from '../src/ports.js';

const DONE = new Set(['complete', 'failed', 'canceled', 'blocked']);

export async function followEvaluation(evalId: string, deps: JobDeps): Promise<NomadEvaluationWithPlacements | undefined> {
  const deadline = deps.now() + deps.followTimeoutMs;
  let index = 0;
  while (deps.now() < deadline) {
    const { data, meta } = await deps.nomad.evaluations.read(evalId, { index, waitMs: untilDeadline(deadline, deps) });
    if (DONE.has(data.Status)) return data;
    index = meta.lastIndex;
  }
  return undefined;
}

export interface GroupAllocations {
  running: NomadAllocationStub[];
  pending: NomadAllocationStub[];
  failed: NomadAllocationStub[];
}

/** Waits until `count` allocations of the group run (or the deadline), then reports them. */
export async function waitForRunning(jobId: string, group: string, count: number, deps: JobDeps): Promise<GroupAllocations> {
  const deadline = deps.now() + deps.followTimeoutMs;
  let index = 0;
  for (;;) {
    const { data, meta } = await deps.nomad.jobs.allocations(jobId, { index, waitMs: untilDeadline(deadline, deps) });
    const live = data.filter((a) => a.TaskGroup === group && a.DesiredStatus === 'run');
    const result = {
      running: live.filter((a) => a.ClientStatus === 'running'),
      pending: live.filter((a) => a.ClientStatus === 'pending'),
      failed: live.filter((a) => a.ClientStatus === 'failed' || a.ClientStatus === 'lost'),
    };
    if (result.running.length >= count || deps.now() >= deadline) return result;
    index = meta.lastIndex;
  }
}

/** A blocking query's wait: what is left until `deadline` (the Nomad client caps it at 300 s and sets its timeout above it). */
export function untilDeadline(deadline: number, deps: Pick<JobDeps, 'now'>): number {
  return Math.max(1, deadline - deps.now());
}
