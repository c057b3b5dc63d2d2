/** Parsers of /ci plan, deploy, redeploy, stop and drift: pure tables over a world snapshot. */
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../commands/index.js';
import { deploy } from '../../commands/deploy.js';
import { drift } from '../../commands/drift.js';
import { plan } from '../../commands/plan.js';
import { redeploy } from '../../commands/redeploy.js';
import { stop } from '../../commands/stop.js';
import type { CommandContext, CommandModule, KnownDeclarations } from '../../src/operations/index.js';

const declarations: KnownDeclarations = {
  dirs: ['ci', 'jenkins-builder', 'other'],
  instances: [
    { key: 'repo', name: 'repo', jobName: 'repo' },
    { key: 'ci/mesosci-cs8', name: 'mesosci-cs8', dir: 'ci', jobName: 'ci-mesosci-cs8' },
    { key: 'ci/mesosci-slc9', name: 'mesosci-slc9', dir: 'ci', jobName: 'ci-mesosci-slc9' },
    { key: 'jenkins-builder/alice', name: 'alice', dir: 'jenkins-builder', jobName: 'jenkins-builder-alice' },
    { key: 'other/alice', name: 'alice', dir: 'other', jobName: 'other-alice' },
  ],
};
const ctx: CommandContext = {
  userId: 'U0ALICE',
  channelId: 'C0CIOPS',
  world: {
    declarations,
    jobs: [
      { id: 'ci-mesosci-cs8', status: 'running', groups: [{ name: 'ci' }] },
      { id: 'old-job', status: 'dead', groups: [{ name: 'g' }] },
    ],
  },
  scaleLimits: () => ({ maxCount: 50, allowZero: false }),
};
const run = (m: CommandModule, text: string, c: CommandContext = ctx) => m.parse(tokenize(text), c);
const cs8 = { instance: 'ci/mesosci-cs8', jobId: 'ci-mesosci-cs8' };

describe('/ci deploy and /ci plan name resolution', () => {
  it.each(['mesosci-cs8', 'ci-mesosci-cs8', 'ci/mesosci-cs8', 'ci/mesosci-cs8.yaml'])('%s is the instance ci/mesosci-cs8', (text) => {
    expect(run(deploy, text)).toEqual({ type: 'operation', request: { kind: 'nomad.deploy', v: 1, targets: [cs8], typed: text } });
    expect(run(plan, text)).toEqual({ type: 'read', request: { kind: 'nomad.plan', v: 1, targets: [cs8] } });
  });

  it('a directory means every instance in it, in order', () => {
    expect(run(deploy, 'ci')).toMatchObject({
      type: 'operation',
      request: { dir: 'ci', targets: [cs8, { instance: 'ci/mesosci-slc9', jobId: 'ci-mesosci-slc9' }] },
    });
    expect(run(plan, 'ci/')).toMatchObject({ type: 'read', request: { dir: 'ci', targets: [cs8, { instance: 'ci/mesosci-slc9' }] } });
  });

  it.each([
    [
      'alice',
      '`alice` could mean `jenkins-builder/alice` (job jenkins-builder-alice) or `other/alice` (job other-alice). Say which, e.g. `/ci deploy jenkins-builder/alice`.',
    ],
    ['mesosci-cs9', 'No declaration called `mesosci-cs9`. Did you mean `ci/mesosci-cs8` (job ci-mesosci-cs8) or `ci/mesosci-slc9` (job ci-mesosci-slc9)?'],
    ['../ci/mesosci-cs8', '`../ci/mesosci-cs8` is not a declaration name: use `<instance>` or `<dir>/<instance>`, e.g. `/ci deploy ci/mesosci-cs8`.'],
    ['', 'Which declaration? Usage: `/ci deploy <instance|dir> [--ref <branch|tag|commit>]`   e.g. `/ci deploy mesosci-cs8` or `/ci deploy ci`'],
    ['ci extra', 'Too many words: `extra`. Usage: `/ci deploy <instance|dir> [--ref <branch|tag|commit>]`   e.g. `/ci deploy mesosci-cs8` or `/ci deploy ci`'],
    ['--force', 'Unknown option `--force`. Usage: `/ci deploy <instance|dir> [--ref <branch|tag|commit>]`   e.g. `/ci deploy mesosci-cs8` or `/ci deploy ci`'],
  ])('deploy %j → a question or a usage, never a guess', (text, reply) => {
    expect(run(deploy, text)).toEqual({ type: 'reply', error: true, text: reply });
  });

  it('says so when no repository is configured', () => {
    const none = { ...ctx, world: {} };
    expect(run(plan, 'repo', none)).toMatchObject({ type: 'reply', error: true, text: expect.stringContaining('`declarations.dir`') });
  });
});

