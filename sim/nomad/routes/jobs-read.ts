/** Job reads: list, read, allocations, evaluations, summary, deployment, scale status. */
import type { SimRouter } from '../../http/server.js';
import { NomadHttpError } from '../http/errors.js';
import { PagedBody, blockingRead, jsonArray } from '../http/blocking.js';
import { atLeast, PAGING_FIXED_IN } from '../version.js';
import { byId, createIndexAndId, createIndexAndIdBefore1101, pageRequest, paginate } from '../http/paging.js';
import { namespaceOf, parseBoolParam } from '../http/wire.js';
import { allocStub, jobListStub, jobSummary, scaleStatus } from '../state/views.js';
import type { NomadClusterState } from '../state/cluster-state.js';
import type { NomadAllocation } from '../types.js';
import { guarded, type RouteContext } from './common.js';

export function jobReadRoutes(router: SimRouter, ctx: RouteContext): void {
  const { state } = ctx.core;
  const found = (id: string, ns: string) => {
    const r = state.record(id, ns);
    if (!r) throw new NomadHttpError(404, 'job not found');
    return r;
  };

  router.on(
    'GET',
    '/v1/jobs',
    guarded(ctx, 'read', (req, res) => {
      const ns = namespaceOf(req);
      const prefix = req.query.get('prefix') ?? '';
      return blockingRead(
        state,
        req,
        res,
        () => Math.max(state.tables.jobs, state.tables.job_summary),
        () =>
          [...state.records.values()]
            .filter((r) => (ns === '*' || r.job.Namespace === ns) && r.job.ID.startsWith(prefix))
            .sort((a, b) => a.job.ID.localeCompare(b.job.ID))
            .map((r) => jobListStub(state, r)),
      );
    }),
  );

  router.on(
    'GET',
    '/v1/job/:id',
    guarded(ctx, 'read', (req, res) => {
      const ns = namespaceOf(req);
      const id = req.params.id ?? '';
      return blockingRead(
        state,
        req,
        res,
        () => state.job(id, ns)?.ModifyIndex ?? state.tables.jobs,
        () => found(id, ns).job,
      );
    }),
  );

  // command/agent/job_endpoint.go jobSubmissionCRUD: `version` is required; no submission is 404.
  router.on(
    'GET',
    '/v1/job/:id/submission',
    guarded(ctx, 'read', (req, res) => {
      const ns = namespaceOf(req);
      const id = req.params.id ?? '';
      const versionText = req.query.get('version') ?? '';
      if (!/^\d+$/.test(versionText)) throw new NomadHttpError(400, 'Unable to parse job submission version parameter');
      return blockingRead(
        state,
        req,
        res,
        () => state.tables.jobs,
        () => {
          const sub = state.record(id, ns)?.submissions?.get(Number(versionText));
          if (!sub) throw new NomadHttpError(404, 'job source not found');
          return sub;
        },
      );
    }),
  );

  router.on(
    'GET',
    '/v1/job/:id/allocations',
    guarded(ctx, 'read', (req, res) => {
      const ns = namespaceOf(req);
      const id = req.params.id ?? '';
      return blockingRead(
        state,
        req,
        res,
        () => state.tables.allocs,
        () =>
          state
            .allocations(id, ns)
            .sort((a, b) => a.CreateIndex - b.CreateIndex || a.Name.localeCompare(b.Name))
            .map((a) => allocStub(a)),
      );
    }),
  );

  router.on(
    'GET',
    '/v1/job/:id/evaluations',
    guarded(ctx, 'read', (req, res) => {
      const ns = namespaceOf(req);
      const id = req.params.id ?? '';
      return blockingRead(
        state,
        req,
        res,
        () => state.tables.evals,
        () =>
          state
            .evaluations(id)
            .filter((e) => e.Namespace === ns)
            .sort((a, b) => b.CreateIndex - a.CreateIndex),
      );
    }),
  );

  router.on(
    'GET',
    '/v1/job/:id/summary',
    guarded(ctx, 'read', (req, res) => {
      const ns = namespaceOf(req);
      const id = req.params.id ?? '';
      return blockingRead(
        state,
        req,
        res,
        () => state.record(id, ns)?.summaryModifyIndex ?? state.tables.job_summary,
        () => jobSummary(state, found(id, ns)),
      );
    }),
  );

  // The simulator does not model deployments: the latest deployment is always none.
  router.on(
    'GET',
    '/v1/job/:id/deployment',
    guarded(ctx, 'read', (req, res) =>
      blockingRead(
        state,
        req,
        res,
        () => 1,
        () => null,
      ),
    ),
  );
  router.on(
    'GET',
    '/v1/job/:id/deployments',
    guarded(ctx, 'read', (req, res) =>
      blockingRead(
        state,
        req,
        res,
        () => 1,
        () => [],
      ),
    ),
  );

  router.on(
    'GET',
    '/v1/job/:id/scale',
    guarded(ctx, 'read', (req, res) => {
      const ns = namespaceOf(req);
      const id = req.params.id ?? '';
      return blockingRead(
        state,
        req,
        res,
        () => Math.max(state.tables.jobs, state.tables.scaling_event),
        () => scaleStatus(state, found(id, ns)),
      );
    }),
  );

  // Oldest first (CreateIndex, then ID) as Nomad ≥ 1.3 lists them; a prefix lookup goes by ID.
  router.on(
    'GET',
    '/v1/allocations',
    guarded(ctx, 'read', (req, res) => {
      const ns = namespaceOf(req);
      const prefix = req.query.get('prefix') ?? '';
      const resources = parseBoolParam(req.query.get('resources'), 'resources');
      const taskStates = parseBoolParam(req.query.get('task_states'), 'task_states', true);
      const paging = pageRequest(req);
      return blockingRead(
        state,
        req,
        res,
        () => state.tables.allocs,
        () => {
          const sorted = allocsInOrder(state);
          const page = paginate<NomadAllocation>(
            prefix ? sorted.byId : sorted.byCreate,
            (a) => (ns === '*' || a.Namespace === ns) && a.ID.startsWith(prefix),
            prefix ? byId : !atLeast(ctx.serverVersion, PAGING_FIXED_IN) ? createIndexAndIdBefore1101 : createIndexAndId,
            paging,
          );
          return new PagedBody(jsonArray(page.items.map((a) => stubJson(a, resources, taskStates))), page.nextToken);
        },
      );
    }),
  );
}

