import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NomadAllocation, NomadAllocationList, NomadAllocationStubList } from '../../src/nomad/schemas/allocations.js';
import { NomadEventFrame } from '../../src/nomad/schemas/events.js';
import { NomadJob, NomadJobDeregisterResponse, NomadJobList, NomadJobRegisterResponse, NomadJobScaleStatus } from '../../src/nomad/schemas/jobs.js';
import { NomadHostStats, NomadNode, NomadNodeList, NomadNodeUpdateResponse } from '../../src/nomad/schemas/nodes.js';
import { NomadJobPlanResponse } from '../../src/nomad/schemas/plan.js';
import { listFixtures, readFixture, readJsonFixture } from '../support/reference.js';

/** Which schema reads each verbatim fixture; request bodies are what we send, parsed as the job they carry. */
const SCHEMAS: Record<string, z.ZodType> = {
  'allocation-read.json': NomadAllocation,
  'allocation-restart-request.json': z.looseObject({}),
  'allocation-restart-response.json': z.looseObject({}),
  'allocation-stop-response.json': z.looseObject({ EvalID: z.string(), Index: z.number() }),
  'allocations-list.json': NomadAllocationStubList,
  'client-stats.json': NomadHostStats,
  'event-stream-sample.doc-pretty.json': NomadEventFrame,
  'job-allocations.json': NomadAllocationStubList,
  'job-read.json': NomadJob,
  'job-register-request.json': z.looseObject({ Job: NomadJob }),
  'job-register-response.json': NomadJobRegisterResponse,
  'job-stop-response.json': NomadJobDeregisterResponse,
  'job-update-response.json': NomadJobRegisterResponse,
  'jobs-list.json': NomadJobList,
  'jobs-parse-request.json': z.looseObject({ JobHCL: z.string() }),
  'jobs-parse-response.json': NomadJob,
  'node-allocations.json': NomadAllocationList,
  'node-drain-request.json': z.looseObject({ DrainSpec: z.looseObject({ Deadline: z.number() }) }),
  'node-drain-response.json': NomadNodeUpdateResponse,
  'node-eligibility-request.json': z.looseObject({ Eligibility: z.enum(['eligible', 'ineligible']) }),
  'node-eligibility-response.json': NomadNodeUpdateResponse,
  'node-read.json': NomadNode,
  'nodes-list.json': NomadNodeList,
  'plan-response.json': NomadJobPlanResponse,
  'scale-response.json': NomadJobRegisterResponse,
  'scale-status.json': NomadJobScaleStatus,
};

/** The docs abbreviate some Objects/Fields arrays to the string "..."; real responses hold objects there. */
function withoutDocPlaceholders(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== '...').map(withoutDocPlaceholders);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutDocPlaceholders(v)]));
  return value;
}

describe('every Nomad fixture parses with the client schemas', () => {
  const files = listFixtures('nomad', '.json');
  it('has a schema for every JSON fixture', () => {
    expect(files.filter((f) => !(f in SCHEMAS))).toEqual([]);
  });
  for (const file of files) {
    it(file, () => {
      const raw = readJsonFixture('nomad', file);
      const value = file === 'plan-response.json' ? withoutDocPlaceholders(raw) : raw;
      const parsed = SCHEMAS[file]!.safeParse(value);
      expect(parsed.error?.issues ?? []).toEqual([]);
    });
  }
  it('parses the NDJSON event stream sample line by line (heartbeat first)', () => {
    const lines = readFixture('nomad', 'event-stream-sample.ndjson').trim().split('\n');
    const frames = lines.map((l) => NomadEventFrame.parse(JSON.parse(l)));
    expect(frames[0]).toEqual({});
    expect(frames[1]?.Events?.[0]?.Topic).toBe('Node');
  });
  it('reads the plan sample the way the bot uses it', () => {
    const plan = NomadJobPlanResponse.parse(withoutDocPlaceholders(readJsonFixture('nomad', 'plan-response.json')));
    expect(plan.JobModifyIndex).toBe(0);
    expect(plan.FailedTGAllocs?.cache?.DimensionExhausted).toEqual({ cpu: 1 });
    expect(plan.Annotations?.DesiredTGUpdates?.cache?.Place).toBe(11);
  });
});
