/**
 * The simulator's HCL2 subset against what HashiCorp's hcl/v2 (hclsyntax.ParseConfig, v2.14.1)
 * answers: the syntax-error texts and ranges of the first table were produced by that library
 * on the same inputs (the job-spec decoding errors follow gohcl's wording), and the heredoc value
 * of ci.nomad's template is the library's own decoding of it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJobHcl } from '../../sim/nomad/hcl/index.js';
import { declaredJobs, farmHcl } from '../../sim/nomad/scenario/declared-jobs.js';
import type { NomadSim } from '../../sim/nomad/index.js';
import { call, startFastSim } from './helpers.js';

const failure = (hcl: string) => {
  try {
    parseJobHcl(hcl);
  } catch (e) {
    return (e as Error).message;
  }
  return 'parsed';
};

describe('HCL2 syntax errors, as hcl/v2 words and places them', () => {
  it.each([
    [
      'job "x" {\n  group "ci" {\n    count = <no value>\n  }\n}\n',
      'input.hcl:3,13-14: Invalid expression; Expected the start of an expression, but found an invalid expression token.',
    ],
    [
      'job "x" {\n  group "ci" {\n    count = 1\n  }\n',
      'input.hcl:1,9-10: Unclosed configuration block; There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
    ],
    [
      'job "x" {\n  foo bar\n}\n',
      'input.hcl:2,10-3,1: Invalid block definition; A block definition must have block content delimited by "{" and "}", starting on the same line as the block header.',
    ],
    ['job "x" {\n  type = "a" region = "b"\n}\n', 'input.hcl:2,14-15: Missing newline after argument; An argument definition must end with a newline.'],
    [
      'job "x" {\n  type = "a"\n  type = "b"\n}\n',
      'input.hcl:3,3-7: Attribute redefined; The argument "type" was already set at input.hcl:2,3-7. Each argument may be set only once.',
    ],
    ['}\n', 'input.hcl:1,1-2: Argument or block definition required; An argument or block definition is required here.'],
    ['job "x" {\n  type = "\\q"\n}\n', 'input.hcl:2,11-13: Invalid escape sequence; The symbol "q" is not a valid escape sequence selector.'],
  ])('%j', (hcl, text) => {
    expect(failure(hcl)).toBe(`Failed to parse job: ${text}`);
  });

  it('says which job-spec argument or block is not expected, where', () => {
    expect(failure('job "x" {\n  group "g" {\n    cuont = 2\n  }\n}\n')).toBe(
      'Failed to parse job: input.hcl:3,5-10: Unsupported argument; An argument named "cuont" is not expected here.',
    );
    expect(failure('job "x" {\n  grup "g" {}\n}\n')).toBe(
      'Failed to parse job: input.hcl:2,3-7: Unsupported block type; Blocks of type "grup" are not expected here.',
    );
    expect(failure('job "x" {\n  group {}\n}\n')).toBe(
      'Failed to parse job: input.hcl:2,3-8: Missing name for group; All group blocks must have 1 labels (name).',
    );
    expect(failure('job "x" {\n  group "g" {\n    count = "many"\n  }\n}\n')).toBe(
      'Failed to parse job: input.hcl:3,13-19: Incorrect attribute value type; Inappropriate value for attribute "count": a number is required.',
    );
  });
});

describe('job files → api.Job', () => {
  it('parses a rendered ci.nomad with Nomad field names, keeping ${...} and {{ }} literally', () => {
    const hcl = farmHcl().find((h) => h.includes('job "ci-mesosci-cs8"'))!;
    const job = parseJobHcl(hcl, { canonicalize: true }) as any;
    expect(job).toMatchObject({
      ID: 'ci-mesosci-cs8',
      Name: 'ci-mesosci-cs8',
      Type: 'service',
      Datacenters: ['cern-a', 'cern-b', 'cern-c'],
      Priority: 50,
      Region: 'global',
      Namespace: 'default',
    });
    expect(job.Constraints).toEqual([
      { LTarget: '${attr.kernel.name}', RTarget: 'linux', Operand: '=' },
      { LTarget: '${meta.allow_compilation}', RTarget: 'true', Operand: '=' },
    ]);
    const group = job.TaskGroups[0];
    expect(group).toMatchObject({ Name: 'ci', Count: 8, EphemeralDisk: { Sticky: true, Migrate: false, SizeMB: 245760 }, Meta: { num_builders: '8' } });
    const task = group.Tasks[0];
    expect(task).toMatchObject({ Name: 'continuous-builder', Driver: 'docker', Resources: { CPU: 0, Cores: 8, MemoryMB: 16000 }, Vault: { Policies: ['ci'] } });
    expect(task.Config.args).toEqual(['-exc', 'exec ali-bot/ci/continuous-builder.sh']);
    expect(task.Env.WORKER_INDEX).toBe('${NOMAD_ALLOC_INDEX}');
    expect(task.Templates[0]).toMatchObject({ DestPath: '${NOMAD_SECRETS_DIR}/secrets.env', Envvars: true, Perms: '400', ChangeMode: 'restart' });
    // hcl/v2's value for the `<<-EOD` heredoc: indentation removed, every line ending in \n.
    expect(task.Templates[0].EmbeddedTmpl.startsWith('{{ with secret "kv/data/ci/alibot" }}\nGITHUB_TOKEN={{ .Data.data.github_token | toJSON }}\n')).toBe(
      true,
    );
    expect(task.Templates[0].EmbeddedTmpl.endsWith('MONALISA_PORT={{ .Data.data.monalisa_port | toJSON }}\n{{ end }}\n')).toBe(true);
  });

  it('keeps unset fields null without canonicalisation, and fills defaults with it', () => {
    const raw = parseJobHcl('job "example" {\n  type = "service"\n  group "cache" {}\n}') as any;
    expect(raw).toMatchObject({ ID: 'example', Type: 'service', Priority: null, Region: null, Datacenters: null });
    expect(raw.TaskGroups[0].Count).toBeUndefined();
    const canon = parseJobHcl('job "example" {\n  type = "service"\n  group "cache" {}\n}', { canonicalize: true }) as any;
    expect(Object.keys(canon).slice(0, 6)).toEqual(['AllAtOnce', 'Constraints', 'Affinities', 'CreateIndex', 'Datacenters', 'ID']);
    expect(canon).toMatchObject({ Priority: 50, Region: 'global', Namespace: 'default', Stop: false, Version: 0 });
    expect(canon.TaskGroups[0]).toMatchObject({ Count: 1, EphemeralDisk: { SizeMB: 300, Sticky: false } });
  });

  it('parses repo.nomad: network ports, service checks with durations', () => {
    const job = parseJobHcl(readFileSync('examples/ci-jobs/repo.nomad', 'utf8'), { canonicalize: true }) as any;
    const g = job.TaskGroups[0];
    expect(g.Networks).toEqual([{ ReservedPorts: [{ Label: 'rsync', Value: 873 }], DynamicPorts: null }]);
    expect(g.Services[0]).toMatchObject({
      Name: 'repo',
      PortLabel: 'rsync',
      Provider: 'consul',
      Checks: [{ Type: 'tcp', Interval: 30_000_000_000, Timeout: 5_000_000_000 }],
    });
    expect(g.Tasks[0].Config).toEqual({ image: 'registry.cern.ch/alisw/rsync:latest', ports: ['rsync'] });
  });

  it('every example declaration parses, one job each', () => {
    expect(declaredJobs().map((j) => j.ID)).toEqual([
      'repo',
      'ci-macos-alimac01',
      'ci-mesosci-cs8',
      'ci-mesosci-slc9-o2physics',
      'ci-mesosci-slc9',
      'jenkins-builder-alice',
      'jenkins-builder-o2',
    ]);
  });
});

describe('POST /v1/jobs/parse', () => {
  let sim: NomadSim;
  beforeAll(async () => {
    sim = await startFastSim();
  });
  afterAll(() => sim.close());

  it('answers a bare api.Job, 400 with line information, and the empty-spec text', async () => {
    const ok = await call(sim.url, 'POST', '/v1/jobs/parse', { JobHCL: 'job "example" {\n  type = "service"\n  group "cache" {}\n}', Canonicalize: true });
    expect(ok.status).toBe(200);
    expect(ok.json()).toMatchObject({ ID: 'example', TaskGroups: [{ Name: 'cache', Count: 1 }] });
    const bad = await call(sim.url, 'PUT', '/v1/jobs/parse', { JobHCL: 'job "x" {\n  group "ci" {\n    count = <no value>\n  }\n}\n' });
    expect([bad.status, bad.text]).toEqual([
      400,
      'Failed to parse job: input.hcl:3,13-14: Invalid expression; Expected the start of an expression, but found an invalid expression token.',
    ]);
    const empty = await call(sim.url, 'POST', '/v1/jobs/parse', { JobHCL: '' });
    expect([empty.status, empty.text]).toEqual([400, 'Job spec is empty']);
  });
});
