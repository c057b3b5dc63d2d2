/**
 * The lines a plan of declarations in git adds: which commit it renders (sha, subject, author),
 * and for each job how far the branch moved since the commit it runs.
 */
import type { DeclarationsView, JobDeps, NomadJob } from '../src/ports.js';
import { deployedCommit } from './deployed-commit.js';

/** `3f2a1bc “ci/mesosci-cs8: num_builders=10” (Bob Builder)` */
export const commitText = (c: { short: string; subject: string; author: string }): string => `${c.short} “${c.subject}” (${c.author})`;

/** The plan's commit line, and the fetch problem when the plan used the last fetched commit. */
export function sourceLines(view: DeclarationsView): string[] {
  const s = view.source;
  if (!s) return [];
  const what = s.refKind === 'branch' ? `${s.ref} at` : s.refKind === 'tag' ? `tag ${s.ref} →` : 'commit';
  const lines = [`📌 Declarations: ${what} ${commitText(s.commit)}`];
  if (s.fetchProblem) lines.push(`⚠️ ${s.fetchProblem}: this uses the last fetched commit.`);
  return lines;
}

/**
 * "ci-mesosci-cs8 runs 9e8d7c6: main moved 3 commits since (1 touching ci/: 3f2a1bc “…”)".
 * Undefined when there is nothing to say (not git, or the job is not running).
 */
export async function movedSince(view: DeclarationsView, key: string, running: NomadJob | undefined, deps: JobDeps): Promise<string | undefined> {
  const git = deps.declarations?.git;
  const to = view.source?.commit;
  if (!git || !to || !running) return undefined;
  const r = view.resolve(key);
  const deployed = await deployedCommit(running.ID, deps, running);
  if (!deployed) return `${running.ID} was not deployed from git by the bot (no commit recorded in its job versions).`;
  const d = await git.describe(deployed.sha);
  const name = d ? commitText(d) : deployed.sha.slice(0, 7);
  const since = deployed.laterVersions
    ? ` (changed since without a deploy: ${deployed.laterVersions} later job version${deployed.laterVersions === 1 ? '' : 's'}, e.g. \`/ci scale\`)`
    : '';
  if (deployed.sha === to.sha) return `${running.ID} runs this commit${since}.`;
  if (!(await git.isAncestor(deployed.sha, to.sha).catch(() => false))) {
    return `${running.ID} runs ${name}, which is not in the history of ${view.source!.ref} (force-pushed away, or another branch)${since}.`;
  }
  const all = await git.between(deployed.sha, to.sha);
  const paths = r.kind === 'instance' ? git.pathsOf(view, r.instance) : [];
  const touching = paths.length ? await git.between(deployed.sha, to.sha, paths) : [];
  const n = (k: number) => `${k >= 50 ? '50+' : k} commit${k === 1 ? '' : 's'}`;
  const list = touching.slice(0, 5).map(commitText).join('; ');
  return `${running.ID} runs ${name}${since}: ${view.source!.ref} moved ${n(all.length)} since, ${n(touching.length)} touching ${paths.join(', ') || key}${list ? `: ${list}` : ''}${touching.length > 5 ? '; …' : ''}.`;
}
