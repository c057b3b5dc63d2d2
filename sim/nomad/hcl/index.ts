/**
 * HCL → job JSON as Nomad's `POST /v1/jobs/parse` does it (jobspec2, `Path: "input.hcl"`): the
 * job-spec subset our declarations use, with Nomad's field names and HCL's diagnostics.
 */
import { canonicalize, withNulls } from './canonicalize.js';
import { HclDiagnostic } from './diagnostics.js';
import { decodeJob } from './jobspec.js';
import { parseHcl } from './syntax.js';

export { HclDiagnostic } from './diagnostics.js';

export class JobParseError extends Error {
  constructor(readonly diagnostic: HclDiagnostic) {
    super(`Failed to parse job: ${diagnostic.describe('input.hcl')}`);
    this.name = 'JobParseError';
  }
}

/** The `api.Job` a job file describes; throws JobParseError with Nomad's 400 text. */
export function parseJobHcl(hcl: string, opts: { canonicalize?: boolean } = {}): Record<string, unknown> {
  try {
    const job = decodeJob(parseHcl(hcl));
    return opts.canonicalize ? canonicalize(job) : withNulls(job);
  } catch (e) {
    if (e instanceof HclDiagnostic) throw new JobParseError(e);
    throw e;
  }
}
