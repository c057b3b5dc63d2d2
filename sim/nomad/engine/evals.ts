/**
 * The evaluation broker and plan applier: an evaluation waits `evalCompleteMs`, then the
 * scheduler runs against the current state; its plan becomes allocations (PlanResult events),
 * placement failures leave a `blocked` evaluation that is re-run when capacity appears.
 */
import { nowNanos } from '../ids.js';
import { computePlan, type SchedulerPlan } from '../scheduler/reconcile.js';
import { isTerminal } from '../scheduler/resources.js';
import type { NomadEvaluation, NomadJob, NomadStreamEvent } from '../types.js';
import { markFinished, markRunning, newAllocation } from './alloc-objects.js';
import type { SimCore } from './core.js';
import { allocEvent, evalEvent, jobEvent } from './stream-events.js';

type Unstamped = Omit<NomadStreamEvent, 'Index'>;

export function newEvaluation(core: SimCore, job: NomadJob, triggeredBy: string, index: number, extra: Partial<NomadEvaluation> = {}): NomadEvaluation {
  const now = nowNanos();
  return {
    ID: core.state.ids.uuid(),
    Namespace: job.Namespace,
    Priority: job.Priority,
    Type: job.Type,
    TriggeredBy: triggeredBy,
    JobID: job.ID,
    JobModifyIndex: job.JobModifyIndex,
    NodeID: '',
    NodeModifyIndex: 0,
    Status: 'pending',
    StatusDescription: '',
    Wait: 0,
    NextEval: '',
    PreviousEval: '',
    BlockedEval: '',
    FailedTGAllocs: null,
    ClassEligibility: null,
    EscapedComputedClass: false,
    QueuedAllocations: null,
    AnnotatePlan: false,
    SnapshotIndex: 0,
    CreateIndex: index,
    ModifyIndex: index,
    CreateTime: now,
    ModifyTime: now,
    ...extra,
  };
}

/** Stores a new pending evaluation at `index` (the caller commits) and queues it. */
export function enqueueEval(core: SimCore, ev: NomadEvaluation): void {
  core.state.evals.set(ev.ID, ev);
  core.later(core.timing.evalCompleteMs, () => processEval(core, ev.ID));
}

/** Job status as Nomad derives it: dead when stopped, running with live allocations, else pending. */
export function refreshJobStatus(core: SimCore, job: NomadJob, index: number): Unstamped[] {
  const live = core.state.allocations(job.ID, job.Namespace).some((a) => !isTerminal(a));
  const status = job.Stop ? 'dead' : live ? 'running' : 'pending';
  if (status === job.Status) return [];
  job.Status = status;
  job.ModifyIndex = index;
  return [jobEvent('JobStatusUpdated', job)];
}

function applyPlan(core: SimCore, ev: NomadEvaluation, job: NomadJob, plan: SchedulerPlan): void {
  const { state } = core;
  const index = state.nextIndex();
  const events: Unstamped[] = [];
  for (const a of plan.stop) {
    a.DesiredStatus = 'stop';
    a.DesiredDescription = job.Stop
      ? 'alloc not needed since job is stopped'
      : plan.place.some((p) => p.previous === a)
        ? 'alloc is being updated due to job update'
        : 'alloc not needed due to job update';
    a.ModifyIndex = index;
    a.AllocModifyIndex = index;
    a.ModifyTime = nowNanos();
    events.push(allocEvent('PlanResult', a));
  }
  // One copy of the job for the whole plan, as Nomad's plan applier shares one pointer.
  const jobCopy = structuredClone(job);
  for (const a of plan.inPlace) {
    a.Job = jobCopy;
    a.JobVersion = job.Version;
    a.ModifyIndex = index;
    a.AllocModifyIndex = index;
    events.push(allocEvent('PlanResult', a));
  }
  const placed = plan.place.map((p) => {
    const a = newAllocation(state.ids.uuid(), ev.ID, job, p, index, jobCopy);
    if (p.previous) p.previous.NextAllocation = a.ID;
    state.allocs.set(a.ID, a);
    events.push(allocEvent('PlanResult', a));
    return a;
  });
  events.push(...refreshJobStatus(core, job, index));
  const record = state.record(job.ID, job.Namespace);
  if (record) record.summaryModifyIndex = index;
  state.commit(index, ['allocs', 'job_summary', 'jobs'], events);

  for (const a of placed) {
    core.later(core.timing.allocStartMs, () => {
      if (a.DesiredStatus !== 'run' || a.ClientStatus !== 'pending') return;
      const i = state.nextIndex();
      markRunning(a, i);
      if (record) record.summaryModifyIndex = i;
      state.commit(i, ['allocs', 'job_summary'], [allocEvent('AllocationUpdated', a)]);
    });
  }
  for (const a of plan.stop) {
    core.later(core.timing.allocStartMs, () => {
      if (a.ClientStatus !== 'pending' && a.ClientStatus !== 'running') return;
      const i = state.nextIndex();
      markFinished(a, i, 'complete');
      if (record) record.summaryModifyIndex = i;
      const extra = refreshJobStatus(core, job, i);
      state.commit(i, ['allocs', 'job_summary', 'jobs'], [allocEvent('AllocationUpdated', a), ...extra]);
    });
  }
  // A desired stop frees the resources for the scheduler at once, before the client reports.
  if (plan.stop.length > 0) core.capacityFreed();
}

