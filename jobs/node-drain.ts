/**
 * `node.drain`: the runbook's drain-then-wait. Start a drain (the node turns ineligible, its
 * allocations migrate), then follow it with blocking queries in the same message until the
 * node is empty, or report that the deadline stopped what had not migrated.
 */
import { NodeDrain, type OperationResult, type PlanOutcome } from '../src/operations/index.js';
import type { ApplyContext, JobDeps, MutatingJobModule, NomadAllocation, NomadNode } from '../src/ports.js';
import { findNode, nodeState, nodeWriteRefusal } from './node-find.js';
import { isTerminal } from './read/disk.js';
import { untilDeadline } from './follow.js';

/** Human durations for messages: 1h, 30m, 1h30m, 45s. */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return [h && `${h}h`, m && `${m}m`, r && `${r}s`].filter(Boolean).join('') || '0s';
}

const stillOn = (a: NomadAllocation, ignoreSystem: boolean) =>
  (a.ClientStatus === 'running' || a.ClientStatus === 'pending') && !(ignoreSystem && (a as { JobType?: string }).JobType === 'system');

export const nodeDrain: MutatingJobModule<NodeDrain> = {
  kind: 'node.drain',
  schema: NodeDrain,
  lockKey: (op) => `nomad/node/${op.node.toLowerCase()}`,
  describe: (op) => `drain ${op.node} (deadline ${duration(op.deadlineMs)})`,
  // As long as the apply follows the drain: the deadline, and the follow time after it.
  takesNodeAway: (op, plan, deps) => ({ node: String(plan.facts.name), what: 'drain', expect: 'back', budgetMs: op.deadlineMs + deps.followTimeoutMs }),

  async plan(op, deps): Promise<PlanOutcome> {
    const title = `drain ${op.node}`;
    const found = await findNode(op.node, deps);
    if (!found.ok) return { status: 'failed', title, failure: found.message };
    const n = found.node;
    if (n.Drain)
      return {
        status: 'no-change',
        title: `drain ${n.Name}`,
        message: `${n.Name} is already draining. \`/ci node ${n.Name}\` shows how far it got; \`/ci node undrain ${n.Name}\` cancels it.`,
      };
    const { data: allocs } = await deps.nomad.nodes.allocations(n.ID);
    const moving = allocs.filter((a) => !isTerminal(a) && stillOn(a, op.ignoreSystemJobs));
    const lines = [
      `Node ${nodeState(n)}`,
      `  Eligibility: "${n.SchedulingEligibility}" => "ineligible"`,
      `  Drain: "false" => "true" (deadline ${duration(op.deadlineMs)}${op.ignoreSystemJobs ? ', system jobs stay' : ''})`,
    ];
    lines.push(moving.length ? `${moving.length} allocation${moving.length === 1 ? '' : 's'} to migrate:` : 'Nothing runs there: the drain completes at once.');
    for (const a of moving.slice(0, 30)) lines.push(`  ${a.ID.slice(0, 8)}  ${a.Name}  (${a.ClientStatus})`);
    if (moving.length > 30) lines.push(`  … and ${moving.length - 30} more`);
    const notes = n.Status !== 'ready' ? [`⚠️ ${n.Name} is ${n.Status}: its allocations are lost rather than migrated.`] : [];
    return {
      status: 'planned',
      title: `drain ${n.Name} (deadline ${duration(op.deadlineMs)})`,
      diffText: lines.join('\n'),
      dryRunText: `- Allocations migrate to other eligible nodes as their migrate settings allow; after ${duration(op.deadlineMs)} Nomad stops whatever is left.`,
      placementFailures: false,
      notes,
      checkIndex: n.ModifyIndex,
      planHash: deps.hash(JSON.stringify([n.ID, op.deadlineMs, op.ignoreSystemJobs, moving.map((a) => a.ID)])),
      facts: { nodeId: n.ID, name: n.Name, toMigrate: moving.length },
    };
  },

  async apply(op, plan, deps, ctx): Promise<OperationResult> {
    const nodeId = String(plan.facts.nodeId);
    const name = String(plan.facts.name);
    const started = deps.now();
    let drainIndex: number;
    try {
      drainIndex = Number(
        await ctx.step('drain', async () => {
          const { data: n, meta } = await deps.nomad.nodes.read(nodeId);
          if (n.Drain && (n.LastDrain as { Meta?: Record<string, string> | null } | null | undefined)?.Meta?.['ci-chatops.op'] === ctx.opId)
            return String(meta.lastIndex);
          const resp = await deps.nomad.nodes.drain(
            nodeId,
            { deadlineMs: op.deadlineMs, ignoreSystemJobs: op.ignoreSystemJobs },
            {
              meta: { message: `ci-chatops ${ctx.opId}: requested by ${ctx.requestedBy}, approved by ${ctx.approvedBy.join(', ')}`, 'ci-chatops.op': ctx.opId },
            },
          );
          return String(resp.NodeModifyIndex ?? resp.Index ?? 0);
        }),
      );
    } catch (err) {
      const refusal = nodeWriteRefusal(err, name);
      if (refusal) return { status: 'failed', failure: refusal, done: [] };
      throw err;
    }
    await ctx.progress(`Drain started on ${name} (deadline ${duration(op.deadlineMs)}); ${name} is ineligible now.`);
    const end = await follow(nodeId, name, op, deps, ctx, started + op.deadlineMs + deps.followTimeoutMs);
    const secs = duration(deps.now() - started);
    if (end.node.Drain) {
      return {
        status: 'succeeded',
        summary: `drain of ${name} started, still running after ${secs}`,
        details: [`${end.left.length} allocation${end.left.length === 1 ? '' : 's'} left on ${name}. \`/ci node ${name}\` shows the progress.`],
      };
    }
    const status = end.node.LastDrain?.Status ?? 'complete';
    if (status === 'canceled')
      return { status: 'failed', failure: `The drain of ${name} was cancelled by someone else after ${secs}.`, done: [`drain started`] };
    const deadlined = (end.node.Events ?? []).some(
      (e) => e.Subsystem === 'Drain' && e.Details?.deadline_reached === 'true' && ((e as { CreateIndex?: number }).CreateIndex ?? 0) >= drainIndex,
    );
    if (deadlined) {
      const killed = end.lastSeen.length;
      return {
        status: 'succeeded',
        summary: `${name} drained, but the ${duration(op.deadlineMs)} deadline hit first`,
        details: [
          `⏰ Deadline reached: Nomad stopped ${killed} allocation${killed === 1 ? '' : 's'} that had not migrated${killed ? ` (${end.lastSeen.map((a) => a.Name).join(', ')})` : ''}; they are rescheduled elsewhere if there is room.`,
          `${name} is empty and ineligible · ${secs}. \`/ci node eligible ${name}\` when it may take work again.`,
        ],
      };
    }
    return {
      status: 'succeeded',
      summary: `${name} drained`,
      details: [
        `All ${Number(plan.facts.toMigrate)} allocations migrated off ${name}; it is empty and ineligible · ${secs}. \`/ci node eligible ${name}\` when it may take work again.`,
      ],
    };
  },
};

