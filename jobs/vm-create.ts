/**
 * `vm.create`: the seed's agent recipe (`ai-bs -g alibuild/mesos/slave --alma9 --nova-sshkey alibuild
 * --nova-flavor F --nova-attach-new-volume vdb=1000GB:type=io1 NAME`) as recorded steps: the server,
 * ACTIVE, the build disk `<name>-store`, attached as /dev/vdb, and the Nomad client registered.
 */
import { UserFacingError } from '../src/errors.js';
import { DEFAULT_VM_IMAGE, VmCreate, isMasterName, type OperationResult, type PlanOutcome } from '../src/operations/index.js';
import type { JobDeps, MutatingJobModule, OpenStackPort } from '../src/ports.js';
import { describeServer, findNomadNode, findServer, OPENSTACK_NOT_CONFIGURED, openstackOf, planText, secondsSince, waitOpts } from './vm-common.js';
import { vmFailure } from './vm-failure.js';
import { waitNodeReady } from './vm-nomad-wait.js';

/** Marks what this operation created, so a resumed apply recognises its own server and volume. */
const OP_META = 'ci-chatops-op';
const hostgroup = (name: string) => (isMasterName(name) ? 'alibuild/mesos/master' : 'alibuild/mesos/slave');
const volumeName = (name: string) => `${name}-store`;

export const vmCreate: MutatingJobModule<VmCreate> = {
  kind: 'vm.create',
  schema: VmCreate,
  lockKey: (op) => `openstack/server/${op.name}`,
  describe: (op) => `create ${op.name} (${op.flavor})`,

  async plan(op, deps): Promise<PlanOutcome> {
    const title = `create ${op.name}`;
    if (!deps.openstack) return { status: 'failed', title, failure: OPENSTACK_NOT_CONFIGURED };
    const os = deps.openstack;
    const existing = await findServer(os, op.name);
    if (existing) {
      return {
        status: 'failed',
        title,
        failure: `A server called ${op.name} exists already (${describeServer(existing)}, created ${existing.created ?? '?'}). Pick another name, or \`/ci vm rebuild ${op.name}\` to reinstall it.`,
      };
    }
    let flavor;
    let image;
    try {
      flavor = await os.flavors.getByName(op.flavor);
      image = await os.images.getLatestByName(op.image ?? DEFAULT_VM_IMAGE);
    } catch (err) {
      return { status: 'failed', title, failure: vmFailure(err, 'look up the flavor and image', [])?.failure ?? String(err) };
    }
    if (op.volumeGb > 0) {
      const leftover = await os.volumes.list({ name: volumeName(op.name) });
      if (leftover[0]) {
        return {
          status: 'failed',
          title,
          failure: `A volume called ${volumeName(op.name)} exists already (${leftover[0].status}, ${leftover[0].size} GB): a leftover of an earlier ${op.name}? Delete it in OpenStack first, or create with \`--volume-gb 0\`.`,
        };
      }
    }
    const node = await findNomadNode(deps, op.name);
    const checks = [
      { ok: true, text: `No server called ${op.name} yet (exact name)` },
      { ok: true, text: `Flavor ${flavor.name}: ${flavor.vcpus} vCPUs, ${Math.round(flavor.ram / 1024)} GB RAM` },
      { ok: true, text: `Image "${image.name}" (${image.id.slice(0, 8)}, ${image.created_at.slice(0, 10)})` },
    ];
    if (node)
      checks.push({ ok: node.Status !== 'ready', text: `Nomad still knows a node ${op.name} (${node.Status}): the new machine registers as a new node` });
    if (checks.some((c) => !c.ok)) {
      return { status: 'failed', refused: true, title, failure: `A ready Nomad node is already called ${op.name}; another machine uses that name.` };
    }
    const steps = [
      `Nova: create ${op.name}: flavor ${flavor.name}, image "${image.name}", zone ${op.zone ?? "Nova's default"}, key alibuild, hostgroup ${hostgroup(op.name)}`,
      "wait until Nova says ACTIVE (BUILD → ACTIVE; ERROR is reported with Nova's fault)",
      ...(op.volumeGb > 0 ? [`Cinder: create volume ${volumeName(op.name)}: ${op.volumeGb} GB ${op.volumeType}`, `attach it to ${op.name} as /dev/vdb`] : []),
      `wait until the Nomad client ${op.name} registers and is ready (Puppet installs it)`,
    ];
    const notes = isMasterName(op.name) ? ['A master: put each of the three masters in a different availability zone (cern-geneva-a/b/c).'] : [];
    if (flavor.name.startsWith('p1.'))
      notes.push('Bare metal: a listed flavor does not guarantee capacity; an immediate ERROR means try another flavor or ask CERN IT.');
    return {
      status: 'planned',
      title: `create ${op.name} (${flavor.name}${op.volumeGb > 0 ? `, ${op.volumeGb} GB ${op.volumeType}` : ''})`,
      diffText: planText(steps, checks),
      dryRunText: '',
      placementFailures: false,
      notes,
      checkIndex: 0,
      planHash: deps.hash(JSON.stringify(['vm.create', op, flavor.id, image.id])),
      facts: { flavorId: flavor.id, flavorName: flavor.name, imageId: image.id, imageName: image.name ?? image.id },
    };
  },

  async apply(op, plan, deps, ctx): Promise<OperationResult> {
    const os = openstackOf(deps);
    const done: string[] = [];
    try {
      const serverId = await ctx.step('server', () => createServer(os, op, plan.facts, ctx.opId));
      const started = deps.now();
      done.push(`server ${op.name} requested (${serverId.slice(0, 8)})`);
      await ctx.progress(`Nova accepted ${op.name} (BUILD); waiting for ACTIVE…`);
      try {
        await os.servers.waitForStatus(serverId, 'ACTIVE', waitOpts(deps));
      } catch (err) {
        if (err instanceof Error && /went to ERROR/.test(err.message)) {
          return {
            status: 'failed',
            failure: `${err.message}. ${op.name} is left in ERROR for inspection; \`/ci vm delete ${op.name}\` removes it. For bare metal, try another flavor or ask CERN IT.`,
            done,
          };
        }
        throw err;
      }
      done.push(`${op.name} ACTIVE`);
      await ctx.progress(`${op.name} is ACTIVE (${secondsSince(deps, started)} s).`);
      if (op.volumeGb > 0) {
        const volumeId = await ctx.step('volume', () => createVolume(deps, os, op, ctx.opId));
        done.push(`volume ${volumeName(op.name)} created`);
        await ctx.step('attach', async () => {
          const attached = await os.servers.volumeAttachments(serverId);
          if (!attached.some((a) => a.volumeId === volumeId)) await os.servers.attachVolume(serverId, volumeId, { device: '/dev/vdb' });
          await os.volumes.waitForStatus(volumeId, 'in-use', waitOpts(deps));
          return 'attached';
        });
        done.push(`attached as /dev/vdb`);
        await ctx.progress(`Volume ${volumeName(op.name)} (${op.volumeGb} GB ${op.volumeType}) attached as /dev/vdb; waiting for the Nomad client…`);
      }
      const reg = await waitNodeReady(deps, op.name, started, true);
      const nomad = reg.node
        ? `Nomad node ${op.name} registered (ready, ${reg.node.SchedulingEligibility})`
        : `⚠️ Nomad node ${op.name} ${reg.last}: run \`puppet agent -t -v\` on it until no errors`;
      return {
        status: 'succeeded',
        summary: `${op.name} created (${plan.facts.flavorName}${op.volumeGb > 0 ? ` with a ${op.volumeGb} GB ${op.volumeType} build disk` : ''})`,
        details: [`${nomad} · ${secondsSince(deps, started)} s`],
      };
    } catch (err) {
      const failed = vmFailure(err, `create ${op.name}`, done);
      if (failed) return failed;
      throw err;
    }
  },
};

