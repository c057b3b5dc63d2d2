/** Scenario controls: what other operators and the hardware do to the cluster while the bot works. */
import type { SimCore } from './engine/core.js';
import { registerJob, scaleJob, type JobWriteResult } from './engine/jobs.js';
import { drainNode, setNodeEligibility, setNodeStatus } from './engine/nodes.js';
import type { Faults, FailureSpec } from './faults.js';
import { isTerminal } from './scheduler/resources.js';
import type { JsonObject, NomadNode } from './types.js';

export interface NomadControls {
  /** The node stops heartbeating: status down, its allocations lost and rescheduled. */
  nodeDown(name: string): void;
  /** The node is back: status ready, blocked evaluations re-run. */
  nodeUp(name: string): void;
  setNodeEligibility(name: string, eligibility: 'eligible' | 'ineligible'): void;
  /** Starts a drain (allocations migrate away); `null` spec cancels. */
  drainNode(name: string, deadlineNs?: number | null): void;
  /** Bytes used on the node's disk that Nomad does not account for (leftover build areas). */
  setUntrackedDiskUsage(name: string, bytes: number): void;
  setLatency(ms: number): void;
  failNext(spec: FailureSpec): void;
  /** As if someone else ran `nomad job run`: bumps JobModifyIndex and Version when the spec changed (as Job.Register does). */
  registerJob(job: JsonObject): JobWriteResult;
  /** As if someone else ran `nomad job scale`. */
  scaleJob(jobId: string, group: string, count: number): JobWriteResult;
  /** Resolves when no evaluation is pending and no allocation is pending or stopping. */
  settled(timeoutMs?: number): Promise<void>;
}

export function createControls(core: SimCore, faults: Faults): NomadControls {
  const { state } = core;
  const node = (name: string): NomadNode => {
    const n = state.node(name);
    if (!n) throw new Error(`no node ${name} in the simulated cluster`);
    return n;
  };
  const busy = () =>
    [...state.evals.values()].some((e) => e.Status === 'pending') ||
    [...state.allocs.values()].some((a) => (a.DesiredStatus === 'run' && a.ClientStatus === 'pending') || (isTerminal(a) && (a.ClientStatus === 'running' || a.ClientStatus === 'pending')));
  return {
    nodeDown: (name) => setNodeStatus(core, node(name), 'down'),
    nodeUp: (name) => setNodeStatus(core, node(name), 'ready'),
    setNodeEligibility: (name, eligibility) => void setNodeEligibility(core, node(name), eligibility),
    drainNode: (name, deadlineNs = 3_600_000_000_000) =>
      void drainNode(core, node(name), deadlineNs === null ? null : { Deadline: deadlineNs }, false, null),
    setUntrackedDiskUsage: (name, bytes) => {
      const n = node(name);
      const disk = state.disks.get(n.ID);
      if (disk) disk.untrackedUsedBytes = bytes;
    },
    setLatency: (ms) => void (faults.latencyMs = ms),
    failNext: (spec) => faults.failNext(spec),
    registerJob: (job) => registerJob(core, job),
    scaleJob: (jobId, group, count) => scaleJob(core, jobId, 'default', { group, count, message: 'scaled by another operator' }),
    settled: async (timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      while (busy()) {
        if (Date.now() > deadline) throw new Error('the simulated cluster did not settle');
        await new Promise((r) => setTimeout(r, 5));
      }
    },
  };
}
