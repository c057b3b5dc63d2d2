/**
 * Posting, editing and deleting messages: shared by the chat.* methods and response_url replies,
 * so both validate the same way and emit the same events.
 */
import { SlackApiFailure } from './api-failure.js';
import { withGeneratedIds } from './block-ids.js';
import type { SimContext } from './context.js';
import type { Block, EphemeralMessage, SharedFileRef, SlackChannel, StoredMessage } from './types.js';
import { validateBlocks } from './validate-blocks.js';

export interface MessageContent {
  text?: string | undefined;
  /** As received: a JSON string or an array. */
  blocks?: unknown;
  attachments?: unknown;
}

const TS = /^\d{10}\.\d{6}$/;

export function requireChannel(ctx: SimContext, ref: string | undefined): SlackChannel {
  const channel = ref ? ctx.store.channel(ref) : undefined;
  if (!channel) throw new SlackApiFailure('channel_not_found');
  return channel;
}

export function checkThreadTs(threadTs: string | undefined): void {
  if (threadTs !== undefined && threadTs !== '' && !TS.test(threadTs)) {
    throw new SlackApiFailure('invalid_thread_ts');
  }
}

function contentOf(ctx: SimContext, content: MessageContent): { text: string; blocks?: Block[]; attachments?: unknown[] } {
  const blocks = validateBlocks(content.blocks);
  const attachments = parseAttachments(content.attachments);
  const text = content.text ?? '';
  if (text === '' && blocks === undefined && attachments === undefined) throw new SlackApiFailure('no_text');
  return {
    text,
    ...(blocks ? { blocks: withGeneratedIds(blocks, ctx.nextId) } : {}),
    ...(attachments ? { attachments } : {}),
  };
}

function parseAttachments(raw: unknown): unknown[] | undefined {
  if (raw === undefined || raw === '') return undefined;
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new SlackApiFailure('invalid_attachments');
    }
  }
  if (!Array.isArray(value)) throw new SlackApiFailure('invalid_attachments');
  if (value.length > 100) throw new SlackApiFailure('too_many_attachments');
  return value;
}

export function postMessage(
  ctx: SimContext,
  channel: SlackChannel,
  content: MessageContent & { thread_ts?: string | undefined; files?: SharedFileRef[] },
): StoredMessage {
  checkThreadTs(content.thread_ts);
  const body = content.files ? { text: content.text ?? '' } : contentOf(ctx, content);
  // Slack truncates rather than refuses over-long message text (changelog 2018-04).
  body.text = body.text.slice(0, 40_000);
  const message: StoredMessage = {
    type: 'message',
    channel: channel.id,
    ts: ctx.store.nextTs(),
    ...(content.thread_ts ? { thread_ts: content.thread_ts } : {}),
    ...body,
    ...(content.files ? { files: content.files } : {}),
    user: ctx.identity.botUserId,
    bot_id: ctx.identity.botId,
    versions: [],
  };
  ctx.store.addMessage(message);
  ctx.events.emit('message', message);
  return message;
}

/** chat.update semantics: fields left out keep their previous value. */
export function updateMessage(ctx: SimContext, channel: SlackChannel, ts: string, content: MessageContent): StoredMessage {
  const message = ctx.store.message(channel.id, ts);
  if (!message) throw new SlackApiFailure('message_not_found');
  if (content.text !== undefined && content.text.length > 4000) throw new SlackApiFailure('msg_too_long');
  const blocks = validateBlocks(content.blocks);
  const attachments = parseAttachments(content.attachments);
  const editTs = ctx.store.nextTs();
  message.versions.push({ text: message.text, blocks: message.blocks, replacedAt: editTs });
  if (content.text !== undefined) message.text = content.text;
  if (content.blocks !== undefined) message.blocks = blocks?.length ? withGeneratedIds(blocks, ctx.nextId) : undefined;
  if (attachments !== undefined) message.attachments = attachments;
  message.edited = { user: ctx.identity.botUserId, ts: editTs };
  ctx.events.emit('update', message);
  return message;
}

export function postEphemeral(
  ctx: SimContext,
  channel: SlackChannel,
  user: string,
  content: MessageContent & { thread_ts?: string | undefined },
  via: EphemeralMessage['via'],
): EphemeralMessage {
  if (!ctx.store.user(user)) throw new SlackApiFailure('user_not_in_channel');
  checkThreadTs(content.thread_ts);
  const body = contentOf(ctx, content);
  const ephemeral: EphemeralMessage = {
    channel: channel.id,
    user,
    ts: ctx.store.nextTs(),
    ...(content.thread_ts ? { thread_ts: content.thread_ts } : {}),
    text: body.text,
    ...(body.blocks ? { blocks: body.blocks } : {}),
    versions: [],
    via,
  };
  ctx.store.ephemeral.push(ephemeral);
  ctx.events.emit('ephemeral', ephemeral);
  return ephemeral;
}

/** Replaces an ephemeral message in place (a response_url reply with replace_original). */
export function replaceEphemeral(ctx: SimContext, ephemeral: EphemeralMessage, content: MessageContent): EphemeralMessage {
  const body = contentOf(ctx, content);
  ephemeral.versions.push({ text: ephemeral.text, blocks: ephemeral.blocks, replacedAt: ctx.store.nextTs() });
  ephemeral.text = body.text;
  ephemeral.blocks = body.blocks;
  ctx.events.emit('ephemeral', ephemeral);
  return ephemeral;
}

export function deleteMessage(ctx: SimContext, channel: SlackChannel, ts: string): StoredMessage {
  const removed = ctx.store.removeMessage(channel.id, ts);
  if (!removed) throw new SlackApiFailure('message_not_found');
  ctx.events.emit('delete', { channel: channel.id, ts, message: removed });
  return removed;
}

/** The message as Slack returns it in API answers and click payloads (no simulator bookkeeping). */
export function wireMessage(message: StoredMessage): Record<string, unknown> {
  const { versions: _versions, channel: _channel, ...wire } = message;
  return structuredClone(wire);
}
