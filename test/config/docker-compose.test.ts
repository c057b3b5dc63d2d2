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

describe('docker-compose.yml, profile ha (issue 18.4)', () => {
  // Compose applies YAML merge keys (`<<: *sentinel`).
  const all = parse(readFileSync(join(import.meta.dirname, '../../docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, { profiles?: string[]; command?: string[]; environment?: Record<string, string>; hostname?: string }>;
  };
  const ha = Object.entries(all.services).filter(([, s]) => s.profiles?.includes('ha'));

  it('has a primary, a replica of it and three sentinels watching it with a quorum of 2, none started without the profile', () => {
    expect(ha.map(([name]) => name).sort()).toEqual(['bot-ha', 'redis-primary', 'redis-replica', 'sentinel-1', 'sentinel-2', 'sentinel-3']);
    expect(all.services['redis-replica']!.command!.join(' ')).toContain('--replicaof redis-primary 6379');
    const sentinels = ha.filter(([name]) => name.startsWith('sentinel-'));
    for (const [name, s] of sentinels) {
      expect(s.hostname).toBe(name);
      expect(s.command!.join('\n')).toContain('sentinel monitor ci-chatops redis-primary 6379 2');
    }
  });

  it('runs a bot that finds Redis through the sentinels: no REDIS_URL (beside redis.sentinels it stops the bot)', () => {
    expect(all.services['bot-ha']!.environment?.REDIS_URL).toBeUndefined();
  });
});
