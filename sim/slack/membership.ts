/**
 * What the bot's channel membership allows (docs.slack.dev method references):
 * - `chat:write.public` lets a bot post in a public channel it has not joined ("Send messages to
 *   channels @your_slack_app isn't a member of"), but a private channel exists for a bot token only
 *   when the bot is in it: any other call answers `channel_not_found`;
 * - sharing a file (`files.completeUploadExternal` with `channel_id`) needs membership:
 *   `not_in_channel` otherwise;
 * - `conversations.join` (scope `channels:join`) joins a public channel; a channel the bot is
 *   already in answers ok with the warning `already_in_channel`; a private channel cannot be joined
 *   (`method_not_supported_for_channel_type`, or `channel_not_found` when the bot cannot see it).
 */
import { SlackApiFailure } from './api-failure.js';
import type { SimContext } from './context.js';
import { requireChannel } from './messages.js';
import type { SlackChannel } from './types.js';

/** The channel as the bot's token sees it. */
export function channelForBot(ctx: SimContext, ref: string | undefined): SlackChannel {
  const channel = requireChannel(ctx, ref);
  if (channel.isPrivate && !ctx.store.botIsMember(channel.id)) throw new SlackApiFailure('channel_not_found');
  return channel;
}

export function requireMembership(ctx: SimContext, channel: SlackChannel): void {
  if (!ctx.store.botIsMember(channel.id)) throw new SlackApiFailure('not_in_channel');
}

/** `conversations.join`: true when the bot was already a member. */
export function joinChannel(ctx: SimContext, channel: SlackChannel): boolean {
  if (channel.isPrivate) throw new SlackApiFailure('method_not_supported_for_channel_type');
  const already = ctx.store.botIsMember(channel.id);
  ctx.store.setBotMember(channel.id);
  return already;
}
