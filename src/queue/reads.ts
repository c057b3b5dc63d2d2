/**
 * Read-only requests (status, logs, nodes…): queued like everything else so a slow Nomad never
 * blocks Slack's 3-second ack, answered once, and never retried into a second answer.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { describeError, explainError, isPermanentError } from '../errors.js';
import { ReadEnvelope } from '../operations/index.js';
import type { JobDeps, Notifier, ReadJobModule, ReadRegistry } from '../ports.js';
import type { StepData, StepQueue } from './queue.js';

export class Reads {
  constructor(private readonly d: { queue: StepQueue; registry: ReadRegistry; jobDeps: JobDeps; notifier: Notifier; log: Logger }) {}

  /** Queues the request; the opId (from Slack's trigger_id) makes a redelivery a no-op. */
  async request(envelope: ReadEnvelope): Promise<void> {
    await this.d.queue.add('read', envelope.opId, 0, envelope);
  }

  async run(job: Job<StepData>): Promise<void> {
    const parsed = ReadEnvelope.safeParse(job.data.read);
    if (!parsed.success) throw new UnrecoverableError(`chatops_operation_invalid: read ${job.data.opId} is not readable by this version`);
    const env = parsed.data;
    const log = this.d.log.child({ opId: env.opId, kind: env.request.kind });
    const mod = this.d.registry[env.request.kind] as unknown as ReadJobModule;
    try {
      const reply = await mod.run(mod.schema.parse(env.request), this.d.jobDeps, env.requestedBy);
      await this.d.notifier.answer(env.requestedBy, reply);
      log.info('answered');
    } catch (err) {
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1) || isPermanentError(err);
      log.warn({ err: describeError(err), attempt: job.attemptsMade + 1 }, 'read failed');
      if (!last) throw err;
      await this.d.notifier.answer(env.requestedBy, { summary: `Could not answer: ${explainError(err)}.` });
    }
  }
}
