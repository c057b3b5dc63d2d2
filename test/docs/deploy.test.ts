/**
 * deploy/ci-chatops.nomad is a job Nomad accepts (parsed by the simulator's `POST /v1/jobs/parse`),
 * with its secrets from Vault through a template in the style of the CI docs, and every secret the
 * bot reads provided there.
 */
import { readFileSync } from 'node:fs';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { startNomadSim, type NomadSim } from '../../sim/nomad/index.js';
import { shippedOldSpaceMB } from '../support/dockerfile.js';

let sim: NomadSim;

interface Template {
  EmbeddedTmpl: string;
  DestPath: string;
  Envvars: boolean;
  Perms: string;
  ChangeMode: string;
}

describe('deploy/ci-chatops.nomad', () => {
  beforeAll(async () => {
    sim = await startNomadSim();
  });
  afterAll(() => sim?.close());

  it('parses, and takes its secrets from Vault through an env template', async () => {
    const res = await request(`${sim.url}/v1/jobs/parse`, {
      method: 'POST',
      body: JSON.stringify({ JobHCL: readFileSync('deploy/ci-chatops.nomad', 'utf8'), Canonicalize: true }),
    });
    expect(res.statusCode).toBe(200);
    const job = (await res.body.json()) as {
      ID: string;
      TaskGroups: Array<{
        Count: number;
        Spreads?: Array<{ Attribute: string; Weight: number }>;
        Constraints?: Array<{ Operand: string; RTarget: string }>;
        Tasks: Array<{ Vault: { Policies: string[] }; Templates: Template[]; Env: Record<string, string>; Resources: { MemoryMB: number } }>;
      }>;
    };
    expect(job.ID).toBe('ci-chatops');
    const task = job.TaskGroups[0]!.Tasks[0]!;
    expect(task.Vault.Policies).toEqual(['nomad']);
    const secrets = task.Templates.find((t) => t.DestPath === '${NOMAD_SECRETS_DIR}/secrets.env')!;
    expect(secrets).toMatchObject({ Envvars: true, Perms: '400', ChangeMode: 'restart' });
    expect(secrets.EmbeddedTmpl).toContain('{{ with secret "kv/data/ci-chatops" }}');
    for (const v of [
      'SLACK_BOT_TOKEN',
      'SLACK_APP_TOKEN',
      'NOMAD_TOKEN',
      'METRICS_TOKEN',
      'OS_APPLICATION_CREDENTIAL_SECRET',
      'REDIS_PASSWORD',
      'REDIS_SENTINEL_PASSWORD',
    ]) {
      expect(secrets.EmbeddedTmpl).toMatch(new RegExp(`^\\s*${v}=\\{\\{ \\.Data\\.data\\.[a-z_]+ \\| toJSON \\}\\}$`, 'm'));
      expect(task.Env[v], `${v} must not be a plain env value`).toBeUndefined();
    }
    expect(task.Env.CHATOPS_CONFIG).toBe('${NOMAD_TASK_DIR}/chatops.yaml');
    // The image caps V8's old space (Dockerfile); the task leaves room above it for code, the young
    // generation and buffers (~100 MB measured), or the kernel kills the bot before V8 collects.
    const oldSpaceMB = shippedOldSpaceMB();
    expect(oldSpaceMB).toBeGreaterThan(0);
    expect(task.Resources.MemoryMB).toBeGreaterThanOrEqual(oldSpaceMB + 128);
    // The configuration it ships is one the bot accepts.
    const yaml = task.Templates.find((t) => t.DestPath === 'local/chatops.yaml')!.EmbeddedTmpl;
    const shipped = parseConfigText(yaml, 'chatops.yaml');
    expect(shipped.access.classes['nomad-mutate']?.approve).toEqual(['@ci-admins']);
    // High availability (issue 18.4): two instances, one per datacenter and host, Redis through its sentinels.
    const group = job.TaskGroups[0]!;
    expect(group.Count).toBe(2);
    expect(group.Spreads).toEqual([expect.objectContaining({ Attribute: '${node.datacenter}', Weight: 100 })]);
    expect(group.Constraints).toContainEqual(expect.objectContaining({ Operand: 'distinct_hosts', RTarget: 'true' }));
    expect(shipped.redis.sentinels).toHaveLength(3);
    expect(shipped.redis.name).toBe('ci-chatops');
    // REDIS_URL beside sentinels stops the bot: no template may set it.
    for (const t of task.Templates) expect(t.EmbeddedTmpl).not.toContain('REDIS_URL');
  });
});
