/**
 * `masters.status`: the seed's "Checklist to verify the status of a master", automated. For each
 * master: its Nomad server (member, leader), its Consul agent (reachable, sees a leader, is a raft
 * peer) and its Vault server (sealed, active/standby). One table, problems first.
 */
import { MastersStatus } from '../../src/operations/index.js';
import type { JobDeps, MastersPort, ReadJobModule } from '../../src/ports.js';
import { nomadNodeName, sameHost } from './master-names.js';
import { table } from './table.js';

export interface MasterRow {
  name: string;
  nomad: string;
  consul: string;
  vault: string;
  problems: string[];
}

const HEALTHY_VAULT = new Set(['active', 'standby', 'performance-standby']);
const ipOf = (addr: string) => addr.replace(/:\d+$/, '');
const why = (err: unknown) => (err instanceof Error ? err.message.replace(/^.*?: /, '') : String(err)).slice(0, 80);

/** The checklist for every master; also used to raise master-health alerts. */
export async function checkMasters(m: MastersPort): Promise<{ rows: MasterRow[]; quorum: string[] }> {
  const [members, nomadLeader, nomadPeers] = await Promise.all([
    m.nomad.members(),
    m.nomad.leader().catch(() => ''),
    m.nomad.peers().catch(() => [] as string[]),
  ]);
  const servers = members.Members; // a Nomad server's /v1/agent/members lists the servers
  const names = m.names.length ? [...m.names] : servers.map(nomadNodeName).sort();
  const consulMembers = m.consul ? await m.consul.members().catch(() => undefined) : undefined;
  const consulPeers = m.consul ? await m.consul.peers().catch(() => undefined) : undefined;
  const rows = await Promise.all(
    names.map(async (name): Promise<MasterRow> => {
      const problems: string[] = [];
      const member = servers.find((s) => sameHost(nomadNodeName(s), name));
      let nomad: string;
      if (!member) {
        nomad = '❌ not a member';
        problems.push('Nomad server is not a member');
      } else if (member.Status !== 'alive') {
        nomad = `❌ ${member.Status}`;
        problems.push(`Nomad server ${member.Status}`);
      } else nomad = ipOf(nomadLeader) === member.Addr ? '✅ leader' : nomadPeers.some((p) => ipOf(p) === member.Addr) ? '✅ follower' : '⚠️ not a raft peer';
      if (nomad.startsWith('⚠️')) problems.push('Nomad server is not a raft peer');

      let consul = '—';
      if (m.consul) {
        try {
          const leader = await m.consul.leaderSeenBy(name);
          const me = consulMembers?.list.find((x) => sameHost(x.name, name));
          if (!leader) {
            consul = '❌ no leader';
            problems.push('Consul has no leader');
          } else if (!me) {
            // Without its member we know neither its address nor its status: never "a healthy follower".
            consul = '❌ not found';
            const hidden = consulMembers?.hiddenByAcls
              ? ": the token's ACL hides members (it needs node:read)"
              : consulMembers
                ? ''
                : ': the members could not be read';
            problems.push(`Consul server not found among the members${hidden}`);
          } else if (me.status !== 'alive') {
            consul = `❌ ${me.status}`;
            problems.push(`Consul server ${me.status}`);
          } else if (ipOf(leader) === me.addr) consul = '✅ leader';
          else consul = consulPeers && !consulPeers.some((p) => ipOf(p) === me.addr) ? '⚠️ not a raft peer' : '✅ follower';
          if (consul.startsWith('⚠️')) problems.push('Consul server is not a raft peer');
        } catch (err) {
          consul = '❌ unreachable';
          problems.push(`Consul agent unreachable (${why(err)})`);
        }
      }
      let vault = '—';
      if (m.vault) {
        try {
          const state = await m.vault.state(name);
          // standby-unhealthy (474, Vault 1.19+) is a standby that cannot reach the active node: not healthy.
          vault = HEALTHY_VAULT.has(state) ? `✅ ${state}` : `❌ ${state}`;
          if (vault.startsWith('❌'))
            problems.push(state === 'standby-unhealthy' ? 'Vault standby cannot reach the active node (standby-unhealthy)' : `Vault ${state}`);
        } catch (err) {
          vault = '❌ unreachable';
          problems.push(`Vault unreachable (${why(err)})`);
        }
      }
      return { name, nomad, consul, vault, problems };
    }),
  );
  const quorum: string[] = [];
  const alive = rows.filter((r) => r.nomad.startsWith('✅')).length;
  if (alive <= rows.length / 2) quorum.push(`Nomad has lost quorum: ${alive} of ${rows.length} servers healthy`);
  if (!nomadLeader) quorum.push('Nomad has no leader');
  if (m.vault && !rows.some((r) => r.vault.includes('active'))) quorum.push('Vault has no active node');
  return { rows, quorum };
}

export const mastersStatus: ReadJobModule<MastersStatus> = {
  kind: 'masters.status',
  schema: MastersStatus,
  async run(_req, deps: JobDeps) {
    if (!deps.masters) return { summary: 'Masters are not configured (the Nomad client is required).' };
    const { rows, quorum } = await checkMasters(deps.masters);
    const bad = rows.filter((r) => r.problems.length);
    const sorted = [...bad, ...rows.filter((r) => !r.problems.length)];
    const lines = [...quorum.map((q) => `🔴 ${q}`), ...bad.map((r) => `⚠️ ${r.name}: ${r.problems.join('; ')}`)];
    const summary = lines.length
      ? lines.join('\n')
      : `✅ All ${rows.length} masters healthy: Nomad, ${deps.masters.consul ? 'Consul, ' : ''}${deps.masters.vault ? 'Vault, ' : ''}leaders and peers in place.`;
    const checked = ['Nomad', deps.masters.consul && 'Consul', deps.masters.vault && 'Vault'].filter(Boolean).join(', ');
    return {
      summary: `${summary}\n_Checked: ${checked} servers on each master._`,
      detail: table(
        ['MASTER', 'NOMAD', 'CONSUL', 'VAULT'],
        sorted.map((r) => [r.name, r.nomad, r.consul, r.vault]),
      ),
    };
  },
};
