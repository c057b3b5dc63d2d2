/**
 * Who is who: auth.test, users.info, usergroups.list, usergroups.users.list, conversations.info.
 */
import { z } from 'zod';
import { SlackApiFailure } from '../api-failure.js';
import type { ApiMethod } from '../context.js';
import { parseArgs } from '../request-args.js';
import type { SlackUser } from '../types.js';

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
  const channel = ctx.store.channel(args.channel);
  if (!channel || channel.id !== args.channel) throw new SlackApiFailure('channel_not_found');
  return {
    channel: {
      id: channel.id,
      name: channel.name,
      is_channel: true,
      is_group: false,
      is_im: false,
      is_private: false,
      is_archived: false,
      is_member: true,
      name_normalized: channel.name,
    },
  };
};
