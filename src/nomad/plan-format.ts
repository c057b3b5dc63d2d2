/**
 * Prints a plan the way `nomad job plan` does (command/job_plan.go: formatJobDiff,
 * formatDryRun; command/monitor.go: formatAllocMetrics), without colours.
 * One deliberate difference: Go prints map-based metric lines in random map order; we sort them
 * by count (descending) then name, which matches ALICE's sample output and keeps messages stable.
 */
import type {
  NomadAllocationMetric,
  NomadFieldDiff,
  NomadJobDiff,
  NomadObjectDiff,
  NomadTaskDiff,
  NomadTaskGroupDiff,
  NomadJobPlanResponse,
} from './schemas/plan.js';

function marker(type: string): [string, number] {
  switch (type) {
    case 'Added':
      return ['+ ', 2];
    case 'Deleted':
      return ['- ', 2];
    case 'Edited':
      return ['+/- ', 4];
    default:
      return ['', 0];
  }
}

/** Go's %q for the strings Nomad puts in diffs. */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\u007f/g, '\\x7f');
}

const sp = (n: number) => ' '.repeat(Math.max(0, n));

function longestPrefixes(fields: readonly NomadFieldDiff[], objects: readonly NomadObjectDiff[]): [number, number] {
  let longestField = 0;
  let longestMarker = 0;
  for (const f of fields) {
    longestField = Math.max(longestField, f.Name.length);
    longestMarker = Math.max(longestMarker, marker(f.Type)[1]);
  }
  for (const o of objects) longestMarker = Math.max(longestMarker, marker(o.Type)[1]);
  return [longestField, longestMarker];
}

function formatFieldDiff(d: NomadFieldDiff, startPrefix: number, keyPrefix: number, valuePrefix: number): string {
  let out = `${sp(startPrefix)}${marker(d.Type)[0]}${sp(keyPrefix)}${d.Name}: ${sp(valuePrefix)}`;
  if (d.Type === 'Added') out += goQuote(d.New);
  else if (d.Type === 'Deleted') out += goQuote(d.Old);
  else if (d.Type === 'Edited') out += `${goQuote(d.Old)} => ${goQuote(d.New)}`;
  else out += goQuote(d.New);
  if (d.Annotations?.length) out += ` (${d.Annotations.join(', ')})`;
  return out;
}

function formatObjectDiff(d: NomadObjectDiff, startPrefix: number, keyPrefix: number): string {
  const [m] = marker(d.Type);
  let out = `${sp(startPrefix)}${m}${sp(keyPrefix)}${d.Name} {\n`;
  const fields = d.Fields ?? [];
  const objects = d.Objects ?? [];
  const [longestField, longestMarker] = longestPrefixes(fields, objects);
  out += aligned(fields, objects, startPrefix + keyPrefix + 2, longestField, longestMarker);
  // The verbatim CLI samples close the brace at the object's own indent (not indent + marker).
  return `${out}\n${sp(startPrefix + keyPrefix)}}`;
}

function aligned(
  fields: readonly NomadFieldDiff[],
  objects: readonly NomadObjectDiff[],
  startPrefix: number,
  longestField: number,
  longestMarker: number,
): string {
  let out = '';
  fields.forEach((f, i) => {
    out += formatFieldDiff(f, startPrefix, longestMarker - marker(f.Type)[1], longestField - f.Name.length);
    if (i + 1 !== fields.length || objects.length > 0) out += '\n';
  });
  objects.forEach((o, i) => {
    out += formatObjectDiff(o, startPrefix, longestMarker - marker(o.Type)[1]);
    if (i + 1 !== objects.length) out += '\n';
  });
  return out;
}

function formatTaskDiff(t: NomadTaskDiff, startPrefix: number, taskPrefix: number, verbose: boolean): string {
  let out = `${sp(startPrefix)}${marker(t.Type)[0]}${sp(taskPrefix)}Task: ${goQuote(t.Name)}`;
  if (t.Annotations?.length) out += ` (${t.Annotations.join(', ')})`;
  if (t.Type === 'None') return out;
  if ((t.Type === 'Added' || t.Type === 'Deleted') && !verbose) return out;
  out += '\n';
  const fields = t.Fields ?? [];
  const objects = t.Objects ?? [];
  const [longestField, longestMarker] = longestPrefixes(fields, objects);
  return out + aligned(fields, objects, startPrefix + 2, longestField, longestMarker);
}

