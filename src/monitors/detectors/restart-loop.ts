/**
 * Builders whose tasks keep restarting: at least `count` task events of type `Restarting` within
 * the window. The times come from Nomad's task events, so a bot restart does not forget them.
 */
import type { ClusterModel } from '../cluster-model.js';
import { isTerminal } from '../cluster-model.js';
import type { AlertFact } from '../facts.js';
import { duration } from '../time-text.js';
import { nodeDownKey } from './node-down.js';

export function restartLoopFacts(model: ClusterModel, opts: { count: number; windowMs: number }, now: number): AlertFact[] {
  const facts: AlertFact[] = [];
  for (const a of model.allocs.values()) {
    if (!model.jobs.has(a.jobId) || isTerminal(a)) continue;
    const recent = a.restartTimes.filter((t) => t >= now - opts.windowMs);
    if (recent.length < opts.count) continue;
    const text = `${a.name} on ${a.nodeName} restarted ${recent.length} times in ${duration(opts.windowMs)}`;
    facts.push({
      key: `builder-restarts/${a.name}`,
      kind: 'builder-restarts',
      severity: 'warning',
      subject: a.name,
      summary: `Builder restarting in a loop: ${text}`,
      brief: text,
      evidence: [`${a.restarts} restarts in total`, ...(a.lastEvent ? [`last task event: ${a.lastEvent}`] : [])],
      since: Math.min(...recent),
      suggestedActions: ['show-logs', 'silence'],
      labels: { job: a.jobId, node: a.nodeName, alloc: a.id },
      inhibitedBy: [nodeDownKey(a.nodeName)],
    });
  }
  return facts;
}
