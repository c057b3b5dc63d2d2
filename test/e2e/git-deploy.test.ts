/**
 * Declarations from git, end to end: a real bare repository as the remote (commits pushed as an
 * operator merges), the bot's own clone, the Nomad and Slack simulators. Every plan names its
 * commit; the apply checks the branch has not moved; the commit is recorded where it runs.
 */
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf } from '../../sim/slack/index.js';
import { createLocalRemote, type LocalRemote } from '../../sim/git/local-remote.js';
import { eventually } from '../support/eventually.js';
import { ACCESS_YAML, startStack, type Stack } from '../support/stack.js';
import { ALICE, BOB, people } from './decl-helpers.js';

let s: Stack | undefined;
let remote: LocalRemote;
let cloneDir: string;
afterEach(async () => {
  await s?.close();
  s = undefined;
  remote?.remove();
  if (cloneDir) rmSync(cloneDir, { recursive: true, force: true });
});
const p = people(() => s!);

async function start(url?: string): Promise<Stack> {
  remote = createLocalRemote('examples/ci-jobs');
  cloneDir = mkdtempSync(join(tmpdir(), 'ci-chatops-clone-'));
  s = await startStack({ yaml: `${ACCESS_YAML}\ndeclarations:\n  git:\n    url: ${url ?? remote.url}\n    cloneDir: ${cloneDir}\n    fetchEvery: 10m\n` });
  return s;
}
const short = (sha: string) => sha.slice(0, 7);
/** The bot's first fetch and checkout are done: a plan is answered (asked again while a busy machine is slower than one answer's deadline). */
const fetchedOnce = () => eventually(() => p.ask(ALICE, 'plan mesosci-cs8', 'Plan of ci/mesosci-cs8'), 60_000, 'the first fetch');