/** Creates the server, or finds the one this operation created before a restart. */
async function createServer(os: OpenStackPort, op: VmCreate, facts: Record<string, string | number | boolean>, opId: string): Promise<string> {
  const existing = await os.servers.list({ name: op.name });
  const mine = existing.find((s) => s.metadata?.[OP_META] === opId);
  if (mine) return mine.id;
  if (existing.length)
    throw new UserFacingError(`Not created: a server called ${op.name} appeared since the plan (${existing.map((s) => describeServer(s)).join('; ')}).`);
  const created = await os.servers.create({
    name: op.name,
    flavorRef: String(facts.flavorId),
    imageRef: String(facts.imageId),
    ...(op.zone ? { availabilityZone: op.zone } : {}),
    keyName: 'alibuild',
    metadata: { hostgroup: hostgroup(op.name), landb_mainuser: 'alice-agile-admin', landb_responsible: 'alice-agile-admin', [OP_META]: opId },
  });
  return created.id;
}

async function createVolume(deps: JobDeps, os: OpenStackPort, op: VmCreate, opId: string): Promise<string> {
  const description = `build disk of ${op.name} (${opId})`;
  const found = (await os.volumes.list({ name: volumeName(op.name) })).find((v) => v.description === description);
  const volume = found ?? (await os.volumes.create({ name: volumeName(op.name), size: op.volumeGb, volumeType: op.volumeType, description }));
  // Already attached by an attempt before a restart: that is fine too.
  if ((await os.volumes.show(volume.id)).status !== 'in-use') await os.volumes.waitForStatus(volume.id, 'available', waitOpts(deps));
  return volume.id;
}
