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
  /** Resolves when the dependency works, with `degraded` when it works only partly for now; throws when it does not. */
  // biome-ignore lint/suspicious/noConfusingVoidType: most checks return nothing (an async function without a return is Promise<void>)
  run(signal: AbortSignal): Promise<void | { degraded: string }>;
}

export interface Readiness {
  /** Nothing failing (degraded counts as ready: the bot still takes requests). */
  ready: boolean;
  /** Names of the checks that failed, in the order they were given. */
  failing: string[];
  /** Names of the checks that passed only partly (a Redis failover under way). */
  degraded: string[];
  checks: Record<string, string>;
}

export async function checkReadiness(checks: readonly ReadinessCheck[], timeoutMs = 2_000): Promise<Readiness> {
  const results = await Promise.all(
    checks.map(async (c) => {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const r = await withTimeout(c.run(signal), timeoutMs, c.name);
        return r ? ([c.name, 'degraded', `degraded: ${r.degraded}`] as const) : ([c.name, 'ok', 'ok'] as const);
      } catch (err) {
        return [c.name, 'failing', describeError(err)] as const;
      }
    }),
  );
  const failing = results.filter(([, r]) => r === 'failing').map(([n]) => n);
  const degraded = results.filter(([, r]) => r === 'degraded').map(([n]) => n);
  return { ready: failing.length === 0, failing, degraded, checks: Object.fromEntries(results.map(([n, , text]) => [n, text])) };
}

/** With Sentinel: how long a lost primary counts as a failover under way rather than an outage. */
export interface FailoverWindow {
  /** When the connection stopped being ready (undefined while it is). */
  lostSince(): number | undefined;
  graceMs: number;
  now(): number;
}

/**
 * Redis answers PING. A connection that is down fails at once (ioredis would queue the command),
 * except during a Sentinel failover (`failover`): for `graceMs` after the primary went away the
 * check is degraded, not failing, because requests are still taken and wait for the promoted replica.
 */
export function redisReadiness(redis: Redis, failover?: FailoverWindow): ReadinessCheck {
  return {
    name: 'redis',
    async run() {
      if (redis.status === 'ready') {
        await redis.ping();
        return;
      }
      const since = failover?.lostSince();
      if (failover && since !== undefined && failover.now() - since < failover.graceMs) {
        const s = ((failover.now() - since) / 1000).toFixed(1);
        return { degraded: `failing over: no Redis primary for ${s} s; waiting for the sentinels to name the new one (connection is ${redis.status})` };
      }
      throw new Error(`connection is ${redis.status}`);
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
