/**
 * The Notifier port over Slack's Web API: one message per operation, posted once and updated in
 * place. The WebClient queues and retries 429s itself (Retry-After), so no update is dropped.
 */
import type { types, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { redactDeep } from '../redact.js';
import { request } from 'undici';
import { describeError } from '../errors.js';
import type { OperationRecord, ReadReply } from '../operations/index.js';
import type { Asker, Notifier } from '../ports.js';
import { fullPlanText, planFilename, planIsLong, renderOperation } from './render-operation.js';
import { renderReply } from './render-reply.js';

export class SlackNotifier implements Notifier {
  /** Operations whose long plan was already attached as a file (once per plan). */
  private readonly planFiles = new Set<string>();
  /** What each operation's message last showed: an identical re-render is not sent again. */
  private readonly lastShown = new Map<string, string>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly log: Logger,
  ) {}

  async showOperation(record: OperationRecord): Promise<{ channel: string; ts: string }> {
    const message = redactDeep(renderOperation(record));
    // Our builders produce valid Block Kit (limits enforced in blocks.ts); the SDK's union type is stricter than needed.
    const blocks = message.blocks as unknown as types.KnownBlock[];
    const channel = record.channel ?? record.envelope.requestedBy.channelId;
    const fingerprint = JSON.stringify(message);
    const key = record.envelope.opId;
    if (record.ts && this.lastShown.get(key) === fingerprint) return { channel, ts: record.ts };
    if (record.ts) {
      const ts = record.ts;
      await this.client.chat.update({ channel, ts, text: message.text, blocks });
      // Remembered only once Slack has it, so a failed update is sent again by the next try.
      this.remember(key, fingerprint);
      await this.attachLongPlan(record, channel, ts);
      return { channel, ts };
    }
    this.remember(key, fingerprint);
    const res = await this.client.chat.postMessage({ channel, text: message.text, blocks, unfurl_links: false });
    if (!res.ts) throw new Error('Slack did not return a message timestamp');
    this.log.debug({ opId: record.envelope.opId, ts: res.ts }, 'posted operation message');
    await this.attachLongPlan(record, res.channel ?? channel, res.ts);
    return { channel: res.channel ?? channel, ts: res.ts };
  }

  /** A plan too long for its message goes once, as a file in the message's thread. */
  private async attachLongPlan(record: OperationRecord, channel: string, ts: string): Promise<void> {
    const key = `${record.envelope.opId}:${record.plan?.status === 'planned' ? record.plan.planHash : ''}`;
    if (record.state !== 'awaiting-approval' || !planIsLong(record) || this.planFiles.has(key)) return;
    this.planFiles.add(key);
    if (this.planFiles.size > 2_000) this.planFiles.delete(this.planFiles.values().next().value as string);
    await this.client.files
      .uploadV2({
        channel_id: channel,
        thread_ts: ts,
        filename: planFilename(record),
        title: planFilename(record),
        content: redactDeep(fullPlanText(record) ?? ''),
        initial_comment: `Full plan of ${record.plan?.status === 'planned' ? record.plan.title : record.envelope.opId}`,
      })
      .catch((err: unknown) => this.log.warn({ err: describeError(err), opId: record.envelope.opId }, 'plan file upload failed'));
  }

  private remember(key: string, fingerprint: string): void {
    this.lastShown.delete(key);
    this.lastShown.set(key, fingerprint);
    if (this.lastShown.size > 2_000) this.lastShown.delete(this.lastShown.keys().next().value as string);
  }

  async announce(channel: string, text: string): Promise<void> {
    await this.client.chat.postMessage({ channel, text: redactDeep(text), unfurl_links: false });
  }

  async ephemeral(channel: string, userId: string, text: string): Promise<void> {
    await this.client.chat.postEphemeral({ channel, user: userId, text: redactDeep(text) });
  }

  async answer(asker: Asker, reply: ReadReply): Promise<void> {
    const rendered = redactDeep(renderReply(reply));
    if (rendered.file) {
      await this.client.files.uploadV2({
        channel_id: asker.channelId,
        filename: rendered.file.filename,
        title: rendered.file.filename,
        content: rendered.file.content,
        initial_comment: `<@${asker.userId}> ${rendered.text}`,
      });
    }
    const blocks = rendered.blocks as unknown as types.KnownBlock[];
    if (asker.responseUrl && (await this.respond(asker.responseUrl, { text: rendered.text, blocks }))) return;
    await this.client.chat.postEphemeral({ channel: asker.channelId, user: asker.userId, text: rendered.text, blocks });
  }

  /** Slack's response_url (5 uses, 30 minutes); false when it no longer works, so we fall back. */
  private async respond(url: string, body: { text: string; blocks: types.KnownBlock[] }): Promise<boolean> {
    try {
      const res = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...body }),
      });
      await res.body.text();
      return res.statusCode < 300;
    } catch (err) {
      this.log.warn({ err: describeError(err) }, 'response_url failed');
      return false;
    }
  }
}