function formatTaskGroupDiff(tg: NomadTaskGroupDiff, tgPrefix: number, verbose: boolean): string {
  let out = `${marker(tg.Type)[0]}${sp(tgPrefix)}Task Group: ${goQuote(tg.Name)}`;
  const updates = Object.entries(tg.Updates ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  out += updates.length ? ` (${updates.map(([k, n]) => `${n} ${k}`).join(', ')})\n` : '\n';
  const fields = tg.Fields ?? [];
  const objects = tg.Objects ?? [];
  const tasks = tg.Tasks ?? [];
  let [longestField, longestMarker] = longestPrefixes(fields, objects);
  for (const t of tasks) longestMarker = Math.max(longestMarker, marker(t.Type)[1]);
  const subStart = tgPrefix + 2;
  if (tg.Type === 'Edited' || verbose) {
    const fo = aligned(fields, objects, subStart, longestField, longestMarker);
    out += fo;
    if (fo.length) out += '\n';
  }
  for (const t of tasks) out += `${formatTaskDiff(t, subStart, longestMarker - marker(t.Type)[1], verbose)}\n`;
  return out;
}

/** The diff block of `nomad job plan` (trimmed, as the CLI prints it). */
export function formatPlanDiff(diff: NomadJobDiff, verbose = false): string {
  let out = `${marker(diff.Type)[0]}Job: ${goQuote(diff.ID)}\n`;
  const fields = diff.Fields ?? [];
  const objects = diff.Objects ?? [];
  const groups = diff.TaskGroups ?? [];
  let [longestField, longestMarker] = longestPrefixes(fields, objects);
  for (const tg of groups) longestMarker = Math.max(longestMarker, marker(tg.Type)[1]);
  if (diff.Type === 'Edited' || verbose) {
    const fo = aligned(fields, objects, 0, longestField, longestMarker);
    out += fo;
    if (fo.length) out += '\n';
  }
  for (const tg of groups) out += `${formatTaskGroupDiff(tg, longestMarker - marker(tg.Type)[1], verbose)}\n`;
  return out.trim();
}

function sortedEntries(m: Record<string, number> | null | undefined): [string, number][] {
  return Object.entries(m ?? {}).sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : ka > kb ? 1 : 0));
}

/** formatAllocMetrics: one `* ...` line per reason, indented by `prefix`. */
export function formatAllocMetrics(m: NomadAllocationMetric, prefix = '    '): string[] {
  const lines: string[] = [];
  if (m.NodesEvaluated === 0) lines.push(`${prefix}* No nodes were eligible for evaluation`);
  for (const [dc, n] of sortedEntries(m.NodesAvailable)) if (n === 0) lines.push(`${prefix}* No nodes are available in datacenter ${goQuote(dc)}`);
  for (const [c, n] of sortedEntries(m.ClassFiltered)) lines.push(`${prefix}* Class ${goQuote(c)}: ${n} nodes excluded by filter`);
  for (const [c, n] of sortedEntries(m.ConstraintFiltered)) lines.push(`${prefix}* Constraint ${goQuote(c)}: ${n} nodes excluded by filter`);
  if (m.NodesExhausted > 0) lines.push(`${prefix}* Resources exhausted on ${m.NodesExhausted} nodes`);
  for (const [c, n] of sortedEntries(m.ClassExhausted)) lines.push(`${prefix}* Class ${goQuote(c)} exhausted on ${n} nodes`);
  for (const [d, n] of sortedEntries(m.DimensionExhausted)) lines.push(`${prefix}* Dimension ${goQuote(d)} exhausted on ${n} nodes`);
  for (const q of m.QuotaExhausted ?? []) lines.push(`${prefix}* Quota limit hit ${goQuote(q)}`);
  return lines;
}

/** The "Scheduler dry-run:" section's lines (formatDryRun), without the heading. */
export function formatDryRun(plan: Pick<NomadJobPlanResponse, 'FailedTGAllocs' | 'CreatedEvals'>, jobType?: string | null): string {
  const failed = Object.entries(plan.FailedTGAllocs ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  let out: string;
  if (failed.length === 0) out = '- All tasks successfully allocated.';
  else {
    const lines = [jobType === 'system' ? '- WARNING: Failed to place allocations on all nodes.' : '- WARNING: Failed to place all allocations.'];
    for (const [tg, m] of failed) {
      const noun = m.CoalescedFailures > 0 ? 'allocations' : 'allocation';
      lines.push(`  Task Group ${goQuote(tg)} (failed to place ${m.CoalescedFailures + 1} ${noun}):`);
      lines.push(...formatAllocMetrics(m));
    }
    out = lines.join('\n');
  }
  const rolling = (plan.CreatedEvals ?? []).find((e) => e.TriggeredBy === 'rolling-update');
  if (rolling) out += `\n- Rolling update, next evaluation will be in ${formatGoDuration(rolling.Wait ?? 0)}.`;
  return out;
}

/** Go's time.Duration String() for the common cases (nanoseconds in). */
export function formatGoDuration(ns: number): string {
  if (ns === 0) return '0s';
  const s = ns / 1e9;
  if (s < 1) return ns >= 1e6 ? `${ns / 1e6}ms` : `${ns / 1e3}µs`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = +(s % 60).toFixed(9);
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${rest}s`;
}

/** The plan's diff and dry-run text exactly as `nomad job plan` prints them (the NomadPort's `formatPlan`). */
export function formatPlan(plan: NomadJobPlanResponse, jobType?: string | null): { diffText: string; dryRunText: string } {
  return { diffText: plan.Diff ? formatPlanDiff(plan.Diff) : '', dryRunText: formatDryRun(plan, jobType) };
}