describe('/ci deploy from git', () => {
  it('plans the merged commit, names it, deploys it on approval and records it: status and history show it', async () => {
    await start();
    const { sha } = remote.setVars('ci/mesosci-cs8.yaml', { num_builders: '10' }, 'Bob Builder');
    await p.type(ALICE, 'deploy mesosci-cs8');
    const plan = await p.waitFor((t) => t.includes(`Plan: deploy ci/mesosci-cs8 @ ${short(sha)} → ci-mesosci-cs8`), 'plan');
    const text = p.text(plan);
    expect(text).toContain(`📌 Declarations: main at ${short(sha)} “ci/mesosci-cs8: num_builders=10” (Bob Builder)`);
    expect(text).toContain('ci-mesosci-cs8 was not deployed from git by the bot (no commit recorded in its job versions).');
    expect(text).toContain('+/- Count: "8" => "10" (forces create)');
    await p.press(BOB, plan, 'Approve');
    const done = await p.waitFor((t) => t.includes('Applied: ci/mesosci-cs8 → ci-mesosci-cs8: 10/10 running'), 'applied');
    expect(p.text(done)).toContain(`at ${short(sha)}`);
    // The commit is not part of the job (its Meta would restart every builder on every deploy):
    // a later commit that leaves cs8 alone leaves its job alone.
    expect(s!.nomad.state.job('ci-mesosci-cs8')!.Meta ?? {}).not.toHaveProperty('ci-chatops.commit');
    const other = remote.commit({ 'jenkins-builder/o2.yaml': (t) => `${t}# note\n` }, 'jenkins: a comment');
    await p.type(ALICE, 'deploy mesosci-cs8');
    const nothing = await p.waitFor((t) => t.includes('Nothing to do'), 'no-change');
    expect(p.text(nothing)).toContain(`ci-mesosci-cs8 already runs what ci/mesosci-cs8 declares at main ${short(other)}: nothing to deploy.`);

    const status = await p.ask(ALICE, 'status ci-mesosci-cs8', 'Declarations:');
    expect(status).toMatch(new RegExp(`Declarations: deployed from ${short(sha)} “ci/mesosci-cs8: num_builders=10” \\(Bob Builder\\) in version \\d+ by op-`));
    const history = await p.ask(ALICE, 'history ci-mesosci-cs8', 'recorded action');
    expect(history).toContain(`commit ${short(sha)}`);

    // The next merge: the plan says how far the branch moved since the deployed commit.
    const second = remote.setVars('ci/mesosci-cs8.yaml', { num_builders: '12' }, 'Carol Admin');
    const answer = await p.ask(ALICE, 'plan mesosci-cs8', 'Plan of ci/mesosci-cs8');
    expect(answer).toContain(
      `ci-mesosci-cs8 runs ${short(sha)} “ci/mesosci-cs8: num_builders=10” (Bob Builder): main moved 2 commits since, 1 commit touching ci: ${short(second.sha)} “ci/mesosci-cs8: num_builders=12” (Carol Admin).`,
    );
    // A directory's plan says it for each job that would change.
    const dir = await p.ask(ALICE, 'plan ci', 'Plan of ci/');
    expect(dir).toContain(
      `ci-mesosci-cs8 runs ${short(sha)} “ci/mesosci-cs8: num_builders=10” (Bob Builder): main moved 2 commits since, 1 commit touching ci:`,
    );
    const scaled = await p.ask(ALICE, 'status ci-mesosci-cs8', 'Declarations:');
    expect(scaled).not.toContain('changed since');
  });

  it('does not apply a plan whose branch moved since: it re-plans the new head', async () => {
    await start();
    const first = remote.setVars('ci/mesosci-cs8.yaml', { num_builders: '10' }).sha;
    await p.type(ALICE, 'deploy mesosci-cs8');
    const plan = await p.waitFor((t) => t.includes(`Plan: deploy ci/mesosci-cs8 @ ${short(first)}`), 'plan');
    const moved = remote.setVars('ci/mesosci-cs8.yaml', { num_builders: '11' }, 'Carol Admin').sha;
    await p.press(BOB, plan, 'Approve');
    const old = await p.waitFor((t) => t.includes('Not applied:'), 'stale', 0);
    expect(p.text(old)).toContain(`main moved since this plan (${short(first)} → ${short(moved)} “ci/mesosci-cs8: num_builders=11”)`);
    const fresh = await p.waitFor((t) => t.includes(`Plan: deploy ci/mesosci-cs8 @ ${short(moved)}`), 'fresh plan', 1);
    expect(p.text(fresh)).toContain('+/- Count: "8" => "11" (forces create)');
    expect(s!.nomad.state.job('ci-mesosci-cs8')!.TaskGroups[0]!.Count).toBe(8);
  });

  it('a force-pushed branch: the approved plan is not applied, and the reason says so', async () => {
    await start();
    const base = remote.head();
    const planned = remote.setVars('ci/mesosci-cs8.yaml', { num_builders: '10' }).sha;
    await p.type(ALICE, 'deploy mesosci-cs8');
    const plan = await p.waitFor((t) => t.includes(`@ ${short(planned)}`), 'plan');
    const rewritten = remote.forcePush(base, { 'ci/mesosci-cs8.yaml': (t) => t.replace('num_builders: 8', 'num_builders: 9') }, 'cs8: 9 builders');
    await p.press(BOB, plan, 'Approve');
    const old = await p.waitFor((t) => t.includes('Not applied:'), 'stale', 0);
    expect(p.text(old)).toContain(`main was force-pushed since this plan: ${short(planned)} is no longer on it (now ${short(rewritten)} “cs8: 9 builders”)`);
  });

  it('a deployed commit force-pushed away: status still names it; plan and drift say it is no longer on the branch', async () => {
    await start();
    const base = remote.head();
    const deployed = remote.setVars('ci/mesosci-cs8.yaml', { num_builders: '10' }, 'Bob Builder').sha;
    await p.type(ALICE, 'deploy mesosci-cs8');
    const plan = await p.waitFor((t) => t.includes(`@ ${short(deployed)}`), 'plan');
    await p.press(BOB, plan, 'Approve');
    await p.waitFor((t) => t.includes('Applied: ci/mesosci-cs8'), 'applied');
    remote.forcePush(base, { 'ci/mesosci-cs8.yaml': (t) => t.replace('num_builders: 8', 'num_builders: 9') }, 'cs8: 9 builders');
    const gone = `runs ${short(deployed)} “ci/mesosci-cs8: num_builders=10” (Bob Builder), which is not in the history of main (force-pushed away, or another branch)`;
    expect(await p.ask(ALICE, 'plan mesosci-cs8', 'Plan of ci/mesosci-cs8')).toContain(`ci-mesosci-cs8 ${gone}.`);
    expect(await p.ask(ALICE, 'drift', 'Drift against')).toContain(`• ci/mesosci-cs8 (ci-mesosci-cs8) ${gone}: +/- Count: "10" => "9"`);
    // The bot keeps every head it fetched: the commit Nomad runs stays describable.
    expect(await p.ask(ALICE, 'status ci-mesosci-cs8', 'Declarations:')).toContain(
      `Declarations: deployed from ${short(deployed)} “ci/mesosci-cs8: num_builders=10” (Bob Builder)`,
    );
  });

  it('--ref: a tag plans and deploys its commit', async () => {
    await start();
    remote.setVars('ci/mesosci-cs8.yaml', { num_builders: '9' });
    remote.tag('v9');
    remote.setVars('ci/mesosci-cs8.yaml', { num_builders: '12' });
    const answer = await p.ask(ALICE, 'plan mesosci-cs8 --ref v9', 'Plan of ci/mesosci-cs8');
    expect(answer).toContain('📌 Declarations: tag v9 →');
    expect(answer).toContain('`/ci deploy ci/mesosci-cs8 --ref v9` asks for approval');
    await p.type(ALICE, 'deploy mesosci-cs8 --ref v9');
    const plan = await p.waitFor((t) => t.includes('Plan: deploy ci/mesosci-cs8 @'), 'plan');
    expect(p.text(plan)).toContain('+/- Count: "8" => "9"');
  });

  it('--ref that names nothing: a private answer naming the branches, nothing queued, nothing in the channel', async () => {
    await start();
    await fetchedOnce();
    const unknown = new RegExp(`^No branch, tag or commit \`v10\` in ${remote.url} \\(fetched \\d\\d:\\d\\d UTC\\)\\. Branches: \`main\`\\.$`);
    expect(await p.ask(ALICE, 'deploy mesosci-cs8 --ref v10', 'No branch')).toMatch(unknown);
    expect(await p.ask(ALICE, 'plan mesosci-cs8 --ref v10', 'No branch')).toMatch(unknown);
    expect(await p.ask(ALICE, 'deploy ci --ref mian', 'No branch')).toContain('Did you mean `main`?');
    expect(
      s!.slack.store
        .ephemeralFor({ user: ALICE })
        .map(p.text)
        .filter((t) => t.startsWith('Queued')),
    ).toEqual([]);
    expect(await s!.bot.operations.pending()).toEqual([]);
    expect(s!.read()).toEqual([]);
  });

  it('--ref names what the clone does not have yet (a tag just pushed): the bot fetches it before answering', async () => {
    await start();
    await fetchedOnce();
    const tagged = remote.setVars('ci/mesosci-cs8.yaml', { num_builders: '11' }).sha;
    remote.tag('v11');
    await p.type(ALICE, 'deploy mesosci-cs8 --ref v11');
    const plan = await p.waitFor((t) => t.includes(`Plan: deploy ci/mesosci-cs8 @ ${short(tagged)}`), 'plan');
    expect(p.text(plan)).toContain(`📌 Declarations: tag v11 → ${short(tagged)}`);
  });

  it('--ref looks names up at the ref: an instance only on another branch is planned from it', async () => {
    await start();
    remote.git('checkout', '--quiet', '-b', 'staging');
    remote.commit({ 'ci/mesosci-cs9.yaml': "---\nrole: mesosci\narch: cs9\nconfig_suffix: ''\nnum_builders: 2\n" }, 'ci: a cs9 pool');
    remote.git('push', '--quiet', 'origin', 'staging');
    remote.git('checkout', '--quiet', 'main');
    expect(await p.ask(ALICE, 'plan mesosci-cs9', 'No declaration')).toContain('No declaration called `mesosci-cs9`.');
    const staged = await p.ask(ALICE, 'plan mesosci-cs9 --ref staging', 'Plan of ci/mesosci-cs9 → ci-mesosci-cs9');
    expect(staged).toContain('📌 Declarations: staging at');
    expect(staged).toContain('“ci: a cs9 pool”');
  });

  it('a commit whose template or var file no longer renders: the Levant error with file and line, and no approval asked', async () => {
    await start();
    const broken = remote.commit({ 'ci/ci.nomad': (t) => t.replace('count = [[ .num_builders ]]', 'count = [[ .num_builders.total ]]') }, 'ci.nomad: break it');
    const answer = await p.ask(ALICE, 'plan mesosci-cs8', 'does not render');
    expect(answer).toMatch(
      new RegExp(`ci/mesosci-cs8 does not render at ${short(broken)}: template: ci\\.nomad:\\d+:\\d+: executing "ci\\.nomad" at <\\.num_builders\\.total>`),
    );
    await p.type(ALICE, 'deploy mesosci-cs8');
    const failed = await p.waitFor((t) => t.includes('Failed: deploy ci/mesosci-cs8'), 'failed plan');
    expect(buttonsOf(failed)).toEqual([]);
    // A var file that no longer parses: the file and line, as the repository names it.
    const yaml = remote.commit({ 'ci/mesosci-slc9.yaml': (t) => `${t}builders: [a,\n` }, 'slc9: a typo');
    const slc9 = await p.ask(ALICE, 'plan mesosci-slc9', 'does not render');
    expect(slc9).toMatch(new RegExp(`ci/mesosci-slc9 does not render at ${short(yaml)}: ci/mesosci-slc9\\.yaml: yaml: line \\d+: `));
    expect(slc9).not.toContain('/trees/');
  });

  it('an unreachable remote: plans and status go on from the last fetched commit; a deploy says why not and how', async () => {
    await start();
    const head = remote.head();
    await fetchedOnce();
    renameSync(remote.url, `${remote.url}.gone`);
    const plan = await p.ask(ALICE, 'plan mesosci-cs8', 'Plan of ci/mesosci-cs8');
    expect(plan).toContain(`failed: there is no repository at that address: this uses the last fetched commit.`);
    await p.ask(ALICE, 'status ci-mesosci-cs8', 'ci-mesosci-cs8');
    await p.type(ALICE, 'deploy mesosci-slc9');
    const failed = await p.waitFor((t) => t.includes('Failed: deploy'), 'failed plan');
    expect(p.text(failed)).toContain(
      `Cannot read the declarations: fetching ${remote.url} failed: there is no repository at that address. The last fetched main is ${short(head)}`,
    );
    expect(p.text(failed)).toContain(`\`--ref ${short(head)}\` uses it as it is.`);
    renameSync(`${remote.url}.gone`, remote.url);
  });
});

