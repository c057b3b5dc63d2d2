/** Node reads and writes: list, read, allocations, eligibility, drain. */
import type { SimRouter } from '../../http/server.js';
import { drainNode, setNodeEligibility } from '../engine/nodes.js';
import { NomadHttpError } from '../http/errors.js';
import { PagedBody, blockingRead, jsonArray } from '../http/blocking.js';
import { nodeId, pageRequest, paginate } from '../http/paging.js';
import { decodeBody, isJsonObject, member, parseBoolParam, writeJson, writeMeta } from '../http/wire.js';
import { allocFull, nodeStub } from '../state/views.js';
import type { NomadNode } from '../types.js';
import { guarded, WRITE, type RouteContext } from './common.js';

export function nodeRoutes(router: SimRouter, ctx: RouteContext): void {
  const { core } = ctx;
  const { state } = core;
  /** Only node reads need the full UUID; node writes answer a plain 500. */
  const writable = (id: string) => {
    const node = state.nodes.get(id);
    if (!node) throw new NomadHttpError(500, 'node not found');
    return node;
  };

  router.on(
    'GET',
    '/v1/nodes',
    guarded(ctx, 'read', (req, res) => {
      const prefix = req.query.get('prefix') ?? '';
      const resources = parseBoolParam(req.query.get('resources'), 'resources');
      const os = parseBoolParam(req.query.get('os'), 'os');
      const paging = pageRequest(req);
      return blockingRead(
        state,
        req,
        res,
        () => state.tables.nodes,
        () => {
          const sorted = [...state.nodes.values()].sort((a, b) => (a.ID < b.ID ? -1 : a.ID > b.ID ? 1 : 0));
          const page = paginate<NomadNode>(sorted, (n) => n.ID.startsWith(prefix), nodeId, paging);
          return new PagedBody(jsonArray(page.items.map((n) => nodeStubJson(n, resources, os))), page.nextToken);
        },
      );
    }),
  );

  router.on(
    'GET',
    '/v1/node/:id',
    guarded(ctx, 'read', (req, res) => {
      const id = req.params.id ?? '';
      return blockingRead(
        state,
        req,
        res,
        () => state.nodes.get(id)?.ModifyIndex ?? state.tables.nodes,
        () => {
          const node = state.nodes.get(id);
          if (!node) throw new NomadHttpError(404, 'node not found');
          return node;
        },
      );
    }),
  );

  router.on(
    'GET',
    '/v1/node/:id/allocations',
    guarded(ctx, 'read', (req, res) => {
      const id = req.params.id ?? '';
      return blockingRead(
        state,
        req,
        res,
        () => state.tables.allocs,
        () =>
          state
            .allocations()
            .filter((a) => a.NodeID === id)
            .sort((a, b) => a.CreateIndex - b.CreateIndex)
            .map(allocFull),
      );
    }),
  );

  router.on(
    WRITE,
    '/v1/node/:id/eligibility',
    guarded(ctx, 'write', (req, res) => {
      const body = decodeBody(req);
      const node = writable(req.params.id ?? '');
      const out = setNodeEligibility(core, node, String(member(body, 'Eligibility') ?? ''));
      writeJson(req, res, 200, out, writeMeta(out.Index));
    }),
  );

  router.on(
    WRITE,
    '/v1/node/:id/drain',
    guarded(ctx, 'write', (req, res) => {
      const body = decodeBody(req);
      const node = writable(req.params.id ?? '');
      const spec = member(body, 'DrainSpec');
      const meta = member(body, 'Meta');
      const out = drainNode(core, node, isJsonObject(spec) ? spec : null, member(body, 'MarkEligible') === true, isJsonObject(meta) ? meta : null);
      writeJson(req, res, 200, out, writeMeta(out.Index));
    }),
  );
}

/**
 * The JSON of a node's list stub, kept while its ModifyIndex stays (every change to a node bumps
 * it): 20,000 stubs with their resources and drivers are 28 MB to stringify on every list.
 */
const stubTexts = new WeakMap<NomadNode, { modifyIndex: number; byVariant: Map<string, Buffer> }>();

function nodeStubJson(n: NomadNode, resources: boolean, os: boolean): Buffer {
  let cached = stubTexts.get(n);
  if (!cached || cached.modifyIndex !== n.ModifyIndex) {
    cached = { modifyIndex: n.ModifyIndex, byVariant: new Map() };
    stubTexts.set(n, cached);
  }
  const variant = `${resources}/${os}`;
  let text = cached.byVariant.get(variant);
  if (text === undefined) {
    text = Buffer.from(JSON.stringify(nodeStub(n, { resources, os })));
    cached.byVariant.set(variant, text);
  }
  return text;
}
