/**
 * The Redis connection factory (issue 18.1): one Redis by URL or a Sentinel group from
 * chatops.yaml, passwords from the environment, and writes that wait for a replica. Against a
 * real Sentinel group (test/support/redis-group.ts) and the shared Redis.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRedis } from '../../src/cli/dependency-checks.js';
import { parseConfigText, parseEnv } from '../../src/config/load.js';
import { peer, RedisConnections } from '../../src/redis/connections.js';
import { ReplicaWait } from '../../src/redis/replica-wait.js';
import { describeTarget, redisSettings, RedisSettingsError } from '../../src/redis/settings.js';
import { startRedisGroup, type RedisGroup } from '../support/redis-group.js';
import { BOT_TOKEN, REDIS_URL, SIGNING_SECRET } from '../support/stack.js';

const PASSWORD = 'redis-pw-9c1e4f7a2b';
const SENTINEL_PASSWORD = 'sentinel-pw-3d8a0b6e51';
const env = (extra: Record<string, string> = {}) => parseEnv({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, ...extra });
const fileRedis = (yaml: string) => parseConfigText(yaml, 'test.yaml').redis;

function captureLog() {
  const lines: string[] = [];
  return { lines, info: (_o: object, msg: string) => void lines.push(`info ${msg}`), warn: (_o: object, msg: string) => void lines.push(`warn ${msg}`) };
}

describe('redis settings', () => {
  it('one Redis by URL: redis.url, overridden by REDIS_URL; nothing to wait for', () => {
    const s = redisSettings(fileRedis('redis:\n  url: redis://10.0.0.1:6379\n'), env());
    expect(s.target).toEqual({ kind: 'url', url: 'redis://10.0.0.1:6379' });
    expect(s.wait.replicas).toBe(0);
    expect(redisSettings(fileRedis('redis:\n  url: redis://10.0.0.1:6379\n'), env({ REDIS_URL: 'redis://10.0.0.2:6380' })).target).toEqual({
      kind: 'url',
      url: 'redis://10.0.0.2:6380',
    });
  });

  it('a Sentinel group: redis.sentinels and redis.name, passwords from the environment, one replica waited for', () => {
    const s = redisSettings(
      fileRedis('redis:\n  sentinels: ["redis-1.cern.ch:26379", "10.0.0.2:26380", "[::1]:26381"]\n  name: ci-chatops\n  waitTimeout: 2s\n'),
      env({ REDIS_PASSWORD: PASSWORD, REDIS_SENTINEL_PASSWORD: SENTINEL_PASSWORD }),
    );
    expect(s.target).toEqual({
      kind: 'sentinel',
      name: 'ci-chatops',
      sentinels: [
        { host: 'redis-1.cern.ch', port: 26379 },
        { host: '10.0.0.2', port: 26380 },
        { host: '::1', port: 26381 },
      ],
    });
    expect(s).toMatchObject({ password: PASSWORD, sentinelPassword: SENTINEL_PASSWORD, wait: { replicas: 1, timeoutMs: 2_000 }, failoverGraceMs: 30_000 });
    expect(describeTarget(s.target)).toBe('Sentinel group ci-chatops (sentinels redis-1.cern.ch:26379, 10.0.0.2:26380, ::1:26381)');
  });

  it('refuses half a Sentinel setup, an address without a port, and REDIS_URL beside sentinels', () => {
    expect(() => fileRedis('redis:\n  sentinels: ["10.0.0.1:26379"]\n')).toThrow('redis.sentinels and redis.name go together');
    expect(() => fileRedis('redis:\n  name: ci-chatops\n')).toThrow('redis.sentinels and redis.name go together');
    expect(() => fileRedis('redis:\n  sentinels: ["10.0.0.1"]\n  name: x\n')).toThrow('redis.sentinels.0: expected host:port');
    const both = () => redisSettings(fileRedis('redis:\n  sentinels: ["10.0.0.1:26379"]\n  name: x\n'), env({ REDIS_URL: 'redis://10.0.0.9:6379' }));
    expect(both).toThrow(RedisSettingsError);
    expect(both).toThrow('REDIS_URL and redis.sentinels are both set');
  });

  it('TLS from REDIS_TLS or a rediss:// URL; a URL is described without its password', () => {
    expect(redisSettings(fileRedis('redis:\n  url: rediss://h:6380\n'), env()).tls).toBeDefined();
    expect(redisSettings(fileRedis('redis:\n  url: redis://h:6380\n'), env()).tls).toBeUndefined();
    expect(redisSettings(fileRedis('redis:\n  url: redis://h:6380\n'), env({ REDIS_TLS: 'true', REDIS_CACERT: '/etc/ca.pem' })).tls).toEqual({
      caCert: '/etc/ca.pem',
      clientCert: undefined,
      clientKey: undefined,
    });
    expect(describeTarget({ kind: 'url', url: `redis://:${PASSWORD}@h:6379/0` })).toBe('redis://:***@h:6379/0');
  });
});

describe('connections to a Sentinel group', () => {
  let group: RedisGroup;
  beforeAll(async () => {
    group = await startRedisGroup({ password: PASSWORD, sentinelPassword: SENTINEL_PASSWORD });
  }, 60_000);
  afterAll(async () => group?.close());

  const settingsFor = (extra: Record<string, string>) =>
    redisSettings(fileRedis(`redis:\n  sentinels: ${JSON.stringify(group.sentinels)}\n  name: ${group.name}\n`), env(extra));

  it('reach the primary the sentinels name, and a write that matters is on the replica when after() returns', async () => {
    const settings = settingsFor({ REDIS_PASSWORD: PASSWORD, REDIS_SENTINEL_PASSWORD: SENTINEL_PASSWORD });
    const connections = new RedisConnections(settings);
    const redis = connections.connect('main');
    try {
      const key = `t-${randomUUID().slice(0, 8)}:approval`;
      await redis.set(key, 'approved by bob', 'PX', 60_000);
      expect(peer(redis)).toBe(`127.0.0.1:${await group.primaryPort()}`);
      expect(((await redis.role()) as string[])[0]).toBe('master');
      expect((await redis.client('GETNAME')) as string).toBe('ci-chatops-main');
      const wait = new ReplicaWait(redis, settings.wait);
      await wait.after('approval');
      expect(wait.stats).toMatchObject({ waits: 1, acknowledged: 1, late: 0, skipped: 0 });
      const replica = group.client(group.servers.find((p) => `127.0.0.1:${p}` !== peer(redis))!);
      expect(await replica.get(key)).toBe('approved by bob');
    } finally {
      await connections.closeAll();
    }
  });

  it('check-config names the primary and its replica, and says when the sentinels refuse the password', async () => {
    const ok = await checkRedis(settingsFor({ REDIS_PASSWORD: PASSWORD, REDIS_SENTINEL_PASSWORD: SENTINEL_PASSWORD }));
    expect(ok.mark).toBe('✔');
    expect(ok.detail).toContain(`Sentinel group ${group.name} (sentinels ${group.sentinels.join(', ')}): primary 127.0.0.1:${await group.primaryPort()}`);
    expect(ok.detail).toContain('1 replica connected');
    const refused = await checkRedis(settingsFor({ REDIS_PASSWORD: PASSWORD, REDIS_SENTINEL_PASSWORD: 'wrong-password-000' }));
    expect(refused.mark).toBe('✘');
    expect(refused.detail).toMatch(/WRONGPASS|NOAUTH|invalid username-password/i);
    expect(refused.detail).not.toContain('wrong-password-000');
  });
});

describe('writes that matter on a Redis without replicas', () => {
  it('do not wait (nothing could acknowledge them) and say so once', async () => {
    const connections = new RedisConnections(redisSettings(fileRedis(`redis:\n  url: ${REDIS_URL}\n  waitReplicas: 1\n`), env()));
    const redis = connections.connect('main');
    const log = captureLog();
    try {
      const wait = new ReplicaWait(redis, connections.settings.wait, log);
      await wait.after('approval');
      await wait.after('apply step');
      expect(wait.stats).toMatchObject({ waits: 0, skipped: 2 });
      expect(log.lines).toEqual(['warn no replica is connected to the Redis primary: writes are on the primary only until one is']);
    } finally {
      await connections.closeAll();
    }
  });
});
