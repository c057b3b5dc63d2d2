/** `NomadJobs.parse` (POST /v1/jobs/parse) against the simulator: HCL in, a Job that plans and registers as it is. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpApiError } from '../../src/errors.js';
import { createNomad, nomadSettingsFromEnv, type Nomad } from '../../src/nomad/index.js';
import { loadDeclarations } from '../../src/declarations/index.js';
import { startNomadSim, type NomadSim } from '../../sim/nomad/index.js';

describe('NomadJobs.parse', () => {
  let sim: NomadSim;
  let nomad: Nomad;
  beforeAll(async () => {
    sim = await startNomadSim({ timing: { allocStartMs: 10, evalCompleteMs: 5 }, acl: { tokens: { 'w-token': 'write', 'r-token': 'read' } } });
    nomad = createNomad(nomadSettingsFromEnv({ NOMAD_ADDR: sim.url, NOMAD_TOKEN: 'w-token' }));
  });
  afterAll(async () => {
    await nomad?.close();
    await sim?.close();
  });

  it('turns a rendered declaration into the job that runs: the plan shows no change', async () => {
    const decls = await loadDeclarations('examples/ci-jobs');
    const inst = decls.list().find((i) => i.jobName === 'ci-mesosci-slc9')!;
    const job = await nomad.jobs.parse(await decls.render(inst));
    expect(job.ID).toBe('ci-mesosci-slc9');
    expect(job.TaskGroups?.[0]).toMatchObject({ Name: 'ci', Count: 4 });
    const plan = await nomad.jobs.plan(job);
    expect(plan.Diff?.Type).toBe('None');
  });

  it('sends Canonicalize only when asked not to skip it', async () => {
    const raw = await nomad.jobs.parse('job "x" {\n  group "g" {\n    task "t" {\n      driver = "docker"\n    }\n  }\n}\n', { canonicalize: false });
    expect(raw.TaskGroups?.[0]?.Count).toBeUndefined();
    expect(raw.Priority).toBeNull();
    const canon = await nomad.jobs.parse('job "x" {\n  group "g" {\n    task "t" {\n      driver = "docker"\n    }\n  }\n}\n');
    expect(canon.TaskGroups?.[0]?.Count).toBe(1);
  });

  it("surfaces a syntax error as HTTP 400 with Nomad's text and line", async () => {
    const err = await nomad.jobs.parse('job "x" {\n  group "g" {\n    count = <no value>\n  }\n}\n').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpApiError);
    expect((err as HttpApiError).status).toBe(400);
    expect((err as HttpApiError).body).toBe(
      'Failed to parse job: input.hcl:3,13-14: Invalid expression; Expected the start of an expression, but found an invalid expression token.',
    );
  });

  it('needs a token that may submit jobs', async () => {
    const reader = createNomad(nomadSettingsFromEnv({ NOMAD_ADDR: sim.url, NOMAD_TOKEN: 'r-token' }));
    await expect(reader.jobs.parse('job "x" {}\n')).rejects.toMatchObject({ status: 403 });
    await reader.close();
  });
});
