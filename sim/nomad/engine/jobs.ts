/** Job writes: register (with EnforceIndex check-and-set), scale, stop and purge. */
import { NomadHttpError, enforceIndexError } from '../http/errors.js';
import { nowNanos } from '../ids.js';
import { canonicalJob, specChanged } from '../state/canonical-job.js';
import type { JsonObject, NomadJob, NomadScalingEvent } from '../types.js';
import type { SimCore } from './core.js';
import { enqueueEval, newEvaluation } from './evals.js';
import { evalEvent, jobEvent } from './stream-events.js';

export interface RegisterOptions {
  enforceIndex?: boolean;
  jobModifyIndex?: number;
  preserveCounts?: boolean;
  /** api.JobSubmission (Source, Format, VariableFlags, Variables): kept with the version it created. */
  submission?: JsonObject | null;
}

/** JobRegisterResponse / JobDeregisterResponse fields (the handler adds the QueryMeta). */
export interface JobWriteResult {
  EvalID: string;
  EvalCreateIndex: number;
  JobModifyIndex: number;
  Index: number;
}

/** `(*Job).EnforceIndex`: the three check-and-set failures, as HTTP 500. */
function checkEnforceIndex(existing: NomadJob | undefined, given: number): void {
  if (existing && given === 0) throw enforceIndexError(0, 'job already exists');
  if (existing && given !== existing.JobModifyIndex) {
    throw enforceIndexError(given, `job exists with conflicting job modify index: ${existing.JobModifyIndex}`);
  }
  if (!existing && given !== 0) throw enforceIndexError(given, 'job does not exist');
}

export function registerJob(core: SimCore, raw: JsonObject, opts: RegisterOptions = {}): JobWriteResult {
  const { state } = core;
  const job = canonicalJob(raw);
  const existingRecord = state.record(job.ID, job.Namespace);
  const existing = existingRecord?.job;
  if (opts.enforceIndex) checkEnforceIndex(existing, opts.jobModifyIndex ?? 0);
  if (opts.preserveCounts && existing) {
    for (const tg of job.TaskGroups) tg.Count = existing.TaskGroups.find((g) => g.Name === tg.Name)?.Count ?? tg.Count;
  }
  const index = state.nextIndex();
  if (existing && existingRecord && !specChanged(existing, job)) {
    // Job.Register skips the job write when the spec is unchanged: only a new evaluation.
    const ev = newEvaluation(core, existing, 'job-register', index);
    enqueueEval(core, ev);
    state.commit(index, ['evals'], [evalEvent('EvaluationUpdated', ev)]);
    return { EvalID: ev.ID, EvalCreateIndex: index, JobModifyIndex: existing.JobModifyIndex, Index: index };
  }
  if (existing) {
    job.CreateIndex = existing.CreateIndex;
    job.JobModifyIndex = index;
    job.Version = existing.Version + 1;
    job.Status = job.Stop ? 'dead' : existing.Status === 'dead' ? 'pending' : existing.Status;
  } else {
    job.CreateIndex = index;
    job.JobModifyIndex = index;
    job.Status = job.Stop ? 'dead' : 'pending';
  }
  job.ModifyIndex = index;
  job.SubmitTime = nowNanos();
  const submissions = existingRecord?.submissions ?? new Map<number, JsonObject>();
  if (opts.submission) {
    // nomad/state updateJobSubmission: stamped with the job's namespace, ID, version and the write's index.
    submissions.set(job.Version, { ...opts.submission, Namespace: job.Namespace, JobID: job.ID, Version: job.Version, JobModifyIndex: index });
  }
  state.records.set(`${job.Namespace}/${job.ID}`, {
    job,
    submissions,
    scaleEvents: existingRecord?.scaleEvents ?? {},
    summaryCreateIndex: existingRecord?.summaryCreateIndex ?? index,
    summaryModifyIndex: index,
  });
  const periodic = (raw.Periodic ?? null) !== null || (raw.ParameterizedJob ?? null) !== null;
  if (periodic) {
    state.commit(index, ['jobs', 'job_summary'], [jobEvent('JobRegistered', job)]);
    return { EvalID: '', EvalCreateIndex: 0, JobModifyIndex: job.JobModifyIndex, Index: index };
  }
  const ev = newEvaluation(core, job, 'job-register', index);
  enqueueEval(core, ev);
  // The eval travels in the same Raft write as the job, so its event is typed JobRegistered too.
  state.commit(index, ['jobs', 'job_summary', 'evals'], [jobEvent('JobRegistered', job), evalEvent('JobRegistered', ev)]);
  return { EvalID: ev.ID, EvalCreateIndex: index, JobModifyIndex: job.JobModifyIndex, Index: index };
}

