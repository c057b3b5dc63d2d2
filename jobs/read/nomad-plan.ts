/** `nomad.plan`: `levant render -var-file X | nomad job plan -` for one instance or a directory; read-only. */
import { NomadDeclaredPlan, type ReadReply } from '../../src/operations/index.js';
import type { ReadJobModule } from '../../src/ports.js';
import { type InstanceOutcome, type InstancePlan, loadView, planInstance, updatesLine } from '../declared.js';
import { movedSince, sourceLines } from '../commit-notes.js';

/** The text `nomad job plan` prints, with the check-index help shortened to the command to use. */
function planText(p: InstancePlan): string {
  const parts = [p.diffText, '', 'Scheduler dry-run:', p.dryRunText, '', `Job Modify Index: ${p.plan.JobModifyIndex}`];
  if (p.notes.length) parts.push('', ...p.notes);
  return parts.join('\n');
}

function line(o: InstanceOutcome): string {
  if (!o.ok) return `❌ ${o.problem}`;
  const icon = !o.changed ? '✅' : o.placementFailures ? '⚠️' : '📋';
  return `${icon} ${o.key} → ${o.job.ID}: ${updatesLine(o)}${o.placementFailures ? ' — some allocations cannot be placed' : ''}`;
}

export const nomadDeclaredPlan: ReadJobModule<NomadDeclaredPlan> = {
  kind: 'nomad.plan',
  schema: NomadDeclaredPlan,
  async run(req, deps): Promise<ReadReply> {
    const view = await loadView(deps, { ref: req.ref, fetch: 'try', read: true });
    if (typeof view === 'string') return { summary: view };
    const outcomes: InstanceOutcome[] = [];
    for (const t of req.targets) outcomes.push(await planInstance(view, t.instance, deps));
    const plans = outcomes.filter((o): o is InstancePlan => o.ok);
    const changed = plans.filter((p) => p.changed);
    const single = outcomes.length === 1 ? outcomes[0]! : undefined;
    const head = single
      ? `Plan of ${single.key}${single.ok ? ` → ${single.job.ID}` : ''}:`
      : `Plan of ${req.dir}/: ${changed.length} of ${outcomes.length} instances would change${outcomes.length > plans.length ? `, ${outcomes.length - plans.length} cannot be planned` : ''}.`;
    const summary = [head, ...sourceLines(view), ...outcomes.map(line)];
    if (single?.ok) {
      const moved = await movedSince(view, single.key, single.running && !single.running.Stop ? single.running : undefined, deps);
      if (moved && single.changed) summary.push(moved);
      summary.push(...single.notes);
    } else {
      // A directory: how far the branch moved since each changed job's commit, as a deploy's plan says.
      for (const p of changed) {
        const moved = await movedSince(view, p.key, p.running && !p.running.Stop ? p.running : undefined, deps);
        if (moved) summary.push(moved);
      }
    }
    const ref = req.ref ? ` --ref ${req.ref}` : '';
    if (changed.length)
      summary.push(
        `\`/ci deploy ${req.dir ?? changed[0]!.key}${ref}\` asks for approval and applies ${changed.length === 1 && !req.dir ? 'it' : 'them one at a time'}.`,
      );
    const detail = plans.map((p) => (single ? planText(p) : `=== ${p.key} (${p.job.ID}) ===\n${planText(p)}`)).join('\n\n');
    return { summary: summary.join('\n'), ...(detail ? { detail, filename: `plan-${(req.dir ?? req.targets[0]!.instance).replace(/\//g, '-')}.txt` } : {}) };
  },
};
