/**
 * `nomad.restart`: restart one allocation's tasks in place (`nomad alloc restart`). Exactly once
 * across crashes: the restart counts and the time of each task's latest event are recorded before
 * the call, and a retried apply does not restart again when it finds a higher count or a newer
 * "Restart Signaled" event. The event matters: the client emits it at once, but counts the
 * restart only after the task was killed (client/allocrunner/taskrunner lifecycle.go), which can
 * take longer than a retry.
 */
import { HttpApiError, explainError } from '../src/errors.js';
import { NomadRestart, type OperationResult, type PlanOutcome } from '../src/operations/index.js';
import type { JobDeps, MutatingJobModule, NomadAllocation } from '../src/ports.js';
import { describeAlloc, nodeOf } from './read/alloc-pick.js';
import { table } from './read/table.js';
import { untilDeadline } from './follow.js';

const LIVE = new Set(['running', 'pending']);

function restarts(a: NomadAllocation, tasks: readonly string[]): Record<string, number> {
  return Object.fromEntries(tasks.map((t) => [t, a.TaskStates?.[t]?.Restarts ?? 0]));
}

/** Per task, the time (Nomad's clock, ns) of its latest event. */
function latestEvents(a: NomadAllocation, tasks: readonly string[]): Record<string, number> {
  return Object.fromEntries(tasks.map((t) => [t, Math.max(0, ...(a.TaskStates?.[t]?.Events ?? []).map((e) => e.Time ?? 0))]));
}

interface Baseline {
  counts: Record<string, number>;
  seen: Record<string, number>;
}

/** Whether a restart was asked for (or counted) since the baseline: our own earlier attempt. */
function restartedSince(a: NomadAllocation, tasks: readonly string[], b: Baseline): boolean {
  const now = restarts(a, tasks);
  return tasks.some(
    (t) =>
      (now[t] ?? 0) > (b.counts[t] ?? 0) ||
      (a.TaskStates?.[t]?.Events ?? []).some((e) => e.Type === 'Restart Signaled' && (e.Time ?? 0) > (b.seen[t] ?? Infinity)),
  );
}

/** Baselines written before the event times were recorded are plain counts. */
function parseBaseline(text: string): Baseline {
  const raw = JSON.parse(text) as Baseline | Record<string, number>;
  return 'counts' in raw && typeof raw.counts === 'object' ? (raw as Baseline) : { counts: raw as Record<string, number>, seen: {} };
}

