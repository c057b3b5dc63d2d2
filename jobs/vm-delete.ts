/**
 * `vm.delete`: `ai-kill <name>`, then "delete the previously attached volumes" (seed 002), the
 * step people forget. Refused while Nomad still runs allocations there (drain, or retire, first).
 */
import { VmDelete, isMasterName, type OperationResult, type PlanOutcome } from '../src/operations/index.js';
import type { JobDeps, MutatingJobModule, VmCheck } from '../src/ports.js';
import {
  describeAllocations,
  describeServer,
  findNomadNode,
  findServer,
  liveAllocations,
  OPENSTACK_NOT_CONFIGURED,
  planText,
  refusal,
  refusedPlan,
  vmSettings,
} from './vm-common.js';
import { vmFailure } from './vm-failure.js';
import { assessMasters } from './vm-masters.js';
import { attachedVolumes, deleteServerAndVolumes } from './vm-teardown.js';

/** Nothing may still run there; for a master, the others must keep quorum. */
async function deleteChecks(deps: JobDeps, name: string): Promise<VmCheck[]> {
  if (isMasterName(name)) return (await assessMasters(deps, name)).checks;
  const node = await findNomadNode(deps, name);
  if (!node) return [{ ok: true, text: `No Nomad node called ${name}` }];
  const live = await liveAllocations(deps, node.ID);
  return [
    live.length
      ? { ok: false, text: `Nomad node ${name} runs ${live.length} allocation${live.length > 1 ? 's' : ''}: ${describeAllocations(live)}` }
      : { ok: true, text: `Nomad node ${name} (${node.Status}, ${node.SchedulingEligibility}) runs no allocation` },
  ];
}

export const vmDelete: MutatingJobModule<VmDelete> = {
  kind: 'vm.delete',
  schema: VmDelete,
  lockKey: (op) => `openstack/server/${op.name}`,
  describe: (op) => `delete ${op.name} and its volumes`,
  takesNodeAway: (op, _plan, deps) => ({ node: op.name, what: 'delete', expect: 'gone', budgetMs: 2 * vmSettings(deps).timeoutMs }),

  async plan(op, deps): Promise<PlanOutcome> {
    const title = `delete ${op.name}`;
    if (!deps.openstack) return { status: 'failed', title, failure: OPENSTACK_NOT_CONFIGURED };
    const os = deps.openstack;
    const server = await findServer(os, op.name);
    if (!server) return { status: 'failed', title, failure: `No server called ${op.name} in OpenStack. \`/ci vm list\` shows them.` };
    const checks = await deleteChecks(deps, op.name);
    if (checks.some((c) => !c.ok)) {
      const instead = isMasterName(op.name)
        ? 'A master goes only while the other masters keep quorum.'
        : `Drain it first (\`/ci node drain ${op.name}\`), or use \`/ci node retire ${op.name}\`: it drains, waits for the builds to finish, then deletes the VM and its volumes.`;
      return refusedPlan(title, checks, instead);
    }
    const volumes = await attachedVolumes(os, server.id);
    const steps = [
      `Nova: delete server ${op.name} (${describeServer(server)}, ${server.id.slice(0, 8)})`,
      ...volumes.map((v) => `Cinder: delete volume ${v.label}`),
    ];
    const notes = [
      volumes.length
        ? `The ${volumes.length === 1 ? 'volume is' : `${volumes.length} volumes are`} deleted too: their data is gone for good.`
        : 'No volume is attached.',
    ];
    if (!isMasterName(op.name)) notes.push('If you only want a fresh install, `/ci vm rebuild` is much faster (seed 002).');
    return {
      status: 'planned',
      title: `delete ${op.name} and ${volumes.length} volume${volumes.length === 1 ? '' : 's'}`,
      diffText: planText(steps, checks),
      dryRunText: '',
      placementFailures: false,
      notes,
      checkIndex: 0,
      planHash: deps.hash(JSON.stringify(['vm.delete', server.id, volumes.map((v) => v.id)])),
      facts: { serverId: server.id, volumeIds: volumes.map((v) => v.id).join(',') },
    };
  },

  async apply(op, plan, deps, ctx): Promise<OperationResult> {
    const volumeIds = String(plan.facts.volumeIds ?? '')
      .split(',')
      .filter(Boolean);
    try {
      const deleting = await ctx.step('checks', async () => {
        const checks = await deleteChecks(deps, op.name);
        return checks.some((c) => !c.ok) ? refusal(`delete of ${op.name} at apply time`, checks, 'Nothing was deleted.') : 'ok';
      });
      if (deleting !== 'ok') return { status: 'failed', failure: deleting, done: [], refused: true };
      const done = await deleteServerAndVolumes(deps, ctx, op.name, String(plan.facts.serverId), volumeIds);
      return {
        status: 'succeeded',
        summary: `${op.name} deleted with ${volumeIds.length} volume${volumeIds.length === 1 ? '' : 's'}`,
        details: [done.join(' · ')],
      };
    } catch (err) {
      const failed = vmFailure(err, `delete ${op.name}`, []);
      if (failed) return failed;
      throw err;
    }
  },
};
