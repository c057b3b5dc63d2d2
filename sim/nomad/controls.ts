/** Scenario controls: what other operators and the hardware do to the cluster while the bot works. */
import { failAllocation } from './engine/alloc-actions.js';
import type { SimCore } from './engine/core.js';
import { registerJob, scaleJob, type JobWriteResult } from './engine/jobs.js';
import { registerNode, removeNode, restartClient } from './engine/node-register.js';
import { drainNode, setNodeEligibility, setNodeStatus } from './engine/nodes.js';
import type { DropSpec, Faults, FailureSpec } from './faults.js';
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
  /** `systemctl restart nomad` on the node: `initializing`, then `ready` with its disk fingerprinted anew. */
  restartClient(name: string): void;
  setLatency(ms: number): void;
  failNext(spec: FailureSpec): void;
  /** The next matching request is carried out, but its answer is lost (the connection is cut). */
  dropResponseNext(spec: DropSpec): void;
  /** As if someone else ran `nomad job run`: bumps JobModifyIndex and Version when the spec changed (as Job.Register does). */
  registerJob(job: JsonObject): JobWriteResult;
  /** As if someone else ran `nomad job scale`. */
  scaleJob(jobId: string, group: string, count: number): JobWriteResult;
  /** A new client agent registers (a freshly built VM), shaped like node `like` (default: the first alibuild node). */
  registerNode(name: string, opts?: { like?: string; datacenter?: string }): NomadNode;
  /** The node goes down and is purged (its VM was deleted). */
  removeNode(name: string): void;
  /** A server (master) stops answering: `failed` in members; leadership moves if it led. */
  serverDown(name: string): void;
  serverUp(name: string): void;
  /** What a task wrote to stdout or stderr (replaces the made-up builder log). */
  setTaskLog(allocId: string, task: string, type: 'stdout' | 'stderr', text: string): void;
  appendTaskLog(allocId: string, task: string, type: 'stdout' | 'stderr', text: string): void;
  /** As if the task had `logs { disabled = true }`: the logs endpoint answers 404. */
  disableTaskLogs(allocId: string, task: string): void;
  /** How long one allocation takes to migrate off a draining node (slow ones make a drain hit its deadline). */
  setMigrationDelay(ms: number): void;
  /** Resolves when no evaluation is pending and no allocation is pending or stopping. */
  settled(timeoutMs?: number): Promise<void>;
  /** A running allocation of the job crashes (task exits 1); Nomad reschedules a replacement. Returns its ID. */
  failAllocation(jobId: string): string;
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
    [...state.allocs.values()].some(
      (a) => (a.DesiredStatus === 'run' && a.ClientStatus === 'pending') || (isTerminal(a) && (a.ClientStatus === 'running' || a.ClientStatus === 'pending')),
    );
  return {
    nodeDown: (name) => setNodeStatus(core, node(name), 'down'),
    nodeUp: (name) => setNodeStatus(core, node(name), 'ready'),
    setNodeEligibility: (name, eligibility) => void setNodeEligibility(core, node(name), eligibility),
    drainNode: (name, deadlineNs = 3_600_000_000_000) => void drainNode(core, node(name), deadlineNs === null ? null : { Deadline: deadlineNs }, false, null),
    setUntrackedDiskUsage: (name, bytes) => {
      const n = node(name);
      const disk = state.disks.get(n.ID);
      if (disk) disk.untrackedUsedBytes = bytes;
    },
    restartClient: (name) => restartClient(core, node(name)),
    setLatency: (ms) => void (faults.latencyMs = ms),
    failAllocation: (jobId) => {
      const a = [...state.allocs.values()].find((x) => x.JobID === jobId && x.DesiredStatus === 'run' && x.ClientStatus === 'running');
      if (!a) throw new Error(`no running allocation of ${jobId}`);
      failAllocation(core, a);
      return a.ID;
    },
    failNext: (spec) => faults.failNext(spec),
    dropResponseNext: (spec) => faults.dropResponseNext(spec),
    registerJob: (job) => registerJob(core, job),
    scaleJob: (jobId, group, count) => scaleJob(core, jobId, 'default', { group, count, message: 'scaled by another operator' }),
    registerNode: (name, opts = {}) => {
      const like = opts.like ? node(opts.like) : [...state.nodes.values()].find((n) => n.Name.startsWith('alibuild'));
      if (!like) throw new Error('registerNode: no node to copy');
      return registerNode(core, name, like, opts.datacenter);
    },
    removeNode: (name) => removeNode(core, node(name)),
    serverDown: (name) => {
      const i = state.servers.indexOf(name);
      if (i < 0) throw new Error(`no server ${name} in the simulated cluster`);
      state.failedServers.add(name);
      if (state.leader === i) {
        const next = state.servers.findIndex((n) => !state.failedServers.has(n));
        if (next >= 0) state.leader = next;
      }
    },
    serverUp: (name) => void state.failedServers.delete(name),
    setTaskLog: (allocId, task, type, text) => core.logs.set(allocId, task, type, text),
    appendTaskLog: (allocId, task, type, text) => core.logs.append(allocId, task, type, text),
    disableTaskLogs: (allocId, task) => core.logs.disable(allocId, task),
    setMigrationDelay: (ms) => void (core.timing.migrateMs = ms),
    settled: async (timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      while (busy()) {
        if (Date.now() > deadline) throw new Error('the simulated cluster did not settle');
        await new Promise((r) => setTimeout(r, 5));
      }
    },
  };
}
