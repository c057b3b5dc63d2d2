/**
 * The farm's jobs as the declarations repository deployed them: the HCL of every example
 * declaration as `levant render -var-file` printed it, committed under alice-farm/ (written by
 * scripts/sim-farm.ts with Go's own text/template, never with src/levant), parsed like
 * `POST /v1/jobs/parse` (../hcl). The simulator keeps its own copy so a renderer bug in the bot
 * shows as drift in `/ci drift` instead of being deployed into the farm it is compared with.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseJobHcl } from '../hcl/index.js';
import type { JsonObject } from '../types.js';

/** The rendered example declarations (examples/ci-jobs), in the repository's layout. */
export const ALICE_FARM = join(dirname(fileURLToPath(import.meta.url)), 'alice-farm');

/** The HCL of every deployed job: root `<job>.nomad` files first, then each directory's instances. */
export function farmHcl(dir = ALICE_FARM): string[] {
  const entries = readdirSync(dir).sort();
  const files = entries.filter((e) => e.endsWith('.nomad')).map((e) => join(dir, e));
  for (const e of entries) {
    const sub = join(dir, e);
    if (statSync(sub).isDirectory())
      files.push(
        ...readdirSync(sub)
          .sort()
          .filter((f) => f.endsWith('.nomad'))
          .map((f) => join(sub, f)),
      );
  }
  return files.map((f) => readFileSync(f, 'utf8'));
}

/** The jobs to register, as the parse endpoint returns them (canonicalised). */
export function declaredJobs(hcl: readonly string[] = farmHcl()): JsonObject[] {
  return hcl.map((text) => parseJobHcl(text, { canonicalize: true }));
}
