/**
 * The durable step queue (BullMQ). A job carries only the operation id; the record in Redis is
 * the truth. Job ids are derived from the operation id, so re-adding a step is a no-op.
 */
import { Queue, type ConnectionOptions } from 'bullmq';

export type StepName = 'plan' | 'apply' | 'expire' | 'read';
export interface StepData {
  opId: string;
  /** Read-only requests travel whole (they have no record); validated again by the worker. */
  read?: unknown;
}

export const QUEUE_NAME = 'operations';

export class StepQueue {
  readonly queue: Queue<StepData, void, StepName>;

  constructor(connection: ConnectionOptions, prefix: string) {
    this.queue = new Queue<StepData, void, StepName>(QUEUE_NAME, { connection, prefix: `${prefix}:bull` });
  }

  async add(step: StepName, opId: string, delayMs = 0, read?: unknown): Promise<void> {
    await this.queue.add(step, read === undefined ? { opId } : { opId, read }, {
      jobId: step === 'plan' ? opId : `${opId}.${step}`,
      delay: delayMs,
      attempts: step === 'expire' || step === 'read' ? 3 : 5,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: { age: 86_400 },
      removeOnFail: { age: 7 * 86_400 },
    });
  }

  /**
   * Whether the step is still queued or running. A step job that failed (e.g. stalled too often)
   * or completed is removed, so that recovery can queue the step again under the same id.
   */
  async hasStep(step: StepName, opId: string): Promise<boolean> {
    const job = await this.queue.getJob(step === 'plan' ? opId : `${opId}.${step}`);
    if (!job) return false;
    const state = await job.getState();
    if (state === 'failed' || state === 'completed') {
      await job.remove().catch(() => undefined);
      return false;
    }
    return true;
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
