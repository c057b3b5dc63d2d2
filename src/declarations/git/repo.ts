/**
 * The bot's own clone of the declarations remote: a bare repository that is only ever fetched
 * into, and one checkout per commit that is planned (`trees/<sha>`), so a plan reads exactly the
 * files of its commit. A checkout found with local changes is restored before it is read.
 *
 * Fetches run one at a time, and so do checkouts (git's own locks would refuse two at once), but
 * the two never wait for each other, and reads (rev-parse, log, merge-base) wait for neither: git
 * writes objects before the refs that name them and moves refs by renaming a lock file, so a read
 * during a fetch sees the refs before it or after it. A remote that hangs for the whole fetch
 * timeout therefore never holds up `/ci status` or a plan of a commit already fetched.
 */
import { mkdir, readdir, rm, stat, utimes } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CommitInfo } from '../types.js';
import { GitError, runGit } from './run.js';

export type { CommitInfo };

export interface FetchedHead {
  /** The branch head after the fetch. */
  head: string;
  /** The head before it (undefined on the first fetch). */
  previous: string | undefined;
  /** The branch was rewritten: the previous head is no longer in its history. */
  forced: boolean;
}

export type RefKind = 'branch' | 'tag' | 'commit';

const FORMAT = '%H%x1f%h%x1f%s%x1f%an%x1f%cI';
const parseCommits = (out: string): CommitInfo[] =>
  out
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [sha, short, subject, author, date] = l.split('\x1f');
      return { sha: sha!, short: short!, subject: subject ?? '', author: author ?? '', date: date ?? '' };
    });

