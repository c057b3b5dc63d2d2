/**
 * `nomad.nodes`: like `nomad node status`, with running allocations and Nomad's free disk.
 * Two calls for the whole farm (`/v1/nodes?resources=true` and `/v1/allocations`), never one per node.
 */
import { NomadNodes, type NodeStatusFilter, type ReadReply } from '../../src/operations/index.js';
import type { JobDeps, NomadNodeStub, ReadJobModule } from '../../src/ports.js';
import type { NodeUsage } from './disk.js';
import { NO_USAGE, iec, nomadFreeDiskMB, usageByNode } from './disk.js';
import { diskWords, idleNodesToClean } from './diskfree.js';
import { naturalOrder, table } from './table.js';

const MAX_NAMED = 12;

/** Lower sorts first: what needs a look comes before the healthy ones. */
function trouble(n: NomadNodeStub): number {
  if (n.Status !== 'ready') return 0;
  if (n.Drain) return 1;
  if (n.SchedulingEligibility !== 'eligible') return 2;
  return 3;
}

function matches(n: NomadNodeStub, status: NodeStatusFilter | undefined): boolean {
  if (status === undefined) return true;
  if (status === 'draining') return n.Drain;
  if (status === 'ineligible') return n.SchedulingEligibility === 'ineligible';
  return n.Status === status;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const nomadNodes: ReadJobModule<NomadNodes> = {
  kind: 'nomad.nodes',
  schema: NomadNodes,
  async run(req, deps: JobDeps): Promise<ReadReply> {
    const [{ data: all }, { data: usage }] = await Promise.all([
      deps.nomad.nodes.list({ resources: true }),
      deps.nomad.allocations.foldWithResources(usageByNode, { namespace: '*' }),
    ]);
    const usageFor = (n: NomadNodeStub) => usage.get(n.ID) ?? NO_USAGE;
    const known = (pick: (n: NomadNodeStub) => string | null | undefined) => [...new Set(all.map(pick).filter((x): x is string => Boolean(x)))].sort();
    if (req.nodeClass && !known((n) => n.NodeClass).includes(req.nodeClass)) {
      return { summary: `No node has class \`${req.nodeClass}\`. Classes: ${known((n) => n.NodeClass).join(', ') || 'none'}.` };
    }
    if (req.datacenter && !known((n) => n.Datacenter).includes(req.datacenter)) {
      return { summary: `No node is in datacenter \`${req.datacenter}\`. Datacenters: ${known((n) => n.Datacenter).join(', ')}.` };
    }
    const nodes = all
      .filter((n) => (!req.nodeClass || n.NodeClass === req.nodeClass) && (!req.datacenter || n.Datacenter === req.datacenter) && matches(n, req.status))
      .sort((a, b) => trouble(a) - trouble(b) || naturalOrder(a.Name, b.Name));
    const filters = [req.nodeClass && `class ${req.nodeClass}`, req.datacenter && `datacenter ${req.datacenter}`, req.status && `status ${req.status}`]
      .filter(Boolean)
      .join(', ');
    if (nodes.length === 0) return { summary: `No nodes${filters ? ` with ${filters}` : ''}.` };

    const running = (n: NomadNodeStub) => usageFor(n).running;
    const byStatus = new Map<string, number>();
    for (const n of nodes) byStatus.set(n.Status, (byStatus.get(n.Status) ?? 0) + 1);
    const head = `${plural(nodes.length, 'node')}${filters ? ` (${filters})` : ''}: ${[...byStatus]
      .sort(([a], [b]) => Number(b === 'ready') - Number(a === 'ready') || a.localeCompare(b))
      .map(([st, c]) => `${c} ${st}`)
      .join(', ')}`;
    const draining = nodes.filter((n) => n.Drain).length;
    const ineligible = nodes.filter((n) => n.SchedulingEligibility !== 'eligible').length;
    const totalRunning = nodes.reduce((sum, n) => sum + running(n), 0);
    const lines = [`${head} · ${draining} draining · ${ineligible} ineligible · ${plural(totalRunning, 'allocation')} running.`];
    const problems = nodes.filter((n) => trouble(n) < 3);
    if (problems.length) {
      const named = problems.slice(0, MAX_NAMED).map((n) => `${n.Name} (${n.Status !== 'ready' ? n.Status : n.Drain ? 'draining' : 'ineligible'})`);
      lines.push(`⚠️ Not taking new work: ${named.join(', ')}${problems.length > MAX_NAMED ? ` and ${problems.length - MAX_NAMED} more` : ''}.`);
    }
    const drifted = await driftedNodes(nodes, usage, deps);
    if (drifted.size) {
      const named = [...drifted]
        .sort(([a], [b]) => naturalOrder(a, b))
        .slice(0, MAX_NAMED)
        .map(([name, words]) => `${name} (${words})`);
      lines.push(
        `⚠️ Disk accounting drift: ${named.join('; ')}${drifted.size > MAX_NAMED ? ` and ${drifted.size - MAX_NAMED} more` : ''}. \`/ci diskfree\` shows the real free space and the cleanup.`,
      );
    }
    if (!problems.length && !drifted.size) lines.push('✅ Every node is ready and eligible, and no disk accounting has drifted.');

    const rows = nodes.map((n) => {
      const free = nomadFreeDiskMB(n, usageFor(n).diskMB);
      return [
        n.Name,
        n.Datacenter,
        n.NodeClass ?? '',
        n.Status,
        n.SchedulingEligibility,
        n.Drain ? 'draining' : '-',
        String(running(n)),
        `${free === undefined ? '?' : iec(free)}${drifted.has(n.Name) ? ' (drift)' : ''}`,
      ];
    });
    const detail = table(['NAME', 'DC', 'CLASS', 'STATUS', 'ELIGIBILITY', 'DRAIN', 'RUNNING', 'NOMAD FREE DISK'], rows);
    return { summary: lines.join('\n'), detail, filename: 'nomad-nodes.txt' };
  },
};

/**
 * Drifted nodes by name, with a few words each: what the cluster watch's disk-drift alerts found
 * (the same figures as the alert), and the idle nodes that need cleanup now by the rule itself, so
 * the answer holds without the watch too.
 */
async function driftedNodes(nodes: readonly NomadNodeStub[], usage: ReadonlyMap<string, NodeUsage>, deps: JobDeps): Promise<Map<string, string>> {
  const [listing, idle] = await Promise.all([deps.alerts.list().catch(() => undefined), idleNodesToClean(nodes, usage, deps)]);
  const shown = new Set(nodes.map((n) => n.Name));
  const drifted = new Map<string, string>();
  for (const r of idle) drifted.set(r.name, `${diskWords(r)}; needs cleanup now`);
  for (const a of listing?.alerts ?? []) {
    if (a.fact.kind !== 'disk-drift' || !shown.has(a.fact.subject) || drifted.has(a.fact.subject)) continue;
    drifted.set(a.fact.subject, (a.fact.brief ?? a.fact.summary).replace(`${a.fact.subject}: `, '').replace(' · ', '; '));
  }
  return drifted;
}
