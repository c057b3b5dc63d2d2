/** The simulated Nomad HTTP API: see server.ts (startNomadSim), controls.ts and scenario/alice.ts. */
export { startNomadSim, type NomadSim, type NomadSimOptions } from './server.js';
export { aliceFarm } from './scenario/alice.js';
export { ciJob, jenkinsJob, macJob, repoJob } from './scenario/alice-jobs.js';
export type { NomadControls } from './controls.js';
export type { DropSpec, FailureSpec } from './faults.js';
export { NomadClusterState } from './state/cluster-state.js';
export type { AclPolicy } from './http/acl.js';
export type * from './types.js';