interface DrainEnd {
  node: NomadNode;
  left: NomadAllocation[];
  /** What was still on the node at the last look before the drain ended (the deadline's victims). */
  lastSeen: NomadAllocation[];
}

/** Blocking queries on the node's allocations, re-reading the node each time, until the drain ends. */
async function follow(nodeId: string, name: string, op: NodeDrain, deps: JobDeps, ctx: ApplyContext, until: number): Promise<DrainEnd> {
  let index = 0;
  let lastCount = -1;
  let lastSeen: NomadAllocation[] = [];
  for (;;) {
    // At most 10 s: the node itself is re-read after each wait (a drain can end without an allocation change).
    const waitMs = Math.min(10_000, untilDeadline(until, deps));
    // On shutdown the wait ends with an error: the step is retried by the next bot, which resumes following (the drain call is recorded).
    const signal = deps.shutdown;
    const { data: allocs, meta } = await deps.nomad.nodes.allocations(nodeId, { index, waitMs, ...(signal ? { signal } : {}) });
    const { data: node } = await deps.nomad.nodes.read(nodeId, signal ? { signal } : {});
    const left = allocs.filter((a) => stillOn(a, op.ignoreSystemJobs));
    if (!node.Drain || deps.now() >= until) return { node, left, lastSeen };
    if (left.length !== lastCount) {
      lastCount = left.length;
      const names = left
        .slice(0, 3)
        .map((a) => a.Name)
        .join(', ');
      await ctx.progress(
        left.length
          ? `${left.length} left on ${name}: ${names}${left.length > 3 ? ', …' : ''}`
          : `Nothing left on ${name}; waiting for Nomad to mark the drain complete.`,
      );
    }
    lastSeen = left;
    index = meta.lastIndex;
  }
}
