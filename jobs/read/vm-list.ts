/** `vm.list`: `openstack server list` joined with what Nomad says about the machine of that name. */
import { VmList, isMasterName, type ReadReply } from '../../src/operations/index.js';
import type { NomadAgentMember, NomadNodeStub, ReadJobModule } from '../../src/ports.js';
import { OPENSTACK_NOT_CONFIGURED } from '../vm-common.js';
import { naturalOrder, table } from './table.js';

/** "ready, eligible", "ready, ineligible, draining", "server alive", "-" */
export function nomadState(name: string, nodes: readonly NomadNodeStub[], members: readonly NomadAgentMember[]): string {
  const node = nodes.find((n) => n.Name === name);
  if (node) return `${node.Status}, ${node.SchedulingEligibility}${node.Drain ? ', draining' : ''}`;
  const member = members.find((m) => m.Name.split('.')[0] === name);
  if (member) return `server ${member.Status}`;
  return '-';
}

export const vmList: ReadJobModule<VmList> = {
  kind: 'vm.list',
  schema: VmList,
  async run(req, deps): Promise<ReadReply> {
    if (!deps.openstack) return { summary: OPENSTACK_NOT_CONFIGURED };
    const [servers, { data: nodes }, members] = await Promise.all([
      deps.openstack.servers.list(),
      deps.nomad.nodes.list(),
      deps.nomadCluster
        ? deps.nomadCluster
            .members()
            .then((m) => m.Members)
            .catch(() => [])
        : Promise.resolve([]),
    ]);
    const filter = req.filter?.toLowerCase();
    const shown = servers.filter((s) => !filter || s.name.toLowerCase().includes(filter)).sort((a, b) => naturalOrder(a.name, b.name));
    if (shown.length === 0)
      return { summary: filter ? `No server name contains "${req.filter}" (${servers.length} servers in all).` : 'No servers in this OpenStack project.' };
    const rows = shown.map((s) => [
      s.name,
      s.status + (s['OS-EXT-STS:task_state'] ? ` (${s['OS-EXT-STS:task_state']})` : ''),
      'original_name' in s.flavor ? s.flavor.original_name : s.flavor.id.slice(0, 8),
      s['OS-EXT-AZ:availability_zone'] ?? '-',
      isMasterName(s.name) ? 'master' : 'agent',
      nomadState(s.name, nodes, members),
    ]);
    const counts = new Map<string, number>();
    for (const s of shown) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
    const odd = shown.filter((s) => s.status !== 'ACTIVE' || (!isMasterName(s.name) && nomadState(s.name, nodes, members).split(',')[0] !== 'ready'));
    const summary = [
      `${shown.length} server${shown.length === 1 ? '' : 's'}${filter ? ` matching "${req.filter}"` : ''}: ${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')}.`,
      odd.length ? `⚠️ Not ACTIVE or no ready Nomad node: ${odd.map((s) => s.name).join(', ')}` : '✅ Every server is ACTIVE with its Nomad node ready.',
    ].join('\n');
    return { summary, detail: table(['NAME', 'NOVA', 'FLAVOR', 'ZONE', 'ROLE', 'NOMAD'], rows), filename: 'vm-list.txt' };
  },
};
