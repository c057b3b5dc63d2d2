/** The job-declarations repository in ALICE's ci-jobs layout. */
export { Declarations, loadDeclarations } from './load.js';
export { type Instance, type Resolution, instanceKey } from './types.js';