export const nomadRestart: MutatingJobModule<NomadRestart> = {
  kind: 'nomad.restart',
  schema: NomadRestart,
  lockKey: (op) => `nomad/alloc/${op.alloc}`,
  describe: (op) => `restart allocation ${op.alloc}${op.task ? ` (task ${op.task})` : ''}`,

  async plan(op, deps): Promise<PlanOutcome> {
    const title = `restart allocation ${op.alloc}`;
    const found = await deps.nomad.allocations.byPrefix(op.alloc, { namespace: '*' });
    if (found.length === 0)
      return { status: 'failed', title, failure: `No allocation ID starts with ${op.alloc}. \`/ci status <job>\` lists a job's allocations.` };
    if (found.length > 1) {
      const list = found.slice(0, 10).map((a) => `${a.ID.slice(0, 8)} ${a.Name} on ${nodeOf(a)} (${a.ClientStatus})`);
      return { status: 'failed', title, failure: `${op.alloc} matches ${found.length} allocations; give more of the ID:\n${list.join('\n')}` };
    }
    const { data: a } = await deps.nomad.allocations.read(found[0]!.ID);
    const all = Object.keys(a.TaskStates ?? {}).sort();
    if (!LIVE.has(a.ClientStatus) || a.DesiredStatus !== 'run') {
      return {
        status: 'failed',
        title,
        failure: `${describeAlloc(a)} is not running (desired ${a.DesiredStatus}); only running allocations restart in place.`,
      };
    }
    if (op.task && !all.includes(op.task))
      return { status: 'failed', title, failure: `${describeAlloc(a)} has no task "${op.task}" (it has ${all.join(', ')}).` };
    const tasks = op.task ? [op.task] : all.filter((t) => a.TaskStates?.[t]?.State === 'running');
    if (tasks.length === 0) return { status: 'failed', title, failure: `No task of ${describeAlloc(a)} is running yet; nothing to restart.` };
    const rows = tasks.map((t) => {
      const s = a.TaskStates?.[t];
      return [t, s?.State ?? '?', String(s?.Restarts ?? 0), s?.StartedAt?.slice(0, 19).replace('T', ' ') ?? '-'];
    });
    return {
      status: 'planned',
      title: `restart ${a.Name} (${a.ID.slice(0, 8)} on ${nodeOf(a)})`,
      diffText: table(['TASK', 'STATE', 'RESTARTS', 'STARTED (UTC)'], rows),
      dryRunText: `- ${tasks.length === 1 ? 'The task restarts' : 'The tasks restart'} in place on ${nodeOf(a)}: same allocation, same node, the build area stays.`,
      placementFailures: false,
      notes: [],
      checkIndex: a.ModifyIndex,
      planHash: deps.hash(JSON.stringify([a.ID, tasks])),
      facts: { allocId: a.ID, name: a.Name, node: nodeOf(a), tasks: tasks.join(',') },
    };
  },

  async apply(op, plan, deps, ctx): Promise<OperationResult> {
    const allocId = String(plan.facts.allocId);
    const tasks = String(plan.facts.tasks).split(',');
    const started = deps.now();
    try {
      const baseline = parseBaseline(
        await ctx.step('baseline', async () => {
          const { data } = await deps.nomad.allocations.read(allocId);
          return JSON.stringify({ counts: restarts(data, tasks), seen: latestEvents(data, tasks) } satisfies Baseline);
        }),
      );
      await ctx.step('restart', async () => {
        if (restartedSince((await deps.nomad.allocations.read(allocId)).data, tasks, baseline)) return 'already restarted';
        await deps.nomad.allocations.restart(allocId, op.task ? { task: op.task } : {});
        return 'sent';
      });
      await ctx.progress(`Nomad is restarting ${tasks.join(', ')} on ${String(plan.facts.node)}…`);
      const after = await waitRestarted(allocId, tasks, baseline.counts, deps);
      const secs = ((deps.now() - started) / 1000).toFixed(1);
      const details = tasks.map((t) => {
        const s = after.TaskStates?.[t];
        return `${t}: restart #${s?.Restarts ?? '?'}, ${s?.State === 'running' ? 'running again' : `now ${s?.State ?? '?'}`}`;
      });
      details.push(`${String(plan.facts.name)} stays on ${String(plan.facts.node)} · ${secs} s`);
      return { status: 'succeeded', summary: `restarted ${String(plan.facts.name)} (${allocId.slice(0, 8)})`, details };
    } catch (err) {
      if (err instanceof HttpApiError && (err.status === 404 || err.permanent)) {
        const why = err.status === 404 ? 'the allocation or its node is gone' : explainError(err);
        return { status: 'failed', failure: `Not restarted: ${why}.`, done: [] };
      }
      throw err;
    }
  },
};

/** Blocks on the allocation until each task counts one more restart and runs again (bounded). */
async function waitRestarted(allocId: string, tasks: readonly string[], baseline: Record<string, number>, deps: JobDeps): Promise<NomadAllocation> {
  const deadline = deps.now() + deps.followTimeoutMs;
  let index = 0;
  for (;;) {
    const { data, meta } = await deps.nomad.allocations.read(allocId, {
      index,
      waitMs: untilDeadline(deadline, deps),
      ...(deps.shutdown ? { signal: deps.shutdown } : {}),
    });
    const done = tasks.every((t) => (data.TaskStates?.[t]?.Restarts ?? 0) > (baseline[t] ?? 0) && data.TaskStates?.[t]?.State === 'running');
    if (done || deps.now() >= deadline) return data;
    index = meta.lastIndex;
  }
}
