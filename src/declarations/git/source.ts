/**
 * `declarations.git`: the declarations as a git repository. Every read names its commit; the bot
 * fetches before plans (and on a timer), and tells listeners when the branch moved (plan on
 * merge). A failed fetch does not stop reads: they use the last fetched commit and say so.
 */
import { basename, join, relative } from 'node:path';
import type { Logger } from 'pino';
import type { Clock, Timer } from '../../clock.js';
import { ErrorCode, UserFacingError } from '../../errors.js';
import { editDistance } from '../edit-distance.js';
import { type Declarations, loadDeclarations } from '../load.js';
import type { CommitInfo, DeclarationsSource, Instance } from '../types.js';
import { type GitCredentials, credentialEnv } from './auth.js';
import { type FetchedHead, GitRepo, REF_PATTERN } from './repo.js';
import { explainFetchFailure, gitEnv } from './run.js';

export interface GitDeclarationsOptions {
  url: string;
  branch: string;
  /** Sub-directory of the repository holding the declarations ('' = root). */
  path: string;
  cloneDir: string;
  fetchEveryMs: number;
  fetchTimeoutMs: number;
  /** How long a read-only command waits for its fetch before it goes on with the last fetched commit (the fetch goes on); default 10 s. */
  readWaitMs?: number;
  credentials: GitCredentials;
  /** The bot's environment: PATH, HOME and proxies are passed on to git, nothing else. */
  processEnv: Record<string, string | undefined>;
  clock: Clock;
  log: Logger;
  /** Told the credentials, so no message or log line shows them. */
  redactor?: { add(value: string): void; redact(text: string): string };
}

/**
 * How a read treats the fetch before it: `required` (a deploy: a branch must be current), `try`
 * (plans, drift, an apply's check), `unknown` (only when the ref is not in the clone yet: a name
 * lookup for `--ref`), `no` (name lookups). Without any fetch yet, every policy fetches.
 */
export type FetchPolicy = 'required' | 'try' | 'unknown' | 'no';

export interface LoadOptions {
  /** A branch, tag or commit; default: the followed branch. */
  ref?: string | undefined;
  fetch?: FetchPolicy;
  /** A read-only command: waits for the fetch at most `readWaitMs`, then reads the last fetched commit and says so. */
  read?: boolean | undefined;
}

/** The ref is in neither the clone nor (after a fetch) the remote: the message names the branches. */
export class UnknownRefError extends UserFacingError {
  constructor(message: string) {
    super(message, ErrorCode.DeclarationInvalid);
    this.name = 'UnknownRefError';
  }
}

export interface FetchState {
  at: number;
  ok: boolean;
  problem?: string;
  head?: string;
}

export type HeadListener = (moved: FetchedHead) => void | Promise<void>;

export class GitDeclarations {
  readonly repo: GitRepo;
  readonly branch: string;
  readonly url: string;
  lastFetch: FetchState | undefined;
  private readonly listeners: HeadListener[] = [];
  private readonly cache = new Map<string, Declarations>();
  private timer: Timer | undefined;
  private inFlight: Promise<FetchedHead | { problem: string }> | undefined;
  private following: Promise<FetchedHead | { problem: string }> | undefined;

  constructor(private readonly o: GitDeclarationsOptions) {
    this.branch = o.branch;
    this.url = o.url;
    this.repo = new GitRepo(
      o.url,
      o.cloneDir,
      gitEnv(
        o.processEnv,
        credentialEnv(o.url, o.credentials, (v) => o.redactor?.add(v)),
      ),
      { fetchTimeoutMs: o.fetchTimeoutMs },
    );
  }

  /** Fetches on the timer from now on (the first fetch at once). */
  start(): void {
    void this.fetch();
    this.timer = this.o.clock.every(this.o.fetchEveryMs, () => void this.fetch());
  }

  stop(): void {
    this.timer?.cancel();
  }

  /** Told after every fetch that found the branch somewhere new (the first fetch included: `previous` undefined). */
  onHeadMoved(listener: HeadListener): void {
    this.listeners.push(listener);
  }

  /**
   * A fetch that starts after this call (one at a time: callers while one runs share the one
   * after it, so a push announced during a fetch is never missed). Never throws.
   */
  fetch(): Promise<FetchedHead | { problem: string }> {
    if (!this.inFlight) {
      this.inFlight = this.fetchNow().finally(() => {
        this.inFlight = undefined;
      });
      return this.inFlight;
    }
    this.following ??= this.inFlight.then(() => {
      this.following = undefined;
      return this.fetch();
    });
    return this.following;
  }

  private async fetchNow(): Promise<FetchedHead | { problem: string }> {
    const at = this.o.clock.now();
    try {
      const moved = await this.repo.fetch(this.branch);
      this.lastFetch = { at, ok: true, head: moved.head };
      if (moved.head !== moved.previous) {
        this.o.log.info({ branch: this.branch, head: moved.head, previous: moved.previous, forced: moved.forced }, 'declarations branch moved');
        for (const l of this.listeners)
          await Promise.resolve(l(moved)).catch((err: unknown) =>
            this.o.log.error({ err: err instanceof Error ? err.message : String(err) }, 'plan on merge failed'),
          );
      }
      return moved;
    } catch (err) {
      const problem = this.o.redactor ? this.o.redactor.redact(explainFetchFailure(err, this.url)) : explainFetchFailure(err, this.url);
      this.lastFetch = { at, ok: false, problem, ...(this.lastFetch?.head ? { head: this.lastFetch.head } : {}) };
      this.o.log.warn({ problem }, 'declarations fetch failed');
      return { problem };
    }
  }