describe('--ref (declarations in git)', () => {
  const inGit = { ...ctx, world: { ...ctx.world, declarations: { ...declarations, git: true } } };
  it.each(['mesosci-cs8 --ref v1.2', '--ref v1.2 mesosci-cs8', 'mesosci-cs8 --ref=v1.2', 'mesosci-cs8 -ref v1.2'])('%s', (text) => {
    expect(run(deploy, text, inGit)).toEqual({ type: 'operation', request: { kind: 'nomad.deploy', v: 1, targets: [cs8], ref: 'v1.2', typed: 'mesosci-cs8' } });
    expect(run(plan, text, inGit)).toEqual({ type: 'read', request: { kind: 'nomad.plan', v: 1, targets: [cs8], ref: 'v1.2' } });
  });

  it.each([
    ['mesosci-cs8 --ref', '`--ref` needs a value.'],
    ['mesosci-cs8 --ref main..evil', '`main..evil` is not a branch, tag or commit name (e.g. `main`, `v1.2`, `3f2a1bc`).'],
    ['mesosci-cs8 --ref=--upload-pack=x', '`--upload-pack=x` is not a branch, tag or commit name'],
    ['mesosci-cs8 --ref main@{1}', '`main@{1}` is not a branch, tag or commit name'],
    ['mesosci-cs8 --ref a --ref b', '`--ref` is given twice.'],
  ])('%s is refused: %s', (text, problem) => {
    expect(run(deploy, text, inGit)).toMatchObject({ type: 'reply', error: true, text: expect.stringContaining(problem) });
  });

  it('asks for the names at the ref, and only for a well-formed one', () => {
    expect(deploy.worldOptions!(tokenize('mesosci-cs8 --ref v1.2'))).toEqual({ ref: 'v1.2' });
    expect(plan.worldOptions!(tokenize('--ref=3f2a1bc ci'))).toEqual({ ref: '3f2a1bc' });
    expect(deploy.worldOptions!(tokenize('mesosci-cs8'))).toEqual({});
    expect(deploy.worldOptions!(tokenize('mesosci-cs8 --ref main..evil'))).toEqual({});
  });

  it('a ref the repository does not have is answered with what the world says, nothing queued', () => {
    const problem = 'No branch, tag or commit `v10` in git@github.com:alisw/ci-jobs.git (fetched 11:52 UTC). Branches: `main`.';
    const unknown = { ...ctx, world: { declarations: { instances: [], dirs: [], git: true, refProblem: problem } } };
    expect(run(deploy, 'mesosci-cs8 --ref v10', unknown)).toEqual({ type: 'reply', error: true, text: problem });
    expect(run(plan, 'ci --ref v10', unknown)).toEqual({ type: 'reply', error: true, text: problem });
  });

  it('a plain directory has no refs', () => {
    expect(run(plan, 'mesosci-cs8 --ref main')).toMatchObject({
      type: 'reply',
      error: true,
      text: expect.stringContaining('`--ref` needs the declarations in git (`declarations.git` in chatops.yaml); these are a plain directory.'),
    });
  });
});

describe('/ci redeploy', () => {
  it('takes one instance', () => {
    expect(run(redeploy, 'mesosci-cs8')).toEqual({ type: 'operation', request: { kind: 'nomad.redeploy', v: 1, target: cs8, typed: 'mesosci-cs8' } });
  });
  it('refuses a directory, naming its instances', () => {
    expect(run(redeploy, 'ci')).toMatchObject({
      type: 'reply',
      error: true,
      text: expect.stringContaining('`ci/` is a directory: redeploy one instance at a time (`ci/mesosci-cs8`, `ci/mesosci-slc9`)'),
    });
  });
});

describe('/ci stop', () => {
  it.each([
    ['mesosci-cs8', false],
    ['ci-mesosci-cs8 --purge', true],
    ['--purge ci/mesosci-cs8', true],
  ])('%s', (text, purge) => {
    expect(run(stop, text)).toMatchObject({ type: 'operation', request: { kind: 'nomad.stop', v: 1, jobId: 'ci-mesosci-cs8', purge } });
  });
  it.each([
    ['', 'Which job?'],
    ['mesosci-cs8 --force', 'Unknown option `--force`.'],
    ['nosuchjob', 'No job or declaration called `nosuchjob`.'],
  ])('%j is refused', (text, reply) => {
    expect(run(stop, text)).toMatchObject({ type: 'reply', error: true, text: expect.stringContaining(reply) });
  });
  it('a stopped job needs --purge to do anything', () => {
    expect(run(stop, 'old-job')).toEqual({ type: 'reply', text: 'old-job is already stopped. `/ci stop old-job --purge` removes it from Nomad.' });
    expect(run(stop, 'old-job --purge')).toMatchObject({ type: 'operation', request: { purge: true } });
  });
});

describe('/ci drift', () => {
  it('takes no arguments', () => {
    expect(run(drift, '')).toEqual({ type: 'read', request: { kind: 'nomad.drift', v: 1 } });
    expect(run(drift, 'ci')).toMatchObject({ type: 'reply', error: true });
  });
});
