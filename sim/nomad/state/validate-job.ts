/**
 * The part of Nomad's job validation a declaration can trip over (nomad/structs/structs.go
 * Job.Validate, TaskGroup.Validate, Task.Validate), run by the admission controllers of both
 * Job.Plan and Job.Register (nomad/job_endpoint_hooks.go jobValidate). The errors are plain Go
 * errors, so the HTTP answer is 500 with go-multierror's text:
 *
 *   1 error occurred:
 *   	* Task group ci validation failed: 1 error occurred:
 *   	* Task group count can't be negative
 */
import type { NomadJob, NomadTask, NomadTaskGroup } from '../types.js';

/** go-multierror's ListFormatFunc. */
export function multierrorText(errors: readonly string[]): string {
  if (errors.length === 1) return `1 error occurred:\n\t* ${errors[0]}\n\n`;
  return `${errors.length} errors occurred:\n\t${errors.map((e) => `* ${e}`).join('\n\t')}\n\n`;
}

const JOB_TYPES = ['service', 'batch', 'system', 'sysbatch'];

function taskErrors(t: NomadTask): string[] {
  const errs: string[] = [];
  if (t.Name === '') errs.push('Missing task name');
  if (t.Driver === '') errs.push('Missing task driver');
  if ((t.KillTimeout ?? 0) < 0) errs.push('KillTimeout must be a positive value');
  return errs;
}

function groupErrors(tg: NomadTaskGroup): string[] {
  const errs: string[] = [];
  if (tg.Name === '') errs.push('Missing task group name');
  if (tg.Count < 0) errs.push("Task group count can't be negative");
  if (tg.Tasks.length === 0) errs.push('Missing tasks for task group');
  for (const t of tg.Tasks) {
    const inner = taskErrors(t);
    if (inner.length) errs.push(`Task ${t.Name} validation failed: ${multierrorText(inner)}`);
  }
  return errs;
}

/** The 500 body Nomad answers for an invalid job, or undefined when the job is valid. */
export function validateJob(job: NomadJob): string | undefined {
  const errs: string[] = [];
  if (job.Type === '') errs.push('Missing job type');
  else if (!JOB_TYPES.includes(job.Type)) errs.push(`Invalid job type: "${job.Type}"`);
  if (job.Datacenters.some((d) => d === '')) errs.push('Job datacenter must be non-empty string');
  if (job.TaskGroups.length === 0) errs.push('Missing job task groups');
  if (job.Priority < 1 || job.Priority > 100) errs.push('job priority must be between [1, 100]');
  for (const tg of job.TaskGroups) {
    if (job.Type === 'system' && tg.Count > 1) errs.push(`Job task group ${tg.Name} has count ${tg.Count}. Count cannot exceed 1 with system scheduler`);
    const inner = groupErrors(tg);
    if (inner.length) errs.push(`Task group ${tg.Name} validation failed: ${multierrorText(inner)}`);
  }
  return errs.length ? multierrorText(errs) : undefined;
}
