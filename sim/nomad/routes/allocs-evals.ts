/** Allocation and evaluation reads, allocation stop and restart. */
import type { SimRouter } from '../../http/server.js';
import { restartAllocation, stopAllocation } from '../engine/alloc-actions.js';
import { NomadHttpError } from '../http/errors.js';
import { blockingRead } from '../http/blocking.js';
import { member, namespaceOf, writeJson, writeMeta } from '../http/wire.js';
import { isTerminal } from '../scheduler/resources.js';
import { allocFull } from '../state/views.js';
import { guarded, WRITE, type RouteContext } from './common.js';

export function allocEvalRoutes(router: SimRouter, ctx: RouteContext): void {
  const { core } = ctx;
  const { state } = core;

  router.on(
    'GET',
    '/v1/allocation/:id',
    guarded(ctx, 'read', (req, res) => {
      const id = req.params.id ?? '';
      return blockingRead(
        state,
        req,
        res,
        () => state.allocs.get(id)?.ModifyIndex ?? state.tables.allocs,
        () => {
          const a = state.allocs.get(id);
          if (!a) throw new NomadHttpError(404, 'alloc not found');
          return allocFull(a);
        },
      );
    }),
  );

  router.on(
    WRITE,
    '/v1/allocation/:id/stop',
    guarded(ctx, 'write', (req, res) => {
      const a = state.allocs.get(req.params.id ?? '');
      if (!a) throw new NomadHttpError(404, 'alloc not found');
      const out = stopAllocation(core, a);
      writeJson(req, res, 200, out, writeMeta(out.Index));
    }),
  );

  router.on(
    WRITE,
    '/v1/client/allocation/:id/restart',
    guarded(ctx, 'write', (req, res) => {
      const a = state.allocs.get(req.params.id ?? '');
      if (!a) throw new NomadHttpError(404, 'Unknown allocation');
      if (isTerminal(a)) throw new NomadHttpError(500, 'Task not running');
      const body = req.rawBody.length > 0 ? (JSON.parse(req.text) as Record<string, unknown>) : {};
      const task = member(body, 'TaskName');
      if (typeof task === 'string' && task !== '' && member(body, 'AllTasks') === true) {
        throw new NomadHttpError(400, 'task name cannot be set when restarting all tasks');
      }
      if (typeof task === 'string' && task !== '' && !(task in a.TaskStates)) throw new NomadHttpError(500, `Task not running`);
      restartAllocation(core, a, typeof task === 'string' && task !== '' ? task : undefined);
      writeJson(req, res, 200, {});
    }),
  );

  router.on(
    'GET',
    '/v1/evaluation/:id',
    guarded(ctx, 'read', (req, res) => {
      const id = req.params.id ?? '';
      return blockingRead(
        state,
        req,
        res,
        () => state.evals.get(id)?.ModifyIndex ?? state.tables.evals,
        () => {
          const ev = state.evals.get(id);
          if (!ev) throw new NomadHttpError(404, 'eval not found');
          return ev;
        },
      );
    }),
  );

  router.on(
    'GET',
    '/v1/evaluations',
    guarded(ctx, 'read', (req, res) => {
      const ns = namespaceOf(req);
      return blockingRead(
        state,
        req,
        res,
        () => state.tables.evals,
        () =>
          state
            .evaluations()
            .filter((e) => ns === '*' || e.Namespace === ns)
            .sort((a, b) => a.ID.localeCompare(b.ID)),
      );
    }),
  );
}
