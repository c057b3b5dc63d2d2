/** The BullMQ worker that runs operation steps. Several operations run at once; one per target. */
import { Worker, type ConnectionOptions } from 'bullmq';
import type { Operations } from './operations.js';
import type { Reads } from './reads.js';
import { QUEUE_NAME, type StepData, type StepName } from './queue.js';

export function createStepWorker(connection: ConnectionOptions, prefix: string, operations: Operations, reads: Reads, concurrency = 8): Worker<StepData, void, StepName> {
  return new Worker<StepData, void, StepName>(QUEUE_NAME, (job, token) => (job.name === 'read' ? reads.run(job) : operations.runStep(job.name, job, token)), {
    connection,
    prefix: `${prefix}:bull`,
    concurrency,
    // A step that runs long (following an evaluation) must not be taken for stalled.
    lockDuration: 120_000,
  });
}
