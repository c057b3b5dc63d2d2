import { pathSegment, type NomadClient } from './client.js';
import type { DrainSpec, QueryOptions, QueryResult } from './requests.js';

export type { DrainSpec } from './requests.js';
import { NomadAllocationList, type NomadAllocation } from './schemas/allocations.js';
import { NomadHostStats, NomadNode, NomadNodeList, NomadNodeUpdateResponse, type NomadNodeStub } from './schemas/nodes.js';

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

  /**
   * `POST /v1/node/:id/drain`. A spec starts a drain (and makes the node ineligible); `null`
   * cancels it, and `markEligible` makes the node schedulable again (`-disable` without
   * `-keep-ineligible`). An unknown node is a plain HTTP 500 "node not found".
   */
  drain(nodeId: string, spec: DrainSpec | null, o: { markEligible?: boolean; meta?: Record<string, string> } = {}, opts: QueryOptions = {}) {
    const body = {
      DrainSpec: spec ? { Deadline: Math.round(spec.deadlineMs * 1e6), IgnoreSystemJobs: spec.ignoreSystemJobs ?? false } : null,
      ...(o.markEligible ? { MarkEligible: true } : {}),
      ...(o.meta ? { Meta: o.meta } : {}),
    };
    return this.c.write('POST', `node/${pathSegment(nodeId)}/drain`, body, NomadNodeUpdateResponse, 'drain response', opts);
  }

  /** `POST /v1/node/:id/eligibility`. Refused (500) with "eligible" while the node drains. */
  eligibility(nodeId: string, eligibility: 'eligible' | 'ineligible', opts: QueryOptions = {}) {
    return this.c.write('POST', `node/${pathSegment(nodeId)}/eligibility`, { Eligibility: eligibility }, NomadNodeUpdateResponse, 'eligibility response', opts);
  }
}
