/** Members of Slack user groups (S…), cached for a minute: access policies may name them. */
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { describeError } from '../errors.js';

const CACHE_MS = 60_000;

export function userGroupMembers(client: webApi.WebClient, clock: Clock, log: Pick<Logger, 'warn'>): (groupId: string) => Promise<string[]> {
  const cache = new Map<string, { at: number; users: string[] }>();
  return async (groupId) => {
    const hit = cache.get(groupId);
    if (hit && clock.now() - hit.at < CACHE_MS) return hit.users;
    try {
      const res = await client.usergroups.users.list({ usergroup: groupId });
      const users = res.users ?? [];
      cache.set(groupId, { at: clock.now(), users });
      return users;
    } catch (err) {
      // A policy naming a group nobody can read grants nothing; the log says why.
      log.warn({ err: describeError(err), groupId }, 'could not read user group members');
      return [];
    }
  };
}
