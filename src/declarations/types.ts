/** What the job-declarations repository holds, in the operators' words. */

/** One deployable job: a root `<job>.nomad`, or one var file of a templated directory. */
export interface Instance {
  /** The instance's own name: the var file's stem (`mesosci-cs8`) or the root file's stem (`repo`). */
  name: string;
  /** The templated directory (`ci`); undefined for root jobs. */
  dir?: string;
  /** The Nomad job ID the declaration produces (`ci-mesosci-cs8`). */
  jobName: string;
  /** Absolute path of the `.nomad` file. */
  templatePath: string;
  /** Absolute path of the var file (templated instances only). */
  varFile?: string;
  /** The var file's variables as plain data (empty for root jobs). */
  vars: Record<string, unknown>;
  /** The group count the declaration asks for (`num_builders`, else the first `count = N`). */
  declaredCount?: number;
  /** Why the instance does not render, if it does not (the job name is then a guess). */
  renderError?: string;
}

export type Resolution =
  | { kind: 'instance'; instance: Instance; candidates: Instance[]; suggestions: Instance[] }
  | { kind: 'dir'; dir: string; candidates: Instance[]; suggestions: Instance[] }
  | { kind: 'ambiguous'; candidates: Instance[]; suggestions: Instance[] }
  | { kind: 'unknown'; reason?: string; candidates: Instance[]; suggestions: Instance[] };

/** `ci/mesosci-cs8` or `repo`: how an instance is named unambiguously. */
export const instanceKey = (i: Instance): string => (i.dir ? `${i.dir}/${i.name}` : i.name);

/** A commit of the declarations repository, as plans and messages name it. */
export interface CommitInfo {
  sha: string;
  short: string;
  subject: string;
  author: string;
  /** Committer date, ISO 8601. */
  date: string;
}

/** Where a view of the declarations comes from when they live in git. */
export interface DeclarationsSource {
  commit: CommitInfo;
  /** What was asked for: the branch (the default), or the `--ref` given. */
  ref: string;
  refKind: 'branch' | 'tag' | 'commit';
  /** The branch the bot follows (`declarations.git.branch`). */
  branch: string;
  /** The remote as configured (never holds a credential). */
  url: string;
  /** Set when the fetch before this read failed: the files are those of the last fetched commit. */
  fetchProblem?: string;
}
