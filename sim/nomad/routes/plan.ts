/** `POST /v1/job/:id/plan`: a scheduler dry run with no state change (nomad/job_endpoint.go Plan). */
import type { SimRouter } from '../../http/server.js';
import { jobDiff } from '../diff/job-diff.js';
import { newEvaluation } from '../engine/evals.js';
import { NomadHttpError } from '../http/errors.js';
import { decodeBody, isJsonObject, member, namespaceOf, writeJson, writeMeta } from '../http/wire.js';
import { ZERO_TIME } from '../ids.js';
import { computePlan } from '../scheduler/reconcile.js';
import { canonicalJob, specChanged } from '../state/canonical-job.js';
import { validateJob } from '../state/validate-job.js';
import { guarded, WRITE, type RouteContext } from './common.js';

export function planRoutes(router: SimRouter, ctx: RouteContext): void {
  const { core } = ctx;
  router.on(
    WRITE,
    '/v1/job/:id/plan',
    guarded(ctx, 'write', (req, res) => {
      const body = decodeBody(req);
      const raw = member(body, 'Job');
      if (!isJsonObject(raw)) throw new NomadHttpError(400, 'Job must be specified');
      if (typeof raw.ID !== 'string' || raw.ID === '') throw new NomadHttpError(400, 'Job must have a valid ID');
      if (raw.ID !== req.params.id) throw new NomadHttpError(400, 'Job ID does not match');
      const namespace = typeof raw.Namespace === 'string' && raw.Namespace !== '' ? raw.Namespace : namespaceOf(req);
      const existing = core.state.job(raw.ID, namespace);
      const job = canonicalJob({ ...raw, Namespace: namespace });
      const invalid = validateJob(job);
      if (invalid) throw new NomadHttpError(500, invalid);
      // The server plans against a snapshot where the job is upserted with JobModifyIndex+1 when its spec changed.
      if (existing) {
        const changed = specChanged(existing, job);
        job.CreateIndex = existing.CreateIndex;
        job.Version = changed ? existing.Version + 1 : existing.Version;
        job.JobModifyIndex = changed ? existing.JobModifyIndex + 1 : existing.JobModifyIndex;
        job.Status = existing.Status;
      }
      const plan = computePlan({ nodes: core.state.nodes.values(), allocs: core.state.allocs.values() }, job);
      const failed = Object.keys(plan.failed).length > 0;
      const createdEvals = failed
        ? [
            newEvaluation(core, job, 'job-register', 0, {
              Status: 'blocked',
              StatusDescription: 'created to place remaining allocations',
              PreviousEval: core.state.ids.uuid(),
              ClassEligibility: {},
              EscapedComputedClass: true,
              CreateTime: 0,
              ModifyTime: 0,
            }),
          ]
        : null;
      const index = existing?.JobModifyIndex ?? 0;
      writeJson(
        req,
        res,
        200,
        {
          Annotations: { DesiredTGUpdates: plan.desired, PreemptedAllocs: null },
          CreatedEvals: createdEvals,
          Diff: member(body, 'Diff') === true ? jobDiff(existing, job, plan.desired) : null,
          FailedTGAllocs: failed ? plan.failed : null,
          JobModifyIndex: index,
          NextPeriodicLaunch: ZERO_TIME,
          Warnings: '',
          Index: index,
        },
        writeMeta(index),
      );
    }),
  );
}