/** Runs the scheduler for one evaluation now. */
export function processEval(core: SimCore, evalId: string): void {
  const { state } = core;
  const ev = state.evals.get(evalId);
  if (!ev || (ev.Status !== 'pending' && ev.Status !== 'blocked')) return;
  const wasBlocked = ev.PreviousEval !== '';
  const job = state.job(ev.JobID, ev.Namespace) ?? purgedJob(ev);
  const plan = computePlan({ nodes: state.nodes.values(), allocs: state.allocs.values() }, job);
  applyPlan(core, ev, job, plan);

  const index = state.nextIndex();
  const events: Unstamped[] = [];
  const failed = Object.keys(plan.failed).length > 0;
  ev.FailedTGAllocs = failed ? plan.failed : null;
  ev.QueuedAllocations = Object.fromEntries(job.TaskGroups.map((tg) => [tg.Name, plan.queued[tg.Name] ?? 0]));
  ev.ModifyIndex = index;
  ev.ModifyTime = nowNanos();
  if (failed && wasBlocked) {
    ev.Status = 'blocked';
  } else {
    ev.Status = 'complete';
    if (!wasBlocked) {
      for (const other of state.evaluations(job.ID)) {
        if (other.Status === 'blocked' && other.Namespace === job.Namespace) {
          other.Status = 'canceled';
          other.StatusDescription = 'evaluation is outdated';
          other.ModifyIndex = index;
          events.push(evalEvent('EvaluationUpdated', other));
        }
      }
    }
    if (failed) {
      const blocked = newEvaluation(core, job, ev.TriggeredBy, index, {
        Status: 'blocked',
        StatusDescription: 'created to place remaining allocations',
        PreviousEval: ev.ID,
        FailedTGAllocs: plan.failed, // CreateBlockedEval carries the failed placements
        ClassEligibility: {},
        EscapedComputedClass: true,
      });
      state.evals.set(blocked.ID, blocked);
      ev.BlockedEval = blocked.ID;
      events.push(evalEvent('EvaluationUpdated', blocked));
    }
  }
  events.unshift(evalEvent('EvaluationUpdated', ev));
  state.commit(index, ['evals'], events);
}

/** The blocked evaluations get another chance: capacity appeared (node up, allocations stopped). */
export function unblockEvals(core: SimCore): void {
  for (const ev of core.state.evals.values()) {
    if (ev.Status === 'blocked') core.later(core.timing.evalCompleteMs, () => processEval(core, ev.ID));
  }
}

/** A job that was purged: schedule it as stopped so its allocations go away. */
function purgedJob(ev: NomadEvaluation): NomadJob {
  return {
    ID: ev.JobID,
    Name: ev.JobID,
    Namespace: ev.Namespace,
    Region: 'global',
    Type: ev.Type,
    Priority: ev.Priority,
    Datacenters: ['*'],
    NodePool: 'default',
    TaskGroups: [],
    Stop: true,
    Status: 'dead',
    StatusDescription: '',
    Version: 0,
    Stable: false,
    SubmitTime: 0,
    CreateIndex: 0,
    ModifyIndex: 0,
    JobModifyIndex: 0,
  };
}
