/**
 * The servers' side of Nomad, as `nomad server members` and `nomad operator raft` show it: who leads,
 * the Raft peers, and Serf member status. What a master rebuild checks before taking one down.
 */
import type { NomadClient } from './client.js';
import { NomadAgentMembers, NomadLeader, NomadPeers } from './schemas/agent.js';

export { NomadAgentMember, NomadAgentMembers } from './schemas/agent.js';

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