/**
 * The JSON of an allocation's list stub, kept while its ModifyIndex stays: every change to an
 * allocation bumps it (a Raft write in Nomad, `nextIndex()` here). Listing 50,000 allocations was
 * mostly JSON.stringify; the farm benchmark lists them every minute. Kept as bytes (off the heap, and a page is a copy).
 */
const stubTexts = new WeakMap<NomadAllocation, { modifyIndex: number; byVariant: Map<string, Buffer> }>();

function stubJson(a: NomadAllocation, resources: boolean, taskStates: boolean): Buffer {
  let cached = stubTexts.get(a);
  if (!cached || cached.modifyIndex !== a.ModifyIndex) {
    cached = { modifyIndex: a.ModifyIndex, byVariant: new Map() };
    stubTexts.set(a, cached);
  }
  const variant = `${resources}/${taskStates}`;
  let text = cached.byVariant.get(variant);
  if (text === undefined) {
    text = Buffer.from(JSON.stringify(allocStub(a, resources, taskStates)));
    cached.byVariant.set(variant, text);
  }
  return text;
}

/** Both orders of the allocation table, sorted again only after it changed (a paged read asks once per page). */
const sortedAllocs = new WeakMap<NomadClusterState, { index: number; byCreate: NomadAllocation[]; byId: NomadAllocation[] }>();

function allocsInOrder(state: NomadClusterState): { byCreate: NomadAllocation[]; byId: NomadAllocation[] } {
  let cached = sortedAllocs.get(state);
  if (!cached || cached.index !== state.index) {
    const all = state.allocations();
    const byId = [...all].sort((a, b) => (a.ID < b.ID ? -1 : a.ID > b.ID ? 1 : 0));
    const byCreate = [...byId].sort((a, b) => a.CreateIndex - b.CreateIndex);
    cached = { index: state.index, byCreate, byId };
    sortedAllocs.set(state, cached);
  }
  return cached;
}
