/**
 * The full reads the reconciler and the disk check make, with the schemas for the variants the
 * typed client does not read yet (`resources=true` lists). Everything goes through one Nomad client.
 */
import { z } from 'zod';
import type { Nomad, PageFold, QueryResult } from '../nomad/index.js';
import { NomadAllocationStubWithResources, type NomadAllocationStub } from '../nomad/schemas/allocations.js';
import { NomadNodeStub, type NomadHostStats, type NomadNode } from '../nomad/schemas/nodes.js';
import type { NomadJob, NomadJobListStub } from '../nomad/schemas/jobs.js';

const DiskResources = z.looseObject({ Disk: z.looseObject({ DiskMB: z.number() }).nullish() }).nullish();

/** NodeListStub with `resources=true`: adds NodeResources and ReservedResources. */
export const NomadNodeStubWithResources = NomadNodeStub.extend({ NodeResources: DiskResources, ReservedResources: DiskResources });
export type NomadNodeStubWithResources = z.infer<typeof NomadNodeStubWithResources>;

/** An allocation with `AllocatedResources.Shared.DiskMB` (its ephemeral disk), as event payloads and `resources=true` lists carry it. */
export const NomadAllocationWithResources = NomadAllocationStubWithResources;
export type NomadAllocationWithResources = z.infer<typeof NomadAllocationWithResources>;

/** A full read and the Raft index it reflects (X-Nomad-Index). */
export interface Indexed<T> {
  data: T;
  index: number;
}

export interface ClusterReads {
  nodes(signal?: AbortSignal): Promise<Indexed<NomadNodeStubWithResources[]>>;
  node(id: string, signal?: AbortSignal): Promise<NomadNode>;
  /** Every allocation with its resources, without task states (see `jobAllocations`), folded page by page. */
  allocations<A>(fold: PageFold<NomadAllocationWithResources, A>, signal?: AbortSignal): Promise<Indexed<A>>;
  /** One job's allocations with their task states (restart counts and events). */
  jobAllocations(jobId: string, signal?: AbortSignal): Promise<NomadAllocationStub[]>;
  jobs(signal?: AbortSignal): Promise<NomadJobListStub[]>;
  job(id: string, signal?: AbortSignal): Promise<NomadJob | undefined>;
  hostStats(nodeId: string, signal?: AbortSignal): Promise<NomadHostStats>;
}

export function clusterReads(nomad: Nomad): ClusterReads {
  return {
    nodes: async (signal) =>
      indexed(
        await nomad.client.query('nodes', z.array(NomadNodeStubWithResources), 'node list', { params: { resources: true }, ...(signal ? { signal } : {}) }),
      ),
    node: async (id, signal) => (await nomad.nodes.read(id, signal ? { signal } : {})).data,
    allocations: async (fold, signal) => indexed(await nomad.allocations.foldWithResources(fold, signal ? { signal } : {})),
    jobAllocations: async (jobId, signal) => (await nomad.jobs.allocations(jobId, signal ? { signal } : {})).data,
    jobs: async (signal) => (await nomad.jobs.list(signal ? { signal } : {})).data,
    job: (id, signal) => nomad.jobs.find(id, signal ? { signal } : {}),
    hostStats: async (nodeId, signal) => (await nomad.nodes.stats(nodeId, signal ? { signal } : {})).data,
  };
}

const indexed = <T>(r: QueryResult<T>): Indexed<T> => ({ data: r.data, index: r.meta.lastIndex });
