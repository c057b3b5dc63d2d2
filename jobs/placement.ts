/**
 * A plan's FailedTGAllocs in the seed's words ("Troubleshooting placement failures"): which
 * constraint filtered how many nodes, which dimension is exhausted where, and what to check next.
 */
import type { NomadAllocationMetric } from '../src/ports.js';

const byCount = (m: Record<string, number> | null | undefined) => Object.entries(m ?? {}).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));

export function explainPlacement(group: string, m: NomadAllocationMetric, wanted: number): string[] {
  const failed = m.CoalescedFailures + 1;
  const lines = [`⚠️ ${failed} of ${wanted} new allocations of group "${group}" cannot be placed:`];
  if (m.NodesEvaluated === 0) lines.push('  • no node was eligible at all (all down, draining, ineligible or in other datacenters)');
  for (const [dc, n] of byCount(m.NodesAvailable)) if (n === 0) lines.push(`  • no nodes are available in datacenter ${dc}`);
  for (const [c, n] of byCount(m.ConstraintFiltered)) lines.push(`  • ${n} node${n === 1 ? '' : 's'} excluded by constraint ${c}`);
  for (const [c, n] of byCount(m.ClassFiltered)) lines.push(`  • ${n} node${n === 1 ? '' : 's'} excluded by node class ${c}`);
  const dims = byCount(m.DimensionExhausted);
  if (dims.length) lines.push(`  • ${dims.map(([d, n]) => `${d} exhausted on ${n} node${n === 1 ? '' : 's'}`).join(', ')}`);
  for (const q of m.QuotaExhausted ?? []) lines.push(`  • quota limit hit: ${q}`);
  const exhausted = new Set(dims.map(([d]) => d));
  if (exhausted.has('disk')) {
    lines.push("  Disk may be Nomad's accounting, not real: `/ci diskfree` compares it with the hosts' real free space.");
  }
  if (exhausted.has('memory') || exhausted.has('cores') || exhausted.has('cpu')) {
    lines.push('  Big builders may need another job stopped first so they can take its place (seed runbook: "Troubleshooting placement failures").');
  }
  return lines;
}
