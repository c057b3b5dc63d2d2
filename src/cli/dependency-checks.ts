/**
 * One cheap question to each dependency (Redis PING, Nomad leader and job list, Slack auth.test,
 * OpenStack token), each answered as one line within a few seconds: `ci-chatops check-config`
 * prints them, the demo refuses to start on a Redis that does not answer.
 */
import type { ConfigFile, BotEnv } from '../config/schema.js';
import { describeError } from '../errors.js';
import { nomadSettingsFromEnv } from '../nomad/index.js';
import { NomadClient } from '../nomad/client.js';
import { NomadJobs } from '../nomad/jobs.js';
import { openStackFromEnv } from '../openstack/from-env.js';
import type { Redactor } from '../redact.js';
import { peer, RedisConnections } from '../redis/connections.js';
import type { RedisSettings } from '../redis/settings.js';

/** One check's line: passed, failed, or not applicable here. */
export interface CheckLine {
  mark: '✔' | '✘' | '–';
  name: string;
  detail: string;
}

const TIMEOUT_MS = 3_000;

/** Runs one check with a deadline; any error becomes a ✘ line with its (redacted) reason. */
async function guarded(name: string, run: () => Promise<CheckLine>): Promise<CheckLine> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<CheckLine>((resolve) => {
    timer = setTimeout(() => resolve({ mark: '✘', name, detail: `no answer within ${TIMEOUT_MS / 1000} s` }), TIMEOUT_MS);
  });
  try {
    return await Promise.race([run().catch((err: unknown): CheckLine => ({ mark: '✘', name, detail: describeError(err) })), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The URL without its password, for messages. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(unparsable URL)';
  }
}

/** Redis answers PING: one Redis by URL, or the primary a Sentinel group names (with its replica count). */
export function checkRedis(target: string | RedisSettings): Promise<CheckLine> {
  const settings: RedisSettings =
    typeof target === 'string' ? { target: { kind: 'url', url: target }, wait: { replicas: 0, timeoutMs: 0 }, failoverGraceMs: 0 } : target;
  const connections = new RedisConnections(settings);
  const where = connections.describe();
  return guarded('redis', async () => {
    const redis = connections.connect('check', {
      lazyConnect: true,
      connectTimeout: TIMEOUT_MS,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
      sentinelRetryStrategy: () => null,
      reconnectOnError: () => false,
    });
    // The connection's own error (ECONNREFUSED, ENOTFOUND, NOAUTH…) says more than the failed connect's "Connection is closed".
    let cause: unknown;
    redis.on('error', (err: unknown) => (cause ??= err));
    try {
      await redis.connect();
      await redis.ping();
      const version = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? '?';
      if (!connections.sentinel) return { mark: '✔', name: 'redis', detail: `${where} answers PING (Redis ${version})` };
      const replicas = Number(/connected_slaves:(\d+)/.exec(await redis.info('replication'))?.[1] ?? 0);
      return {
        mark: '✔',
        name: 'redis',
        detail: `${where}: primary ${peer(redis)} answers PING (Redis ${version}), ${replicas} replica${replicas === 1 ? '' : 's'} connected`,
      };
    } catch (err) {
      return { mark: '✘', name: 'redis', detail: `${where}: ${describeError(cause ?? err).replace(/\.$/, '') || 'connection refused'}` };
    } finally {
      redis.disconnect();
    }
  });
}

export function checkNomad(env: Record<string, string | undefined>, file: ConfigFile, redactor?: Redactor): Promise<CheckLine> {
  const settings = nomadSettingsFromEnv(env, { address: file.nomad.address, namespace: file.nomad.namespace, region: file.nomad.region, tls: {} });
  // One try each: the point is to see the failure, not to ride it out.
  const client = new NomadClient(settings, { retry: { attempts: 1, initialMs: 0, maxMs: 0 }, ...(redactor ? { redactor } : {}) });
  return guarded('nomad', async () => {
    const at = (err: unknown) => Promise.reject(new Error(`${settings.address}: ${describeError(err)}`));
    const leader = await client.http.send({ method: 'GET', url: client.url('status/leader'), headers: client.headers() }).catch(at);
    const jobs = (await new NomadJobs(client).list().catch(at)).data.length;
    return {
      mark: '✔',
      name: 'nomad',
      detail: `${settings.address} leader ${JSON.parse(leader.text) as string}; the token lists ${jobs} job${jobs === 1 ? '' : 's'}`,
    };
  }).finally(() => client.close());
}

/** The deepest error under `original` (Slack's Web API) and `cause` (fetch): the one that names the reason. */
function innermost(err: unknown): unknown {
  const next = err as { original?: unknown; cause?: unknown } | null | undefined;
  const under = next?.original ?? next?.cause;
  return under instanceof Error ? innermost(under) : err;
}

export function checkSlack(env: BotEnv): Promise<CheckLine> {
  return guarded('slack', async () => {
    const { webApi } = await import('@slack/bolt');
    const apiUrl = env.SLACK_API_URL ? (env.SLACK_API_URL.endsWith('/') ? env.SLACK_API_URL : `${env.SLACK_API_URL}/`) : undefined;
    const client = new webApi.WebClient(env.SLACK_BOT_TOKEN, {
      ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logLevel: webApi.LogLevel.ERROR,
    });
    // The Web API wraps a failed connection as "A request error occurred: fetch failed"; the reason is underneath.
    const res = await client.auth
      .test()
      .catch((err: unknown) => Promise.reject(new Error(`${safeUrl(apiUrl ?? 'https://slack.com/api/')}: ${describeError(innermost(err))}`)));
    return { mark: '✔', name: 'slack', detail: `auth.test ok: bot @${res.user ?? '?'} (${res.user_id ?? '?'}) in ${res.team ?? '?'} (${res.team_id ?? '?'})` };
  });
}

export function checkOpenStack(env: Record<string, string | undefined>, redactor?: Redactor): Promise<CheckLine> {
  const errors: string[] = [];
  const openstack = openStackFromEnv(
    env,
    { info: () => undefined, error: (o: unknown) => void errors.push(describeError((o as { err?: unknown }).err ?? o)) },
    redactor,
  );
  if (!openstack) {
    if (errors.length) return Promise.resolve({ mark: '✘', name: 'openstack', detail: `configured but unusable: ${errors[0]}` });
    return Promise.resolve({ mark: '–', name: 'openstack', detail: 'not configured (no OS_CLOUD, OS_AUTH_URL or clouds.yaml); VM commands are off' });
  }
  return guarded('openstack', async () => {
    const auth = await openstack.session.authenticate();
    return {
      mark: '✔',
      name: 'openstack',
      detail: `Keystone ${openstack.config.auth.authUrl} issued a token (project ${auth.projectId ?? '?'}, ${auth.catalog.length} services in the catalog)`,
    };
  }).finally(() => openstack.close());
}
