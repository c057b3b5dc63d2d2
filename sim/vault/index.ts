/** The simulated Vault servers of ALICE's masters: see server.ts (startVaultSim) and scenario.ts. */
export { startVaultSim, type VaultControls, type VaultSim, type VaultSimOptions } from './server.js';
export { aliceVault, type VaultNodeSpec, type VaultScenario } from './scenario.js';
export type { VaultAclOptions } from './routes.js';
export { VaultClusterState } from './cluster.js';
