/**
 * Issue 16 (small): docker-compose.yml for trying the bot on a laptop. Compose itself is not run
 * here (no Docker in CI); the file is read as Compose reads it and each promise checked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const Service = z.object({
  ports: z.array(z.string()).optional(),
  volumes: z
    .array(
      z.union([
        z.string(),
        z.object({
          type: z.string(),
          source: z.string(),
          target: z.string(),
          read_only: z.boolean().optional(),
          bind: z.object({ create_host_path: z.boolean() }).optional(),
        }),
      ]),
    )
    .optional(),
  depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
  healthcheck: z.object({ test: z.array(z.string()) }).optional(),
  environment: z.record(z.string(), z.string()).optional(),
});
const compose = z.object({ services: z.record(z.string(), Service) }).parse(parse(readFileSync(join(import.meta.dirname, '../../docker-compose.yml'), 'utf8')));
const { redis, nomad, bot } = compose.services;

/** `${VAR:-default}` as Compose interpolates it with VAR unset. */
const withDefaults = (s: string) => s.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');

describe('docker-compose.yml', () => {
  it('mounts chatops.yaml with the long syntax and create_host_path false, so a missing file is not turned into a directory', () => {
    const mount = bot!.volumes?.find((v) => typeof v !== 'string' && v.target === '/app/chatops.yaml');
    expect(mount).toEqual({ type: 'bind', source: './chatops.yaml', target: '/app/chatops.yaml', read_only: true, bind: { create_host_path: false } });
    expect(bot!.volumes?.filter((v) => typeof v === 'string' && v.includes('chatops.yaml'))).toEqual([]);
  });

  it('publishes Redis on a port other than a local Redis’s 6379 (configurable), on localhost only', () => {
    const published = (redis!.ports ?? []).map(withDefaults);
    expect(published).toEqual(['127.0.0.1:6380:6379']);
    expect(redis!.ports).toEqual(['127.0.0.1:${CHATOPS_REDIS_PORT:-6380}:6379']);
    // Inside the compose network the bot still uses the container port.
    expect(bot!.environment?.REDIS_URL).toBe('redis://redis:6379');
  });

  it('starts the bot only once Nomad’s API answers with a leader', () => {
    expect(bot!.depends_on?.nomad).toEqual({ condition: 'service_healthy' });
    expect(bot!.depends_on?.redis).toEqual({ condition: 'service_healthy' });
    expect(nomad!.healthcheck?.test.join(' ')).toMatch(/^CMD wget .*http:\/\/127\.0\.0\.1:4646\/v1\/status\/leader$/);
  });
});
