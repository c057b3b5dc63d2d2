/**
 * Finds the Nomad job a person means. ALICE's users say `mesosci-cs8`, `ci-mesosci-cs8` or
 * `ci/mesosci-cs8` for the same CI instance; more than one match is a question, never a guess.
 */
import type { KnownJob } from '../src/operations/index.js';
import { closest, orList } from './suggest.js';
import { echo } from './tokenize.js';

export type JobResolution = { ok: true; job: KnownJob } | { ok: false; message: string };

/** The instance name operators use for a CI job: `ci-mesosci-cs8` → `mesosci-cs8`. */
export const instanceName = (jobId: string) => (jobId.startsWith('ci-') ? jobId.slice(3) : jobId);

function describe(jobId: string): string {
  const inst = instanceName(jobId);
  return inst === jobId ? jobId : `${inst} (${jobId})`;
}

export function resolveJob(typed: string, jobs: readonly KnownJob[]): JobResolution {
  const wanted = typed.trim();
  const candidates = new Set([wanted, `ci-${wanted}`]);
  const slash = wanted.indexOf('/');
  if (slash > 0) candidates.add(`${wanted.slice(0, slash)}-${wanted.slice(slash + 1)}`);
  const exact = jobs.find((j) => j.id === wanted);
  if (exact) return { ok: true, job: exact };
  const matches = jobs.filter((j) => candidates.has(j.id));
  if (matches.length === 1) return { ok: true, job: matches[0]! };
  if (matches.length > 1) {
    return { ok: false, message: `\`${echo(wanted)}\` could mean ${orList(matches.map((j) => j.id))}. Say which one.` };
  }
  const names = jobs.flatMap((j) => [j.id, instanceName(j.id)]);
  const near = [...new Set(closest(wanted, names).map((n) => jobs.find((j) => j.id === n || instanceName(j.id) === n)!.id))];
  const hint = near.length ? ` Did you mean ${orList(near.map(describe))}?` : ' `/ci status` lists the jobs.';
  return { ok: false, message: `No job or declaration called \`${echo(wanted)}\`.${hint}` };
}
