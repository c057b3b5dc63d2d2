import type { ConsulClient, ConsulQueryOptions, ConsulQueryResult } from './client.js';
import { ConsulRaftConfiguration } from './schemas.js';

/** /v1/operator: raft membership as the leader sees it. */
export class ConsulOperator {
  constructor(private readonly c: ConsulClient) {}

  /**
   * The raft configuration. Needs `operator:read`. Without a leader Consul answers
   * 500 "No cluster leader" unless `stale` is set.
   */
  raftConfiguration(opts: ConsulQueryOptions = {}): Promise<ConsulQueryResult<ConsulRaftConfiguration>> {
    return this.c.query('operator/raft/configuration', ConsulRaftConfiguration, 'raft configuration', opts);
  }
}
