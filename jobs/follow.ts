/**
 * After a change: follow the evaluation Nomad created until it finishes, then wait (bounded) for
 * the group's allocations to run, using blocking queries rather than polling loops.
 */
import type { JobDeps, NomadAllocationStub, NomadEvaluation } from '../src/ports.js';

const DONE = new Set(['complete', 'failed', 'canceled', 'blocked']);

export async function followEvaluation(evalId: string, deps: JobDeps): Promise<NomadEvaluation | undefined> {
  const deadline = deps.now() + deps.followTimeoutMs;
  let index = 0;
  while (deps.now() < deadline) {
    const { data, meta } = await deps.nomad.evaluations.read(evalId, { index, wait: waitFor(deadline, deps) });
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
    const { data, meta } = await deps.nomad.jobs.allocations(jobId, { index, wait: waitFor(deadline, deps) });
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

function waitFor(deadline: number, deps: JobDeps): string {
  return `${Math.max(1, Math.ceil((deadline - deps.now()) / 1000))}s`;
}
