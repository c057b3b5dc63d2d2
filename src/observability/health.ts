/**
 * Readiness: the things the bot cannot work without, each asked with a short timeout so a probe
 * never hangs on a dead dependency. Liveness (`/healthz`) is only "the process answers".
 */
import type { Redis } from 'ioredis';
import type { NomadClient } from '../nomad/client.js';
import { describeError } from '../errors.js';
import { withTimeout } from './metrics.js';

export interface ReadinessCheck {
  name: string;
  run(signal: AbortSignal): Promise<void>;
}

export interface Readiness {
  ready: boolean;
  /** Names of the checks that failed, in the order they were given. */
  failing: string[];
  checks: Record<string, string>;
}

export async function checkReadiness(checks: readonly ReadinessCheck[], timeoutMs = 2_000): Promise<Readiness> {
  const results = await Promise.all(
    checks.map(async (c) => {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        await withTimeout(c.run(signal), timeoutMs, c.name);
        return [c.name, 'ok'] as const;
      } catch (err) {
        return [c.name, describeError(err)] as const;
      }
    }),
  );
  const failing = results.filter(([, r]) => r !== 'ok').map(([n]) => n);
  return { ready: failing.length === 0, failing, checks: Object.fromEntries(results) };
}

/** Redis answers PING. A connection that is down fails at once (ioredis would queue the command). */
export function redisReadiness(redis: Redis): ReadinessCheck {
  return {
    name: 'redis',
    async run() {
      if (redis.status !== 'ready') throw new Error(`connection is ${redis.status}`);
      await redis.ping();
    },
  };
}

/** Nomad answers `GET /v1/status/leader` (no ACL needed) with a leader. */
export function nomadReadiness(client: Pick<NomadClient, 'http' | 'url' | 'headers'>): ReadinessCheck {
  return {
    name: 'nomad',
    async run(signal) {
      await client.http.send({ method: 'GET', url: client.url('status/leader'), headers: client.headers(), signal });
    },
  };
}

/**
 * The cluster watch's event stream is served: fails while Nomad refuses it (a token without the
 * topics' ACL), naming what the token needs. Passes when the watch is off or another replica leads.
 */
export function eventStreamReadiness(problem: () => string | undefined): ReadinessCheck {
  return {
    name: 'nomad-events',
    async run() {
      const why = problem();
      if (why) throw new Error(why);
    },
  };
}
