/**
 * One declared instance through the operators' pipeline, `levant render -var-file X | nomad job
 * plan -`: render (src/levant), parse (Nomad's `POST /v1/jobs/parse`), plan against what runs.
 * Every failure comes back as a sentence a person can act on, never a stack trace.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { HttpApiError, UserFacingError } from '../src/errors.js';
import type { DeclarationsLoadOptions, DeclaredInstance, DeclarationsView, JobDeps, NomadJob, NomadJobPlanResponse } from '../src/ports.js';
import { explainPlacement } from './placement.js';

export interface InstancePlan {
  ok: true;
  key: string;
  instance: DeclaredInstance;
  /** The job as Nomad parsed the rendered declaration. */
  job: NomadJob;
  /** What runs now (undefined: never deployed or purged). */
  running: NomadJob | undefined;
  plan: NomadJobPlanResponse;
  diffText: string;
  dryRunText: string;
  /** False when the running job already is what the declaration says. */
  changed: boolean;
  placementFailures: boolean;
  notes: string[];
  /** Hash of the rendered HCL: the apply re-renders and compares, so it deploys what was approved. */
  hclHash: string;
}

export interface InstanceProblem {
  ok: false;
  key: string;
  problem: string;
}

export type InstanceOutcome = InstancePlan | InstanceProblem;

export const instanceKeyOf = (i: DeclaredInstance): string => (i.dir ? `${i.dir}/${i.name}` : i.name);

/** The repository (with git: at `ref`, fetched as `fetch` says), or a sentence saying why there is none. */
export async function loadView(deps: JobDeps, opts: DeclarationsLoadOptions = {}): Promise<DeclarationsView | string> {
  if (!deps.declarations) return 'No declarations repository is configured (`declarations.dir` or `declarations.git` in chatops.yaml).';
  try {
    return await deps.declarations.load(opts);
  } catch (err) {
    if (err instanceof UserFacingError) return err.message;
    return `The declarations repository could not be read: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/**
 * Keys like `.num_builders` the template uses but the var file does not set (Levant prints
 * `<no value>` for them): those on the template line that renders as `renderedLine`, else all.
 */
async function missingKeys(instance: DeclaredInstance, renderedLine: string | undefined): Promise<string[]> {
  const text = await readFile(instance.templatePath, 'utf8').catch(() => '');
  const directive = /\[\[-?\s*(?:[^\]]*?\s)?\.([A-Za-z_][A-Za-z0-9_]*)[^\]]*\]\]/g;
  const missing = (line: string) => [...line.matchAll(directive)].map((m) => m[1]!).filter((k) => !(k in instance.vars));
  const onLine = text
    .split('\n')
    .filter((l) => renderedLine !== undefined && l.replace(directive, '<no value>').trim() === renderedLine.trim())
    .flatMap(missing);
  return [...new Set(onLine.length ? onLine : missing(text))].sort();
}

/**
 * `nomad job run` parses on the operator's machine, with files and NOMAD_VAR_* variables; the bot
 * sends the text to `/v1/jobs/parse`, which has neither (command/agent/job_endpoint.go parses with
 * `AllowFS: false` and only the request's `Variables`). Says so when that is why parsing failed.
 */
function apiParseLimit(body: string): string | undefined {
  const fn = /Call to function "([^"]+)" failed: filesystem function disabled/.exec(body)?.[1];
  if (fn)
    return `Nomad's /v1/jobs/parse, which the bot uses, reads no files (and no environment), unlike the nomad CLI: \`${fn}(…)\` cannot work there. Put the content in the declaration instead (Levant's \`fileContents\` renders a file of the declarations repository into it).`;
  const variable = /Unset variable "([^"]+)"/.exec(body)?.[1];
  if (variable)
    return `Nomad's /v1/jobs/parse, which the bot uses, reads no environment (and no files), unlike the nomad CLI, which would take \`${variable}\` from NOMAD_VAR_${variable}: give the variable a default in the declaration, or render its value with Levant.`;
  return undefined;
}

/** Nomad's `Failed to parse job: input.hcl:8,13-14: ...` with the rendered line and, for `<no value>`, the missing keys. */
async function explainParseFailure(instance: DeclaredInstance, hcl: string, body: string): Promise<string> {
  const where = /input\.hcl:(\d+),(\d+)/.exec(body);
  const lines = [`Nomad cannot parse the rendered job: ${body.replace(/^Failed to parse job:\s*/, '')}`];
  const line = where ? hcl.split('\n')[Number(where[1]) - 1] : undefined;
  if (line !== undefined) lines.push(`  rendered line ${where![1]}: ${line.trim()}`);
  const unreadable = apiParseLimit(body);
  if (unreadable) lines.push(`  ${unreadable}`);
  if (hcl.includes('<no value>')) {
    const missing = await missingKeys(instance, line);
    const file = instance.varFile ? basename(instance.varFile) : basename(instance.templatePath);
    lines.push(
      `  \`<no value>\` is what Levant prints for a missing variable: ${missing.length ? `${file} does not set ${missing.map((k) => `\`${k}\``).join(', ')}` : `a key ${basename(instance.templatePath)} uses is missing from ${file}`}.`,
    );
  }
  return lines.join('\n');
}

