/**
 * The farm's jobs as the declarations repository deploys them: every `examples/ci-jobs`
 * declaration rendered like `levant render -var-file` (src/levant) and parsed like
 * `POST /v1/jobs/parse` (../hcl), so the demo starts with `/ci drift` clean.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYamlVars, renderText } from '../../../src/levant/index.js';
import { stringMap } from '../../../src/levant/values.js';
import { parseJobHcl } from '../hcl/index.js';
import type { JsonObject } from '../types.js';

/** The repository shipped with the project. */
export const EXAMPLE_DECLARATIONS = join(dirname(fileURLToPath(import.meta.url)), '../../../examples/ci-jobs');

/** The HCL of every declaration in `dir` (root `<job>.nomad` files, then each templated directory's var files). */
export function renderedDeclarations(dir = EXAMPLE_DECLARATIONS): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir).filter((e) => !e.startsWith('.')).sort();
  for (const e of entries) if (e.endsWith('.nomad')) out.push(readFileSync(join(dir, e), 'utf8'));
  for (const e of entries) {
    const sub = join(dir, e);
    if (!statSync(sub).isDirectory()) continue;
    const files = readdirSync(sub).sort();
    const templates = files.filter((f) => f.endsWith('.nomad'));
    if (templates.length !== 1) continue;
    const template = join(sub, templates[0]!);
    const text = readFileSync(template, 'utf8');
    for (const vars of files.filter((f) => /\.ya?ml$/.test(f))) {
      const data = stringMap(parseYamlVars(readFileSync(join(sub, vars), 'utf8')));
      out.push(renderText(basename(template), text, data, { templateDir: sub, env: {} }));
    }
  }
  return out;
}

/** The jobs to register, as the parse endpoint returns them (canonicalised). */
export function declaredJobs(dir = EXAMPLE_DECLARATIONS): JsonObject[] {
  return renderedDeclarations(dir).map((hcl) => parseJobHcl(hcl, { canonicalize: true }));
}
