/** Allocation endpoints: list (by ID prefix), read, and the client-side restart. */
import { z } from 'zod';
import { pathSegment, type NomadClient, type QueryOptions, type QueryResult } from './client.js';
import { foldPages, type PageFold } from './paging.js';
import {
  NomadAllocation,
  NomadAllocationStubList,
  NomadAllocationStubWithResourcesList,
  type NomadAllocationStub,
  type NomadAllocationStubWithResources,
} from './schemas/allocations.js';

/** The restart endpoint answers `{}`. */
const NomadGenericResponse = z.looseObject({});

/**
 * Nomad's prefix lookups need an even number of hex characters (UUID bytes); the CLI trims an
 * odd one, and so do we, then filters by the whole prefix ourselves.
 */
export function evenPrefix(prefix: string): string {
  const hex = prefix.toLowerCase();
  return hex.replace(/-/g, '').length % 2 === 1 ? hex.slice(0, -1) : hex;
}

export class NomadAllocations {
  constructor(private readonly c: NomadClient) {}

  /** `GET /v1/allocations`: every allocation (all namespaces with `namespace: '*'`). */
  list(opts: QueryOptions & { prefix?: string; taskStates?: boolean } = {}): Promise<QueryResult<NomadAllocationStub[]>> {
    const params = { ...opts.params, prefix: opts.prefix, task_states: opts.taskStates === false ? false : undefined };
    return this.c.query('allocations', NomadAllocationStubList, 'allocation list', { ...opts, params });
  }

  /**
   * Every allocation with `resources=true` and no task states (disk accounting of the whole farm),
   * folded page by page: nothing farm-wide keeps 50,000 allocations around to count them.
   */
  foldWithResources<A>(fold: PageFold<NomadAllocationStubWithResources, A>, opts: QueryOptions & { perPage?: number } = {}): Promise<QueryResult<A>> {
    const params = { ...opts.params, resources: true, task_states: false };
    return foldPages(this.c, 'allocations', NomadAllocationStubWithResourcesList, 'allocation list', fold, { ...opts, params });
  }

  /** Allocations whose ID starts with `prefix` (any length, dashes allowed), oldest first. */
  async byPrefix(prefix: string, opts: QueryOptions = {}): Promise<NomadAllocationStub[]> {
    const wanted = prefix.toLowerCase();
    const { data } = await this.list({ ...opts, prefix: evenPrefix(wanted) });
    return data.filter((a) => a.ID.startsWith(wanted)).sort((a, b) => a.CreateIndex - b.CreateIndex);
  }

  /** `GET /v1/allocation/:id` (full UUID); blocking with `index`. */
  read(allocId: string, opts: QueryOptions = {}): Promise<QueryResult<NomadAllocation>> {
    return this.c.query(`allocation/${pathSegment(allocId)}`, NomadAllocation, 'allocation', opts);
  }

  /** `POST /v1/client/allocation/:id/restart`: one task, or every running task when `task` is absent. */
  async restart(allocId: string, req: { task?: string } = {}, opts: QueryOptions = {}): Promise<void> {
    const body = req.task ? { TaskName: req.task } : {};
    await this.c.write('POST', `client/allocation/${pathSegment(allocId)}/restart`, body, NomadGenericResponse, 'restart response', opts);
  }
}