  /** The declarations at `ref` (default: the branch head), fetched first as `fetch` says. */
  async load(opts: LoadOptions = {}): Promise<Declarations> {
    const policy = opts.fetch ?? 'try';
    const ref = opts.ref ?? this.branch;
    if (!REF_PATTERN.test(ref)) throw new UserFacingError(`\`${ref.slice(0, 80)}\` is not a branch, tag or commit name.`);
    let found = await this.repo.resolve(ref);
    // Name lookups do not wait for the remote, unless nothing was ever fetched (or `--ref` names something new).
    const skip = (policy === 'no' || (policy === 'unknown' && found)) && (await this.repo.head(this.branch));
    // A name lookup without any fetch yet needs a head, not a fresh one: it joins a fetch under way (the one at start).
    const fetched = skip ? undefined : await this.fetchFor(opts.read === true, policy === 'no');
    const fetchProblem = fetched && 'problem' in fetched ? fetched.problem : undefined;
    if (fetched) found = await this.repo.resolve(ref);
    if (fetchProblem && (policy === 'required' || !found) && found?.kind !== 'commit') {
      const last = this.lastFetch?.head ? await this.repo.describe(this.lastFetch.head) : undefined;
      const fallback =
        last && policy === 'required' ? ` The last fetched ${this.branch} is ${last.short} (“${last.subject}”); \`--ref ${last.short}\` uses it as it is.` : '';
      throw new UserFacingError(`Cannot read the declarations: ${fetchProblem}.${fallback}`, ErrorCode.DeclarationInvalid);
    }
    if (!found) throw new UnknownRefError(await this.unknownRef(ref));
    const commit = (await this.repo.describe(found.sha))!;
    const source: DeclarationsSource = { commit, ref, refKind: found.kind, branch: this.branch, url: this.url, ...(fetchProblem ? { fetchProblem } : {}) };
    return (await this.filesOf(commit)).withSource(source);
  }

  /** The next fetch; a read-only command stops waiting for it after `readWaitMs` (it goes on, and its result counts for the next read). */
  private fetchFor(read: boolean, join: boolean): Promise<FetchedHead | { problem: string }> {
    const fetching = (join && this.inFlight) || this.fetch();
    if (!read) return fetching;
    const waitMs = this.o.readWaitMs ?? 10_000;
    return new Promise((resolve) => {
      const seconds = Math.round(waitMs / 100) / 10;
      const timer = this.o.clock.after(waitMs, () => resolve({ problem: `fetching ${this.url} has not finished after ${seconds} s` }));
      void fetching.then((r) => {
        timer.cancel();
        resolve(r);
      });
    });
  }

  private async filesOf(commit: CommitInfo): Promise<Declarations> {
    const { dir, discarded } = await this.repo.checkout(commit.sha);
    if (discarded.length) {
      this.cache.delete(commit.sha);
      this.o.log.warn({ commit: commit.sha, files: discarded.slice(0, 20) }, 'the checkout of a planned commit had local changes; they were discarded');
    }
    const hit = this.cache.get(commit.sha);
    if (hit) return hit;
    const root = join(dir, this.o.path);
    let view: Declarations;
    try {
      view = await loadDeclarations(root);
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT')
        throw new UserFacingError(`\`${this.o.path}\` (declarations.git.path) does not exist at ${commit.short}.`, ErrorCode.DeclarationInvalid);
      throw err;
    }
    this.cache.set(commit.sha, view);
    if (this.cache.size > 8) this.cache.delete(this.cache.keys().next().value!);
    return view;
  }

  private async unknownRef(ref: string): Promise<string> {
    const branches = await this.repo.branches();
    const near = branches.filter((b) => editDistance(b.toLowerCase(), ref.toLowerCase()) <= Math.max(2, Math.floor(ref.length / 3))).slice(0, 3);
    const when = this.lastFetch ? ` (fetched ${new Date(this.lastFetch.at).toISOString().slice(11, 16)} UTC)` : '';
    const hint = near.length
      ? ` Did you mean ${near.map((b) => `\`${b}\``).join(' or ')}?`
      : branches.length
        ? ` Branches: ${branches
            .slice(0, 8)
            .map((b) => `\`${b}\``)
            .join(', ')}.`
        : '';
    return `No branch, tag or commit \`${ref}\` in ${this.url}${when}.${hint}`;
  }

  /** The repository paths an instance is made of (its template and var file), for "commits touching it". */
  pathsOf(view: Pick<Declarations, 'root'>, instance: Pick<Instance, 'templatePath' | 'varFile' | 'dir'>): string[] {
    const inRepo = (p: string) => join(this.o.path, relative(view.root, p)).split('\\').join('/');
    // A templated directory's other files (fileContents) count too: the whole directory.
    if (instance.dir) return [join(this.o.path, instance.dir).split('\\').join('/') || '.'];
    return [inRepo(instance.templatePath)];
  }

  /** `ci/mesosci-cs8.yaml`: an instance's var file (or template) relative to the declarations' root. */
  fileOf(instance: Pick<Instance, 'templatePath' | 'varFile' | 'dir'>): string {
    const f = instance.varFile ?? instance.templatePath;
    return instance.dir ? `${instance.dir}/${basename(f)}` : basename(f);
  }
}
