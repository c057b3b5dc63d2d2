/**
 * `nomad.nodes`: like `nomad node status`, with running allocations and Nomad's free disk.
 * From the cluster watch's model when this replica watches (kept current by the event stream, so
 * asking costs no read of the farm); otherwise two calls for the whole farm
 * (`/v1/nodes?resources=true` and `/v1/allocations` in pages), never one per node.
 * A big farm gets a summary (counts per status, class and datacenter, the problems first) and
 * the full table as a file.
 */
import { NomadNodes, type NodeStatusFilter, type ReadReply } from '../../src/operations/index.js';
import type { FarmNode, JobDeps, NomadNodeStub, ReadJobModule } from '../../src/ports.js';
import { NO_USAGE, iec, usageByNode, type NodeUsage } from './disk.js';
import { diskSettings, diskWords, idleNodesToClean } from './diskfree.js';
import { naturalOrder, table } from './table.js';

const MAX_NAMED = 12;
/** Beyond this many nodes the table goes as a file: the summary then says how they split by class and datacenter. */
export const BIG_FARM_NODES = 100;
const MIB = 1024 * 1024;

/** Lower sorts first: what needs a look comes before the healthy ones. */
function trouble(n: FarmNode): number {
  if (n.status !== 'ready') return 0;
  if (n.drain) return 1;
  if (n.eligibility !== 'eligible') return 2;
  return 3;
}

/** Why a node takes no new work, in one word; undefined when it does. */
const problemOf = (n: FarmNode) => (n.status !== 'ready' ? n.status : n.drain ? 'draining' : n.eligibility !== 'eligible' ? 'ineligible' : undefined);

