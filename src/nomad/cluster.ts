/**
 * The servers' side of Nomad, as `nomad server members` and `nomad operator raft` show it: who leads,
 * the Raft peers, and Serf member status. What a master rebuild checks before taking one down.
 */
import { z } from 'zod';
import type { NomadClient } from './client.js';

/** One `GET /v1/agent/members` entry; `Name` is `<node>.<region>`, `Status` alive/failed/left. */
export const NomadAgentMember = z.looseObject({
  Name: z.string(),
  Addr: z.string(),
  Port: z.number().int(),
  Status: z.string(),
  Tags: z.record(z.string(), z.string()).nullish(),
});
export type NomadAgentMember = z.infer<typeof NomadAgentMember>;

export const NomadAgentMembers = z.looseObject({
  ServerName: z.string().optional(),
  ServerRegion: z.string().optional(),
  Members: z.array(NomadAgentMember),
});
export type NomadAgentMembers = z.infer<typeof NomadAgentMembers>;

/** `ip:port` of the Raft leader; Nomad answers `""` while there is none. */
export const NomadLeader = z.string();
export const NomadPeers = z.array(z.string());

export class NomadCluster {
  constructor(private readonly c: NomadClient) {}

  async leader(): Promise<string> {
    return (await this.c.query('status/leader', NomadLeader, 'leader')).data;
  }

  async peers(): Promise<string[]> {
    return (await this.c.query('status/peers', NomadPeers, 'raft peers')).data;
  }

  async members(): Promise<NomadAgentMembers> {
    return (await this.c.query('agent/members', NomadAgentMembers, 'agent members')).data;
  }
}
