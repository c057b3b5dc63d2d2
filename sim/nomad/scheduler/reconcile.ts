/**
 * The service scheduler's reconciler: compares a job with its allocations and decides, per task
 * group, what to place, stop, update in place or replace; then places with `PlanContext`.
 * Pure: it reads the state and returns a plan; nothing is written.
 */
import { deepEqual } from '../state/canonical-job.js';
import type { NomadAllocation, NomadJob, NomadNode, NomadTaskGroup } from '../types.js';
import { metricToWire, type AllocMetric } from './metrics.js';
import { isTerminal, type Usage } from './resources.js';
import { PlanContext } from './select.js';

/** api.DesiredUpdates: all twelve counters. */
export interface DesiredUpdates {
  Ignore: number;
  Place: number;
  Migrate: number;
  Stop: number;
  InPlaceUpdate: number;
  DestructiveUpdate: number;
  Canary: number;
  Preemptions: number;
  Disconnect: number;
  Reconnect: number;
  RescheduleNow: number;
  RescheduleLater: number;
}

export const emptyDesiredUpdates = (): DesiredUpdates => ({
  Ignore: 0,
  Place: 0,
  Migrate: 0,
  Stop: 0,
  InPlaceUpdate: 0,
  DestructiveUpdate: 0,
  Canary: 0,
  Preemptions: 0,
  Disconnect: 0,
  Reconnect: 0,
  RescheduleNow: 0,
  RescheduleLater: 0,
});

export interface Placement {
  name: string;
  tg: NomadTaskGroup;
  node: NomadNode;
  ask: Usage;
  cores: number[];
  metric: AllocMetric;
  previous?: NomadAllocation;
}

export interface SchedulerPlan {
  place: Placement[];
  stop: NomadAllocation[];
  inPlace: NomadAllocation[];
  desired: Record<string, DesiredUpdates>;
  /** Wire AllocationMetric of the first failed placement per group, CoalescedFailures counted. */
  failed: Record<string, ReturnType<typeof metricToWire>>;
  /** Placements that could not be made, per group. */
  queued: Record<string, number>;
}

/** The index in `job.group[3]`. */
export const allocIndex = (name: string): number => Number(/\[(\d+)\]$/.exec(name)?.[1] ?? -1);

const DESTRUCTIVE_IGNORED_TASK_FIELDS = ['Services', 'KillTimeout', 'KillSignal', 'LogConfig', 'Constraints', 'Affinities', 'Spreads', 'ShutdownDelay'];

/** `tasksUpdated`: a change that needs new allocations (driver, config, env, resources, disk, meta...). */
export function tasksUpdated(oldJob: NomadJob, newJob: NomadJob, oldTg: NomadTaskGroup, newTg: NomadTaskGroup): boolean {
  const strip = (tg: NomadTaskGroup) =>
    tg.Tasks.map((t) => Object.fromEntries(Object.entries(t).filter(([k]) => !DESTRUCTIVE_IGNORED_TASK_FIELDS.includes(k))));
  return (
    !deepEqual(strip(oldTg), strip(newTg)) ||
    !deepEqual(oldTg.EphemeralDisk, newTg.EphemeralDisk) ||
    !deepEqual(oldTg.Networks ?? null, newTg.Networks ?? null) ||
    !deepEqual(oldTg.Meta ?? null, newTg.Meta ?? null) ||
    !deepEqual(oldJob.Meta ?? null, newJob.Meta ?? null)
  );
}

/** True when the jobs differ in nothing but group counts (and server fields). */
export interface ClusterView {
  nodes: Iterable<NomadNode>;
  allocs: Iterable<NomadAllocation>;
}

/** Computes what the scheduler would do for `job` (a stopped job stops everything). */
export function computePlan(view: ClusterView, job: NomadJob): SchedulerPlan {
  const plan: SchedulerPlan = { place: [], stop: [], inPlace: [], desired: {}, failed: {}, queued: {} };
  // Materialised once: the view may hold one-shot iterators.
  const allAllocs = [...view.allocs];
  const live = allAllocs.filter((a) => a.JobID === job.ID && a.Namespace === job.Namespace && !isTerminal(a));
  const wanted: Array<{ tg: NomadTaskGroup; name: string; previous?: NomadAllocation }> = [];

  for (const tg of job.TaskGroups) plan.desired[tg.Name] = emptyDesiredUpdates();
  for (const a of live) {
    if (!job.Stop && job.TaskGroups.some((tg) => tg.Name === a.TaskGroup)) continue;
    plan.stop.push(a);
    (plan.desired[a.TaskGroup] ??= emptyDesiredUpdates()).Stop += 1;
  }
  for (const tg of job.Stop ? [] : job.TaskGroups) {
    const d = plan.desired[tg.Name] ?? emptyDesiredUpdates();
    const existing = live.filter((a) => a.TaskGroup === tg.Name).sort((x, y) => allocIndex(x.Name) - allocIndex(y.Name));
    const covered = new Set<number>();
    for (const a of existing) {
      const i = allocIndex(a.Name);
      if (i >= tg.Count || covered.has(i)) {
        plan.stop.push(a);
        d.Stop += 1;
        continue;
      }
      covered.add(i);
      const oldTg = a.Job.TaskGroups.find((g) => g.Name === tg.Name);
      if (!oldTg || tasksUpdated(a.Job, job, oldTg, tg)) {
        plan.stop.push(a);
        d.DestructiveUpdate += 1;
        wanted.push({ tg, name: a.Name, previous: a });
      } else if (a.Job.JobModifyIndex === job.JobModifyIndex) {
        // A count change bumps JobModifyIndex, so the existing allocations become in-place updates,
        // as the verbatim plan sample shows: count 1 → 8 gives "(7 create, 1 in-place update)".
        d.Ignore += 1;
      } else {
        plan.inPlace.push(a);
        d.InPlaceUpdate += 1;
      }
    }
    for (let i = 0; i < tg.Count; i++) {
      if (covered.has(i)) continue;
      d.Place += 1;
      wanted.push({ tg, name: `${job.ID}.${tg.Name}[${i}]` });
    }
  }

  const ctx = new PlanContext(view.nodes, allAllocs, job, new Set(plan.stop.map((a) => a.ID)));
  const failed: Record<string, AllocMetric> = {};
  for (const w of wanted) {
    const prior = failed[w.tg.Name];
    if (prior) {
      prior.CoalescedFailures += 1;
      continue;
    }
    const sel = ctx.select(job, w.tg);
    if ('failed' in sel) {
      failed[w.tg.Name] = sel.failed;
      continue;
    }
    plan.place.push({
      name: w.name,
      tg: w.tg,
      node: sel.node,
      ask: sel.ask,
      cores: sel.cores,
      metric: sel.metric,
      ...(w.previous ? { previous: w.previous } : {}),
    });
  }
  for (const [tg, m] of Object.entries(failed)) {
    plan.failed[tg] = metricToWire(m);
    plan.queued[tg] = m.CoalescedFailures + 1;
  }
  return plan;
}
