/**
 * Where the contract tests run: a real Nomad when `npm run test:contract` was given NOMAD_ADDR
 * (scripts/test-contract.ts passes it on as CONTRACT_NOMAD_ADDR), otherwise the simulator — so
 * `npm test` never touches a Nomad that happens to be in the developer's environment.
 */
import { randomBytes } from 'node:crypto';
import { createNomad, nomadSettingsFromEnv, type Nomad } from '../../src/nomad/index.js';
import type { NomadJob } from '../../src/nomad/schemas/jobs.js';
import { startNomadSim, type NomadSim } from '../../sim/nomad/index.js';

export interface ContractTarget {
  nomad: Nomad;
  /** "simulator" or the real agent's address. */
  name: string;
  close(): Promise<void>;
}

export async function contractTarget(): Promise<ContractTarget> {
  const real = process.env.CONTRACT_NOMAD_ADDR;
  let sim: NomadSim | undefined;
  if (!real) sim = await startNomadSim({ timing: { allocStartMs: 20, evalCompleteMs: 5 } });
  const env = real ? { ...process.env, NOMAD_ADDR: real } : { NOMAD_ADDR: sim!.url };
  const nomad = createNomad(nomadSettingsFromEnv(env));
  return {
    nomad,
    name: real ?? 'simulator',
    async close() {
      await nomad.close();
      await sim?.close();
    },
  };
}

/** A throwaway job that is safe on a real cluster: its own random name, count 0, a task that would only sleep. */
export function throwawayJob(count = 0): NomadJob {
  const id = `ci-chatops-contract-${randomBytes(4).toString('hex')}`;
  return {
    ID: id,
    Name: id,
    Type: 'service',
    Datacenters: ['*'],
    Meta: { 'ci-chatops': 'contract-test' },
    TaskGroups: [
      {
        Name: 'contract',
        Count: count,
        Tasks: [{ Name: 'sleep', Driver: 'raw_exec', Config: { command: '/bin/sleep', args: ['600'] }, Resources: { CPU: 20, MemoryMB: 16 } }],
      },
    ],
  } as NomadJob;
}

/** The same job with one group's count changed, as a declaration change would send it. */
export function withCount(job: NomadJob, count: number): NomadJob {
  const copy = structuredClone(job);
  copy.TaskGroups![0]!.Count = count;
  return copy;
}
