/** What the write paths share: the state, the timings, and timers that `close()` cancels. */
import type { NomadClusterState } from '../state/cluster-state.js';
import { TaskLogs } from './task-logs.js';

export interface SimTiming {
  /** Milliseconds from placement (pending) to running, and from stop to complete. */
  allocStartMs: number;
  /** Milliseconds an evaluation stays pending before the scheduler runs it. */
  evalCompleteMs: number;
  /** Milliseconds between `{}` heartbeats on the event stream. */
  eventHeartbeatMs: number;
  /** Milliseconds one allocation takes to migrate off a draining node (a control can change it). */
  migrateMs: number;
  /** Delay before a failed service allocation is rescheduled (Nomad's default reschedule delay is 30 s). */
  rescheduleDelayMs: number;
  /** Milliseconds a restarted client agent stays `initializing` before it is `ready` again. */
  clientRestartMs: number;
}

export class SimCore {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  /** Set by the evaluation broker: called when resources are freed, to re-run blocked evals. */
  capacityFreed: () => void = () => undefined;
  /** What the tasks wrote to stdout/stderr, for `/v1/client/fs/logs`. */
  readonly logs = new TaskLogs();

  constructor(
    readonly state: NomadClusterState,
    readonly timing: SimTiming,
  ) {}

  /** Runs `fn` after `ms`, unless the simulator has been closed. */
  later(ms: number, fn: () => void): void {
    if (this.closed) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.closed) fn();
    }, ms);
    this.timers.add(t);
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
