import type { ConsulClient, ConsulQueryOptions } from './client.js';
import { ConsulLeader, ConsulPeers } from './schemas.js';

/** /v1/status: the raft view of the agent asked (no ACL needed). */
export class ConsulStatus {
  constructor(private readonly c: ConsulClient) {}

  /** "ip:port" of the raft leader, or undefined while the cluster has none (Consul answers ""). */
  async leader(opts: ConsulQueryOptions = {}): Promise<string | undefined> {
    const { data } = await this.c.query('status/leader', ConsulLeader, 'raft leader', opts);
    return data === '' ? undefined : data;
  }

  /** "ip:port" of every raft peer (voters and non-voters). */
  async peers(opts: ConsulQueryOptions = {}): Promise<string[]> {
    const { data } = await this.c.query('status/peers', ConsulPeers, 'raft peers', opts);
    return data;
  }
}
