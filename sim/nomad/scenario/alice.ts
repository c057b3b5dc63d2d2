/**
 * The default scenario: ALICE's Nomad cluster (3 servers alimesos01..03, builders, macs) running
 * every declaration of examples/ci-jobs exactly as rendered and parsed (so `/ci drift` starts clean).
 */
import { IdGenerator } from '../ids.js';
import type { NomadScenario } from '../types.js';
import { declaredJobs } from './declared-jobs.js';
import { aliceNodes } from './alice-nodes.js';

export function aliceFarm(): NomadScenario {
  const seed = 0xa11ce;
  return {
    region: 'global',
    servers: ['alimesos01', 'alimesos02', 'alimesos03'],
    nodes: aliceNodes(new IdGenerator(seed ^ 0x5eed)),
    jobs: declaredJobs(),
    seed,
  };
}
