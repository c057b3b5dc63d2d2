/** Job endpoints (`/v1/jobs`, `/v1/job/:id/...`). */
import { CheckIndexConflictError, HttpApiError } from '../errors.js';
import { pathSegment, type NomadClient, type QueryOptions, type QueryResult } from './client.js';
import { NomadAllocationStubList, type NomadAllocationStub } from './schemas/allocations.js';
import { NomadEvaluationList, type NomadEvaluation } from './schemas/evaluations.js';
import {
  NomadJob,
  NomadJobDeregisterResponse,
  NomadJobList,
  NomadJobRegisterResponse,
  NomadJobScaleStatus,
  NomadJobSubmission,
  type NomadJobListStub,
  type NomadJobScaleStatus as JobScaleStatus,
} from './schemas/jobs.js';
import { NomadJobPlanResponse } from './schemas/plan.js';
import { SCALE_CHECK_INDEX_FROM, serversAtLeast } from './versions.js';

export class NomadJobs {
  constructor(private readonly c: NomadClient) {}

  list(opts: QueryOptions & { prefix?: string } = {}): Promise<QueryResult<NomadJobListStub[]>> {
    return this.c.query('jobs', NomadJobList, 'job list', { ...opts, params: { ...opts.params, prefix: opts.prefix } });
  }

  read(jobId: string, opts: QueryOptions = {}): Promise<QueryResult<NomadJob>> {
    return this.c.query(`job/${pathSegment(jobId)}`, NomadJob, 'job', opts);
  }

  /** Like `read`, but a 404 ("job not found") is `undefined` instead of an error. */
  async find(jobId: string, opts: QueryOptions = {}): Promise<NomadJob | undefined> {
    try {
      return (await this.read(jobId, opts)).data;
    } catch (err) {
      if (err instanceof HttpApiError && err.status === 404) return undefined;
      throw err;
    }
  }

  allocations(jobId: string, opts: QueryOptions = {}): Promise<QueryResult<NomadAllocationStub[]>> {
    return this.c.query(`job/${pathSegment(jobId)}/allocations`, NomadAllocationStubList, 'allocation list', opts);
  }

  evaluations(jobId: string, opts: QueryOptions = {}): Promise<QueryResult<NomadEvaluation[]>> {
    return this.c.query(`job/${pathSegment(jobId)}/evaluations`, NomadEvaluationList, 'evaluation list', opts);
  }

  /**
   * HCL2 → job through Nomad's `POST /v1/jobs/parse`, as `nomad job run -` does; `canonicalize`
   * (default true) fills Nomad's defaults. A syntax error is HTTP 400 `Failed to parse job: input.hcl:L,C-C: ...`.
   */
  parse(hcl: string, opts: QueryOptions & { canonicalize?: boolean } = {}): Promise<NomadJob> {
    return this.c.write('POST', 'jobs/parse', { JobHCL: hcl, Canonicalize: opts.canonicalize ?? true }, NomadJob, 'parsed job', opts);
  }

  /** Dry run; always with Diff, as the CLI does (it needs the diff for its exit code). */
  plan(job: NomadJob, opts: QueryOptions = {}) {
    return this.c.write('POST', `job/${pathSegment(job.ID)}/plan`, { Job: job, Diff: true }, NomadJobPlanResponse, 'plan', opts);
  }

  /**
   * Registers a job. With `enforceIndex`, Nomad refuses (HTTP 500, "Enforcing job modify index …")
   * when the job changed since that index: `nomad job run -check-index`. A `submission` is kept
   * by Nomad with the version this write creates (its source, and `-var`-like flags), readable
   * through `submission()`: how a retried write finds out that its first attempt landed.
   */
  register(
    job: NomadJob,
    check?: { enforceIndex: number },
    opts: QueryOptions & { submission?: { source: string; format?: 'hcl2' | 'json'; flags?: Record<string, string> } } = {},
  ) {
    const { submission, ...query } = opts;
    const body = {
      Job: job,
      ...(check ? { EnforceIndex: true, JobModifyIndex: check.enforceIndex } : {}),
      ...(submission ? { Submission: { Source: submission.source, Format: submission.format ?? 'hcl2', VariableFlags: submission.flags ?? {} } } : {}),
    };
    return checkIndexed(this.c.write('POST', 'jobs', body, NomadJobRegisterResponse, 'register response', query));
  }

  /** What version `version` of the job was registered from; undefined when Nomad kept no source (404). */
  async submission(jobId: string, version: number, opts: QueryOptions = {}): Promise<NomadJobSubmission | undefined> {
    try {
      const { data } = await this.c.query(`job/${pathSegment(jobId)}/submission`, NomadJobSubmission, 'job submission', {
        ...opts,
        params: { ...opts.params, version },
      });
      return data;
    } catch (err) {
      if (err instanceof HttpApiError && err.status === 404) return undefined;
      throw err;
    }
  }

  /** `nomad job scale`; `jobModifyIndex` > 0 makes it a check-and-set. */
  scale(
    jobId: string,
    req: { group: string; count: number; message: string; meta?: Record<string, unknown>; jobModifyIndex?: number },
    opts: QueryOptions = {},
  ) {
    const body = {
      Count: req.count,
      Target: { Job: jobId, Group: req.group },
      Message: req.message,
      Meta: req.meta,
      JobModifyIndex: req.jobModifyIndex,
    };
    return checkIndexed(this.c.write('POST', `job/${pathSegment(jobId)}/scale`, body, NomadJobRegisterResponse, 'scale response', opts));
  }

  /**
   * Whether `scale()`'s `jobModifyIndex` is honoured: only servers from Nomad 1.9.0 have it, and
   * older ones scale without any check. Unknown (the servers could not be asked) counts as no.
   */
  scaleChecksIndex(signal?: AbortSignal): Promise<boolean> {
    return serversAtLeast(this.c, SCALE_CHECK_INDEX_FROM, signal);
  }

  scaleStatus(jobId: string, opts: QueryOptions = {}): Promise<QueryResult<JobScaleStatus>> {
    return this.c.query(`job/${pathSegment(jobId)}/scale`, NomadJobScaleStatus, 'scale status', opts);
  }

  stop(jobId: string, opts: QueryOptions & { purge?: boolean } = {}) {
    const params = opts.purge ? { ...opts.params, purge: true } : opts.params;
    return this.c.write('DELETE', `job/${pathSegment(jobId)}`, undefined, NomadJobDeregisterResponse, 'stop response', { ...opts, params });
  }
}

/** The CLI's regex for a check-index conflict (command/job_run.go). */
const ENFORCE_INDEX = /Enforcing job modify index.*/;

/** When `err` is Nomad refusing a check-and-set, returns Nomad's sentence; otherwise undefined. */
export function enforceIndexConflict(err: unknown): string | undefined {
  if (!(err instanceof HttpApiError) || err.status !== 500) return undefined;
  return ENFORCE_INDEX.exec(err.body)?.[0];
}

/** Turns Nomad's 500 "Enforcing job modify index …" into a CheckIndexConflictError. */
async function checkIndexed<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    const conflict = enforceIndexConflict(err);
    if (conflict && err instanceof HttpApiError) throw new CheckIndexConflictError(err.method, err.url, err.body, conflict);
    throw err;
  }
}
