/**
 * The full reads the reconciler and the disk check make, with the schemas for the variants the
 * typed client does not read yet (`resources=true` lists). Everything goes through one Nomad client.
 */
import { z } from 'zod';
import type { Nomad, PageFold, QueryResult } from '../nomad/index.js';
import { foldPages } from '../nomad/paging.js';
import { NomadAllocationStubWithResources, type NomadAllocationStub } from '../nomad/schemas/allocations.js';
import { NomadLastDrain, type NomadNode } from '../nomad/schemas/nodes.js';
import type { NomadJob, NomadJobListStub } from '../nomad/schemas/jobs.js';

const DiskResources = z.object({ Disk: z.object({ DiskMB: z.number() }).nullish() }).nullish();

/**
 * NodeListStub with `resources=true`, as the model keeps it: only the fields it reads (the rest,
 * drivers and resources of 20,000 nodes, is dropped at parse time rather than copied).
 */
export const NomadNodeStubWithResources = z.object({
  ID: z.string(),
  Name: z.string(),
  Datacenter: z.string(),
  NodeClass: z.string().nullish(),
  Version: z.string().optional(),
  Drain: z.boolean(),
  SchedulingEligibility: z.string(),
  Status: z.string(),
  LastDrain: NomadLastDrain,
  NodeResources: DiskResources,
  ReservedResources: DiskResources,
  ModifyIndex: z.number().int(),
});
export type NomadNodeStubWithResources = z.infer<typeof NomadNodeStubWithResources>;
const NodeStubPage = z.array(NomadNodeStubWithResources);

/** An allocation with `AllocatedResources.Shared.DiskMB` (its ephemeral disk), as event payloads and `resources=true` lists carry it. */
export const NomadAllocationWithResources = NomadAllocationStubWithResources;
export type NomadAllocationWithResources = z.infer<typeof NomadAllocationWithResources>;

/** HostStats as the disk check reads it: the alloc dir's filesystem, nothing of the CPUs and devices. */
const AllocDirStats = z.object({ AllocDirStats: z.object({ Size: z.number(), Available: z.number() }).nullish() });
export type AllocDirStats = z.infer<typeof AllocDirStats>;

/** A full read and the Raft index it reflects (X-Nomad-Index). */
export interface Indexed<T> {
  data: T;
  index: number;
}

export interface ClusterReads {
  /** Every node, in pages (their tokens are node IDs, which every supported Nomad pages correctly). */
  nodes(signal?: AbortSignal): Promise<Indexed<NomadNodeStubWithResources[]>>;
  node(id: string, signal?: AbortSignal): Promise<NomadNode>;
  /** Every allocation with its resources, without task states (see `jobAllocations`), folded page by page. */
  allocations<A>(fold: PageFold<NomadAllocationWithResources, A>, signal?: AbortSignal): Promise<Indexed<A>>;
  /** One job's allocations with their task states (restart counts and events). */
  jobAllocations(jobId: string, signal?: AbortSignal): Promise<NomadAllocationStub[]>;
  jobs(signal?: AbortSignal): Promise<NomadJobListStub[]>;
  job(id: string, signal?: AbortSignal): Promise<NomadJob | undefined>;
  hostStats(nodeId: string, signal?: AbortSignal): Promise<AllocDirStats>;
}

/** `perPage`: the list pages' size (Nomad's default page here is DEFAULT_PAGE_SIZE; tests use small pages). */
export function clusterReads(nomad: Nomad, o: { perPage?: number } = {}): ClusterReads {
  const paging = o.perPage ? { perPage: o.perPage } : {};
  return {
    nodes: async (signal) =>
      indexed(
        await foldPages(nomad.client, 'nodes', NodeStubPage, 'node list', collect<NomadNodeStubWithResources>(), {
          params: { resources: true },
          idTokens: true,
          ...paging,
          ...(signal ? { signal } : {}),
        }),
      ),
    node: async (id, signal) => (await nomad.nodes.read(id, signal ? { signal } : {})).data,
    allocations: async (fold, signal) => indexed(await nomad.allocations.foldWithResources(fold, { ...paging, ...(signal ? { signal } : {}) })),
    jobAllocations: async (jobId, signal) => (await nomad.jobs.allocations(jobId, signal ? { signal } : {})).data,
    jobs: async (signal) => (await nomad.jobs.list(signal ? { signal } : {})).data,
    job: (id, signal) => nomad.jobs.find(id, signal ? { signal } : {}),
    hostStats: async (nodeId, signal) =>
      (await nomad.client.query('client/stats', AllocDirStats, 'client stats', { params: { node_id: nodeId }, ...(signal ? { signal } : {}) })).data,
  };
}

const indexed = <T>(r: QueryResult<T>): Indexed<T> => ({ data: r.data, index: r.meta.lastIndex });

const collect = <T>(): PageFold<T, T[]> => ({
  start: () => [],
  add: (all, page) => {
    for (const x of page) all.push(x);
  },
});
