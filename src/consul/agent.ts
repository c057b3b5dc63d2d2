import type { ConsulClient, ConsulQueryOptions, ConsulQueryResult } from './client.js';
import { ConsulMemberList, ConsulMemberStatus, type ConsulMember, type ConsulMemberStatusName } from './schemas.js';

/** /v1/agent: what the agent asked knows from gossip. */
export class ConsulAgent {
  constructor(private readonly c: ConsulClient) {}

  /** LAN members (`meta.filteredByAcls` says the token hid some). Needs `node:read` to see nodes. */
  members(opts: ConsulQueryOptions & { wan?: boolean } = {}): Promise<ConsulQueryResult<ConsulMember[]>> {
    return this.c.query('agent/members', ConsulMemberList, 'agent members', { ...opts, params: { ...opts.params, wan: opts.wan ? 1 : undefined } });
  }
}

/** The serf status number as a word ("alive", "failed", ...). */
export function memberStatusName(status: number): ConsulMemberStatusName | 'unknown' {
  const found = Object.entries(ConsulMemberStatus).find(([, n]) => n === status);
  return found ? (found[0] as ConsulMemberStatusName) : 'unknown';
}

/** True for Consul servers (`Tags.role == "consul"`), false for client agents. */
export const isConsulServer = (m: ConsulMember): boolean => m.Tags.role === 'consul';
