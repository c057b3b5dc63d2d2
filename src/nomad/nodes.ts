import { pathSegment, type NomadClient, type QueryOptions, type QueryResult } from './client.js';
import { NomadAllocationList, type NomadAllocation } from './schemas/allocations.js';
import { NomadHostStats, NomadNode, NomadNodeList, type NomadNodeStub } from './schemas/nodes.js';

export class NomadNodes {
  constructor(private readonly c: NomadClient) {}

  list(opts: QueryOptions & { resources?: boolean } = {}): Promise<QueryResult<NomadNodeStub[]>> {
    return this.c.query('nodes', NomadNodeList, 'node list', { ...opts, params: { ...opts.params, resources: opts.resources || undefined } });
  }

  read(nodeId: string, opts: QueryOptions = {}): Promise<QueryResult<NomadNode>> {
    return this.c.query(`node/${pathSegment(nodeId)}`, NomadNode, 'node', opts);
  }

  allocations(nodeId: string, opts: QueryOptions = {}): Promise<QueryResult<NomadAllocation[]>> {
    return this.c.query(`node/${pathSegment(nodeId)}/allocations`, NomadAllocationList, 'node allocations', opts);
  }

  /** Host statistics measured now by the client agent (the real free disk, unlike Nomad's accounting). */
  stats(nodeId: string, opts: QueryOptions = {}): Promise<QueryResult<NomadHostStats>> {
    return this.c.query('client/stats', NomadHostStats, 'client stats', { ...opts, params: { ...opts.params, node_id: nodeId } });
  }
}
