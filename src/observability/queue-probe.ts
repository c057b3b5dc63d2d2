/** Queue depth and age for the metrics, straight from BullMQ's own counters. */
import type { Queue } from 'bullmq';
import type { QueueProbe } from './metrics.js';

const STATES = ['waiting', 'prioritized', 'delayed', 'active', 'failed'] as const;

export function bullQueueProbe(queue: Queue, now: () => number = Date.now): QueueProbe {
  return async () => {
    const counts = await queue.getJobCounts(...STATES);
    // The oldest step waiting for a worker; delayed steps (lock polls, expiries) wait on purpose.
    const [oldest] = await queue.getJobs(['waiting', 'prioritized'], 0, 0, true);
    return { counts, oldestWaitingMs: oldest ? Math.max(0, now() - oldest.timestamp) : undefined };
  };
}
