/** Per-allocation actions: stop (the scheduler places a replacement) and restart (tasks restart in place). */
import { nowNanos } from '../ids.js';
import type { NomadAllocation } from '../types.js';
import { markFinished, taskEvent } from './alloc-objects.js';
import type { SimCore } from './core.js';
import { enqueueEval, newEvaluation } from './evals.js';
import { allocEvent, evalEvent } from './stream-events.js';

/** `POST /v1/allocation/:id/stop`: returns the eval that replaces it. */
export function stopAllocation(core: SimCore, a: NomadAllocation): { EvalID: string; Index: number } {
  const { state } = core;
  const index = state.nextIndex();
  a.DesiredStatus = 'stop';
  a.DesiredDescription = 'alloc was stopped by the user';
  a.ModifyIndex = index;
  a.ModifyTime = nowNanos();
  const job = state.job(a.JobID, a.Namespace) ?? a.Job;
  const ev = newEvaluation(core, job, 'alloc-stop', index);
  enqueueEval(core, ev);
  state.commit(index, ['allocs', 'evals', 'job_summary'], [allocEvent('AllocationUpdateDesiredStatus', a), evalEvent('EvaluationUpdated', ev)]);
  core.later(core.timing.allocStartMs, () => {
    const i = state.nextIndex();
    markFinished(a, i, 'complete');
    state.commit(i, ['allocs', 'job_summary'], [allocEvent('AllocationUpdated', a)]);
  });
  return { EvalID: ev.ID, Index: index };
}

/**
 * `POST /v1/client/allocation/:id/restart`: the named task, or all of them, restart in place. As the
 * client's task runner does (client/allocrunner/taskrunner/lifecycle.go restartImpl): "Restart
 * Signaled" at once, then the task is killed, which takes a while; only then "Restarting" counts
 * the restart (task_runner.go appendEvent: Restarts++), and "Started" runs it again.
 */
export function restartAllocation(core: SimCore, a: NomadAllocation, task: string | undefined): void {
  const { state } = core;
  const tasks = Object.entries(a.TaskStates).filter(([name]) => task === undefined || task === name);
  const update = (change: () => void) => {
    const index = state.nextIndex();
    change();
    a.ModifyIndex = index;
    a.ModifyTime = nowNanos();
    state.commit(index, ['allocs'], [allocEvent('AllocationUpdated', a)]);
  };
  update(() => {
    for (const [, s] of tasks)
      s.Events.push(taskEvent('Restart Signaled', 'User requested task to restart', { RestartReason: 'User requested task to restart' }));
  });
  core.later(core.timing.allocStartMs, () =>
    update(() => {
      for (const [, s] of tasks) {
        s.Restarts += 1;
        s.LastRestart = new Date().toISOString();
        s.Events.push(taskEvent('Restarting', 'Task restarting in 0s'));
        s.Events.push(taskEvent('Started', 'Task started by client'));
      }
    }),
  );
}

/**
 * A task dies (the builder crashed): the allocation fails and, as for a service job with a
 * reschedule policy, an `alloc-failure` evaluation places a replacement.
 */
export function failAllocation(core: SimCore, a: NomadAllocation, message = 'Exit Code: 1'): void {
  const { state } = core;
  const index = state.nextIndex();
  a.DesiredDescription = 'alloc failed: task exited with an error';
  a.ModifyTime = nowNanos();
  markFinished(a, index, 'failed');
  for (const ts of Object.values(a.TaskStates)) {
    ts.Failed = true;
    ts.Events.push(taskEvent('Terminated', message, { ExitCode: 1 }));
  }
  a.DesiredStatus = 'stop';
  state.commit(index, ['allocs', 'job_summary'], [allocEvent('AllocationUpdated', a)]);
  // Like a service job's reschedule policy: the replacement is scheduled after a delay.
  core.later(core.timing.rescheduleDelayMs, () => {
    const job = state.job(a.JobID, a.Namespace) ?? a.Job;
    const i = state.nextIndex();
    const ev = newEvaluation(core, job, 'alloc-failure', i);
    enqueueEval(core, ev);
    state.commit(i, ['evals'], [evalEvent('EvaluationUpdated', ev)]);
  });
}
