/**
 * The Notifier port over Slack's Web API: one message per operation, posted once and updated in
 * place. The WebClient queues and retries 429s itself (Retry-After), so no update is dropped.
 */
import type { types, webApi } from '@slack/bolt';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { request } from 'undici';
import { describeError } from '../errors.js';
import type { OperationRecord, ReadReply } from '../operations/index.js';
import type { Asker, Notifier, OperationFile } from '../ports.js';
import type { Redactor } from '../redact.js';
import { shareFile } from './file-share.js';
import { NotifierState } from './notifier-state.js';
import { fullPlanText, planFilename, planIsLong, renderOperation, type PlanFile } from './render-operation.js';
import { renderReply } from './render-reply.js';

const planHash = (record: OperationRecord) => (record.plan?.status === 'planned' ? record.plan.planHash : '');

export class SlackNotifier implements Notifier {
  /** What became of each long plan's file and what each message last showed: in Redis, for every replica and the next start. */
  private readonly state: NotifierState;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly log: Logger,
    /** This bot's secrets, masked in everything posted. */
    private readonly redactor: Redactor,
    store: { redis: Redis; prefix: string },
  ) {
    this.state = new NotifierState(store.redis, store.prefix);
  }

  async showOperation(record: OperationRecord): Promise<{ channel: string; ts: string }> {
    const channel = record.channel ?? record.envelope.requestedBy.channelId;
    if (record.ts) {
      const ts = record.ts;
      // The thread exists: attach first, so the update says where the full plan is.
      await this.attachLongPlan(record, channel, ts);
      await this.update(record, channel, ts);
      return { channel, ts };
    }
    const message = await this.render(record);
    const res = await this.client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false });
    if (!res.ts) throw new Error('Slack did not return a message timestamp');
    await this.state.shown(record.envelope.opId, message);
    this.log.debug({ opId: record.envelope.opId, ts: res.ts }, 'posted operation message');
    const posted = { channel: res.channel ?? channel, ts: res.ts };
    // The message first said only "… more lines not shown": now it can say what became of the file.
    if (await this.attachLongPlan(record, posted.channel, posted.ts)) await this.update(record, posted.channel, posted.ts);
    return posted;
  }

  private async render(record: OperationRecord): Promise<{ text: string; blocks: types.KnownBlock[] }> {
    const planFile = planIsLong(record) ? await this.state.planFile(record.envelope.opId, planHash(record)) : undefined;
    const message = this.redactor.redactDeep(renderOperation(record, planFile ? { planFile } : {}));
    // Our builders produce valid Block Kit (limits enforced in blocks.ts); the SDK's union type is stricter than needed.
    return { text: message.text, blocks: message.blocks as unknown as types.KnownBlock[] };
  }

  private async update(record: OperationRecord, channel: string, ts: string): Promise<void> {
    const message = await this.render(record);
    const opId = record.envelope.opId;
    if (await this.state.isShown(opId, message)) return;
    await this.client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
    await this.state.shown(opId, message);
  }

  /** A plan too long for its message goes once, as a file in the message's thread. True when it tried. */
  private async attachLongPlan(record: OperationRecord, channel: string, ts: string): Promise<boolean> {
    const opId = record.envelope.opId;
    if (record.state !== 'awaiting-approval' || !planIsLong(record) || !(await this.state.claimPlanFile(opId, planHash(record)))) return false;
    const outcome = await shareFile(this.client, this.log.child({ opId: record.envelope.opId }), {
      channel_id: channel,
      thread_ts: ts,
      filename: planFilename(record),
      title: planFilename(record),
      content: this.redactor.redactDeep(fullPlanText(record) ?? ''),
      initial_comment: `Full plan of ${record.plan?.status === 'planned' ? record.plan.title : record.envelope.opId}`,
    });
    const file: PlanFile = outcome.shared ? { attached: true } : { attached: false, why: outcome.why };
    await this.state.savePlanFile(opId, planHash(record), file);
    return true;
  }

  async attach(channel: string, ts: string, file: OperationFile): Promise<{ shared: boolean; why?: string }> {
    const outcome = await shareFile(this.client, this.log, {
      channel_id: channel,
      thread_ts: ts,
      filename: file.filename,
      title: file.filename,
      content: this.redactor.redact(file.content),
      initial_comment: this.redactor.redact(file.comment),
    });
    return outcome.shared ? { shared: true } : { shared: false, why: outcome.why };
  }

  async announce(channel: string, text: string): Promise<void> {
    await this.client.chat.postMessage({ channel, text: this.redactor.redactDeep(text), unfurl_links: false });
  }

  async ephemeral(channel: string, userId: string, text: string): Promise<void> {
    await this.client.chat.postEphemeral({ channel, user: userId, text: this.redactor.redactDeep(text) });
  }

  async answer(asker: Asker, reply: ReadReply): Promise<void> {
    let rendered = this.redactor.redactDeep(renderReply(reply));
    if (rendered.file) {
      const outcome = await shareFile(this.client, this.log, {
        channel_id: asker.channelId,
        filename: rendered.file.filename,
        title: rendered.file.filename,
        content: rendered.file.content,
        initial_comment: `<@${asker.userId}> ${rendered.text}`,
      });
      if (!outcome.shared) rendered = this.redactor.redactDeep(renderReply(reply, { fileRefused: outcome.why }));
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
