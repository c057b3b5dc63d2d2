/** Job registration (`POST /v1/jobs`, `POST /v1/job/:id`) and stop/purge (`DELETE /v1/job/:id`). */
import type { SimRequest, SimRouter } from '../../http/server.js';
import type { ServerResponse } from 'node:http';
import { registerJob, stopJob } from '../engine/jobs.js';
import { canonicalJob } from '../state/canonical-job.js';
import { validateJob } from '../state/validate-job.js';
import { NomadHttpError } from '../http/errors.js';
import { decodeBody, isJsonObject, member, namespaceOf, parseBoolParam, writeJson, writeMeta } from '../http/wire.js';
import { guarded, WRITE, type RouteContext } from './common.js';
import type { JsonObject } from '../types.js';

/** A submission with a source is kept; one without (or none) is not (nomad/job_endpoint.go Register). */
function submissionOf(raw: unknown): JsonObject | null {
  if (!isJsonObject(raw)) return null;
  const source = member(raw, 'Source');
  if (typeof source !== 'string' || source === '') return null;
  const flags = member(raw, 'VariableFlags');
  const variables = member(raw, 'Variables');
  const format = member(raw, 'Format');
  return {
    Source: source,
    Format: typeof format === 'string' ? format : '',
    VariableFlags: isJsonObject(flags) ? flags : null,
    Variables: typeof variables === 'string' ? variables : '',
  };
}

export function jobWriteRoutes(router: SimRouter, ctx: RouteContext): void {
  const register = (req: SimRequest, res: ServerResponse) => {
    const body = decodeBody(req);
    const job = member(body, 'Job');
    if (!isJsonObject(job)) throw new NomadHttpError(400, 'Job must be specified');
    if (typeof job.ID !== 'string' || job.ID === '') throw new NomadHttpError(400, "Job ID hasn't been provided");
    if (req.params.id !== undefined && job.ID !== req.params.id) throw new NomadHttpError(400, 'Job ID does not match name');
    const priority = member(body, 'EvalPriority');
    if (typeof priority === 'number' && priority !== 0 && (priority < 1 || priority > 100)) {
      throw new NomadHttpError(400, 'Eval priority must be between 1 and 100 inclusively');
    }
    const namespace = typeof job.Namespace === 'string' && job.Namespace !== '' ? job.Namespace : namespaceOf(req);
    // Job.Register runs the admission controllers (validation) before the check-index.
    const invalid = validateJob(canonicalJob({ ...job, Namespace: namespace }));
    if (invalid) throw new NomadHttpError(500, invalid);
    const out = registerJob(
      ctx.core,
      { ...job, Namespace: namespace },
      {
        enforceIndex: member(body, 'EnforceIndex') === true,
        jobModifyIndex: Number(member(body, 'JobModifyIndex') ?? 0),
        preserveCounts: member(body, 'PreserveCounts') === true,
        submission: submissionOf(member(body, 'Submission')),
      },
    );
    writeJson(req, res, 200, { ...out, Warnings: '', LastContact: 0, KnownLeader: false }, writeMeta(out.Index));
  };
  router.on(WRITE, '/v1/jobs', guarded(ctx, 'write', register));
  router.on(WRITE, '/v1/job/:id', guarded(ctx, 'write', register));

  router.on(
    'DELETE',
    '/v1/job/:id',
    guarded(ctx, 'write', (req, res) => {
      const purge = parseBoolParam(req.query.get('purge'), 'purge');
      parseBoolParam(req.query.get('global'), 'global');
      const out = stopJob(ctx.core, req.params.id ?? '', namespaceOf(req), purge);
      writeJson(req, res, 200, { ...out, VolumeEvalID: '', VolumeEvalIndex: 0, LastContact: 0, KnownLeader: false }, writeMeta(out.Index));
    }),
  );
}
