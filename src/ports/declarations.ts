/** The job-declarations repository as `jobs/` read it: our own interfaces over src/declarations. */
import type { CommitInfo, DeclarationsSource, Instance as DeclaredInstance, Resolution } from '../declarations/types.js';

export type { CommitInfo, DeclarationsSource, Instance as DeclaredInstance, Resolution } from '../declarations/types.js';

/** The declarations repository, read afresh for every request (a `git pull` between two commands is seen). */
export interface DeclarationsPort {
  /**
   * A plain directory as it is now; with `declarations.git`, the files of `ref` (default: the
   * followed branch's head) after a fetch: `required` (a deploy), `try` (plans, drift: a failed
   * fetch reads the last fetched commit and says so in `source.fetchProblem`), `unknown` (only if
   * the ref is not in the clone yet) or `no`. `read`: a read-only command, which waits for the
   * fetch a bounded time (`declarations.git.readWait`) and then reads the last fetched commit.
   * Throws a UserFacingError for an unknown ref or a repository that cannot be read.
   */
  load(opts?: DeclarationsLoadOptions): Promise<DeclarationsView>;
  /** Present with `declarations.git`: the repository's history. */
  git?: DeclarationsHistory;
}

export interface DeclarationsLoadOptions {
  ref?: string | undefined;
  fetch?: 'required' | 'try' | 'unknown' | 'no';
  read?: boolean | undefined;
}

/** What jobs may ask of the declarations' git history. */
export interface DeclarationsHistory {
  branch: string;
  describe(sha: string): Promise<CommitInfo | undefined>;
  /** Commits in `to` not in `from`, newest first (at most 50), only those touching `paths` when given. */
  between(from: string, to: string, paths?: string[]): Promise<CommitInfo[]>;
  isAncestor(ancestor: string, of: string): Promise<boolean>;
  /** The repository paths an instance is made of. */
  pathsOf(view: Pick<DeclarationsView, 'root'>, instance: DeclaredInstance): string[];
}

/** One scan of the repository: its instances, name resolution, and rendering (`levant render`); with git, the commit. */
export interface DeclarationsView {
  /** The directory the files are read from. */
  readonly root: string;
  /** How messages name these declarations: `ci-jobs@main 3f2a1bc` or the directory's name. */
  readonly label: string;
  /** With `declarations.git`: the commit these files are from and how it was reached. */
  readonly source?: DeclarationsSource | undefined;
  /** Directories that do not follow the layout (e.g. two `.nomad` files). */
  readonly problems: string[];
  list(): DeclaredInstance[];
  dirs(): string[];
  /** What a person typed (`mesosci-cs8`, `ci/mesosci-cs8`, `ci`) → an instance, a directory, or why not. */
  resolve(userText: string): Resolution;
  /** The HCL Nomad gets: the root file as it is, or what `levant render -var-file` prints. */
  render(instance: DeclaredInstance): Promise<string>;
  /** The count the declaration of `jobName` asks for (`num_builders` for CI instances). */
  declaredCount(jobName: string): number | undefined;
}
