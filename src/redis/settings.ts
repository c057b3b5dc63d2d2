/**
 * Where Redis is and how to log in, from chatops.yaml and the environment: one Redis by URL
 * (`REDIS_URL` or `redis.url`), or a Sentinel group (`redis.sentinels` + `redis.name`) whose
 * sentinels name the current primary. Passwords and TLS come from the environment only.
 */
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { RedisOptions } from 'ioredis';
import type { BotEnv, ConfigFile } from '../config/schema.js';

export type RedisTarget = { kind: 'url'; url: string } | { kind: 'sentinel'; sentinels: { host: string; port: number }[]; name: string };

export interface RedisSettings {
  target: RedisTarget;
  username?: string | undefined;
  password?: string | undefined;
  sentinelPassword?: string | undefined;
  /** TLS to Redis and the sentinels (PEM file paths; empty object: the system's CAs). */
  tls?: { caCert?: string | undefined; clientCert?: string | undefined; clientKey?: string | undefined } | undefined;
  /** Replicas a write that matters waits for (0: none), and for how long at most. */
  wait: { replicas: number; timeoutMs: number };
  /** With sentinels: how long /readyz says `degraded` after the primary went away. */
  failoverGraceMs: number;
}

type RedisEnv = Pick<
  BotEnv,
  'REDIS_URL' | 'REDIS_PASSWORD' | 'REDIS_USERNAME' | 'REDIS_SENTINEL_PASSWORD' | 'REDIS_TLS' | 'REDIS_CACERT' | 'REDIS_CLIENT_CERT' | 'REDIS_CLIENT_KEY'
>;

export class RedisSettingsError extends Error {}

export function redisSettings(file: ConfigFile['redis'], env: RedisEnv): RedisSettings {
  if (file.sentinels && env.REDIS_URL)
    throw new RedisSettingsError('REDIS_URL and redis.sentinels are both set: unset REDIS_URL to use Sentinel, or remove redis.sentinels for one Redis');
  const target: RedisTarget =
    file.sentinels && file.name
      ? { kind: 'sentinel', sentinels: file.sentinels.map(parseHostPort), name: file.name }
      : { kind: 'url', url: env.REDIS_URL ?? file.url };
  const tlsOn = env.REDIS_TLS === 'true' || (target.kind === 'url' && target.url.startsWith('rediss:'));
  return {
    target,
    username: env.REDIS_USERNAME,
    password: env.REDIS_PASSWORD,
    sentinelPassword: env.REDIS_SENTINEL_PASSWORD,
    tls: tlsOn ? { caCert: env.REDIS_CACERT, clientCert: env.REDIS_CLIENT_CERT, clientKey: env.REDIS_CLIENT_KEY } : undefined,
    wait: { replicas: file.waitReplicas ?? (target.kind === 'sentinel' ? 1 : 0), timeoutMs: file.waitTimeout },
    failoverGraceMs: file.failoverGrace,
  };
}

/** `host:port` (IPv6 in brackets), validated by the config schema already. */
function parseHostPort(text: string): { host: string; port: number } {
  const i = text.lastIndexOf(':');
  return { host: text.slice(0, i).replace(/^\[(.*)\]$/, '$1'), port: Number(text.slice(i + 1)) };
}

/** What people read in logs and check-config: the URL without its password, or the Sentinel group. */
export function describeTarget(target: RedisTarget): string {
  if (target.kind === 'sentinel') return `Sentinel group ${target.name} (sentinels ${target.sentinels.map((s) => `${s.host}:${s.port}`).join(', ')})`;
  try {
    const u = new URL(target.url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(unparsable URL)';
  }
}

/** The ioredis options of a connection to these settings (the URL, for one Redis, is passed beside them). */
export function ioredisOptions(s: RedisSettings): RedisOptions {
  const tls = s.tls ? tlsOptions(s.tls) : undefined;
  const auth = { ...(s.username ? { username: s.username } : {}), ...(s.password ? { password: s.password } : {}) };
  if (s.target.kind === 'url') {
    // A password in the URL wins: ioredis lets the URL override the options given beside it.
    return { ...auth, ...(tls ? { tls } : {}) };
  }
  return {
    ...auth,
    sentinels: s.target.sentinels,
    name: s.target.name,
    role: 'master',
    ...(s.sentinelPassword ? { sentinelPassword: s.sentinelPassword } : {}),
    ...(tls ? { tls, sentinelTLS: tls, enableTLSForSentinelMode: true } : {}),
    // Ask the sentinels again soon: the new primary is usually named a second or two after the old one died.
    sentinelRetryStrategy: (times: number) => Math.min(times * 100, 1_000),
  };
}

function tlsOptions(t: NonNullable<RedisSettings['tls']>): ConnectionOptions {
  return {
    ...(t.caCert ? { ca: readFileSync(t.caCert) } : {}),
    ...(t.clientCert ? { cert: readFileSync(t.clientCert) } : {}),
    ...(t.clientKey ? { key: readFileSync(t.clientKey) } : {}),
  };
}
