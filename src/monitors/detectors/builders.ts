/**
 * Builder jobs (`builderJobs` globs) with fewer running allocations than desired. The alert
 * manager holds these back for `buildersDownAfterMs`, since a replacement normally starts within
 * seconds; the failed or lost allocations are the evidence.
 *
 * Builders lost with a down node are their own alert per node (`…/<node>`), inhibited by that
 * node's alert; the rest of the gap (a crash on a healthy node, builders that cannot be placed) is
 * the job's alert and fires as usual, with its own hold time. So a down node never hides a crash
 * elsewhere, and once the node is back, builders still missing count as the job's again.
 */
import type { AllocState, ClusterModel } from '../cluster-model.js';
import type { AlertFact } from '../facts.js';
import type { DetectorMemory } from './memory.js';
import { nodeDownKey } from './node-down.js';

const RECENT_MS = 15 * 60_000;
/** How Nomad leaves the allocations of a node that went down (`lost`) or lost contact (`unknown`). */
const TAKEN = new Set(['lost', 'unknown', 'failed']);

export function buildersDownFacts(model: ClusterModel, memory: DetectorMemory, now: number): AlertFact[] {
  const facts: AlertFact[] = [];
  const byGroup = builderAllocs(model);
  for (const job of model.jobs.values()) {
    if (job.stopped) continue;
    const groups = Object.entries(job.groups);
    for (const [group, desired] of groups) {
      const allocs = byGroup.get(job.id)?.get(group) ?? [];
      const running = allocs.filter((a) => a.desiredStatus === 'run' && a.clientStatus === 'running');
      if (running.length >= desired) continue;
      const name = groups.length > 1 ? `${job.id}.${group}` : job.id;
      const key = `builders-down/${job.id}/${group}`;
      const recent = (a: AllocState, since: number) => (a.clientStatus === 'failed' || a.clientStatus === 'lost') && a.modifyTime >= since - RECENT_MS;
      // A replacement keeps its predecessor's name (`job.group[index]`): a slot running again is
      // no longer missing, whatever happened to its old allocation.
      const runningSlots = new Set(running.map((a) => a.name));
      const downSlots = new Map<string, AllocState[]>();
      const counted = new Set<string>();
      for (const a of allocs) {
        if (!isDown(model, a) || !TAKEN.has(a.clientStatus) || runningSlots.has(a.name) || counted.has(a.name)) continue;
        counted.add(a.name);
        downSlots.set(a.nodeName, [...(downSlots.get(a.nodeName) ?? []), a]);
      }
      const heldBack = [...downSlots.values()].reduce((n, l) => n + l.length, 0);
      for (const [node, lost] of [...downSlots].sort(([a], [b]) => a.localeCompare(b))) facts.push(lostWithNode(job.id, group, name, node, lost, memory, now));

      const gap = desired - running.length - heldBack;
      if (gap <= 0) continue;
      const since = memory.since(key, now);
      const gone = allocs.filter((a) => recent(a, since) && !isDown(model, a));
      const pending = allocs.filter((a) => a.desiredStatus === 'run' && a.clientStatus === 'pending').length;
      const causes = gone.length > 0 ? ` · ${causeText(gone)}` : '';
      const failed = gone.filter((a) => a.clientStatus === 'failed').sort((a, b) => b.modifyTime - a.modifyTime || a.id.localeCompare(b.id))[0];
      const elsewhere =
        heldBack > 0 ? ` (and ${heldBack} lost with ${[...downSlots.keys()].sort().join(', ')}, which ${downSlots.size === 1 ? 'is' : 'are'} down)` : '';
      facts.push({
        key,
        kind: 'builders-down',
        severity: running.length === 0 ? 'critical' : 'warning',
        subject: job.id,
        summary: `Builders down: ${name} has ${running.length} of ${desired} running${causes}${elsewhere}`,
        brief: `${name}: ${running.length} of ${desired} running${causes}${elsewhere}`,
        evidence: [
          ...gone.slice(-10).map((a) => `${a.name} ${a.clientStatus} on ${a.nodeName}${a.lastEvent ? `: ${a.lastEvent}` : ''}`),
          ...(pending > 0 ? [`${pending} waiting to start`] : []),
          ...(gap - pending > 0 ? [`${gap - pending} not placed: no eligible node has room for them (see the job's placement failures)`] : []),
        ],
        since,
        suggestedActions: failed ? ['show-logs', 'silence'] : ['silence'],
        // Show logs opens the newest failed allocation: the one whose stderr says why, not a list to pick from.
        labels: { job: job.id, group, ...(failed ? { alloc: failed.id } : {}) },
      });
    }
  }
  return facts;
}

/** The builder jobs' allocations by job and group, in one pass over the farm's (200,000 on a big farm). */
function builderAllocs(model: ClusterModel): Map<string, Map<string, AllocState[]>> {
  const byJob = new Map<string, Map<string, AllocState[]>>();
  for (const a of model.allocs.values()) {
    if (!model.jobs.has(a.jobId)) continue;
    let groups = byJob.get(a.jobId);
    if (!groups) byJob.set(a.jobId, (groups = new Map()));
    const list = groups.get(a.taskGroup);
    if (list) list.push(a);
    else groups.set(a.taskGroup, [a]);
  }
  return byJob;
}

/** Builders a down node took with it and that run nowhere else yet: held back by the node's alert. */
function lostWithNode(jobId: string, group: string, name: string, node: string, lost: AllocState[], memory: DetectorMemory, now: number): AlertFact {
  const n = lost.length;
  const text = `${n} lost on ${node} (node down)`;
  return {
    key: `builders-down/${jobId}/${group}/${node}`,
    kind: 'builders-down',
    severity: 'warning',
    subject: jobId,
    summary: `Builders down: ${name}: ${text}, not running elsewhere yet`,
    brief: `${name}: ${text}`,
    evidence: lost.slice(0, 10).map((a) => `${a.name} ${a.clientStatus} on ${node}`),
    since: memory.since(`builders-down/${jobId}/${group}/${node}`, now),
    suggestedActions: ['silence'],
    labels: { job: jobId, group, nodes: node },
    inhibitedBy: [nodeDownKey(node)],
  };
}

const isDown = (model: ClusterModel, a: AllocState) => {
  const status = model.nodes.get(a.nodeId)?.status;
  return status === 'down' || status === 'disconnected';
};

/** "2 failed on alibuild03, 1 lost on alibuild05". */
function causeText(gone: AllocState[]): string {
  const counts = new Map<string, number>();
  for (const a of gone) {
    const k = `${a.clientStatus} on ${a.nodeName}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts.entries()].map(([k, n]) => `${n} ${k}`).join(', ');
}
