/**
 * A Notifier that also counts: every transition of an operation is shown through the notifier,
 * so this is where approvals, final states and durations are seen, without the lifecycle code
 * (src/queue) knowing about metrics.
 */
import { FINAL_STATES, type OperationRecord, type ReadReply } from '../operations/index.js';
import type { Asker, Notifier, OperationFile } from '../ports.js';
import type { BotMetrics } from './metrics.js';

/** How many operations' counted progress is remembered (a record is shown several times per state). */
const REMEMBERED = 5_000;

export class MeteredNotifier implements Notifier {
  private readonly seen = new Map<string, { approvals: number; final: boolean }>();

  constructor(
    private readonly inner: Notifier,
    private readonly metrics: BotMetrics,
  ) {}

  async showOperation(record: OperationRecord): Promise<{ channel: string; ts: string }> {
    this.observe(record);
    return this.inner.showOperation(record);
  }

  announce(channel: string, text: string): Promise<void> {
    return this.inner.announce(channel, text);
  }

  ephemeral(channel: string, userId: string, text: string): Promise<void> {
    return this.inner.ephemeral(channel, userId, text);
  }

  answer(asker: Asker, reply: ReadReply): Promise<void> {
    return this.inner.answer(asker, reply);
  }

  attach(channel: string, ts: string, file: OperationFile): Promise<{ shared: boolean; why?: string }> {
    return this.inner.attach(channel, ts, file);
  }

  private observe(rec: OperationRecord): void {
    const opId = rec.envelope.opId;
    const kind = rec.envelope.operation.kind;
    const before = this.seen.get(opId) ?? { approvals: 0, final: false };
    const after = { approvals: Math.max(before.approvals, rec.approvals.length), final: before.final || FINAL_STATES.includes(rec.state) };
    for (let i = before.approvals; i < after.approvals; i++) this.metrics.approval(kind, 'approve');
    if (after.final && !before.final) {
      if (rec.state === 'rejected') this.metrics.approval(kind, 'reject');
      const end = rec.finishedAt ?? Date.now();
      const requested = Date.parse(rec.envelope.requestedAt);
      const apply = rec.startedApplyAt !== undefined ? (end - rec.startedApplyAt) / 1000 : undefined;
      this.metrics.operationFinished(kind, rec.state, Number.isFinite(requested) ? (end - requested) / 1000 : 0, apply);
    }
    this.seen.delete(opId);
    this.seen.set(opId, after);
    if (this.seen.size > REMEMBERED) this.seen.delete(this.seen.keys().next().value as string);
  }
}
