/** The shared vocabulary of the bot: operations, envelopes, results, parser contracts. zod only. */
export * from './common.js';
export * from './nomad-scale.js';
export * from './nomad-deploy.js';
export * from './nomad-inspect.js';
export * from './nomad-restart.js';
export * from './node-ops.js';
export * from './vm.js';
export * from './request.js';
export * from './result.js';
export * from './reads.js';
export * from './contracts.js';
export * from './record.js';
export * from './audit.js';
export * from './duration.js';
export * from './when.js';
export * from './edit-distance.js';
export * from './nomad-diskfree.js';
