/** `POST /v1/jobs/parse`: HCL2 → `api.Job` (command/agent/job_endpoint.go JobsParseRequest). */
import type { SimRouter } from '../../http/server.js';
import { JobParseError, parseJobHcl } from '../hcl/index.js';
import { NomadHttpError } from '../http/errors.js';
import { decodeBody, member, writeJson } from '../http/wire.js';
import { guarded, WRITE, type RouteContext } from './common.js';

export function parseRoutes(router: SimRouter, ctx: RouteContext): void {
  // ACL: parse-job or submit-job; the simulator's write tokens carry submit-job.
  router.on(
    WRITE,
    '/v1/jobs/parse',
    guarded(ctx, 'write', (req, res) => {
      const body = decodeBody(req);
      const hcl = member(body, 'JobHCL');
      if (typeof hcl !== 'string' || hcl === '') throw new NomadHttpError(400, 'Job spec is empty');
      try {
        writeJson(req, res, 200, parseJobHcl(hcl, { canonicalize: member(body, 'Canonicalize') === true }));
      } catch (e) {
        if (e instanceof JobParseError) throw new NomadHttpError(400, e.message);
        throw e;
      }
    }),
  );
}