describe('a remote the bot never reached', () => {
  it('commands that look names up say why, in a sentence, and queue nothing', async () => {
    await start('/nonexistent/ci-jobs.git');
    const why = 'Cannot read the declarations: fetching /nonexistent/ci-jobs.git failed: there is no repository at that address. Nothing was queued.';
    expect(await p.ask(ALICE, 'deploy mesosci-cs8', 'Cannot read')).toBe(why);
    expect(await p.ask(ALICE, 'plan mesosci-cs8', 'Cannot read')).toBe(why);
    expect(await s!.bot.operations.pending()).toEqual([]);
  });
});

describe('/ci redeploy from git', () => {
  it('names the commit in the plan and records it: status shows what runs', async () => {
    await start();
    const head = remote.head();
    await p.type(ALICE, 'redeploy mesosci-slc9');
    const plan = await p.waitFor((t) => t.includes('Plan: redeploy ci-mesosci-slc9'), 'plan');
    expect(p.text(plan)).toContain(`📌 Declarations: main at ${short(head)} “Import the CI job declarations” (Alice Operator)`);
    await p.press(BOB, plan, 'Approve');
    await p.waitFor((t) => t.includes('Applied: ci-mesosci-slc9 redeployed'), 'applied');
    const status = await p.ask(ALICE, 'status ci-mesosci-slc9', 'Declarations:');
    expect(status).toContain(`Declarations: deployed from ${short(head)} “Import the CI job declarations” (Alice Operator)`);
  });
});

