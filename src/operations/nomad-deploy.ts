/**
 * Deploying from the job-declarations repository (seed: "Deploying changes to the CI job
 * template", "Stopping and restarting CI jobs"): deploy, stop, redeploy, and the read-only plan
 * and drift. Instances are named by their key in the repository (`ci/mesosci-cs8`, `repo`).
 */
import { z } from 'zod';
import { NomadJobId } from './common.js';

/** `ci/mesosci-cs8` or `repo`: a path inside the repository that cannot leave it. */
export const DeclarationKey = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*)?$/, 'expected <instance> or <dir>/<instance>');

/**
 * `--ref`: a branch, tag or commit of the declarations repository, as typed. Never option-like
 * (it reaches git as an argument), no `..` ranges or `@{…}` reflog expressions.
 */
export const GitRef = z
  .string()
  .max(200)
  .regex(/^(?!-)(?!.*\.\.)(?!.*@\{)(?!.*\/\/)[A-Za-z0-9._/-]{1,200}(?<!\.lock)(?<!\/)$/, 'expected a branch, tag or commit such as main, v1.2 or 3f2a1bc');

/** One instance and the job its declaration produces. */
export const DeclaredTarget = z.object({ instance: DeclarationKey, jobId: NomadJobId });
export type DeclaredTarget = z.infer<typeof DeclaredTarget>;

/** `/ci deploy <instance|dir>`: plan every instance, one approval, roll out one at a time (stop at the first failure). */
export const NomadDeploy = z.object({
  kind: z.literal('nomad.deploy'),
  v: z.literal(1),
  targets: z.array(DeclaredTarget).min(1).max(100),
  /** Set when the person named a directory (`ci`). */
  dir: DeclarationKey.optional(),
  /** With `declarations.git`: what to deploy (`--ref`); absent = the followed branch's head. */
  ref: GitRef.optional(),
  typed: z.string().max(200),
});
export type NomadDeploy = z.infer<typeof NomadDeploy>;

/** `/ci stop <job> [--purge]`: like `nomad job stop [-purge]`. */
export const NomadStop = z.object({
  kind: z.literal('nomad.stop'),
  v: z.literal(1),
  jobId: NomadJobId,
  purge: z.boolean(),
  typed: z.string().max(200),
});
export type NomadStop = z.infer<typeof NomadStop>;

/** `/ci redeploy <instance>`: stop the job, then run it again from its declaration (one approval). */
export const NomadRedeploy = z.object({
  kind: z.literal('nomad.redeploy'),
  v: z.literal(1),
  target: DeclaredTarget,
  typed: z.string().max(200),
});
export type NomadRedeploy = z.infer<typeof NomadRedeploy>;

/** `/ci plan <instance|dir>` (read-only): what `levant render | nomad job plan -` would show. */
export const NomadDeclaredPlan = z.object({
  kind: z.literal('nomad.plan'),
  v: z.literal(1),
  targets: z.array(DeclaredTarget).min(1).max(100),
  dir: DeclarationKey.optional(),
  /** With `declarations.git`: what to plan (`--ref`); absent = the followed branch's head. */
  ref: GitRef.optional(),
});
export type NomadDeclaredPlan = z.infer<typeof NomadDeclaredPlan>;

/** `/ci drift` (read-only): every declaration planned against what runs. */
export const NomadDrift = z.object({ kind: z.literal('nomad.drift'), v: z.literal(1) });
export type NomadDrift = z.infer<typeof NomadDrift>;
