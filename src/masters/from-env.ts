/**
 * What `/ci masters` and the master-health alerts read: Nomad always; Consul and Vault when
 * configured (their CLI variables, or the per-master addresses under `masters:`), exactly as an
 * operator's shell would reach them.
 */
import { createConsul, consulSettingsFromEnv, memberStatusName } from '../consul/index.js';
import type { MastersPort } from '../ports.js';
import type { Redactor } from '../redact.js';
import { createVault, vaultSettingsFromEnv } from '../vault/index.js';

/** `masters:` of chatops.yaml: names, and each master's own Consul agent and Vault server. */
export interface MastersSettings {
  names: string[];
  consul: Record<string, string>;
  vault: Record<string, string>;
}

export function mastersFromEnv(
  nomad: MastersPort['nomad'],
  cfg: MastersSettings,
  env: Record<string, string | undefined>,
  redactor: Redactor,
): { port: MastersPort; close(): Promise<void> } {
  const port: MastersPort = { nomad, names: cfg.names };
  const closers: (() => Promise<void>)[] = [];
  if (env.CONSUL_HTTP_ADDR || Object.keys(cfg.consul).length) {
    const consul = createConsul(consulSettingsFromEnv(env), undefined, redactor);
    closers.push(() => consul.close());
    const agent = (name: string) => (cfg.consul[name] ? consul.forAgent(cfg.consul[name]!) : consul);
    port.consul = {
      leaderSeenBy: (name) => agent(name).status.leader(),
      peers: () => consul.status.peers(),
      members: async () => {
        const { data, meta } = await consul.agent.members();
        return { list: data.map((m) => ({ name: m.Name, addr: m.Addr, status: memberStatusName(m.Status) })), hiddenByAcls: meta.filteredByAcls };
      },
    };
  }
  if (env.VAULT_ADDR || Object.keys(cfg.vault).length) {
    const vault = createVault(vaultSettingsFromEnv(env), undefined, redactor);
    closers.push(() => vault.close());
    port.vault = { state: async (name) => (await (cfg.vault[name] ? vault.forNode(cfg.vault[name]!) : vault).sys.health({ standbyOk: true })).state };
  }
  return { port, close: async () => void (await Promise.all(closers.map((c) => c()))) };
}
