/**
 * Runs the `git` binary: `execFile`, never a shell, so nothing typed in Slack can become a shell
 * word; every ref a person gives goes after `--end-of-options` or is validated first. Git gets a
 * small environment of its own (no Slack or Nomad token reaches it), English messages (so
 * failures can be explained), and no prompt: a missing credential fails instead of hanging.
 */
import { execFile } from 'node:child_process';
import { maskTokens } from '../../redact.js';

export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
    readonly exitCode: number | undefined,
    readonly timedOut: boolean,
  ) {
    super(
      maskTokens(
        `git ${args[0] ?? ''} failed${timedOut ? ' (timed out)' : exitCode !== undefined ? ` (exit ${exitCode})` : ''}: ${stderr.trim().split('\n').slice(-3).join(' ') || 'no message'}`,
      ),
    );
    this.name = 'GitError';
  }
}

export interface GitRunOptions {
  /** The repository (`--git-dir`) or the work tree to run in. */
  cwd: string;
  /** Environment for git (see gitEnv); replaces the process's. */
  env: Record<string, string>;
  timeoutMs?: number;
}

/** Variables git may need from the bot's environment; nothing else is passed on. */
const PASSED_ON = [
  'PATH',
  'HOME',
  'TMPDIR',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'SSL_CERT_FILE',
  'GIT_SSL_CAINFO',
];

/** The base environment of every git call, plus `extra` (credentials, see auth.ts). */
export function gitEnv(processEnv: Record<string, string | undefined>, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of PASSED_ON) if (processEnv[k]) env[k] = processEnv[k]!;
  return {
    ...env,
    LC_ALL: 'C',
    LANG: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: 'true',
    SSH_ASKPASS: 'true',
    // The system's gitconfig may carry credential helpers or URL rewrites of the host; the bot's clone is its own.
    GIT_CONFIG_NOSYSTEM: '1',
    ...extra,
  };
}

/** Runs `git args…` and returns stdout; a non-zero exit is a GitError with git's stderr. */
export function runGit(args: readonly string[], opts: GitRunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...args],
      { cwd: opts.cwd, env: opts.env, timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', windowsHide: true },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        const e = err as NodeJS.ErrnoException & { code?: number | string; killed?: boolean; signal?: string };
        if (e.code === 'ENOENT') return reject(new GitError(args, 'the git binary was not found on PATH (install git)', undefined, false));
        reject(new GitError(args, String(stderr ?? ''), typeof e.code === 'number' ? e.code : undefined, Boolean(e.killed && e.signal)));
      },
    );
  });
}

/**
 * One sentence for people about a failed fetch, from git's (English) stderr. `remote` is the URL
 * as configured, which never holds a credential (the config refuses one).
 */
export function explainFetchFailure(err: unknown, remote: string): string {
  if (!(err instanceof GitError)) return `fetching ${remote} failed: ${maskTokens(err instanceof Error ? err.message : String(err))}`;
  const s = err.stderr;
  const why = err.timedOut
    ? 'it did not answer in time'
    : /Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No .* host key is known/i.test(s)
      ? "the host's SSH key is not the pinned one (CHATOPS_GIT_KNOWN_HOSTS)"
      : /Permission denied \(publickey|Authentication failed|could not read Username|HTTP Basic: Access denied|403|401/i.test(s)
        ? 'the remote refused the credentials (CHATOPS_GIT_SSH_KEY or CHATOPS_GIT_TOKEN)'
        : /Could not resolve host|Name or service not known|Temporary failure in name resolution/i.test(s)
          ? 'its host name does not resolve'
          : /Connection refused|Connection timed out|No route to host|Network is unreachable|Failed to connect|Could not connect/i.test(s)
            ? 'the host is unreachable'
            : /does not appear to be a git repository|repository .* not found|not found|No such file or directory/i.test(s)
              ? 'there is no repository at that address'
              : /couldn't find remote ref/i.test(s)
                ? 'the branch does not exist there'
                : maskTokens(s.trim().split('\n').filter(Boolean).slice(-1)[0] ?? 'git failed without a message');
  return `fetching ${remote} failed: ${why}`;
}
