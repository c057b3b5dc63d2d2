/**
 * Builder jobs (`builderJobs` globs) with fewer running allocations than desired. The alert
 * manager holds these back for `buildersDownAfterMs`, since a replacement normally starts within
 * seconds; the failed or lost allocations are the evidence. Builders lost with a down node are
 * inhibited by that node's alert.
 */
import type { AllocState, ClusterModel } from '../cluster-model.js';
import type { AlertFact } from '../facts.js';
import type { DetectorMemory } from './memory.js';
import { nodeDownKey } from './node-down.js';

const RECENT_MS = 15 * 60_000;

export function buildersDownFacts(model: ClusterModel, memory: DetectorMemory, now: number): AlertFact[] {
  const facts: AlertFact[] = [];
  for (const job of model.jobs.values()) {
    if (job.stopped) continue;
    const groups = Object.entries(job.groups);
    for (const [group, desired] of groups) {
      const allocs = [...model.allocs.values()].filter((a) => a.jobId === job.id && a.taskGroup === group);
      const running = allocs.filter((a) => a.desiredStatus === 'run' && a.clientStatus === 'running').length;
      if (running >= desired) continue;
      const key = `builders-down/${job.id}/${group}`;
      const since = memory.since(key, now);
      const gone = allocs.filter((a) => (a.clientStatus === 'failed' || a.clientStatus === 'lost') && a.modifyTime >= since - RECENT_MS);
      const pending = allocs.filter((a) => a.desiredStatus === 'run' && a.clientStatus === 'pending').length;
      const downNodes = [...new Set(gone.filter((a) => isDown(model, a)).map((a) => a.nodeName))].sort();
      const name = groups.length > 1 ? `${job.id}.${group}` : job.id;
      const causes = gone.length > 0 ? ` · ${causeText(model, gone)}` : '';
      facts.push({
        key,
        kind: 'builders-down',
        severity: running === 0 ? 'critical' : 'warning',
        subject: job.id,
        summary: `Builders down: ${name} has ${running} of ${desired} running${causes}`,
        brief: `${name}: ${running} of ${desired} running${causes}`,
        evidence: [
          ...gone.slice(-10).map((a) => `${a.name} ${a.clientStatus} on ${a.nodeName}${isDown(model, a) ? ' (node down)' : ''}${a.lastEvent ? `: ${a.lastEvent}` : ''}`),
          ...(pending > 0 ? [`${pending} waiting to start`] : []),
          ...(desired - running - pending > 0 ? [`${desired - running - pending} not placed: no eligible node has room for them (see the job's placement failures)`] : []),
        ],
        since,
        suggestedActions: gone.some((a) => a.clientStatus === 'failed') ? ['show-logs', 'silence'] : ['silence'],
        labels: { job: job.id, group, ...(downNodes.length > 0 ? { nodes: downNodes.join(',') } : {}) },
        ...(downNodes.length > 0 ? { inhibitedBy: downNodes.map(nodeDownKey) } : {}),
      });
    }
  }
  return facts;
}

const isDown = (model: ClusterModel, a: AllocState) => {
  const status = model.nodes.get(a.nodeId)?.status;
  return status === 'down' || status === 'disconnected';
};

/** "2 lost on alibuild07, 1 failed on alibuild03". */
function causeText(model: ClusterModel, gone: AllocState[]): string {
  const counts = new Map<string, number>();
  for (const a of gone) {
    const k = `${a.clientStatus} on ${a.nodeName}${isDown(model, a) ? ' (node down)' : ''}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts.entries()].map(([k, n]) => `${n} ${k}`).join(', ');
}