describe('/ci drift against the branch', () => {
  it('per job: runs the head, an older commit (with the commits since), a change by hand, or not from git', async () => {
    await start();
    const clean = await p.ask(ALICE, 'drift', 'No drift');
    expect(clean).toMatch(/✅ No drift: all 7 declared jobs run exactly what main @ [0-9a-f]{7} declares\./);
    const a = remote.setVars('ci/mesosci-cs8.yaml', { num_builders: '10' }, 'Bob Builder').sha;
    await p.type(ALICE, 'deploy mesosci-cs8');
    const plan = await p.waitFor((t) => t.includes(`Plan: deploy ci/mesosci-cs8 @ ${short(a)}`), 'plan');
    await p.press(BOB, plan, 'Approve');
    await p.waitFor((t) => t.includes('Applied: ci/mesosci-cs8'), 'applied');
    const b = remote.setVars('ci/mesosci-cs8.yaml', { num_builders: '12' }, 'Carol Admin').sha;
    s!.nomad.controls.scaleJob('ci-mesosci-slc9', 'ci', 5);
    const drift = await p.ask(ALICE, 'drift', 'Drift against');
    expect(drift).toContain(
      `Drift against main @ ${short(b)}: 1 run an older commit, 1 changed by hand or outside git, 0 declared but not running, 0 running without a declaration.`,
    );
    expect(drift).toContain(
      `• ci/mesosci-cs8 (ci-mesosci-cs8) runs the older ${short(a)} “ci/mesosci-cs8: num_builders=10” (Bob Builder); since then: ${short(b)} “ci/mesosci-cs8: num_builders=12” (Carol Admin) — \`/ci deploy ci/mesosci-cs8\` deploys main`,
    );
    expect(drift).toContain('• ci/mesosci-slc9 (ci-mesosci-slc9) differs from main and was not deployed from git by the bot: +/- Count: "5" => "4"');
    // Someone scales the deployed job by hand: that is what drift now says about it.
    s!.nomad.controls.scaleJob('ci-mesosci-cs8', 'ci', 3);
    const again = await p.ask(ALICE, 'drift', 'Drift against');
    expect(again).toMatch(
      new RegExp(
        `• ci/mesosci-cs8 \\(ci-mesosci-cs8\\) was changed by hand since it was deployed from ${short(a)} “ci/mesosci-cs8: num_builders=10” \\(Bob Builder\\) \\(1 job version since, e\\.g\\. \`/ci scale\`\\): \\+/- Count: "3" => "12"`,
      ),
    );
  });
});
