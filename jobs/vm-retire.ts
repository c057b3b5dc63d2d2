/**
 * `node.retire`: the CircleCI-style scale-down of an agent as one approved operation: drain the
 * Nomad node, wait until its allocations have finished, delete the VM, delete its volumes.
 * Every step is recorded, so a restarted bot resumes after the last finished one.
 */
import { UserFacingError } from '../src/errors.js';
import { NodeRetire, isMasterName, type OperationResult, type PlanOutcome } from '../src/operations/index.js';
import type { JobDeps, MutatingJobModule } from '../src/ports.js';
import {
  describeAllocations,
  describeServer,
  findNomadNode,
  findServer,
  liveAllocations,
  OPENSTACK_NOT_CONFIGURED,
  planText,
  vmSettings,
} from './vm-common.js';
import { untilDeadline } from './follow.js';
import { vmFailure } from './vm-failure.js';
import { attachedVolumes, deleteServerAndVolumes } from './vm-teardown.js';

/** How long running builds may go on after the drain starts; Nomad stops what is left after that. */
const DRAIN_DEADLINE_MS = 60 * 60_000;

export const nodeRetire: MutatingJobModule<NodeRetire> = {
  kind: 'node.retire',
  schema: NodeRetire,
  lockKey: (op) => `openstack/server/${op.name}`,
  describe: (op) => `retire ${op.name}`,
  // The drain may run its whole deadline, then the wait for the last allocations and the deletions.
  takesNodeAway: (op, _plan, deps) => ({ node: op.name, what: 'retire', expect: 'gone', budgetMs: DRAIN_DEADLINE_MS + 3 * vmSettings(deps).timeoutMs }),

  async plan(op, deps): Promise<PlanOutcome> {
    const title = `retire ${op.name}`;
    if (isMasterName(op.name))
      return {
        status: 'failed',
        title,
        failure: `${op.name} is a master (a Nomad server), not an agent: retire is for agents. Masters are rebuilt, not retired.`,
      };
    if (!deps.openstack) return { status: 'failed', title, failure: OPENSTACK_NOT_CONFIGURED };
    const os = deps.openstack;
    const server = await findServer(os, op.name);
    if (!server) return { status: 'failed', title, failure: `No server called ${op.name} in OpenStack. \`/ci vm list\` shows them.` };
    const node = await findNomadNode(deps, op.name);
    const live = node ? await liveAllocations(deps, node.ID) : [];
    const volumes = await attachedVolumes(os, server.id);
    const steps = [
      node
        ? `Nomad: drain ${op.name} (deadline ${DRAIN_DEADLINE_MS / 60_000} min: running builds may finish, nothing new is placed there)`
        : `Nomad: no node called ${op.name}, nothing to drain`,
      `wait until no allocation runs on ${op.name}`,
      `Nova: delete server ${op.name} (${describeServer(server)})`,
      ...volumes.map((v) => `Cinder: delete volume ${v.label}`),
    ];
    const checks = [
      node
        ? {
            ok: true,
            text: `Nomad node ${op.name} (${node.Status}, ${node.SchedulingEligibility}${node.Drain ? ', draining' : ''}) runs ${live.length ? `${live.length} allocation${live.length > 1 ? 's' : ''}: ${describeAllocations(live)}` : 'no allocation'}`,
          }
        : { ok: true, text: `No Nomad node called ${op.name}` },
    ];
    return {
      status: 'planned',
      title: `retire ${op.name}: drain, delete the VM and ${volumes.length} volume${volumes.length === 1 ? '' : 's'}`,
      diffText: planText(steps, checks),
      dryRunText: '',
      placementFailures: false,
      notes: ['The VM and its volumes are deleted for good once the builds there have finished.'],
      checkIndex: 0,
      planHash: deps.hash(JSON.stringify(['node.retire', server.id, volumes.map((v) => v.id)])),
      facts: { serverId: server.id, volumeIds: volumes.map((v) => v.id).join(',') },
    };
  },

  async apply(op, plan, deps, ctx): Promise<OperationResult> {
    const volumeIds = String(plan.facts.volumeIds ?? '')
      .split(',')
      .filter(Boolean);
    const done: string[] = [];
    // The plan's steps: drain, wait, the server, each volume.
    const total = 3 + volumeIds.length;
    try {
      // Progress lines only for steps run now: a resumed apply must not repeat "drain started".
      let ran = false;
      const drain = await ctx.step('drain', async () => {
        ran = true;
        const node = await findNomadNode(deps, op.name);
        if (!node) return 'no Nomad node to drain';
        if (node.Drain) return 'drain already running';
        await deps.nomad.nodes.drain(node.ID, { deadlineMs: DRAIN_DEADLINE_MS }, { meta: { message: `ci-chatops ${ctx.opId}: retire ${op.name}` } });
        return 'drain started';
      });
      done.push(drain);
      if (ran) await ctx.progress(`Step 1/${total}: ${drain} on ${op.name}.`);
      ran = false;
      const drained = await ctx.step('drained', () => {
        ran = true;
        return waitDrained(deps, op.name);
      });
      done.push(drained);
      if (ran) await ctx.progress(`Step 2/${total}: ${drained}; deleting the VM and its volumes.`);
      const deleted = await deleteServerAndVolumes(deps, ctx, op.name, String(plan.facts.serverId), volumeIds, { first: 3, total });
      done.push(...deleted);
      return { status: 'succeeded', summary: `${op.name} retired`, details: [done.join(' · ')] };
    } catch (err) {
      const failed = vmFailure(err, `retire ${op.name}`, done);
      if (failed) return failed;
      throw err;
    }
  },
};

/** Blocking queries on the node's allocations until none is left running (or the VM wait limit). */
async function waitDrained(deps: JobDeps, name: string): Promise<string> {
  const node = await findNomadNode(deps, name);
  if (!node) return 'no Nomad node, nothing to wait for';
  const deadline = deps.now() + vmSettings(deps).timeoutMs;
  let index = 0;
  for (;;) {
    const { data, meta } = await deps.nomad.nodes.allocations(node.ID, {
      index,
      waitMs: untilDeadline(deadline, deps),
      ...(deps.shutdown ? { signal: deps.shutdown } : {}),
    });
    const live = data.filter((a) => a.ClientStatus === 'running' || a.ClientStatus === 'pending');
    if (live.length === 0) return `no allocation left on ${name}`;
    if (deps.now() >= deadline)
      throw new UserFacingError(`Timed out waiting for ${live.length} allocations on ${name} to finish: ${describeAllocations(live)}`);
    index = meta.lastIndex;
  }
}
