/** What node writes share: node events (the node's own log) and the evaluations they create. */
import { nowRfc3339 } from '../ids.js';
import type { NomadAllocation, NomadNode, NomadStreamEvent } from '../types.js';
import type { SimCore } from './core.js';
import { enqueueEval, newEvaluation } from './evals.js';
import { evalEvent } from './stream-events.js';

type Unstamped = Omit<NomadStreamEvent, 'Index'>;

export function nodeMessage(node: NomadNode, subsystem: string, message: string, index: number, details: Record<string, string> | null = null): void {
  node.Events.push({ Message: message, Subsystem: subsystem, Details: details, Timestamp: nowRfc3339(), CreateIndex: index });
  if (node.Events.length > 10) node.Events.splice(0, node.Events.length - 10);
}

/** One evaluation per job with allocations on the node, like the node endpoint's `createNodeEvals`. */
export function nodeEvals(core: SimCore, node: NomadNode, allocs: NomadAllocation[], trigger: string, index: number, events: Unstamped[]): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const a of allocs) {
    const key = `${a.Namespace}/${a.JobID}`;
    const job = core.state.job(a.JobID, a.Namespace);
    if (seen.has(key) || !job) continue;
    seen.add(key);
    const ev = newEvaluation(core, job, trigger, index, { NodeID: node.ID, NodeModifyIndex: index });
    enqueueEval(core, ev);
    events.push(evalEvent('EvaluationUpdated', ev));
    ids.push(ev.ID);
  }
  return ids;
}