/** Render, parse and plan one instance (`key` as `ci/mesosci-cs8`). */
export async function planInstance(view: DeclarationsView, key: string, deps: JobDeps): Promise<InstanceOutcome> {
  const r = view.resolve(key);
  if (r.kind !== 'instance')
    return { ok: false, key, problem: view.source ? `${key} is not a declaration at ${view.label}.` : `${key} is no longer a declaration in ${view.root}.` };
  const instance = r.instance;
  let hcl: string;
  try {
    hcl = await view.render(instance);
  } catch (err) {
    const at = view.source ? ` at ${view.source.commit.short}` : '';
    return { ok: false, key, problem: `${key} does not render${at}: ${err instanceof Error ? err.message : String(err)}` };
  }
  let job: NomadJob;
  try {
    job = await deps.nomad.jobs.parse(hcl, { canonicalize: true });
  } catch (err) {
    if (err instanceof HttpApiError && err.status === 400) return { ok: false, key, problem: `${key}: ${await explainParseFailure(instance, hcl, err.body)}` };
    throw err;
  }
  const running = await deps.nomad.jobs.find(job.ID);
  const plan = await deps.nomad.jobs.plan(job);
  const { diffText, dryRunText } = deps.nomad.formatPlan(plan, job.Type);
  const notes: string[] = [];
  for (const [group, metric] of Object.entries(plan.FailedTGAllocs ?? {})) {
    const wanted = plan.Annotations?.DesiredTGUpdates?.[group]?.Place ?? metric.CoalescedFailures + 1;
    notes.push(...explainPlacement(group, metric, wanted));
  }
  if (job.ID !== instance.jobName) notes.push(`The declaration now names the job ${job.ID} (it was ${instance.jobName}).`);
  return {
    ok: true,
    key,
    instance,
    job,
    running,
    plan,
    diffText,
    dryRunText,
    changed: plan.Diff?.Type !== 'None' || running?.Stop === true,
    placementFailures: Object.keys(plan.FailedTGAllocs ?? {}).length > 0,
    notes,
    hclHash: deps.hash(hcl),
  };
}

/** The changed lines of a diff, shortest first-look form: `Count: "9" => "8"`. */
export function diffHeadline(diffText: string, max = 3): string {
  const changed = diffText
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^(\+\/-|\+|-) /.test(l) && !/^(\+\/-|\+|-) +(Job|Task Group|Task):/.test(l));
  if (changed.length === 0) return 'differs';
  const shown = changed.slice(0, max).map((l) => l.replace(/^(\+\/-|\+|-) +/, (m) => `${m.trim()} `));
  return shown.join('; ') + (changed.length > max ? `; … ${changed.length - max} more` : '');
}

/** How one plan reads in a summary line: "2 create, 8 in-place update" or "unchanged". */
export function updatesLine(p: InstancePlan): string {
  if (!p.changed) return 'unchanged';
  if (p.running?.Stop) return 'stopped in Nomad; will start again';
  if (!p.running) return 'not running; will be created';
  const parts = Object.entries(p.plan.Annotations?.DesiredTGUpdates ?? {}).flatMap(([g, u]) => {
    const bits = [
      [u.Place, 'create'],
      [u.DestructiveUpdate, 'create/destroy update'],
      [u.Stop, 'destroy'],
      [u.InPlaceUpdate, 'in-place update'],
    ]
      .filter(([n]) => Number(n) > 0)
      .map(([n, w]) => `${n} ${w}`);
    return bits.length ? [`${g}: ${bits.join(', ')}`] : [];
  });
  return parts.join('; ') || 'spec changes only';
}

/** Re-renders at apply time: the HCL must still be what was planned and approved. */
export async function renderedHash(view: DeclarationsView, key: string, deps: JobDeps): Promise<{ hcl: string; hash: string } | undefined> {
  const r = view.resolve(key);
  if (r.kind !== 'instance') return undefined;
  try {
    const hcl = await view.render(r.instance);
    return { hcl, hash: deps.hash(hcl) };
  } catch {
    return undefined;
  }
}

/**
 * For `/ci scale`: "Declared num_builders is 8 (ci/mesosci-cs8.yaml): this change lasts until the
 * next deploy." when the new count differs from the declaration; undefined otherwise.
 */
export async function declaredCountNote(jobId: string, count: number, deps: JobDeps): Promise<string | undefined> {
  if (!deps.declarations) return undefined;
  try {
    const inst = (await deps.declarations.load({ fetch: 'no', read: true })).list().find((i) => i.jobName === jobId);
    if (!inst || inst.declaredCount === undefined || inst.declaredCount === count) return undefined;
    const what = inst.varFile && 'num_builders' in inst.vars ? 'num_builders' : 'count';
    const file = inst.varFile ? `${inst.dir}/${basename(inst.varFile)}` : basename(inst.templatePath);
    return `Declared ${what} is ${inst.declaredCount} (${file}): this change lasts until the next deploy.`;
  } catch {
    return undefined; // a broken repository must not block a scale
  }
}
