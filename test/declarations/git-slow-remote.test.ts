/**
 * A remote that stops answering (a firewall dropping packets): the fetch waits for its timeout,
 * and nothing read-only waits with it. The remote is git's own smart-HTTP server (`git
 * http-backend`) over a real bare repository; `hang()` makes it accept and never answer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { GitDeclarations, UnknownRefError } from '../../src/declarations/git/source.js';
import { createLocalRemote } from '../../sim/git/local-remote.js';
import { startHttpGitRemote } from '../../sim/git/http-remote.js';
import { eventually } from '../support/eventually.js';
import { TestClock } from '../support/test-clock.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(readWaitMs = 60_000) {
  const remote = createLocalRemote('examples/ci-jobs');
  cleanups.push(() => remote.remove());
  const http = await startHttpGitRemote(remote.url);
  cleanups.push(() => http.close());
  const cloneDir = mkdtempSync(join(tmpdir(), 'ci-chatops-clone-'));
  cleanups.push(() => rmSync(cloneDir, { recursive: true, force: true }));
  const git = new GitDeclarations({
    url: http.url,
    branch: 'main',
    path: '',
    cloneDir,
    fetchEveryMs: 60_000,
    // Longer than any test: the fetch of a hanging remote ends only when the test lets it.
    fetchTimeoutMs: 10 * 60_000,
    readWaitMs,
    credentials: {},
    processEnv: process.env,
    clock: new TestClock(),
    log: createLogger({ level: 'silent' }),
  });
  cleanups.push(() => git.stop());
  return { remote, http, git };
}

/** A promise's state, without waiting for it. */
function track<T>(p: Promise<T>): { settled: () => boolean; value: Promise<T> } {
  let settled = false;
  void p.then(
    () => (settled = true),
    () => (settled = true),
  );
  return { settled: () => settled, value: p };
}

describe('declarations.git: a remote that hangs', () => {
  it('the smart-HTTP remote serves a clone as a git host does', async () => {
    const { remote, git } = await setup();
    const d = await git.load();
    expect(d.source!.commit.sha).toBe(remote.head());
    const moved = remote.setVars('ci/mesosci-cs8.yaml', { num_builders: '10' });
    expect((await git.load()).source!.commit.sha).toBe(moved.sha);
  });

  it('reads of the clone wait for no fetch: what runs, the commits since, refs, names', async () => {
    const { remote, http, git } = await setup();
    const first = (await git.load()).source!.commit;
    remote.setVars('ci/mesosci-cs8.yaml', { num_builders: '10' });
    http.hang();
    const fetch = track(git.fetch());
    await eventually(() => http.hanging() > 0 || undefined, 20_000, 'the fetch reaching the remote');

    expect(await git.repo.describe(first.sha)).toEqual(first);
    expect(await git.repo.between(first.sha, first.sha)).toEqual([]);
    expect(await git.repo.isAncestor(first.sha, first.sha)).toBe(true);
    expect(await git.repo.head('main')).toBe(first.sha);
    expect(await git.repo.resolve(first.short)).toEqual({ sha: first.sha, kind: 'commit' });
    expect(await git.repo.branches()).toEqual(['main']);
    // A name lookup reads the last fetched commit, checkout included.
    const names = await git.load({ fetch: 'no', read: true });
    expect(names.source!.commit.sha).toBe(first.sha);
    expect(names.list().length).toBeGreaterThan(0);
    // All of the above while the fetch was still waiting for the remote.
    expect(fetch.settled()).toBe(false);
    expect(http.hanging()).toBeGreaterThan(0);

    http.serve(); // the held connection is cut: the fetch fails, and says so
    expect(await fetch.value).toEqual({ problem: expect.stringMatching(`^fetching ${http.url} failed: `) });
  });

  it('a read-only plan waits for the fetch only readWait, then reads the last fetched commit and says so', async () => {
    const { remote, http, git } = await setup(1_000);
    const first = (await git.load()).source!.commit;
    const second = remote.setVars('ci/mesosci-cs8.yaml', { num_builders: '10' }, 'Carol Admin');
    http.hang();
    const plan = await git.load({ fetch: 'try', read: true });
    expect(plan.source!.commit.sha).toBe(first.sha);
    expect(plan.source!.fetchProblem).toBe(`fetching ${http.url} has not finished after 1 s`);
    // The fetch goes on: a deploy waits (for the fetch after it), as it must deploy the branch as it is.
    expect(http.hanging()).toBeGreaterThan(0);
    const deploy = track(git.load({ fetch: 'required' }));
    expect(deploy.settled()).toBe(false);
    http.serve();
    expect((await deploy.value).source!.commit.sha).toBe(second.sha);
    expect(git.lastFetch).toMatchObject({ ok: true, head: second.sha });
  });

  it('--ref names a ref the clone has: no fetch; one it does not have yet: fetched; neither: UnknownRefError', async () => {
    const { remote, http, git } = await setup();
    const first = (await git.load()).source!.commit;
    remote.tag('v1');
    await git.fetch();
    http.hang();
    // In the clone already: answered while the remote hangs.
    expect((await git.load({ ref: 'v1', fetch: 'unknown', read: true })).source).toMatchObject({ ref: 'v1', refKind: 'tag', commit: first });
    expect(http.hanging()).toBe(0);
    http.serve();
    // Tagged after the last fetch: the lookup fetches.
    const later = remote.setVars('ci/mesosci-cs8.yaml', { num_builders: '9' }).sha;
    remote.tag('v2');
    expect((await git.load({ ref: 'v2', fetch: 'unknown', read: true })).source!.commit.sha).toBe(later);
    const err = await git.load({ ref: 'v3', fetch: 'unknown', read: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownRefError);
    expect((err as Error).message).toMatch(
      new RegExp(`^No branch, tag or commit \`v3\` in ${http.url} \\(fetched \\d\\d:\\d\\d UTC\\)\\. Branches: \`main\`\\.$`),
    );
  });
});
