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
import { renderOperation } from './render-operation.js';
import { renderReply } from './render-reply.js';

export class SlackNotifier implements Notifier {
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
    this.remember(key, fingerprint);
    if (record.ts) {
      await this.client.chat.update({ channel, ts: record.ts, text: message.text, blocks });
      return { channel, ts: record.ts };
    }
    const res = await this.client.chat.postMessage({ channel, text: message.text, blocks, unfurl_links: false });
    if (!res.ts) throw new Error('Slack did not return a message timestamp');
    this.log.debug({ opId: record.envelope.opId, ts: res.ts }, 'posted operation message');
    return { channel: res.channel ?? channel, ts: res.ts };
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
