/**
 * The demo follows a git repository made from examples/ci-jobs: a merge made with
 * `sim git commit` is planned in #ci-ops, approved, deployed, and the commit is recorded.
 */
import { describe, expect, it } from 'vitest';
import { spawnDemo } from './demo-process.js';

describe('the demo on declarations in git (issue 20)', () => {
  it('sim git commit → plan on merge with the commit → approve → deployed, the commit in status and history', async () => {
    const demo = spawnDemo({ viaNpm: true });
    demo.write(
      'sim git commit ci/mesosci-cs8.yaml num_builders=10\nas bob\napprove\n/ci status ci-mesosci-cs8\n/ci history ci-mesosci-cs8\nsim git commit ci/nope.yaml x=1\n',
    );
    demo.child.stdin!.end();
    expect(await demo.exited).toBe(0);
    const out = demo.output();
    expect(out).toMatch(
      /Declarations: a git repository made from examples\/ci-jobs \(.*ci-jobs\.git, branch main\); the bot follows it and plans every merge in #ci-ops\./,
    );
    const merged = /\(sim: alice merged ([0-9a-f]{7}) “ci\/mesosci-cs8: num_builders=10” into main; the git host's push webhook answered 202\)/.exec(out);
    expect(merged, out.slice(-3000)).not.toBeNull();
    const sha = merged![1]!;
    expect(out).toContain(`📋 Plan: deploy ci/mesosci-cs8 @ ${sha} → ci-mesosci-cs8 (ci: 2 create, 8 create/destroy update)`);
    expect(out).toContain(`📌 Declarations: main at ${sha} “ci/mesosci-cs8: num_builders=10” (alice)`);
    expect(out).toContain(`✅ Applied: ci/mesosci-cs8 → ci-mesosci-cs8: 10/10 running · at ${sha}`);
    expect(out).toMatch(new RegExp(`Declarations: deployed from ${sha} “ci/mesosci-cs8: num_builders=10” \\(alice\\) in version \\d+ by op-merge-`));
    expect(out).toMatch(new RegExp(`apply +op-merge-\\S+ +ci-mesosci-cs8 .*commit ${sha}`));
    expect(out).toContain('(sim: there is no ci/nope.yaml in the repository');
  }, 120_000);
});
