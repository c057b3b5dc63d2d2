/**
 * The declarations as a git repository, against a real bare repository on this machine: real
 * commits, real fetches, no network.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { GitDeclarations } from '../../src/declarations/git/source.js';
import { createLocalRemote } from '../../sim/git/local-remote.js';
import { TestClock } from '../support/test-clock.js';
import { instanceKey } from '../../src/declarations/index.js';
import { Writable } from 'node:stream';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function setup(opts: { url?: string; path?: string; remotePath?: string; token?: string } = {}) {
  const remote = createLocalRemote('examples/ci-jobs', { path: opts.remotePath ?? '' });
  const cloneDir = mkdtempSync(join(tmpdir(), 'ci-chatops-clone-'));
  const logs: string[] = [];
  const log = createLogger({
    level: 'debug',
    destination: new Writable({
      write: (c, _e, cb) => {
        logs.push(String(c));
        cb();
      },
    }),
  });
  const git = new GitDeclarations({
    url: opts.url ?? remote.url,
    branch: 'main',
    path: opts.path ?? '',
    cloneDir,
    fetchEveryMs: 60_000,
    fetchTimeoutMs: 20_000,
    credentials: opts.token ? { token: opts.token } : {},
    processEnv: process.env,
    clock: new TestClock(),
    log,
  });
  cleanups.push(() => {
    git.stop();
    remote.remove();
    rmSync(cloneDir, { recursive: true, force: true });
  });
  return { remote, git, cloneDir, logs };
}

const cs8 = (d: Awaited<ReturnType<GitDeclarations['load']>>) => d.list().find((i) => instanceKey(i) === 'ci/mesosci-cs8')!;

describe('declarations.git', () => {
  it('plans from the fetched head and names its commit: sha, subject, author', async () => {
    const { remote, git } = setup();
    const d = await git.load();
    expect(d.source).toMatchObject({
      ref: 'main',
      refKind: 'branch',
      branch: 'main',
      commit: { sha: remote.head(), subject: 'Import the CI job declarations', author: 'Alice Operator' },
    });
    expect(d.source!.commit.short).toBe(remote.head().slice(0, d.source!.commit.short.length));
    expect(d.list().map(instanceKey)).toContain('ci/mesosci-cs8');
    expect(cs8(d).declaredCount).toBe(8);
    expect(d.label).toBe(`main @ ${d.source!.commit.short}`);
  });

  it('a merge is seen by the next fetch: the new commit, and listeners told where the branch was and is', async () => {
    const { remote, git } = setup();
    const moves: { previous?: string | undefined; head: string; forced: boolean }[] = [];
    git.onHeadMoved((m) => void moves.push(m));
    const first = await git.load();
    const { sha } = remote.setVars('ci/mesosci-cs8.yaml', { num_builders: '10' }, 'Bob Builder');
    const second = await git.load();
    expect(second.source!.commit).toMatchObject({ sha, subject: 'ci/mesosci-cs8: num_builders=10', author: 'Bob Builder' });
    expect(cs8(second).declaredCount).toBe(10);
    expect(cs8(first).declaredCount).toBe(8); // a commit's files never change
    expect(moves).toEqual([
      { previous: undefined, head: first.source!.commit.sha, forced: false },
      { previous: first.source!.commit.sha, head: sha, forced: false },
    ]);
    expect((await git.repo.between(first.source!.commit.sha, sha, ['ci'])).map((c) => c.subject)).toEqual(['ci/mesosci-cs8: num_builders=10']);
    expect(await git.repo.between(first.source!.commit.sha, sha, ['jenkins-builder'])).toEqual([]);
  });

  it('--ref: a tag, a short sha, another branch; an unknown ref names the branches', async () => {
    const { remote, git } = setup();
    const v1 = remote.head();
    remote.tag('v1');
    remote.setVars('ci/mesosci-cs8.yaml', { num_builders: '12' });
    remote.git('checkout', '--quiet', '-b', 'staging');
    remote.commit({ 'ci/mesosci-cs8.yaml': (t) => t.replace(/num_builders: \d+/, 'num_builders: 3') }, 'try 3 builders');
    remote.git('push', '--quiet', 'origin', 'staging');
    const tagged = await git.load({ ref: 'v1' });
    expect(tagged.source).toMatchObject({ ref: 'v1', refKind: 'tag', commit: { sha: v1 } });
    expect(cs8(tagged).declaredCount).toBe(8);
    const bySha = await git.load({ ref: v1.slice(0, 8) });
    expect(bySha.source).toMatchObject({ refKind: 'commit', commit: { sha: v1 } });
    expect(cs8(await git.load({ ref: 'staging' })).declaredCount).toBe(3);
    expect(cs8(await git.load()).declaredCount).toBe(12);
    await expect(git.load({ ref: 'stagign' })).rejects.toThrow(
      /No branch, tag or commit `stagign` in .*ci-jobs\.git \(fetched \d\d:\d\d UTC\)\. Did you mean `staging`\?/,
    );
    await expect(git.load({ ref: 'deadbeef' })).rejects.toThrow(/No branch, tag or commit `deadbeef`.* Branches: `main`, `staging`\./);
    await expect(git.load({ ref: '--upload-pack=touch /tmp/x' })).rejects.toThrow('is not a branch, tag or commit name');
    await expect(git.load({ ref: 'main..staging' })).rejects.toThrow('is not a branch, tag or commit name');
  });

  it('a force-pushed branch: the fetch says so, and the commit it dropped stays readable', async () => {
    const { remote, git } = setup();
    const base = remote.head();
    const dropped = remote.setVars('ci/mesosci-cs8.yaml', { num_builders: '10' }).sha;
    await git.load();
    const moves: boolean[] = [];
    git.onHeadMoved((m) => void moves.push(m.forced));
    const rewritten = remote.forcePush(base, { 'README.md': 'rewritten history\n' }, 'rewrite');
    const after = await git.load();
    expect(after.source!.commit.sha).toBe(rewritten);
    expect(moves).toEqual([true]);
    expect(await git.repo.isAncestor(dropped, rewritten)).toBe(false);
    expect(cs8(await git.load({ ref: dropped })).declaredCount).toBe(10);
    expect((await git.repo.describe(dropped))?.subject).toBe('ci/mesosci-cs8: num_builders=10');
  });

  it('an unreachable remote: reads go on from the last fetched commit and say so; a deploy is refused with the way out', async () => {
    const { remote, git, cloneDir } = setup();
    const first = await git.load();
    // The remote goes away (moved, host down): every later fetch fails.
    remote.remove();
    const read = await git.load({ fetch: 'try' });
    expect(read.source!.commit.sha).toBe(first.source!.commit.sha);
    expect(read.source!.fetchProblem).toMatch(/^fetching .*ci-jobs\.git failed: there is no repository at that address$/);
    await expect(git.load({ fetch: 'required' })).rejects.toThrow(
      new RegExp(
        `Cannot read the declarations: fetching .* failed: there is no repository at that address\\. The last fetched main is ${first.source!.commit.short} \\(“Import the CI job declarations”\\); \`--ref ${first.source!.commit.short}\` uses it as it is\\.`,
      ),
    );
    // A commit id cannot move: it deploys without a fetch.
    expect((await git.load({ fetch: 'required', ref: first.source!.commit.sha })).source!.fetchProblem).toContain('failed');
    expect(git.lastFetch).toMatchObject({ ok: false, head: first.source!.commit.sha });
    rmSync(cloneDir, { recursive: true, force: true });
  });

  it('a remote that never answered: nothing to read, and why', async () => {
    const { git } = setup({ url: 'http://127.0.0.1:9/ci-jobs.git' });
    await expect(git.load()).rejects.toThrow('Cannot read the declarations: fetching http://127.0.0.1:9/ci-jobs.git failed: the host is unreachable.');
  });

  it('an HTTPS token goes in a header git is given through its environment: never in an error, a log line or the URL', async () => {
    const token = 'glpat-SECRETTOKEN123456';
    const seen: { url: string; auth: string | undefined }[] = [];
    const server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', auth: req.headers.authorization });
      res.writeHead(403).end('denied');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => server.close());
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alice/ci-jobs.git`;
    const { git, logs } = setup({ url, token });
    const err = (await git.load().catch((e: unknown) => e)) as Error;
    expect(err.message).toBe(
      `Cannot read the declarations: fetching ${url} failed: the remote refused the credentials (CHATOPS_GIT_SSH_KEY or CHATOPS_GIT_TOKEN).`,
    );
    const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
    expect(seen[0]).toEqual({ url: '/alice/ci-jobs.git/info/refs?service=git-upload-pack', auth: `Basic ${basic}` });
    expect(logs.join('')).not.toContain(token);
    expect(logs.join('')).not.toContain(basic);
  });

  it('a sub-directory of the repository, and one that does not exist at the commit', async () => {
    const { git } = setup({ remotePath: 'nomad/ci-jobs', path: 'nomad/ci-jobs' });
    expect(cs8(await git.load()).declaredCount).toBe(8);
    const { git: wrong } = setup({ path: 'nomad/elsewhere' });
    await expect(wrong.load()).rejects.toThrow(/`nomad\/elsewhere` \(declarations\.git\.path\) does not exist at [0-9a-f]{7}/);
  });

  it('never plans from local changes: an edited checkout is put back to its commit', async () => {
    const { git, cloneDir, logs } = setup();
    const d = await git.load();
    const tree = join(cloneDir, 'trees', d.source!.commit.sha);
    writeFileSync(join(tree, 'ci', 'mesosci-cs8.yaml'), 'num_builders: 99\n');
    writeFileSync(join(tree, 'ci', 'extra.yaml'), 'num_builders: 1\n');
    const again = await git.load();
    expect(cs8(again).declaredCount).toBe(8);
    expect(again.list().map(instanceKey)).not.toContain('ci/extra');
    expect(logs.join('')).toContain('had local changes; they were discarded');
  });
});
