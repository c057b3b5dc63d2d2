/**
 * `nomad.drift`: every declaration rendered and planned against what runs. Lists the instances
 * whose running job differs (someone scaled or ran it by hand), declarations not running, and
 * jobs running without a declaration. Read-only: nothing is registered.
 */
import { NomadDrift, type ReadReply } from '../../src/operations/index.js';
import type { ReadJobModule } from '../../src/ports.js';
import { type InstanceOutcome, type InstancePlan, diffHeadline, instanceKeyOf, loadView, planInstance } from '../declared.js';
import { table } from './table.js';
import { sourceLines } from '../commit-notes.js';
import { type GitDrift, classifyDrift } from './drift-git.js';

export const nomadDrift: ReadJobModule<NomadDrift> = {
  kind: 'nomad.drift',
  schema: NomadDrift,
  async run(_req, deps): Promise<ReadReply> {
    const view = await loadView(deps, { fetch: 'try', read: true });
    if (typeof view === 'string') return { summary: view };
    const outcomes: InstanceOutcome[] = [];
    for (const i of view.list()) outcomes.push(await planInstance(view, instanceKeyOf(i), deps));
    const plans = outcomes.filter((o): o is InstancePlan => o.ok);
    const broken = outcomes.filter((o) => !o.ok);
    const notRunning = plans.filter((p) => !p.running || p.running.Stop);
    const differ = plans.filter((p) => p.changed && p.running && !p.running.Stop);
    const declared = new Set([...plans.map((p) => p.job.ID), ...view.list().map((i) => i.jobName)]);
    const { data: jobs } = await deps.nomad.jobs.list();
    const undeclared = jobs.filter((j) => !j.ParentID && !j.Stop && j.Status !== 'dead' && !declared.has(j.ID));

    const clean = differ.length + notRunning.length + undeclared.length + broken.length === 0;
    const name = view.source ? view.label : view.root.split('/').pop();
    // With git: why each job differs (an older commit, a change by hand, never deployed from git).
    const why = new Map<InstancePlan, GitDrift>();
    if (view.source && deps.declarations?.git) for (const p of differ) why.set(p, await classifyDrift(view, p, deps));
    const older = [...why.values()].filter((w) => w.kind === 'older').length;
    const counts = view.source ? `${older} run an older commit, ${differ.length - older} changed by hand or outside git` : `${differ.length} differ`;
    const summary = [
      clean
        ? `✅ No drift: all ${plans.length} declared jobs run exactly what ${name} declares.`
        : `Drift against ${name}: ${counts}, ${notRunning.length} declared but not running, ${undeclared.length} running without a declaration${broken.length ? `, ${broken.length} cannot be checked` : ''}.`,
      ...sourceLines(view).slice(1),
      ...differ.map(
        (p) => why.get(p)?.line ?? `• ${p.key} (${p.job.ID}) differs: ${diffHeadline(p.diffText)} — \`/ci deploy ${p.key}\` restores the declaration`,
      ),
      ...notRunning.map((p) => `• ${p.key} (${p.job.ID}) is declared but ${p.running?.Stop ? 'stopped' : 'not in Nomad'} — \`/ci deploy ${p.key}\` starts it`),
      ...undeclared.map((j) => `• ${j.ID} runs without a declaration in the repository`),
      ...broken.map((o) => `• ❌ ${o.problem.split('\n')[0]}`),
    ];
    const rows = [
      ...plans.map((p) => [p.key, p.job.ID, !p.running || p.running.Stop ? 'not running' : p.changed ? (why.get(p)?.kind ?? 'differs') : 'in sync']),
      ...broken.map((o) => [o.key, '?', 'cannot check']),
      ...undeclared.map((j) => ['-', j.ID, 'undeclared']),
    ];
    const diffs = differ.map((p) => `=== ${p.key} (${p.job.ID}): running → declared ===\n${p.diffText}`);
    const detail = [table(['DECLARATION', 'JOB', 'STATE'], rows), ...diffs, ...broken.map((o) => o.problem)].join('\n\n');
    return { summary: summary.join('\n'), detail, filename: 'drift.txt' };
  },
};