function matches(n: FarmNode, status: NodeStatusFilter | undefined): boolean {
  if (status === undefined) return true;
  if (status === 'draining') return n.drain;
  if (status === 'ineligible') return n.eligibility === 'ineligible';
  return n.status === status;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Nomad's free disk as its scheduler counts it (MB); undefined when the node did not say its disk. */
const nomadFreeMB = (n: FarmNode) => (n.diskMB === undefined ? undefined : n.diskMB - (n.reservedDiskMB ?? 0) - n.liveDiskMB);

/** The farm read from Nomad: the node list and every allocation, folded into usage per node. */
async function readFarm(deps: JobDeps): Promise<FarmNode[]> {
  const [{ data: stubs }, { data: usage }] = await Promise.all([
    deps.nomad.nodes.list({ resources: true }),
    deps.nomad.allocations.foldWithResources(usageByNode, { namespace: '*' }),
  ]);
  return stubs.map((n) => {
    const u = usage.get(n.ID) ?? NO_USAGE;
    return {
      id: n.ID,
      name: n.Name,
      datacenter: n.Datacenter,
      nodeClass: n.NodeClass ?? '',
      status: n.Status,
      eligibility: n.SchedulingEligibility,
      drain: n.Drain,
      version: n.Version ?? '',
      running: u.running,
      liveDiskMB: u.diskMB,
      diskMB: n.NodeResources?.Disk?.DiskMB,
      reservedDiskMB: n.ReservedResources?.Disk?.DiskMB,
    };
  });
}

export const nomadNodes: ReadJobModule<NomadNodes> = {
  kind: 'nomad.nodes',
  schema: NomadNodes,
  async run(req, deps: JobDeps): Promise<ReadReply> {
    const all = deps.farm?.nodes() ?? (await readFarm(deps));
    const known = (pick: (n: FarmNode) => string) => [...new Set(all.map(pick).filter(Boolean))].sort();
    if (req.nodeClass && !known((n) => n.nodeClass).includes(req.nodeClass)) {
      return { summary: `No node has class \`${req.nodeClass}\`. Classes: ${known((n) => n.nodeClass).join(', ') || 'none'}.` };
    }
    if (req.datacenter && !known((n) => n.datacenter).includes(req.datacenter)) {
      return { summary: `No node is in datacenter \`${req.datacenter}\`. Datacenters: ${known((n) => n.datacenter).join(', ')}.` };
    }
    const nodes = all
      .filter((n) => (!req.nodeClass || n.nodeClass === req.nodeClass) && (!req.datacenter || n.datacenter === req.datacenter) && matches(n, req.status))
      .sort((a, b) => trouble(a) - trouble(b) || naturalOrder(a.name, b.name));
    const filters = [req.nodeClass && `class ${req.nodeClass}`, req.datacenter && `datacenter ${req.datacenter}`, req.status && `status ${req.status}`]
      .filter(Boolean)
      .join(', ');
    if (nodes.length === 0) return { summary: `No nodes${filters ? ` with ${filters}` : ''}.` };

    const byStatus = new Map<string, number>();
    for (const n of nodes) byStatus.set(n.status, (byStatus.get(n.status) ?? 0) + 1);
    const head = `${plural(nodes.length, 'node')}${filters ? ` (${filters})` : ''}: ${[...byStatus]
      .sort(([a], [b]) => Number(b === 'ready') - Number(a === 'ready') || a.localeCompare(b))
      .map(([st, c]) => `${c} ${st}`)
      .join(', ')}`;
    const draining = nodes.filter((n) => n.drain).length;
    const ineligible = nodes.filter((n) => n.eligibility !== 'eligible').length;
    const totalRunning = nodes.reduce((sum, n) => sum + n.running, 0);
    const lines = [`${head} · ${draining} draining · ${ineligible} ineligible · ${plural(totalRunning, 'allocation')} running.`];
    const problems = nodes.filter((n) => trouble(n) < 3);
    if (problems.length) {
      const named = problems.slice(0, MAX_NAMED).map((n) => `${n.name} (${problemOf(n)})`);
      lines.push(`⚠️ Not taking new work: ${named.join(', ')}${problems.length > MAX_NAMED ? ` and ${problems.length - MAX_NAMED} more` : ''}.`);
    }
    const drifted = await driftedNodes(nodes, deps);
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
    if (nodes.length > BIG_FARM_NODES)
      lines.push(`By class: ${breakdown(nodes, (n) => n.nodeClass || '(none)')}.`, `By datacenter: ${breakdown(nodes, (n) => n.datacenter)}.`);

    const rows = nodes.map((n) => {
      const free = nomadFreeMB(n);
      return [
        n.name,
        n.datacenter,
        n.nodeClass,
        n.status,
        n.eligibility,
        n.drain ? 'draining' : '-',
        String(n.running),
        `${free === undefined ? '?' : iec(free)}${drifted.has(n.name) ? ' (drift)' : ''}`,
      ];
    });
    const detail = table(['NAME', 'DC', 'CLASS', 'STATUS', 'ELIGIBILITY', 'DRAIN', 'RUNNING', 'NOMAD FREE DISK'], rows);
    return { summary: lines.join('\n'), detail, filename: 'nomad-nodes.txt' };
  },
};

/** "builder 18000 (12 down, 3 draining) · big 2000", the groups in natural order. */
function breakdown(nodes: readonly FarmNode[], key: (n: FarmNode) => string): string {
  const groups = new Map<string, { count: number; problems: Map<string, number> }>();
  for (const n of nodes) {
    let g = groups.get(key(n));
    if (!g) groups.set(key(n), (g = { count: 0, problems: new Map() }));
    g.count += 1;
    const p = problemOf(n);
    if (p) g.problems.set(p, (g.problems.get(p) ?? 0) + 1);
  }
  return [...groups]
    .sort(([a], [b]) => naturalOrder(a, b))
    .map(([name, g]) => {
      const problems = [...g.problems].sort(([a], [b]) => a.localeCompare(b)).map(([p, c]) => `${c} ${p}`);
      return `${name} ${g.count}${problems.length ? ` (${problems.join(', ')})` : ''}`;
    })
    .join(' · ');
}

/** The node-list stub the disk rule reads (`judge`), for the few nodes it looks at. */
function asStub(n: FarmNode): NomadNodeStub {
  return {
    ID: n.id,
    Name: n.name,
    Datacenter: n.datacenter,
    NodeClass: n.nodeClass || null,
    ...(n.version ? { Version: n.version } : {}),
    Drain: n.drain,
    SchedulingEligibility: n.eligibility,
    Status: n.status,
    NodeResources: n.diskMB === undefined ? null : { Disk: { DiskMB: n.diskMB } },
    ReservedResources: n.reservedDiskMB === undefined ? null : { Disk: { DiskMB: n.reservedDiskMB } },
    CreateIndex: 0,
    ModifyIndex: 0,
  };
}

/**
 * Drifted nodes by name, with a few words each: what the cluster watch's disk-drift alerts found
 * (the same figures as the alert), and the idle nodes that need cleanup now by the rule itself, so
 * the answer holds without the watch too. Only ready idle nodes where Nomad counts less free than
 * a builder asks are read further.
 */
async function driftedNodes(nodes: readonly FarmNode[], deps: JobDeps): Promise<Map<string, string>> {
  const threshold = diskSettings(deps).thresholdBytes;
  const candidates = nodes.filter((n) => {
    const free = nomadFreeMB(n);
    return n.status === 'ready' && n.running === 0 && free !== undefined && free * MIB < threshold;
  });
  // The rule reads what runs and the disk it holds (`live` is not among them).
  const usage = new Map<string, NodeUsage>(candidates.map((n) => [n.id, { live: n.running, running: n.running, diskMB: n.liveDiskMB }]));
  const [listing, idle] = await Promise.all([deps.alerts.list().catch(() => undefined), idleNodesToClean(candidates.map(asStub), usage, deps)]);
  const shown = new Set(nodes.map((n) => n.name));
  const drifted = new Map<string, string>();
  for (const r of idle) drifted.set(r.name, `${diskWords(r)}; needs cleanup now`);
  for (const a of listing?.alerts ?? []) {
    if (a.fact.kind !== 'disk-drift' || !shown.has(a.fact.subject) || drifted.has(a.fact.subject)) continue;
    drifted.set(a.fact.subject, (a.fact.brief ?? a.fact.summary).replace(`${a.fact.subject}: `, '').replace(' · ', '; '));
  }
  return drifted;
}
