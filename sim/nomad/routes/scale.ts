/** `POST /v1/job/:id/scale` (ScalingRequest, validated like JobScaleRequest.Validate). */
import type { SimRouter } from '../../http/server.js';
import { scaleJob } from '../engine/jobs.js';
import { NomadHttpError } from '../http/errors.js';
import { decodeBody, isJsonObject, member, namespaceOf, writeJson, writeMeta } from '../http/wire.js';
import { guarded, WRITE, type RouteContext } from './common.js';
import { atLeast, SCALE_CHECK_INDEX_FROM } from '../version.js';

export function scaleRoutes(router: SimRouter, ctx: RouteContext): void {
  router.on(
    WRITE,
    '/v1/job/:id/scale',
    guarded(ctx, 'write', (req, res) => {
      const id = req.params.id ?? '';
      const body = decodeBody(req);
      const targetRaw = member(body, 'Target');
      const target = (isJsonObject(targetRaw) ? targetRaw : {}) as Record<string, unknown>;
      const targetJob = target.Job;
      if (typeof targetJob === 'string' && targetJob !== '' && targetJob !== id) throw new NomadHttpError(400, 'job ID in payload did not match URL');
      const group = typeof target.Group === 'string' ? target.Group : '';
      const countRaw = member(body, 'Count');
      const count = typeof countRaw === 'number' ? countRaw : undefined;
      const isError = member(body, 'Error') === true;
      if (group === '') throw new NomadHttpError(400, 'missing task group name for scaling action');
      if (count !== undefined && count < 0) throw new NomadHttpError(400, "scaling action count can't be negative");
      if (count !== undefined && isError) throw new NomadHttpError(400, 'scaling action should not contain count if error is true');
      const namespace = namespaceOf(req);
      if (typeof target.Namespace === 'string' && target.Namespace !== '' && target.Namespace !== namespace) {
        throw new NomadHttpError(400, 'namespace in payload did not match header');
      }
      const message = member(body, 'Message');
      const meta = member(body, 'Meta');
      const out = scaleJob(ctx.core, id, namespace, {
        group,
        count,
        message: typeof message === 'string' ? message : '',
        error: isError,
        meta: isJsonObject(meta) ? meta : null,
        // Before 1.9 ScalingRequest had no JobModifyIndex: Go's decoder drops the unknown field and scales anyway.
        jobModifyIndex: atLeast(ctx.serverVersion, SCALE_CHECK_INDEX_FROM) ? Number(member(body, 'JobModifyIndex') ?? 0) : 0,
      });
      writeJson(req, res, 200, { ...out, KnownLeader: false, LastContact: 0, Warnings: '' }, writeMeta(out.Index));
    }),
  );
}
