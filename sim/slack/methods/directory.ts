/**
 * Who is who: auth.test, users.info, usergroups.list, usergroups.users.list, conversations.info,
 * conversations.join.
 */
import { z } from 'zod';
import { SlackApiFailure } from '../api-failure.js';
import type { ApiMethod, SimContext } from '../context.js';
import { channelForBot, joinChannel } from '../membership.js';
import { parseArgs } from '../request-args.js';
import type { SlackChannel, SlackUser } from '../types.js';

export const authTest: ApiMethod = (ctx) => {
  const id = ctx.identity;
  return {
    url: `https://${id.teamDomain}.slack.com/`,
    team: id.teamName,
    user: id.botName,
    team_id: id.teamId,
    user_id: id.botUserId,
    bot_id: id.botId,
    is_enterprise_install: false,
  };
};

const UsersInfoArgs = z.looseObject({ user: z.string() });

export const usersInfo: ApiMethod = (ctx, raw) => {
  const { user } = parseArgs(UsersInfoArgs, raw);
  const found = ctx.store.user(user);
  if (!found) throw new SlackApiFailure('user_not_found');
  return { user: wireUser(found, ctx.identity.teamId) };
};

function wireUser(user: SlackUser, teamId: string): Record<string, unknown> {
  return {
    id: user.id,
    team_id: teamId,
    name: user.name,
    deleted: false,
    real_name: user.name,
    tz: 'Europe/Zurich',
    is_bot: false,
    is_admin: false,
    profile: { display_name: user.name, real_name: user.name, team: teamId },
  };
}

const UsergroupsListArgs = z.looseObject({ include_users: z.union([z.string(), z.boolean()]).optional() });

export const usergroupsList: ApiMethod = (ctx, raw) => {
  const args = parseArgs(UsergroupsListArgs, raw);
  const withUsers = args.include_users === true || args.include_users === 'true' || args.include_users === '1';
  return {
    usergroups: ctx.store.usergroups.map((g) => ({
      id: g.id,
      team_id: ctx.identity.teamId,
      is_usergroup: true,
      name: g.handle,
      handle: g.handle,
      user_count: g.users.length,
      ...(withUsers ? { users: [...g.users] } : {}),
    })),
  };
};

const UsergroupsUsersListArgs = z.looseObject({ usergroup: z.string() });

export const usergroupsUsersList: ApiMethod = (ctx, raw) => {
  const { usergroup } = parseArgs(UsergroupsUsersListArgs, raw);
  const group = ctx.store.usergroup(usergroup);
  if (!group) throw new SlackApiFailure('no_such_subteam');
  return { users: [...group.users] };
};

const ConversationsInfoArgs = z.looseObject({ channel: z.string() });

export const conversationsInfo: ApiMethod = (ctx, raw) => {
  const args = parseArgs(ConversationsInfoArgs, raw);
  const channel = channelForBot(ctx, args.channel);
  if (channel.id !== args.channel) throw new SlackApiFailure('channel_not_found');
  return { channel: wireChannel(ctx, channel) };
};

/** Slack's answer to joining a channel it is already in: ok, with a warning (method reference). */
export const conversationsJoin: ApiMethod = (ctx, raw) => {
  const args = parseArgs(ConversationsInfoArgs, raw);
  const channel = channelForBot(ctx, args.channel);
  if (channel.id !== args.channel) throw new SlackApiFailure('channel_not_found');
  const already = joinChannel(ctx, channel);
  return {
    channel: wireChannel(ctx, channel),
    ...(already ? { warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } } : {}),
  };
};

function wireChannel(ctx: SimContext, channel: SlackChannel): Record<string, unknown> {
  return {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.isPrivate,
    is_group: Boolean(channel.isPrivate),
    is_im: false,
    is_private: Boolean(channel.isPrivate),
    is_archived: false,
    is_member: ctx.store.botIsMember(channel.id),
    name_normalized: channel.name,
  };
}
