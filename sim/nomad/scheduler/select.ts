/**
 * Node selection for one placement (Nomad's GenericStack): walk the ready, eligible nodes of the
 * job's datacenters and pool, filter by feasibility, rank the ones with room by binpack score
 * with job anti-affinity, and keep the AllocationMetric of the attempt.
 */
import type { NomadAllocation, NomadJob, NomadNode, NomadTaskGroup } from '../types.js';
import { infeasibleReason, wantsDistinctHosts } from './feasibility.js';
import { exhaustNode, filterNode, newMetric, type AllocMetric } from './metrics.js';
import { allocUsage, binpackScore, capacity, exhaustedDimension, groupAsk, isTerminal, type Usage } from './resources.js';

export interface ProposedAlloc {
  jobId: string;
  namespace: string;
  taskGroup: string;
  usage: Usage;
  cores: number[];
}

export interface Selection {
  node: NomadNode;
  ask: Usage;
  cores: number[];
  metric: AllocMetric;
}

const globToRegex = (glob: string) =>
  new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );

/** Ready + eligible nodes of the job's datacenters (globs allowed) and node pool, by name. */
export function candidateNodes(nodes: Iterable<NomadNode>, job: NomadJob): NomadNode[] {
  const dcs = job.Datacenters.map(globToRegex);
  return [...nodes]
    .filter((n) => n.Status === 'ready' && n.SchedulingEligibility === 'eligible' && !n.Drain)
    .filter((n) => dcs.some((re) => re.test(n.Datacenter)))
    .filter((n) => job.NodePool === 'all' || n.NodePool === job.NodePool)
    .sort((a, b) => a.Name.localeCompare(b.Name));
}

/** Per-node view of what is proposed to run there while a plan is being built. */
export class PlanContext {
  private readonly proposed = new Map<string, ProposedAlloc[]>();
  readonly nodes: NomadNode[];
  readonly nodesAvailable: Record<string, number>;

  constructor(allNodes: Iterable<NomadNode>, allocs: Iterable<NomadAllocation>, job: NomadJob, stopping: Set<string>) {
    this.nodes = candidateNodes(allNodes, job);
    this.nodesAvailable = Object.fromEntries(job.Datacenters.filter((d) => !/[*?]/.test(d)).map((d) => [d, 0]));
    for (const n of this.nodes) this.nodesAvailable[n.Datacenter] = (this.nodesAvailable[n.Datacenter] ?? 0) + 1;
    for (const a of allocs) {
      if (isTerminal(a) || stopping.has(a.ID)) continue;
      const tasks = Object.values((a.AllocatedResources.Tasks ?? {}) as Record<string, { Cpu?: { ReservedCores?: number[] } }>);
      this.add(a.NodeID, {
        jobId: a.JobID,
        namespace: a.Namespace,
        taskGroup: a.TaskGroup,
        usage: allocUsage(a),
        cores: tasks.flatMap((t) => t.Cpu?.ReservedCores ?? []),
      });
    }
  }

  add(nodeId: string, p: ProposedAlloc): void {
    const list = this.proposed.get(nodeId) ?? [];
    list.push(p);
    this.proposed.set(nodeId, list);
  }

  used(nodeId: string): Usage {
    const u: Usage = { cores: 0, cpu: 0, memoryMB: 0, diskMB: 0 };
    for (const p of this.proposed.get(nodeId) ?? []) {
      u.cores += p.usage.cores;
      u.cpu += p.usage.cpu;
      u.memoryMB += p.usage.memoryMB;
      u.diskMB += p.usage.diskMB;
    }
    return u;
  }

  collisions(nodeId: string, job: NomadJob, tg?: string): number {
    return (this.proposed.get(nodeId) ?? []).filter((p) => p.jobId === job.ID && p.namespace === job.Namespace && (tg === undefined || p.taskGroup === tg))
      .length;
  }

  freeCores(node: NomadNode, count: number): number[] {
    const taken = new Set((this.proposed.get(node.ID) ?? []).flatMap((p) => p.cores));
    const free: number[] = [];
    for (let c = 0; c < capacity(node).cores && free.length < count; c++) if (!taken.has(c)) free.push(c);
    return free;
  }

  /** One placement attempt for `tg`; records it in the context when it succeeds. */
  select(job: NomadJob, tg: NomadTaskGroup): Selection | { failed: AllocMetric } {
    const started = process.hrtime.bigint();
    const metric = newMetric(job.NodePool, this.nodes.length, this.nodesAvailable);
    const distinct = wantsDistinctHosts(job.Constraints ?? [], tg);
    let best: { node: NomadNode; ask: Usage; score: number } | undefined;
    for (const node of this.nodes) {
      metric.NodesEvaluated += 1;
      const reason = infeasibleReason(job.Constraints ?? [], tg, node);
      if (reason !== undefined) {
        filterNode(metric, node, reason);
        continue;
      }
      if (distinct && this.collisions(node.ID, job) > 0) {
        filterNode(metric, node, 'distinct_hosts');
        continue;
      }
      const ask = groupAsk(tg, node);
      const used = this.used(node.ID);
      const dim = exhaustedDimension(node, used, ask);
      if (dim !== undefined) {
        exhaustNode(metric, node, dim);
        continue;
      }
      const scores = [binpackScore(node, used, ask)];
      const collisions = this.collisions(node.ID, job, tg.Name);
      if (collisions > 0) scores.push(-(collisions + 1) / Math.max(1, tg.Count));
      const score = scores.reduce((s, x) => s + x, 0) / scores.length;
      metric.Scores[`${node.ID}.normalized-score`] = score;
      if (!best || score > best.score) best = { node, ask, score };
    }
    metric.AllocationTime = Number(process.hrtime.bigint() - started);
    if (!best) return { failed: metric };
    const cores = this.freeCores(best.node, best.ask.cores);
    this.add(best.node.ID, { jobId: job.ID, namespace: job.Namespace, taskGroup: tg.Name, usage: best.ask, cores });
    return { node: best.node, ask: best.ask, cores, metric };
  }
}
