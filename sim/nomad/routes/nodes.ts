/** Node reads and writes: list, read, allocations, eligibility, drain. */
import type { SimRouter } from '../../http/server.js';
import { drainNode, setNodeEligibility } from '../engine/nodes.js';
import { NomadHttpError } from '../http/errors.js';
import { blockingRead } from '../http/blocking.js';
import { decodeBody, isJsonObject, member, parseBoolParam, writeJson, writeMeta } from '../http/wire.js';
import { allocFull, nodeStub } from '../state/views.js';
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
      return blockingRead(
        state,
        req,
        res,
        () => state.tables.nodes,
        () =>
          [...state.nodes.values()]
            .filter((n) => n.ID.startsWith(prefix))
            .sort((a, b) => a.ID.localeCompare(b.ID))
            .map((n) => nodeStub(n, { resources, os })),
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