/** Refs a person may type: branch and tag names, or a (short) sha. No option-looking words, no `..` ranges, no `@{…}`. */
export const REF_PATTERN = /^(?!-)(?!.*\.\.)(?!.*@\{)(?!.*\/\/)[A-Za-z0-9._/-]{1,200}(?<!\.lock)(?<!\/)$/;

export class GitRepo {
  readonly gitDir: string;
  private readonly treesDir: string;
  private fetches: Promise<unknown> = Promise.resolve();
  private checkouts: Promise<unknown> = Promise.resolve();
  private made: Promise<void> | undefined;

  constructor(
    readonly url: string,
    cloneDir: string,
    private readonly env: Record<string, string>,
    private readonly opts: { fetchTimeoutMs: number; keepTrees?: number } = { fetchTimeoutMs: 60_000 },
  ) {
    this.gitDir = resolve(cloneDir, 'repo.git');
    this.treesDir = resolve(cloneDir, 'trees');
  }

  /** Runs `fn` after every call queued on the same queue before it (and once the repository exists). */
  private serial<T>(queue: 'fetches' | 'checkouts', fn: () => Promise<T>): Promise<T> {
    const run = () => this.ready().then(fn);
    const next = this[queue].then(run, run);
    this[queue] = next.catch(() => undefined);
    return next;
  }

  /** The bare repository, made (or remade for another URL) once per process, before any other git call. */
  private ready(): Promise<void> {
    this.made ??= this.ensure().catch((err: unknown) => {
      this.made = undefined;
      throw err;
    });
    return this.made;
  }

  private git(args: string[], timeoutMs = 60_000): Promise<string> {
    return runGit(['--git-dir', this.gitDir, ...args], { cwd: resolve(this.gitDir, '..'), env: this.env, timeoutMs });
  }

  /** Creates the bare repository on first use (again when it was made for another URL). */
  private async ensure(): Promise<void> {
    const made = await this.git(['config', '--get', 'ci-chatops.url']).catch(() => undefined);
    if (made?.trim() === this.url) return;
    await rm(this.gitDir, { recursive: true, force: true });
    await rm(this.treesDir, { recursive: true, force: true });
    await mkdir(this.gitDir, { recursive: true });
    await runGit(['init', '--bare', '--quiet', this.gitDir], { cwd: resolve(this.gitDir, '..'), env: this.env });
    // Never collect: a commit that was deployed stays describable after a force-push removed it from the branch.
    await this.git(['config', 'gc.auto', '0']);
    await this.git(['config', 'ci-chatops.url', this.url]);
  }

  /** Fetches every branch and tag; tells where `branch` was and is. */
  fetch(branch: string): Promise<FetchedHead> {
    return this.serial('fetches', async () => {
      const previous = await this.revParse(`refs/remotes/origin/${branch}`);
      await this.git(
        [
          'fetch',
          '--quiet',
          '--prune',
          '--force',
          '--no-write-fetch-head',
          '--end-of-options',
          this.url,
          '+refs/heads/*:refs/remotes/origin/*',
          '+refs/tags/*:refs/tags/*',
        ],
        this.opts.fetchTimeoutMs,
      );
      const head = await this.revParse(`refs/remotes/origin/${branch}`);
      if (!head) throw new GitError(['fetch'], `fatal: couldn't find remote ref refs/heads/${branch}`, 128, false);
      // Keeps every head the bot has seen, so a rewritten branch does not lose the deployed commit.
      await this.git(['update-ref', `refs/ci-chatops/seen/${head}`, head]);
      const forced = previous !== undefined && previous !== head && !(await this.ancestor(previous, head));
      return { head, previous, forced };
    });
  }

  /** The head of `branch` as last fetched, without fetching. */
  head(branch: string): Promise<string | undefined> {
    return this.read(() => this.revParse(`refs/remotes/origin/${branch}`));
  }

  /** A read: waits for no fetch or checkout, only for the repository to exist (undefined when it cannot). */
  private async read<T>(fn: () => Promise<T>): Promise<T | undefined> {
    await this.ready().catch(() => undefined);
    if ((await stat(join(this.gitDir, 'HEAD')).catch(() => undefined)) === undefined) return undefined;
    return fn();
  }

  private async revParse(name: string): Promise<string | undefined> {
    const out = await this.git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${name}^{commit}`]).catch((e: unknown) => {
      if (e instanceof GitError && e.exitCode === 1) return '';
      if (e instanceof GitError && e.exitCode === 128) return '';
      throw e;
    });
    return out.trim() || undefined;
  }

  /** A branch (of the remote), tag or commit as typed, to its commit; undefined when there is none. */
  resolve(ref: string): Promise<{ sha: string; kind: RefKind } | undefined> {
    if (!REF_PATTERN.test(ref)) return Promise.resolve(undefined);
    return this.read(async () => {
      const branch = await this.revParse(`refs/remotes/origin/${ref}`);
      if (branch) return { sha: branch, kind: 'branch' as const };
      const tag = await this.revParse(`refs/tags/${ref}`);
      if (tag) return { sha: tag, kind: 'tag' as const };
      if (/^[0-9a-f]{4,40}$/i.test(ref)) {
        const sha = await this.revParse(ref.toLowerCase());
        if (sha) return { sha, kind: 'commit' as const };
      }
      return undefined;
    });
  }

  /** Branch names of the remote, for "did you mean". */
  async branches(): Promise<string[]> {
    const names = await this.read(async () => {
      const out = await this.git(['for-each-ref', '--format=%(refname:lstrip=3)', 'refs/remotes/origin/']);
      return out.split('\n').filter((b) => b && b !== 'HEAD');
    });
    return names ?? [];
  }

  describe(sha: string): Promise<CommitInfo | undefined> {
    return this.read(async () => {
      const out = await this.git(['log', '-1', '--no-show-signature', `--format=${FORMAT}`, '--end-of-options', sha]).catch(() => '');
      return parseCommits(out)[0];
    });
  }

  /** Commits in `to` that are not in `from` (newest first, at most `max`), optionally only those touching `paths`. */
  async between(from: string, to: string, paths: string[] = [], max = 50): Promise<CommitInfo[]> {
    const found = await this.read(async () => {
      const out = await this.git([
        'log',
        `--max-count=${max}`,
        '--no-show-signature',
        `--format=${FORMAT}`,
        '--end-of-options',
        `${from}..${to}`,
        '--',
        ...paths,
      ]);
      return parseCommits(out);
    });
    return found ?? [];
  }

  async isAncestor(ancestor: string, of: string): Promise<boolean> {
    return (await this.read(() => this.ancestor(ancestor, of))) ?? false;
  }

  private async ancestor(ancestor: string, of: string): Promise<boolean> {
    try {
      await this.git(['merge-base', '--is-ancestor', ancestor, of]);
      return true;
    } catch (e) {
      if (e instanceof GitError && e.exitCode === 1) return false;
      throw e;
    }
  }

  /**
   * The files of `sha` in a directory of their own. A checkout someone changed by hand is put back
   * (`discarded` lists what was changed), so nothing is ever planned from local changes.
   */
  checkout(sha: string): Promise<{ dir: string; discarded: string[] }> {
    if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error(`not a full commit id: ${sha}`);
    return this.serial('checkouts', async () => {
      const dir = join(this.treesDir, sha);
      let discarded: string[] = [];
      if (await stat(join(dir, '.git')).catch(() => undefined)) {
        const status = await runGit(['status', '--porcelain', '--untracked-files=all', '--ignored'], { cwd: dir, env: this.env });
        discarded = status
          .split('\n')
          .filter(Boolean)
          .map((l) => l.slice(3));
        if (discarded.length) {
          await runGit(['checkout', '--quiet', '--force', '--detach', sha], { cwd: dir, env: this.env });
          await runGit(['clean', '-ffdxq'], { cwd: dir, env: this.env });
        }
      } else {
        await rm(dir, { recursive: true, force: true });
        await mkdir(this.treesDir, { recursive: true });
        await this.git(['worktree', 'prune']);
        await this.git(['worktree', 'add', '--quiet', '--force', '--detach', dir, sha]);
      }
      const now = new Date();
      await utimes(dir, now, now).catch(() => undefined);
      await this.pruneTrees(sha);
      return { dir, discarded };
    });
  }

  /** Keeps the most recently used checkouts only. */
  private async pruneTrees(keep: string): Promise<void> {
    const max = this.opts.keepTrees ?? 8;
    const names = await readdir(this.treesDir).catch(() => [] as string[]);
    if (names.length <= max) return;
    const aged = await Promise.all(names.map(async (n) => ({ n, t: (await stat(join(this.treesDir, n)).catch(() => undefined))?.mtimeMs ?? 0 })));
    aged.sort((a, b) => b.t - a.t);
    for (const { n } of aged.slice(max)) {
      if (n === keep) continue;
      await rm(join(this.treesDir, n), { recursive: true, force: true });
    }
    await this.git(['worktree', 'prune']);
  }
}
