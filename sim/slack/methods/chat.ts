/**
 * chat.postMessage, chat.update, chat.postEphemeral, chat.delete (reference B3).
 */
import { z } from 'zod';
import type { ApiMethod } from '../context.js';
import { deleteMessage, postEphemeral, postMessage, updateMessage, wireMessage } from '../messages.js';
import { channelForBot } from '../membership.js';
import { parseArgs } from '../request-args.js';

const content = {
  text: z.string().optional(),
  blocks: z.unknown().optional(),
  attachments: z.unknown().optional(),
};

export const ChatPostMessageArgs = z.looseObject({ channel: z.string().optional(), thread_ts: z.string().optional(), ...content });
export const ChatUpdateArgs = z.looseObject({ channel: z.string().optional(), ts: z.string(), ...content });
export const ChatPostEphemeralArgs = z.looseObject({
  channel: z.string().optional(),
  user: z.string(),
  thread_ts: z.string().optional(),
  ...content,
});
export const ChatDeleteArgs = z.looseObject({ channel: z.string().optional(), ts: z.string() });

export const chatPostMessage: ApiMethod = (ctx, raw) => {
  const args = parseArgs(ChatPostMessageArgs, raw);
  const channel = channelForBot(ctx, args.channel);
  const message = postMessage(ctx, channel, args);
  return { channel: channel.id, ts: message.ts, message: wireMessage(message) };
};

export const chatUpdate: ApiMethod = (ctx, raw) => {
  const args = parseArgs(ChatUpdateArgs, raw);
  const channel = channelForBot(ctx, args.channel);
  const message = updateMessage(ctx, channel, args.ts, args);
  return {
    channel: channel.id,
    ts: message.ts,
    text: message.text,
    message: { text: message.text, user: message.user, bot_id: message.bot_id, ...(message.blocks ? { blocks: message.blocks } : {}) },
  };
};

export const chatPostEphemeral: ApiMethod = (ctx, raw) => {
  const args = parseArgs(ChatPostEphemeralArgs, raw);
  const channel = channelForBot(ctx, args.channel);
  const ephemeral = postEphemeral(ctx, channel, args.user, args, 'api');
  return { message_ts: ephemeral.ts };
};

export const chatDelete: ApiMethod = (ctx, raw) => {
  const args = parseArgs(ChatDeleteArgs, raw);
  const channel = channelForBot(ctx, args.channel);
  deleteMessage(ctx, channel, args.ts);
  return { channel: channel.id, ts: args.ts };
};
