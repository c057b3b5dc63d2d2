/** `node.eligibility`: `nomad node eligibility -enable|-disable`; running allocations are not touched. */
import { NodeEligibility, type OperationResult, type PlanOutcome } from '../src/operations/index.js';
import type { MutatingJobModule } from '../src/ports.js';
import { findNode, nodeState, nodeWriteRefusal } from './node-find.js';

export const nodeEligibility: MutatingJobModule<NodeEligibility> = {
  kind: 'node.eligibility',
  schema: NodeEligibility,
  lockKey: (op) => `nomad/node/${op.node.toLowerCase()}`,
  describe: (op) => `mark ${op.eligibility} ${op.node}`,

  async plan(op, deps): Promise<PlanOutcome> {
    const verb = op.eligibility === 'eligible' ? 'mark eligible' : 'mark ineligible';
    const found = await findNode(op.node, deps);
    if (!found.ok) return { status: 'failed', title: `${verb} ${op.node}`, failure: found.message };
    const n = found.node;
    const title = `${verb} ${n.Name}`;
    if (n.SchedulingEligibility === op.eligibility) return { status: 'no-change', title, message: `${n.Name} is already ${op.eligibility}: nothing to do.` };
    if (op.eligibility === 'eligible' && n.Drain) {
      return {
        status: 'failed',
        title,
        failure: `${n.Name} is draining, and Nomad will not make a draining node eligible: \`/ci node undrain ${n.Name}\` cancels the drain and makes it eligible.`,
      };
    }
    return {
      status: 'planned',
      title,
      diffText: [`Node ${nodeState(n)}`, `  Eligibility: "${n.SchedulingEligibility}" => "${op.eligibility}"`].join('\n'),
      dryRunText:
        op.eligibility === 'eligible'
          ? '- The scheduler may place new allocations there again.'
          : '- No new allocations go there; what runs there keeps running (`/ci node drain` moves it off).',
      placementFailures: false,
      notes: [],
      checkIndex: n.ModifyIndex,
      planHash: deps.hash(JSON.stringify([n.ID, op.eligibility])),
      facts: { nodeId: n.ID, name: n.Name },
    };
  },

  async apply(op, plan, deps, ctx): Promise<OperationResult> {
    const name = String(plan.facts.name);
    try {
      // Setting the same eligibility twice is harmless.
      await ctx.step('eligibility', async () => String((await deps.nomad.nodes.eligibility(String(plan.facts.nodeId), op.eligibility)).Index ?? 0));
    } catch (err) {
      const refusal = nodeWriteRefusal(err, name);
      if (refusal) return { status: 'failed', failure: refusal, done: [] };
      throw err;
    }
    return {
      status: 'succeeded',
      summary: `${name} is ${op.eligibility}`,
      details: [
        op.eligibility === 'eligible'
          ? `The scheduler may place allocations on ${name} again.`
          : `No new allocations go to ${name}; what runs there keeps running.`,
      ],
    };
  },
};
