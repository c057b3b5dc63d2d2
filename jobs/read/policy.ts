/** `policy.show` (issue 17.6): what the self-healing policy may do by itself, and what it did in the last day. */
import { PolicyShow, type ReadReply } from '../../src/operations/index.js';
import type { ReadJobModule } from '../../src/ports.js';
import { table } from './table.js';

const at = (ms: number) => `${new Date(ms).toISOString().slice(5, 16).replace('T', ' ')} UTC`;
const hours = (ms: number) => (ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : `${Math.round(ms / 60_000)}m`);

export const policyShow: ReadJobModule<PolicyShow> = {
  kind: 'policy.show',
  schema: PolicyShow,
  async run(_req, deps): Promise<ReadReply> {
    const v = await deps.selfHealing?.view();
    if (!v?.enabled)
      return {
        summary:
          'Self-healing is off: every remediation waits for a person’s approval. Turn it on with `remediation.auto.enabled: true` in chatops.yaml (README, “Self-healing”).',
      };
    const may = [
      `🤖 Self-healing is on: \`${v.principal}\` cleans up a node by itself on the first ${v.kinds.join(', ')} alert that offers the runbook's cleanup, without a human approval.`,
      `Guardrails: at most ${v.maxConcurrent} node${v.maxConcurrent === 1 ? '' : 's'} at once and ${v.maxPerHour} an hour, farm-wide; never during a change freeze of node operations, while ${v.stormNodes} or more nodes are down, or while a master-health alert fires; never on a node running ${v.protectedJobs.join(', ')}; a node that drifts again within ${hours(v.repeatWindowMs)} of its automatic cleanup waits for a person.`,
    ];
    if (v.freeze) may.push(`Now: ${v.freeze}, so nothing happens automatically.`);
    const running = v.recent.filter((r) => r.finishedAt === undefined).length;
    may.push(
      v.recent.length
        ? `Last day: ${v.recent.length} automatic cleanup${v.recent.length === 1 ? '' : 's'} (${v.recent.filter((r) => r.outcome === 'applied').length} applied, ${running} running).`
        : 'Last day: nothing happened automatically.',
    );
    if (!v.recent.length) return { summary: may.join('\n') };
    const rows = v.recent.map((r) => [r.opId, r.node, at(r.startedAt), r.finishedAt === undefined ? 'running' : (r.outcome ?? 'finished'), r.summary ?? '']);
    return { summary: may.join('\n'), detail: table(['OPERATION', 'NODE', 'STARTED', 'OUTCOME', 'WHAT HAPPENED'], rows), filename: 'self-healing.txt' };
  },
};
