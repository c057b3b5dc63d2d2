/** Node writes: status (down/ready), scheduling eligibility and drain, with their events and evals. */
import { NomadHttpError } from '../http/errors.js';
import { nowRfc3339 } from '../ids.js';
import { isTerminal } from '../scheduler/resources.js';
import type { JsonObject, NomadNode, NomadStreamEvent } from '../types.js';
import { markFinished } from './alloc-objects.js';
import type { SimCore } from './core.js';
import { refreshJobStatus } from './evals.js';
import { startDrainer } from './drain.js';
import { nodeEvals, nodeMessage } from './node-events.js';
import { allocEvent, nodeEvent } from './stream-events.js';

type Unstamped = Omit<NomadStreamEvent, 'Index'>;

/** api.NodeEligibilityUpdateResponse / NodeDrainUpdateResponse. */
export interface NodeWriteResult {
  EvalCreateIndex: number;
  EvalIDs: string[] | null;
  Index: number;
  NodeModifyIndex: number;
}

const liveOn = (core: SimCore, node: NomadNode) => core.state.allocations().filter((a) => a.NodeID === node.ID && !isTerminal(a));

/** The node stops (or resumes) heartbeating: `down` loses its allocations, `ready` unblocks evals. */
export function setNodeStatus(core: SimCore, node: NomadNode, status: 'down' | 'ready'): void {
  const { state } = core;
  if (node.Status === status) return;
  const index = state.nextIndex();
  node.Status = status;
  node.StatusUpdatedAt = Math.floor(Date.now() / 1000);
  node.ModifyIndex = index;
  nodeMessage(node, 'Cluster', status === 'down' ? 'Node heartbeat missed' : 'Node reregistered by heartbeat', index);
  const events: Unstamped[] = [nodeEvent('NodeStreamEvent', node)];
  if (status === 'down') {
    const lost = liveOn(core, node);
    for (const a of lost) {
      a.DesiredStatus = 'stop';
      a.DesiredDescription = 'alloc is lost since its node is down';
      markFinished(a, index, 'lost');
      events.push(allocEvent('PlanResult', a));
    }
    nodeEvals(core, node, lost, 'node-update', index, events);
    for (const a of lost) {
      const job = state.job(a.JobID, a.Namespace);
      if (job) events.push(...refreshJobStatus(core, job, index));
    }
  }
  state.commit(index, ['nodes', 'allocs', 'job_summary', 'evals', 'jobs'], events);
  if (status === 'ready') core.capacityFreed();
}

export function setNodeEligibility(core: SimCore, node: NomadNode, eligibility: string): NodeWriteResult {
  const { state } = core;
  if (eligibility !== 'eligible' && eligibility !== 'ineligible') {
    throw new NomadHttpError(500, `invalid scheduling eligibility "${eligibility}"`);
  }
  if (eligibility === 'eligible' && node.Drain) {
    throw new NomadHttpError(500, "can not set node's scheduling eligibility to eligible while it is draining");
  }
  const index = state.nextIndex();
  const changed = node.SchedulingEligibility !== eligibility;
  node.SchedulingEligibility = eligibility;
  node.ModifyIndex = index;
  if (changed)
    nodeMessage(node, 'Cluster', eligibility === 'eligible' ? 'Node marked as eligible for scheduling' : 'Node marked as ineligible for scheduling', index);
  state.commit(index, ['nodes'], [nodeEvent('NodeEligibility', node)]);
  if (eligibility === 'eligible') core.capacityFreed();
  return { EvalCreateIndex: 0, EvalIDs: null, Index: index, NodeModifyIndex: index };
}

/** Starts a drain (allocations migrate elsewhere, then the drain completes) or cancels one. */
export function drainNode(core: SimCore, node: NomadNode, spec: JsonObject | null, markEligible: boolean, meta: JsonObject | null): NodeWriteResult {
  const { state } = core;
  const index = state.nextIndex();
  const events: Unstamped[] = [];
  const evalIds: string[] = []; // the drainer creates the evaluations, not the drain write
  const now = nowRfc3339();
  if (spec === null) {
    node.Drain = false;
    node.DrainStrategy = null;
    if (markEligible) node.SchedulingEligibility = 'eligible';
    node.LastDrain = { ...((node.LastDrain ?? {}) as JsonObject), Status: 'canceled', UpdatedAt: now };
    nodeMessage(node, 'Drain', 'Node drain strategy cancelled', index);
  } else {
    const deadline = typeof spec.Deadline === 'number' ? spec.Deadline : 0;
    node.Drain = true;
    node.SchedulingEligibility = 'ineligible';
    node.DrainStrategy = {
      Deadline: deadline,
      IgnoreSystemJobs: spec.IgnoreSystemJobs === true,
      ForceDeadline: deadline !== 0 ? new Date(Date.now() + Math.max(0, deadline) / 1e6).toISOString() : '0001-01-01T00:00:00Z',
      StartedAt: now,
    };
    node.LastDrain = { Status: 'draining', StartedAt: now, UpdatedAt: now, AccessorID: '', Meta: meta };
    nodeMessage(node, 'Drain', 'Node drain strategy set', index);
    core.later(0, () => startDrainer(core, node));
  }
  node.ModifyIndex = index;
  events.unshift(nodeEvent('NodeDrain', node));
  state.commit(index, ['nodes', 'allocs', 'evals'], events);
  if (spec === null && markEligible) core.capacityFreed();
  return { EvalCreateIndex: evalIds.length > 0 ? index : 0, EvalIDs: evalIds.length > 0 ? evalIds : null, Index: index, NodeModifyIndex: index };
}
