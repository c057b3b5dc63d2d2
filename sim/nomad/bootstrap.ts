/** Loads a scenario: registers the nodes, then each job, scheduled and running as if long deployed. */
import { markRunning } from './engine/alloc-objects.js';
import type { SimCore } from './engine/core.js';
import { processEval } from './engine/evals.js';
import { registerJob } from './engine/jobs.js';
import { spreadAllocations } from './scenario/spread.js';
import { nodeEvent } from './engine/stream-events.js';
import type { NomadScenario } from './types.js';

export function loadScenario(core: SimCore, scenario: NomadScenario): void {
  const { state } = core;
  for (const { node, disk } of scenario.nodes) {
    const index = state.nextIndex();
    const copy = structuredClone(node);
    copy.CreateIndex = index;
    copy.ModifyIndex = index;
    for (const e of copy.Events) e.CreateIndex = index;
    state.nodes.set(copy.ID, copy);
    state.disks.set(copy.ID, { ...disk });
    state.commit(index, ['nodes'], [nodeEvent('NodeRegistration', copy)]);
  }
  const cursor = { next: 0 };
  for (const job of scenario.jobs) {
    const out = registerJob(core, job);
    if (out.EvalID === '') continue;
    if (scenario.spread) spreadAllocations(core, String(job.ID), out.EvalID, state.nextIndex(), cursor);
    else processEval(core, out.EvalID);
  }
  const index = state.nextIndex();
  for (const a of state.allocs.values()) if (a.ClientStatus === 'pending' && a.DesiredStatus === 'run') markRunning(a, index);
  for (const r of state.records.values()) {
    r.summaryModifyIndex = index;
    r.job.Status = r.job.Stop ? 'dead' : 'running';
  }
  state.commit(index, ['allocs', 'job_summary', 'jobs']);
}
