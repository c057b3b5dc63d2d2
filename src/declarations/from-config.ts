/**
 * The declarations the bot reads: `declarations.dir` (a plain directory, read as it is) or
 * `declarations.git` (the bot's own clone, fetched before plans and on a timer).
 */
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { DeclarationsPort } from '../ports/declarations.js';
import type { Redactor } from '../redact.js';
import { credentialMismatch, type GitCredentials } from './git/auth.js';
import { GitDeclarations } from './git/source.js';
import { loadDeclarations } from './load.js';

/** `declarations:` of chatops.yaml (durations in ms). */
export interface DeclarationsSettings {
  dir?: string | undefined;
  git?: { url: string; branch: string; path: string; cloneDir: string; fetchEvery: number; fetchTimeout: number; readWait: number } | undefined;
}

/** The git credentials in the environment (CHATOPS_GIT_*). */
export interface GitCredentialEnv {
  CHATOPS_GIT_SSH_KEY?: string | undefined;
  CHATOPS_GIT_KNOWN_HOSTS?: string | undefined;
  CHATOPS_GIT_TOKEN?: string | undefined;
  CHATOPS_GIT_USERNAME?: string | undefined;
}

export interface DeclarationsWiring {
  port: DeclarationsPort;
  /** With `declarations.git`: the clone, to start, stop and follow (plan on merge). */
  git?: GitDeclarations;
}

export function declarationsFrom(
  settings: DeclarationsSettings,
  env: GitCredentialEnv,
  d: { clock: Clock; log: Logger; redactor: Redactor; processEnv: Record<string, string | undefined> },
): DeclarationsWiring {
  const g = settings.git;
  if (!g) return { port: { load: () => loadDeclarations(settings.dir) } };
  const credentials: GitCredentials = {
    sshKey: env.CHATOPS_GIT_SSH_KEY,
    knownHosts: env.CHATOPS_GIT_KNOWN_HOSTS,
    token: env.CHATOPS_GIT_TOKEN,
    username: env.CHATOPS_GIT_USERNAME,
  };
  const mismatch = credentialMismatch(g.url, credentials);
  if (mismatch) d.log.warn(mismatch);
  const git = new GitDeclarations({
    url: g.url,
    branch: g.branch,
    path: g.path,
    cloneDir: g.cloneDir,
    fetchEveryMs: g.fetchEvery,
    fetchTimeoutMs: g.fetchTimeout,
    readWaitMs: g.readWait,
    credentials,
    processEnv: d.processEnv,
    clock: d.clock,
    redactor: d.redactor,
    log: d.log.child({ component: 'declarations' }),
  });
  const history = {
    branch: git.branch,
    describe: (sha: string) => git.repo.describe(sha),
    between: (a: string, b: string, paths?: string[]) => git.repo.between(a, b, paths),
    isAncestor: (a: string, b: string) => git.repo.isAncestor(a, b),
    pathsOf: git.pathsOf.bind(git),
  };
  return { port: { load: (opts) => git.load(opts), git: history }, git };
}
