/** The simulated Consul servers of ALICE's masters: see server.ts (startConsulSim) and scenario.ts. */
export { startConsulSim, type ConsulControls, type ConsulSim, type ConsulSimOptions } from './server.js';
export { aliceConsul, ALICE_MASTERS, type ConsulScenario, type ConsulServiceSpec } from './scenario.js';
export { ANONYMOUS_TOKEN_ID, type ConsulAclOptions, type ConsulAclToken } from './acl.js';
export { AgentServers, type AgentDownMode } from './agent-servers.js';
export { ConsulClusterState } from './cluster.js';
