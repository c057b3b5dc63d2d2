/**
 * `startVaultSim`: ALICE's three Vault servers, each a real HTTP(S) server on 127.0.0.1 with
 * shared HA state, plus a front address standing in for alivault.cern.ch (it prefers the active node).
 */
import { AgentServers, type AgentDownMode } from '../consul/agent-servers.js';
import type { SimTls } from '../http/server.js';
import { VaultClusterState } from './cluster.js';
import { vaultRouter, type VaultAclOptions } from './routes.js';
import { aliceVault, type VaultScenario } from './scenario.js';

export interface VaultSimOptions {
  /** Default: `aliceVault()` (alimesos01..03 unsealed, alimesos01 active). */
  scenario?: VaultScenario;
  /** With `clientCa`, every server requires a client certificate (mTLS). */
  tls?: SimTls;
  /** Absent: any caller may read sys/ha-status. */
  acl?: VaultAclOptions;
}

export interface VaultControls {
  /** The master's Vault stops answering: `refuse` closes its port, `hang` accepts and never replies. */
  agentDown(name: string, mode?: AgentDownMode): Promise<void>;
  agentUp(name: string): Promise<void>;
  seal(name: string): void;
  unseal(name: string): void;
  /** `vault operator step-down` on the active node. */
  stepDown(): void;
  /** No active node until `electLeader` (e.g. the HA lock in Consul is lost). */
  loseLeader(): void;
  electLeader(name: string): void;
  /** A standby can no longer heartbeat the active node (Vault 1.19+ reports it: 474). */
  haUnhealthy(name: string, unhealthy?: boolean): void;
}

export interface VaultSim {
  /** The front address: the active node when it answers, else any answering server. */
  url: string;
  /** Per master: its own Vault server's URL. */
  agents: Record<string, string>;
  state: VaultClusterState;
  controls: VaultControls;
  close(): Promise<void>;
}

export async function startVaultSim(opts: VaultSimOptions = {}): Promise<VaultSim> {
  const state = new VaultClusterState(opts.scenario ?? aliceVault());
  const names = [...state.nodes.keys()];
  const servers = await AgentServers.start(names, (name) => vaultRouter(name, state, opts.acl), { tls: opts.tls });
  const url = await servers.startFront((answering) => (state.active && answering.includes(state.active) ? state.active : answering[0]));
  return {
    url,
    agents: servers.urls,
    state,
    controls: {
      agentDown: async (name, mode) => {
        await servers.down(name, mode);
        state.setAnswering(name, false);
      },
      agentUp: async (name) => {
        await servers.up(name);
        state.setAnswering(name, true);
      },
      seal: (name) => state.setSealed(name, true),
      unseal: (name) => state.setSealed(name, false),
      stepDown: () => state.stepDown(),
      loseLeader: () => state.loseLeader(),
      electLeader: (name) => state.electLeader(name),
      haUnhealthy: (name, unhealthy = true) => void (state.node(name).haUnhealthy = unhealthy),
    },
    close: () => servers.close(),
  };
}
