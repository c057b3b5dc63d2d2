/** ALICE's masters as Consul sees them (seed 002: alimesos01..03 each run a Consul server). */

export interface ConsulMasterSpec {
  name: string;
  /** LAN address; raft uses ip:8300, gossip ip:8301. */
  ip: string;
}

export interface ConsulServiceSpec {
  name: string;
  port: number;
  /** Node names the service is registered on. */
  nodes: string[];
  /** Tags per node (e.g. Vault's "active" / "standby"), or the same for all. */
  tags?: string[] | Record<string, string[]>;
  /** Name of the service's own check; none means only the node's serfHealth counts. */
  checkName?: string;
}

export interface ConsulScenario {
  datacenter: string;
  version: string;
  masters: ConsulMasterSpec[];
  /** Client agents (builders) that show in `agent/members` with role "node". */
  clients: ConsulMasterSpec[];
  services: ConsulServiceSpec[];
}

export const ALICE_MASTERS = ['alimesos01', 'alimesos02', 'alimesos03'] as const;

export function aliceConsul(): ConsulScenario {
  const masters = ALICE_MASTERS.map((name, i) => ({ name, ip: `10.16.8.${11 + i}` }));
  const names = masters.map((m) => m.name);
  return {
    datacenter: 'dc1',
    version: '1.16.2',
    masters,
    clients: [
      { name: 'alibuild01', ip: '10.16.9.21' },
      { name: 'alibuild02', ip: '10.16.9.22' },
    ],
    services: [
      { name: 'consul', port: 8300, nodes: names },
      { name: 'nomad', port: 4646, nodes: names, tags: ['http', 'rpc', 'serf'], checkName: 'Nomad Server HTTP Check' },
      {
        name: 'vault',
        port: 8200,
        nodes: names,
        tags: { alimesos01: ['active'], alimesos02: ['standby'], alimesos03: ['standby'] },
        checkName: 'Vault Sealed Status',
      },
    ],
  };
}
