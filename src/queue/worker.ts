/** The BullMQ worker that runs operation steps. Several operations run at once; one per target. */
import { Worker, type ConnectionOptions } from 'bullmq';
import type { Operations } from './operations.js';
import type { Reads } from './reads.js';
import { QUEUE_NAME, type StepData, type StepName } from './queue.js';

/**
 * `lockMs`: how long a step stays claimed without its worker renewing the claim. A worker killed
 * mid-step is taken over by another (or by itself after a restart) once this passes.
 */
export function createStepWorker(
  connection: ConnectionOptions,
  prefix: string,
  operations: Operations,
  reads: Reads,
  concurrency = 8,
  lockMs = 30_000,
): Worker<StepData, void, StepName> {
  return new Worker<StepData, void, StepName>(QUEUE_NAME, (job, token) => (job.name === 'read' ? reads.run(job) : operations.runStep(job.name, job, token)), {
    connection,
    prefix: `${prefix}:bull`,
    concurrency,
    // BullMQ renews the claim every lockMs/2 while the process lives, so a long step (a drain,
    // a rebuild) keeps it; a killed worker's step is picked up within about lockMs.
    lockDuration: lockMs,
    stalledInterval: Math.min(30_000, lockMs),
    // Steps are safe to re-run after a crash (compare-and-set record, ctx.step, own-event lookup);
    // BullMQ's default of 1 would fail a step silently on the second crash and strand its operation.
    maxStalledCount: 10,
  });
}
