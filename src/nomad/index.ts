/** The typed Nomad client: `createNomad(settings)` gives one object per endpoint family. */
import { NomadAllocations } from './allocations.js';
import { NomadClient, type NomadClientOptions } from './client.js';
import type { NomadSettings } from './config.js';
import { NomadEvaluations } from './evaluations.js';
import { NomadJobs } from './jobs.js';
import { NomadLogs } from './logs.js';
import { NomadNodes } from './nodes.js';

export interface Nomad {
  client: NomadClient;
  jobs: NomadJobs;
  evaluations: NomadEvaluations;
  nodes: NomadNodes;
  allocations: NomadAllocations;
  logs: NomadLogs;
  close(): Promise<void>;
}

export function createNomad(settings: NomadSettings, opts: NomadClientOptions = {}): Nomad {
  const client = new NomadClient(settings, opts);
  return {
    client,
    jobs: new NomadJobs(client),
    evaluations: new NomadEvaluations(client),
    nodes: new NomadNodes(client),
    allocations: new NomadAllocations(client),
    logs: new NomadLogs(client),
    close: () => client.close(),
  };
}

export { NomadClient } from './client.js';
export type { NomadClientOptions, QueryMeta, QueryOptions, QueryResult } from './client.js';
export { nomadSettingsFromEnv, type NomadSettings } from './config.js';
export { enforceIndexConflict } from './jobs.js';
export { DEFAULT_PAGE_SIZE, type PageFold } from './paging.js';
export { decodeLogFrames, splitJsonObjects } from './logs.js';
export { formatPlan, formatPlanDiff, formatDryRun } from './plan-format.js';
