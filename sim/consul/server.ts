/**
 * `startConsulSim`: ALICE's three Consul servers, each a real HTTP(S) server on 127.0.0.1 with
 * shared raft state, plus a front address standing in for aliconsul.cern.ch.
 */
import type { SimTls } from '../http/server.js';
import { ConsulAcl, type ConsulAclOptions } from './acl.js';
import { AgentServers, type AgentDownMode } from './agent-servers.js';
import { ConsulClusterState, type CheckStatus } from './cluster.js';
import { consulRouter } from './routes.js';
import { aliceConsul, type ConsulScenario } from './scenario.js';

export interface ConsulSimOptions {
  /** Default: `aliceConsul()` (alimesos01..03, alimesos01 leads). */
  scenario?: ConsulScenario;
  /** With `clientCa`, every agent requires a client certificate (mTLS). */
  tls?: SimTls;
  /** Absent: ACLs disabled. Present: default deny, tokens by SecretID. */
  acl?: ConsulAclOptions;
}

export interface ConsulControls {
  /** The master's agent stops answering: `refuse` closes its port, `hang` accepts and never replies. */
  agentDown(name: string, mode?: AgentDownMode): Promise<void>;
  agentUp(name: string): Promise<void>;
  /** No raft leader until `electLeader` (an election that does not conclude). */
  loseLeader(): void;
  electLeader(name: string): void;
  /** Sets a service's own check on one node (e.g. Vault's "Vault Sealed Status" critical). */
  setServiceCheck(service: string, node: string, status: CheckStatus, output?: string): void;
}

export interface ConsulSim {
  /** The front address: any answering agent (like a DNS alias over the masters). */
  url: string;
  /** Per master: its own agent's URL. */
  agents: Record<string, string>;
  state: ConsulClusterState;
  controls: ConsulControls;
  close(): Promise<void>;
}

export async function startConsulSim(opts: ConsulSimOptions = {}): Promise<ConsulSim> {
  const state = new ConsulClusterState(opts.scenario ?? aliceConsul());
  const acl = new ConsulAcl(opts.acl);
  const servers = await AgentServers.start(state.servers, (agent) => consulRouter(agent, state, acl), { tls: opts.tls });
  const url = await servers.startFront((answering) => answering[0]);
  return {
    url,
    agents: servers.urls,
    state,
    controls: {
      agentDown: async (name, mode) => {
        await servers.down(name, mode);
        state.setAlive(name, false);
      },
      agentUp: async (name) => {
        await servers.up(name);
        state.setAlive(name, true);
      },
      loseLeader: () => state.loseLeader(),
      electLeader: (name) => state.electLeader(name),
      setServiceCheck: (service, node, status, output = '') => void state.checks.set(`${service}/${node}`, { status, output }),
    },
    close: () => servers.close(),
  };
}
