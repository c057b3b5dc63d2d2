/**
 * Ready nodes that take no work: ineligible or draining. The alert manager holds these back until
 * they have lasted `unschedulableAfterMs` (a short drain for maintenance is normal).
 */
import type { ClusterModel } from '../cluster-model.js';
import type { AlertFact } from '../facts.js';
import { clock } from '../time-text.js';

export function nodeUnschedulableFacts(model: ClusterModel, now: number): AlertFact[] {
  const facts: AlertFact[] = [];
  for (const node of model.nodes.values()) {
    if (node.status !== 'ready' || (!node.drain && node.eligibility === 'eligible')) continue;
    const since = node.unschedulableSince ?? now;
    const what = node.drain ? 'draining' : 'ineligible for scheduling';
    facts.push({
      key: `node-unschedulable/${node.name}`,
      kind: 'node-unschedulable',
      severity: 'warning',
      subject: node.name,
      summary: `Node ${node.name} (datacenter ${node.datacenter}) has been ${what} since ${clock(since)}: it takes no new builders`,
      brief: `${node.name} (${node.datacenter}) ${what} since ${clock(since)}`,
      evidence: [node.drain ? 'A drain is in progress.' : 'It was marked ineligible; mark it eligible again once it is fixed.'],
      since,
      suggestedActions: ['show-node', 'silence'],
      labels: { node: node.name, datacenter: node.datacenter },
      // A cleanup that failed half-way says more, at once, about the same ineligible node.
      inhibitedBy: [`remediation-failed/${node.name}`],
    });
  }
  return facts;
}
