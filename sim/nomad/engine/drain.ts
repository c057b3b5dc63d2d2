/**
 * The node drainer (nomad/drainer): allocations migrate one at a time (a task group's migrate
 * `max_parallel` of 1), each stop making the scheduler place a replacement elsewhere. At the
 * deadline the rest are stopped at once and the drain completes with `deadline_reached`.
 */
import { nowNanos, nowRfc3339 } from '../ids.js';
import type { JsonObject, NomadAllocation, NomadNode, NomadStreamEvent } from '../types.js';
import { markFinished } from './alloc-objects.js';
import type { SimCore } from './core.js';
import { nodeEvals, nodeMessage } from './node-events.js';
import { allocEvent, nodeEvent } from './stream-events.js';

type Unstamped = Omit<NomadStreamEvent, 'Index'>;

/** Which drain a timer belongs to: a cancelled or restarted drain ignores older timers. */
const generation = new WeakMap<NomadNode, number>();

const stillThere = (a: NomadAllocation) => a.ClientStatus === 'running' || a.ClientStatus === 'pending';

function onNode(core: SimCore, node: NomadNode): NomadAllocation[] {
  const ignoreSystem = (node.DrainStrategy as JsonObject | null)?.IgnoreSystemJobs === true;
  return core.state
    .allocations()
    .filter((a) => a.NodeID === node.ID && stillThere(a) && !(ignoreSystem && a.JobType === 'system'))
    .sort((a, b) => a.CreateIndex - b.CreateIndex);
}

/** Marks allocations for migration (desired stop) and creates the evaluations that replace them. */
function migrate(core: SimCore, node: NomadNode, allocs: NomadAllocation[], index: number, events: Unstamped[]): void {
  for (const a of allocs) {
    a.DesiredStatus = 'stop';
    a.DesiredDescription = 'alloc is being migrated';
    a.ModifyIndex = index;
    a.ModifyTime = nowNanos();
    events.push(allocEvent('AllocationUpdateDesiredStatus', a));
  }
  nodeEvals(core, node, allocs, 'node-drain', index, events);
}

function complete(_core: SimCore, node: NomadNode, deadlined: boolean, index: number, events: Unstamped[]): void {
  node.Drain = false;
  node.DrainStrategy = null;
  node.LastDrain = { ...((node.LastDrain ?? {}) as JsonObject), Status: 'complete', UpdatedAt: nowRfc3339() };
  node.ModifyIndex = index;
  nodeMessage(node, 'Drain', 'Node drain complete', index, deadlined ? { deadline_reached: 'true' } : null);
  events.push(nodeEvent('NodeDrain', node));
  generation.set(node, (generation.get(node) ?? 0) + 1);
}

/** Starts draining `node` (its DrainStrategy is set): migrations now, the force deadline later. */
export function startDrainer(core: SimCore, node: NomadNode): void {
  const gen = (generation.get(node) ?? 0) + 1;
  generation.set(node, gen);
  const current = () => node.Drain && generation.get(node) === gen;
  const deadlineNs = Number((node.DrainStrategy as JsonObject | null)?.Deadline ?? 0);

  const step = () => {
    if (!current()) return;
    const { state } = core;
    const left = onNode(core, node);
    const index = state.nextIndex();
    const events: Unstamped[] = [];
    if (left.length === 0) {
      complete(core, node, false, index, events);
    } else if (left.some((a) => a.DesiredStatus !== 'run')) {
      core.later(core.timing.migrateMs, step); // someone else is stopping one: wait for it
    } else {
      const next = left[0]!;
      migrate(core, node, [next], index, events);
      core.later(core.timing.migrateMs, () => {
        if (stillThere(next)) {
          const i = state.nextIndex();
          markFinished(next, i, 'complete');
          state.commit(i, ['allocs', 'job_summary'], [allocEvent('AllocationUpdated', next)]);
        }
        step();
      });
    }
    if (events.length === 0) return;
    state.commit(index, ['nodes', 'allocs', 'evals'], events);
    core.capacityFreed();
  };

  const force = () => {
    if (!current()) return;
    const { state } = core;
    const index = state.nextIndex();
    const events: Unstamped[] = [];
    const left = onNode(core, node);
    migrate(
      core,
      node,
      left.filter((a) => a.DesiredStatus === 'run'),
      index,
      events,
    );
    for (const a of left) {
      markFinished(a, index, 'complete');
      events.push(allocEvent('AllocationUpdated', a));
    }
    complete(core, node, true, index, events);
    state.commit(index, ['nodes', 'allocs', 'evals', 'job_summary'], events);
    core.capacityFreed();
  };

  if (deadlineNs < 0) return force();
  if (deadlineNs > 0) core.later(deadlineNs / 1e6, force);
  step();
}
