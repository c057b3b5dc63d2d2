/** `node.undrain`: cancel a drain and make the node eligible again (`nomad node drain -disable`). */
import { NodeUndrain, type OperationResult, type PlanOutcome } from '../src/operations/index.js';
import type { MutatingJobModule } from '../src/ports.js';
import { findNode, nodeState, nodeWriteRefusal } from './node-find.js';

export const nodeUndrain: MutatingJobModule<NodeUndrain> = {
  kind: 'node.undrain',
  schema: NodeUndrain,
  lockKey: (op) => `nomad/node/${op.node.toLowerCase()}`,
  describe: (op) => `undrain ${op.node}`,

  async plan(op, deps): Promise<PlanOutcome> {
    const found = await findNode(op.node, deps);
    if (!found.ok) return { status: 'failed', title: `undrain ${op.node}`, failure: found.message };
    const n = found.node;
    const title = `undrain ${n.Name}`;
    if (!n.Drain && n.SchedulingEligibility === 'eligible')
      return { status: 'no-change', title, message: `${n.Name} is not draining and already eligible: nothing to do.` };
    const lines = [`Node ${nodeState(n)}`];
    if (n.Drain) lines.push('  Drain: "true" => "false" (cancelled)');
    if (n.SchedulingEligibility !== 'eligible') lines.push(`  Eligibility: "${n.SchedulingEligibility}" => "eligible"`);
    return {
      status: 'planned',
      title,
      diffText: lines.join('\n'),
      dryRunText: '- New allocations may be placed on it again; allocations that already migrated stay where they are.',
      placementFailures: false,
      notes: [],
      checkIndex: n.ModifyIndex,
      planHash: deps.hash(JSON.stringify([n.ID, n.Drain, n.SchedulingEligibility])),
      facts: { nodeId: n.ID, name: n.Name, wasDraining: n.Drain },
    };
  },

  async apply(_op, plan, deps, ctx): Promise<OperationResult> {
    const name = String(plan.facts.name);
    try {
      // Cancelling twice is harmless, so a retried step may simply send it again.
      await ctx.step('undrain', async () => {
        const r = await deps.nomad.nodes.drain(String(plan.facts.nodeId), null, {
          markEligible: true,
          meta: { cancel_message: `ci-chatops ${ctx.opId}: requested by ${ctx.requestedBy}` },
        });
        return String(r.NodeModifyIndex ?? r.Index ?? 0);
      });
    } catch (err) {
      const refusal = nodeWriteRefusal(err, name);
      if (refusal) return { status: 'failed', failure: refusal, done: [] };
      throw err;
    }
    const { data: n } = await deps.nomad.nodes.read(String(plan.facts.nodeId));
    const what = plan.facts.wasDraining === true ? 'drain cancelled' : 'not draining';
    return {
      status: 'succeeded',
      summary: `${name}: ${what}, ${n.SchedulingEligibility} again`,
      details: [`${name} is ${n.Status} and ${n.SchedulingEligibility}; the scheduler may place allocations there.`],
    };
  },
};
