/** The job registry: one module per queued operation kind. */
import type { JobRegistry, ReadRegistry } from '../src/ports.js';
import { nomadScale } from './nomad-scale.js';
import { nomadStatus } from './read/nomad-status.js';

export const jobs: JobRegistry = {
  'nomad.scale': nomadScale,
};

/** Read-only request kinds: answered without approval. */
export const readJobs: ReadRegistry = {
  'nomad.status': nomadStatus,
};
