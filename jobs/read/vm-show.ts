/** `vm.show`: `openstack server show` with its volumes, and the Nomad node's status and running allocations. */
import { VmShow, isMasterName, type ReadReply } from '../../src/operations/index.js';
import type { ReadJobModule } from '../../src/ports.js';
import { describeServer, findNomadNode, findServer, liveAllocations, OPENSTACK_NOT_CONFIGURED } from '../vm-common.js';
import { attachedVolumes } from '../vm-teardown.js';
import { nomadState } from './vm-list.js';
import { table } from './table.js';

export const vmShow: ReadJobModule<VmShow> = {
  kind: 'vm.show',
  schema: VmShow,
  async run(req, deps): Promise<ReadReply> {
    if (!deps.openstack) return { summary: OPENSTACK_NOT_CONFIGURED };
    const server = await findServer(deps.openstack, req.name);
    if (!server) return { summary: `No server called ${req.name} in OpenStack. \`/ci vm list\` shows them.` };
    const [volumes, node, members] = await Promise.all([
      attachedVolumes(deps.openstack, server.id),
      findNomadNode(deps, req.name),
      deps.nomadCluster
        ? deps.nomadCluster
            .members()
            .then((m) => m.Members)
            .catch(() => [])
        : Promise.resolve([]),
    ]);
    const live = node ? await liveAllocations(deps, node.ID) : [];
    const ips = Object.values(server.addresses ?? {})
      .flat()
      .map((a) => a.addr);
    const lines = [
      `*${server.name}* · ${isMasterName(server.name) ? 'master' : 'agent'} · Nova ${describeServer(server)}`,
      `ID ${server.id} · created ${server.created ?? '?'}${ips.length ? ` · ${ips.join(', ')}` : ''}`,
      `Volumes: ${volumes.length ? volumes.map((v) => v.label).join('; ') : 'none'}`,
      `Nomad: ${nomadState(server.name, node ? [node] : [], members)}${node ? ` · ${live.length} running allocation${live.length === 1 ? '' : 's'}` : ''}`,
    ];
    if (server.fault) lines.push(`⚠️ Fault: ${server.fault.message}`);
    const detail = live.length
      ? table(
          ['ALLOC', 'JOB', 'GROUP', 'STATUS'],
          live.map((a) => [a.ID.slice(0, 8), a.JobID, a.TaskGroup, a.ClientStatus]),
        )
      : undefined;
    return {
      summary: lines.join('\n'),
      ...(detail ? { detail, filename: `${server.name}-allocations.txt` } : {}),
      choices: [{ label: 'Hard reboot…', command: `vm reboot ${server.name}` }],
    };
  },
};
