/** ALICE's masters as Vault servers (seed 002), with Consul as the storage and HA backend. */
import { ALICE_MASTERS } from '../consul/scenario.js';

export interface VaultNodeSpec {
  name: string;
  hostname: string;
  apiAddress: string;
  clusterAddress: string;
  /** Default true; false answers sys/health with 501. */
  initialized?: boolean;
  /** Default false. */
  sealed?: boolean;
}

export interface VaultScenario {
  version: string;
  clusterName: string;
  clusterId: string;
  storageType: string;
  /** Shamir unseal threshold and shares. */
  threshold: number;
  shares: number;
  nodes: VaultNodeSpec[];
}

export function aliceVault(): VaultScenario {
  return {
    version: '1.15.6',
    clusterName: 'vault-cluster-5e1f2a3b',
    clusterId: '0b4a1a5e-7c3d-2f91-66e0-9d8c1b2a3f40',
    storageType: 'consul',
    threshold: 3,
    shares: 5,
    nodes: ALICE_MASTERS.map((name) => ({
      name,
      hostname: `${name}.cern.ch`,
      apiAddress: `https://${name}.cern.ch:8200`,
      clusterAddress: `https://${name}.cern.ch:8201`,
    })),
  };
}
