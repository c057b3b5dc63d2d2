/**
 * `nomad.why`: why a job's allocations wait. Its blocked evaluations and their failed-placement
 * metrics in the words of the plan message (placement.ts), and, when disk is what is missing,
 * the nodes whose disk accounting has probably drifted (seed: "Troubleshooting placement failures", step 3).
 */
import { NomadWhy, type ReadReply } from '../../src/operations/index.js';
import type { JobDeps, NomadAllocationMetric, NomadEvaluationWithPlacements, ReadJobModule } from '../../src/ports.js';
import { explainPlacement } from '../placement.js';
import { NO_USAGE, iec, nomadFreeDiskMB, usageByNode } from './disk.js';

const clock = (ns: number | undefined) => (ns ? `${new Date(ns / 1e6).toISOString().slice(11, 16)} UTC` : '?');

/** The blocked eval's own metrics, else those of the evaluation that created it. */
function placements(blocked: NomadEvaluationWithPlacements, evals: readonly NomadEvaluationWithPlacements[]): Record<string, NomadAllocationMetric> {
  if (blocked.FailedTGAllocs && Object.keys(blocked.FailedTGAllocs).length) return blocked.FailedTGAllocs;
  return evals.find((e) => e.BlockedEval === blocked.ID)?.FailedTGAllocs ?? {};
}

export const nomadWhy: ReadJobModule<NomadWhy> = {
  kind: 'nomad.why',
  schema: NomadWhy,
  async run(req, deps): Promise<ReadReply> {
    const job = await deps.nomad.jobs.find(req.jobId);
    if (!job) return { summary: `Job ${req.jobId} does not exist in Nomad (any more).` };
    const { data: evals } = await deps.nomad.evaluations.ofJob(req.jobId);
    const blocked = evals.filter((e) => e.Status === 'blocked').sort((a, b) => (b.CreateIndex ?? 0) - (a.CreateIndex ?? 0));
    if (blocked.length === 0) {
      return { summary: `Nothing of ${req.jobId} is waiting for placement: it has no blocked evaluation. \`/ci status ${req.jobId}\` shows its allocations.` };
    }
    const lines = [`*${req.jobId}*: ${blocked.length === 1 ? 'a blocked evaluation waits' : `${blocked.length} blocked evaluations wait`} for capacity.`];
    const diskAsks: number[] = [];
    for (const ev of blocked) {
      const metrics = placements(ev, evals);
      lines.push(`Evaluation ${ev.ID.slice(0, 8)} (blocked since ${clock(ev.CreateTime)}, triggered by ${ev.TriggeredBy ?? '?'}):`);
      for (const [group, m] of Object.entries(metrics)) {
        const failed = m.CoalescedFailures + 1;
        const [, ...why] = explainPlacement(group, m, failed);
        lines.push(`⚠️ ${failed} allocation${failed === 1 ? '' : 's'} of group "${group}" cannot be placed (${m.NodesEvaluated} nodes evaluated):`, ...why);
        if (m.DimensionExhausted?.disk) {
          const ask = groupDiskMB(job.TaskGroups?.find((g) => g.Name === group));
          if (ask) diskAsks.push(ask);
        }
      }
      if (Object.keys(metrics).length === 0) lines.push('  (Nomad recorded no placement metrics for it.)');
    }
    if (diskAsks.length) lines.push(...(await diskHint(Math.max(...diskAsks), deps)));
    return { summary: lines.join('\n') };
  },
};

function groupDiskMB(group: unknown): number | undefined {
  const size = (group as { EphemeralDisk?: { SizeMB?: unknown } | null } | undefined)?.EphemeralDisk?.SizeMB;
  return typeof size === 'number' && size > 0 ? size : undefined;
}

/** Ready, eligible nodes with nothing running whose Nomad free disk is below the ask: drift, not usage. */
async function diskHint(askMB: number, deps: JobDeps): Promise<string[]> {
  const [{ data: nodes }, { data: usage }] = await Promise.all([
    deps.nomad.nodes.list({ resources: true }),
    deps.nomad.allocations.foldWithResources(usageByNode, { namespace: '*' }),
  ]);
  const drifted = nodes.filter((n) => {
    if (n.Status !== 'ready' || n.SchedulingEligibility !== 'eligible' || n.Drain) return false;
    const { live, diskMB } = usage.get(n.ID) ?? NO_USAGE;
    const free = nomadFreeDiskMB(n, diskMB);
    return free !== undefined && free < askMB && live === 0 && (n.NodeResources?.Disk?.DiskMB ?? 0) > 0;
  });
  if (drifted.length === 0) return [`Each allocation asks ${iec(askMB)} of disk; no idle node looks mis-accounted, so the farm is really full on disk.`];
  const names = drifted.map((n) => n.Name.replace(/\..*$/, ''));
  return [
    `Each allocation asks ${iec(askMB)} of disk. Nothing runs on ${names.join(', ')}, yet Nomad counts less free disk there: its accounting has probably drifted (leftover build areas).`,
    `Runbook: \`ssh -C ${names[0]}.cern.ch 'rm -rfv /build/nomad/alloc/*/ci/local/*/sw && systemctl restart nomad'\` on each, then \`/ci why\` again.`,
  ];
}
