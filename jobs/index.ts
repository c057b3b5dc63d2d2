/** The job registry: one module per queued operation kind. */
import type { JobRegistry } from '../src/ports.js';
import { nomadScale } from './nomad-scale.js';

export const jobs: JobRegistry = {
  'nomad.scale': nomadScale,
};
