/**
 * A git host on this machine: a bare repository (the "remote" the bot clones and fetches) and a
 * working clone where commits are made and pushed, like an operator merging a pull request.
 * Real git, no network. Used by the tests and by the demo's `sim git commit …`.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseDocument } from 'yaml';

export interface LocalRemote {
  /** The bare repository: what `declarations.git.url` points at. */
  url: string;
  /** The branch commits go to. */
  branch: string;
  /** Writes `files` (path → text) in the working clone, commits them as `author` and pushes. Returns the new sha. */
  commit(files: Record<string, string | ((old: string) => string)>, message: string, author?: string): string;
  /** `ci/mesosci-cs8.yaml num_builders=10`: sets top-level keys of a YAML var file, commits and pushes. */
  setVars(file: string, assignments: Record<string, string>, author?: string): { sha: string; message: string };
  /** Replaces the branch with `sha`'s history plus a new commit (a force-push), returning the new head. */
  forcePush(toSha: string, files: Record<string, string | ((old: string) => string)>, message: string): string;
  tag(name: string, sha?: string): void;
  head(): string;
  /** Runs git in the working clone (for scenarios the helpers do not cover). */
  git(...args: string[]): string;
  remove(): void;
}

const ENV = (author: string) => ({
  ...process.env,
  LC_ALL: 'C',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: author,
  GIT_AUTHOR_EMAIL: `${author.toLowerCase().replace(/\W+/g, '.')}@example.org`,
  GIT_COMMITTER_NAME: author,
  GIT_COMMITTER_EMAIL: `${author.toLowerCase().replace(/\W+/g, '.')}@example.org`,
});

/** A remote whose first commit holds `from` (a directory in the ci-jobs layout), under `path` inside the repository. */
export function createLocalRemote(from: string, opts: { branch?: string; path?: string; author?: string } = {}): LocalRemote {
  const root = mkdtempSync(join(tmpdir(), 'ci-jobs-remote-'));
  const bare = join(root, 'ci-jobs.git');
  const work = join(root, 'work');
  const branch = opts.branch ?? 'main';
  const run = (cwd: string, args: string[], author = opts.author ?? 'Alice Operator') =>
    execFileSync('git', args, { cwd, env: ENV(author), encoding: 'utf8' }).trim();
  run(root, ['init', '--quiet', '--bare', `--initial-branch=${branch}`, bare]);
  run(root, ['init', '--quiet', `--initial-branch=${branch}`, work]);
  cpSync(from, join(work, opts.path ?? ''), { recursive: true });
  run(work, ['add', '-A']);
  run(work, ['commit', '--quiet', '-m', 'Import the CI job declarations']);
  run(work, ['remote', 'add', 'origin', bare]);
  run(work, ['push', '--quiet', 'origin', branch]);
  const write = (files: Record<string, string | ((old: string) => string)>) => {
    for (const [path, text] of Object.entries(files)) {
      const file = join(work, opts.path ?? '', path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, typeof text === 'string' ? text : text(readFileSync(file, 'utf8')));
    }
  };
  const remote: LocalRemote = {
    url: bare,
    branch,
    commit(files, message, author) {
      write(files);
      run(work, ['add', '-A'], author);
      run(work, ['commit', '--quiet', '--allow-empty', '-m', message], author);
      run(work, ['push', '--quiet', 'origin', branch], author);
      return remote.head();
    },
    setVars(file, assignments, author) {
      const path = join(work, opts.path ?? '', file);
      const doc = parseDocument(readFileSync(path, 'utf8'));
      for (const [k, v] of Object.entries(assignments)) doc.set(k, parseDocument(v).toJS());
      const message = `${file.replace(/\.ya?ml$/, '')}: ${Object.entries(assignments)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`;
      return { sha: remote.commit({ [file]: doc.toString() }, message, author), message };
    },
    forcePush(toSha, files, message) {
      run(work, ['reset', '--quiet', '--hard', toSha]);
      write(files);
      run(work, ['add', '-A']);
      run(work, ['commit', '--quiet', '--allow-empty', '-m', message]);
      run(work, ['push', '--quiet', '--force', 'origin', branch]);
      return remote.head();
    },
    tag(name, sha) {
      run(work, ['tag', name, sha ?? 'HEAD']);
      run(work, ['push', '--quiet', 'origin', name]);
    },
    head: () => run(work, ['rev-parse', 'HEAD']),
    git: (...args) => run(work, args),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
  return remote;
}
