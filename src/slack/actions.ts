/**
 * Approve / Reject buttons. The button value is only the operation id; everything else is read
 * from Redis, so an altered value or a click on another operation's message changes nothing.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Logger } from 'pino';
import { describeError, explainError } from '../errors.js';
import { OpId } from '../operations/index.js';
import type { Redactor } from '../redact.js';
import type { Operations } from '../queue/operations.js';
import { safeRespond } from './dispatch.js';
import { APPROVE_ACTION, REJECT_ACTION } from './render-operation.js';

export function registerOperationActions(app: App, operations: Operations, log: Logger, redactor: Redactor): void {
  for (const [actionId, verb] of [
    [APPROVE_ACTION, 'approve'],
    [REJECT_ACTION, 'reject'],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      const userId = body.user.id;
      const l = log.child({ user: userId, action: verb });
      const opId = OpId.safeParse(action.value);
      if (!opId.success) return safeRespond(respond, l, redactor, 'This button is not valid; nothing was changed.');
      const messageTs = body.container?.message_ts ?? body.message?.ts;
      try {
        const outcome = verb === 'approve' ? await operations.approve(opId.data, userId, messageTs) : await operations.reject(opId.data, userId, messageTs);
        if (outcome.reply) await safeRespond(respond, l, redactor, outcome.reply);
      } catch (err) {
        l.error({ err: describeError(err), opId: opId.data }, 'action failed');
        await safeRespond(respond, l, redactor, `Sorry, that failed: ${explainError(err)}`);
      }
    });
  }
}
