/** Nodes that stopped heartbeating (`down`) or lost contact (`disconnected`), with what they took with them. */
import type { ClusterModel, NodeState } from '../cluster-model.js';
import type { AlertFact } from '../facts.js';
import { matchesAny } from '../glob.js';
import { clock } from '../time-text.js';

export const nodeDownKey = (nodeName: string) => `node-down/${nodeName}`;

export function nodeDownFacts(model: ClusterModel, builderJobs: readonly string[]): AlertFact[] {
  const facts: AlertFact[] = [];
  for (const node of model.nodes.values()) {
    if (node.status !== 'down' && node.status !== 'disconnected') continue;
    const lost = lostWith(model, node, builderJobs);
    const verb = node.status === 'down' ? 'down' : 'disconnected';
    const tail = lost.length > 0 ? ` · ${lost.join(', ')}` : '';
    facts.push({
      key: nodeDownKey(node.name),
      kind: 'node-down',
      severity: 'critical',
      subject: node.name,
      summary: `Node ${verb}: ${node.name} (datacenter ${node.datacenter}) since ${clock(node.statusSince)}${tail}`,
      brief: `${node.name} (${node.datacenter}) ${verb} since ${clock(node.statusSince)}${tail}`,
      evidence: [`Nomad status: ${node.status}`],
      since: node.statusSince,
      suggestedActions: ['show-node', 'reboot-vm', 'silence'],
      labels: { node: node.name, datacenter: node.datacenter, status: node.status },
    });
  }
  return facts;
}

/** "3 builders of ci-mesosci-cs8 lost", per job, for allocations lost in this outage. */
function lostWith(model: ClusterModel, node: NodeState, builderJobs: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const a of model.allocsOn(node.id)) {
    const gone = a.clientStatus === 'lost' || (node.status === 'disconnected' && a.clientStatus === 'unknown');
    if (!gone || a.modifyTime < node.statusSince - 60_000) continue;
    counts.set(a.jobId, (counts.get(a.jobId) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([job, n]) => {
      const what = matchesAny(job, builderJobs) ? (n === 1 ? 'builder' : 'builders') : n === 1 ? 'allocation' : 'allocations';
      return `${n} ${what} of ${job} ${node.status === 'down' ? 'lost' : 'unreachable'}`;
    });
}