export interface ScaleOptions {
  group: string;
  count?: number | null | undefined;
  message?: string;
  error?: boolean;
  meta?: JsonObject | null;
  jobModifyIndex?: number;
}

export function scaleJob(core: SimCore, jobId: string, namespace: string, opts: ScaleOptions): JobWriteResult {
  const { state } = core;
  const record = state.record(jobId, namespace);
  if (!record) throw new NomadHttpError(404, `job "${jobId}" not found`);
  const job = record.job;
  if (job.Type === 'system' && opts.count !== undefined && opts.count !== null && opts.count > 1) {
    throw new NomadHttpError(400, 'jobs of type "system" can only be scaled between 0 and 1');
  }
  const tg = job.TaskGroups.find((g) => g.Name === opts.group);
  if (!tg) throw new NomadHttpError(400, `task group "${opts.group}" specified for scaling does not exist in job`);
  if ((opts.jobModifyIndex ?? 0) > 0 && opts.jobModifyIndex !== job.JobModifyIndex) {
    throw enforceIndexError(opts.jobModifyIndex ?? 0, `job exists with conflicting job modify index: ${job.JobModifyIndex}`);
  }
  const event = (count: number | null, evalId: string | null, createIndex: number): NomadScalingEvent => ({
    Count: count,
    PreviousCount: tg.Count,
    Error: opts.error ?? false,
    Message: opts.message ?? '',
    Meta: opts.meta ?? null,
    EvalID: evalId,
    Time: nowNanos(),
    CreateIndex: createIndex,
  });
  if (opts.count === undefined || opts.count === null) {
    const index = state.nextIndex();
    (record.scaleEvents[tg.Name] ??= []).unshift(event(null, null, index));
    state.commit(index, ['scaling_event']);
    return { EvalID: '', EvalCreateIndex: 0, JobModifyIndex: job.ModifyIndex, Index: index };
  }
  const jobIndex = state.nextIndex();
  const scaled: NomadJob = structuredClone(job);
  const scaledTg = scaled.TaskGroups.find((g) => g.Name === tg.Name);
  if (scaledTg) scaledTg.Count = opts.count;
  scaled.JobModifyIndex = jobIndex;
  scaled.ModifyIndex = jobIndex;
  scaled.Version = job.Version + 1;
  scaled.SubmitTime = nowNanos();
  const previous = event(opts.count, null, 0);
  record.job = scaled;
  state.commit(jobIndex, ['jobs', 'job_summary'], [jobEvent('JobRegistered', scaled)]);

  const evalIndex = state.nextIndex();
  const ev = newEvaluation(core, scaled, 'job-scaling', evalIndex);
  enqueueEval(core, ev);
  state.commit(evalIndex, ['evals'], [evalEvent('EvaluationUpdated', ev)]);

  const eventIndex = state.nextIndex();
  (record.scaleEvents[tg.Name] ??= []).unshift({ ...previous, EvalID: ev.ID, CreateIndex: eventIndex });
  state.commit(eventIndex, ['scaling_event']);
  return { EvalID: ev.ID, EvalCreateIndex: evalIndex, JobModifyIndex: jobIndex, Index: evalIndex };
}

/** `DELETE /v1/job/:id`: stop (keeps the job, `Stop: true`) or purge. A missing job is not an error. */
export function stopJob(core: SimCore, jobId: string, namespace: string, purge: boolean): JobWriteResult {
  const { state } = core;
  const record = state.record(jobId, namespace);
  if (!record) return { EvalID: '', EvalCreateIndex: 0, JobModifyIndex: 0, Index: 0 };
  const index = state.nextIndex();
  const job = record.job;
  if (purge) {
    state.records.delete(`${namespace}/${jobId}`);
  } else {
    const stopped: NomadJob = structuredClone(job);
    stopped.Stop = true;
    stopped.Status = 'dead';
    stopped.Version = job.Stop ? job.Version : job.Version + 1;
    stopped.JobModifyIndex = job.Stop ? job.JobModifyIndex : index;
    stopped.ModifyIndex = index;
    stopped.SubmitTime = nowNanos();
    record.job = stopped;
  }
  const ev = newEvaluation(core, record.job, 'job-deregister', index);
  enqueueEval(core, ev);
  state.commit(index, ['jobs', 'job_summary', 'evals'], [jobEvent('JobDeregistered', record.job, purge), evalEvent('JobDeregistered', ev)]);
  return { EvalID: ev.ID, EvalCreateIndex: index, JobModifyIndex: purge ? job.JobModifyIndex : record.job.JobModifyIndex, Index: index };
}
