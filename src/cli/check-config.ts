/**
 * `ci-chatops check-config [--config F]`: validates chatops.yaml and the environment, then asks
 * each dependency one cheap question (Redis PING, Nomad leader and job list, Slack auth.test,
 * OpenStack token) and prints one line per check. Exit 0: all good; 1: something unreachable or
 * refused; 2: the configuration itself is invalid.
 */
import { Redis } from 'ioredis';
import { parseConfigText, parseEnv, ConfigError } from '../config/load.js';
import type { ConfigFile, BotEnv } from '../config/schema.js';
import { describeError } from '../errors.js';
import { nomadSettingsFromEnv } from '../nomad/index.js';
import { NomadClient } from '../nomad/client.js';
import { NomadJobs } from '../nomad/jobs.js';
import { openStackFromEnv } from '../openstack/from-env.js';
import { registerSecret } from '../redact.js';
import { readFile } from 'node:fs/promises';

export const checkConfigUsage = 'check-config [--config F]   validate chatops.yaml and test Nomad, Redis, Slack and OpenStack (exit 0 ok, 1 unreachable, 2 invalid)';

/** One check's line: passed, failed, or not applicable here. */
export interface CheckLine {
  mark: '✔' | '✘' | '–';
  name: string;
  detail: string;
}

const TIMEOUT_MS = 3_000;

export async function checkConfigCommand(argv: string[], env: Record<string, string | undefined> = process.env, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const print = (l: CheckLine) => out.write(`${l.mark} ${l.name}: ${l.detail}\n`);
  const path = configPath(argv, env);
  if (path instanceof Error) {
    process.stderr.write(`ci-chatops check-config: ${path.message}\nusage: ci-chatops ${checkConfigUsage}\n`);
    return 2;
  }
  let file: ConfigFile;
  let botEnv: BotEnv;
  try {
    file = parseConfigText(await readFile(path, 'utf8').catch(() => Promise.reject(new ConfigError(`${path}: cannot read the configuration file`))), path);
    print({ mark: '✔', name: 'config', detail: `${path} is valid` });
    botEnv = parseEnv(env);
    print({ mark: '✔', name: 'environment', detail: `Slack ${botEnv.SLACK_APP_TOKEN ? 'Socket Mode (SLACK_APP_TOKEN)' : `HTTP mode on port ${botEnv.PORT}`}` });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const [where, ...rest] = err.message.split(': ');
    print({ mark: '✘', name: where === 'environment' ? 'environment' : 'config', detail: where === 'environment' ? rest.join(': ') : err.message });
    return 2;
  }
  for (const secret of [botEnv.SLACK_BOT_TOKEN, botEnv.SLACK_APP_TOKEN, botEnv.SLACK_SIGNING_SECRET, botEnv.METRICS_TOKEN]) registerSecret(secret);

  const lines = await Promise.all([checkRedis(botEnv.REDIS_URL ?? file.redis.url), checkNomad(env, file), checkSlack(botEnv), checkOpenStack(env)]);
  lines.forEach(print);
  return lines.some((l) => l.mark === '✘') ? 1 : 0;
}

function configPath(argv: string[], env: Record<string, string | undefined>): string | Error {
  let path = env.CHATOPS_CONFIG || './chatops.yaml';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--config' || arg === '-c') {
      const v = argv[++i];
      if (!v) return new Error('--config needs a file');
      path = v;
    } else if (arg.startsWith('--config=')) path = arg.slice('--config='.length);
    else return new Error(`unexpected argument ${arg}`);
  }
  return path;
}

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
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(unparsable URL)';
  }
}

function checkRedis(url: string): Promise<CheckLine> {
  return guarded('redis', async () => {
    const redis = new Redis(url, { lazyConnect: true, connectTimeout: TIMEOUT_MS, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    redis.on('error', () => undefined); // reported through the failed connect below
    try {
      await redis.connect();
      await redis.ping();
      const version = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? '?';
      return { mark: '✔', name: 'redis', detail: `${safeUrl(url)} answers PING (Redis ${version})` };
    } catch (err) {
      return { mark: '✘', name: 'redis', detail: `${safeUrl(url)}: ${describeError(err) || 'connection refused'}` };
    } finally {
      redis.disconnect();
    }
  });
}

function checkNomad(env: Record<string, string | undefined>, file: ConfigFile): Promise<CheckLine> {
  const settings = nomadSettingsFromEnv(env, { address: file.nomad.address, namespace: file.nomad.namespace, region: file.nomad.region, tls: {} });
  // One try each: the point is to see the failure, not to ride it out.
  const client = new NomadClient(settings, { retry: { attempts: 1, initialMs: 0, maxMs: 0 } });
  return guarded('nomad', async () => {
    const at = (err: unknown) => Promise.reject(new Error(`${settings.address}: ${describeError(err)}`));
    const leader = await client.http.send({ method: 'GET', url: client.url('status/leader'), headers: client.headers() }).catch(at);
    const jobs = (await new NomadJobs(client).list().catch(at)).data.length;
    return { mark: '✔', name: 'nomad', detail: `${settings.address} leader ${JSON.parse(leader.text) as string}; the token lists ${jobs} job${jobs === 1 ? '' : 's'}` };
  }).finally(() => client.close());
}

function checkSlack(env: BotEnv): Promise<CheckLine> {
  return guarded('slack', async () => {
    const { webApi } = await import('@slack/bolt');
    const apiUrl = env.SLACK_API_URL ? (env.SLACK_API_URL.endsWith('/') ? env.SLACK_API_URL : `${env.SLACK_API_URL}/`) : undefined;
    const client = new webApi.WebClient(env.SLACK_BOT_TOKEN, { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: webApi.LogLevel.ERROR });
    const res = await client.auth.test();
    return { mark: '✔', name: 'slack', detail: `auth.test ok: bot @${res.user ?? '?'} (${res.user_id ?? '?'}) in ${res.team ?? '?'} (${res.team_id ?? '?'})` };
  });
}

function checkOpenStack(env: Record<string, string | undefined>): Promise<CheckLine> {
  const errors: string[] = [];
  const openstack = openStackFromEnv(env, { info: () => undefined, error: (o: unknown) => void errors.push(describeError((o as { err?: unknown }).err ?? o)) });
  if (!openstack) {
    if (errors.length) return Promise.resolve({ mark: '✘', name: 'openstack', detail: `configured but unusable: ${errors[0]}` });
    return Promise.resolve({ mark: '–', name: 'openstack', detail: 'not configured (no OS_CLOUD, OS_AUTH_URL or clouds.yaml); VM commands are off' });
  }
  return guarded('openstack', async () => {
    const auth = await openstack.session.authenticate();
    return { mark: '✔', name: 'openstack', detail: `Keystone ${openstack.config.auth.authUrl} issued a token (project ${auth.projectId ?? '?'}, ${auth.catalog.length} services in the catalog)` };
  }).finally(() => openstack.close());
}
