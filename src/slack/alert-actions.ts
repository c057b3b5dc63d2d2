/**
 * Buttons on alert messages. Their value is an opaque alert id (`al-…`/`ag-…`); the facts behind
 * it come from Redis. Silencing happens here; every other next step (show, drain, reboot, logs)
 * runs as the equivalent typed command, so it gets the same policy checks and approvals.
 */
import type { App, BlockAction, ButtonAction, RespondFn, types } from '@slack/bolt';
import type { Logger } from 'pino';
import { describeError, UserFacingError } from '../errors.js';
import type { ClusterWatch } from '../monitors/index.js';
import type { AuditLog } from '../queue/audit.js';
import type { Redactor } from '../redact.js';
import { runAsTyped, safeRespond, type DispatchDeps } from './dispatch.js';
import { DETAILS_ACTION, renderAlertMember } from './render-alert.js';
import { timeOrDay } from '../operations/index.js';

const SILENCE_MS: Record<string, number> = { 'alert.silence-1h': 3_600_000, 'alert.silence-1d': 86_400_000 };
const COMMANDS: Record<string, (l: Record<string, string>) => string | undefined> = {
  'alert.show-node': (l) => l.node && `node ${l.node}`,
  // A master is a Nomad server, not a client node: its VM and the masters' checklist show it.
  'alert.show-vm': (l) => l.node && `vm show ${l.node}`,
  'alert.show-masters': () => 'masters',
  'alert.drain': (l) => l.node && `node drain ${l.node}`,
  'alert.mark-ineligible': (l) => l.node && `node ineligible ${l.node}`,
  // The runbook's cleanup, as `/ci node cleanup` (approval, recorded steps); the command text comes from chatops.yaml.
  'alert.clean-up': (l) => l.node && `node cleanup ${l.node}`,
  'alert.reboot-vm': (l) => l.node && `vm reboot ${l.node}`,
  'alert.show-logs': (l) => l.job && (l.alloc ? `logs ${l.job} --alloc ${l.alloc}` : `logs ${l.job}`),
};

export function registerAlertActions(app: App, watch: ClusterWatch, d: DispatchDeps, audit: AuditLog, log: Logger): void {
  app.action<BlockAction<ButtonAction>>(/^alert\./, async ({ ack, body, action, respond }) => {
    await ack();
    const userId = body.user.id;
    const l = log.child({ user: userId, action: action.action_id });
    const id = action.value ?? '';
    if (!/^a[lg]-[a-z0-9]{4,40}$/.test(id)) return safeRespond(respond, l, d.redactor, 'This button is not valid; nothing was done.');
    try {
      const ref = await watch.findAlert(id);
      if (!ref) return safeRespond(respond, l, d.redactor, 'This alert is no longer known (it resolved and was cleaned up).');
      if (action.action_id.startsWith(`${DETAILS_ACTION}.`)) {
        // A member of a grouped message: its own view, with its command and its own buttons.
        if (!ref.member) return safeRespond(respond, l, d.redactor, 'This alert is no longer in a message; `/ci alerts` lists the current ones.');
        const view = renderAlertMember({ id: ref.groupId ?? id, kind: ref.kind, channel: ref.channel, createdAt: 0 }, ref.member);
        return respondBlocks(respond, l, d.redactor, view);
      }
      const silenceMs = SILENCE_MS[action.action_id];
      if (silenceMs !== undefined) {
        const s = await watch.silence({ target: id, durationMs: silenceMs, reason: 'silenced from the alert message', by: userId });
        await audit.record({
          event: 'alert-action',
          userId,
          channelId: ref.channel,
          target: ref.facts[0]?.subject,
          details: { action: action.action_id, alert: id, silence: s.id },
        });
        return safeRespond(respond, l, d.redactor, `🔕 Silenced until ${timeOrDay(s.endsAt, d.now())} (${s.id}).`);
      }
      const command = COMMANDS[action.action_id]?.(ref.facts[0]?.labels ?? {});
      if (!command) return safeRespond(respond, l, d.redactor, 'This alert has nothing that button can act on.');
      await audit.record({
        event: 'alert-action',
        userId,
        channelId: ref.channel,
        target: ref.facts[0]?.subject,
        details: { action: action.action_id, alert: id, command },
      });
      const channelId = body.channel?.id ?? ref.channel;
      await runAsTyped(command, { userId, channelId, triggerId: `${body.trigger_id}:${action.action_ts}`, responseUrl: body.response_url }, respond, d, l);
    } catch (err) {
      l.error({ err: describeError(err) }, 'alert action failed');
      await safeRespond(respond, l, d.redactor, err instanceof UserFacingError ? err.message : `Sorry, that failed: ${describeError(err)}`);
    }
  });
}

/** A private answer with blocks (a member's own view), redacted like every alert message. */
async function respondBlocks(
  respond: RespondFn,
  log: Logger,
  redactor: Redactor,
  view: { text: string; blocks: Array<Record<string, unknown>> },
): Promise<void> {
  try {
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: redactor.redact(view.text),
      blocks: redactor.redactDeep(view.blocks) as unknown as types.KnownBlock[],
    });
  } catch (err) {
    log.warn({ err: describeError(err) }, 'could not answer through response_url');
  }
}
