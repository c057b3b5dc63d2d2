/**
 * `/ci drift` with declarations in git: why a job differs from the branch's head. It runs an
 * older commit (and these commits came since), it was changed by hand (a `/ci scale`, a `nomad
 * job run`) since the commit it was deployed from, or it was never deployed from git.
 */
import type { DeclarationsView, JobDeps } from '../../src/ports.js';
import { commitText } from '../commit-notes.js';
import { type InstancePlan, diffHeadline, loadView, planInstance } from '../declared.js';
import { deployedCommit } from '../deployed-commit.js';

export type GitDrift = { kind: 'older'; line: string } | { kind: 'by-hand'; line: string } | { kind: 'outside'; line: string };

/** Classifies one job that differs from the head's declaration. */
export async function classifyDrift(view: DeclarationsView, p: InstancePlan, deps: JobDeps): Promise<GitDrift> {
  const git = deps.declarations!.git!;
  const head = view.source!;
  const diff = diffHeadline(p.diffText);
  const restore = `\`/ci deploy ${p.key}\` deploys ${head.ref}`;
  const deployed = p.running ? await deployedCommit(p.job.ID, deps, p.running) : undefined;
  if (!deployed)
    return { kind: 'outside', line: `• ${p.key} (${p.job.ID}) differs from ${head.ref} and was not deployed from git by the bot: ${diff} — ${restore}` };
  const d = await git.describe(deployed.sha);
  const name = d ? commitText(d) : deployed.sha.slice(0, 7);
  const at = deployed.sha === head.commit.sha ? undefined : await loadView(deps, { ref: deployed.sha, fetch: 'no' });
  const same = at === undefined ? p : typeof at === 'string' ? undefined : await planInstance(at, p.key, deps);
  // The running job is what its commit declares, unless it changed since (a scale, a run by hand).
  const asDeployed = same?.ok === true && (same === p ? false : !same.changed);
  if (!asDeployed) {
    const since = deployed.laterVersions ? ` (${deployed.laterVersions} job version${deployed.laterVersions === 1 ? '' : 's'} since, e.g. \`/ci scale\`)` : '';
    return { kind: 'by-hand', line: `• ${p.key} (${p.job.ID}) was changed by hand since it was deployed from ${name}${since}: ${diff} — ${restore}` };
  }
  const forced = !(await git.isAncestor(deployed.sha, head.commit.sha).catch(() => false));
  if (forced)
    return {
      kind: 'older',
      line: `• ${p.key} (${p.job.ID}) runs ${name}, which is not in the history of ${head.ref} (force-pushed away, or another branch): ${diff} — ${restore}`,
    };
  const between = await git.between(deployed.sha, head.commit.sha, git.pathsOf(view, p.instance));
  const list = between
    .slice(0, 5)
    .map((c) => `${c.short} “${c.subject}” (${c.author})`)
    .join('; ');
  return {
    kind: 'older',
    line: `• ${p.key} (${p.job.ID}) runs the older ${name}; since then: ${list}${between.length > 5 ? `; … ${between.length - 5} more` : ''} — ${restore}`,
  };
}
