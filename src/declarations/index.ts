/** The job-declarations repository in ALICE's ci-jobs layout. */
export { Declarations, loadDeclarations } from './load.js';
export { type CommitInfo, type DeclarationsSource, type Instance, type Resolution, instanceKey } from './types.js';
