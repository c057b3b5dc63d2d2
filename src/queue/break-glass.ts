/**
 * Break-glass is loud on purpose: everyone in the operation's channel and the announce channel
 * sees who skipped the freeze and the second approver, and why; the audit trail keeps the reason.
 */
import { describeError } from '../errors.js';
import type { OperationEnvelope } from '../operations/index.js';
import type { OperationRuntime } from './runtime.js';

export async function announceBreakGlass(rt: OperationRuntime, envelope: OperationEnvelope, reason: string): Promise<void> {
  const text = `🚨 Break-glass by <@${envelope.requestedBy.userId}>: ${envelope.title} (${envelope.opId}) — freeze and second approver skipped. Reason: “${reason}”`;
  const announceTo = rt.d.options.breakGlassChannel;
  const channels = new Set([rt.channelFor({ envelope }), ...(announceTo ? [announceTo] : [])]);
  for (const ch of channels) {
    await rt.d.notifier
      .announce(ch, text)
      .catch((err: unknown) => rt.d.log.error({ err: describeError(err), opId: envelope.opId }, 'break-glass announcement failed'));
  }
  await rt.d.audit.record({
    event: 'request',
    opId: envelope.opId,
    kind: envelope.operation.kind,
    userId: envelope.requestedBy.userId,
    channelId: envelope.requestedBy.channelId,
    details: { breakGlass: reason },
  });
}
