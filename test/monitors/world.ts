/**
 * A test world for the cluster watch: the Nomad simulator (fast timings), the Slack simulator,
 * the shared Redis with a unique key prefix, and engines wired to all three. Cleans up after itself.
 */
import { Redactor } from '../../src/redact.js';
import { randomBytes } from 'node:crypto';
import { webApi } from '@slack/bolt';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { startNomadSim, type NomadSim, type NomadSimOptions } from '../../sim/nomad/index.js';
import { startSlackSim, type SlackSim, type SlackSimOptions } from '../../sim/slack/index.js';
import { systemClock, type Clock } from '../../src/clock.js';
import { createNomad, nomadSettingsFromEnv, type Nomad } from '../../src/nomad/index.js';
import { slackAlertSink } from '../../src/slack/alert-sink.js';
import type { AlertSink } from '../../src/monitors/alerts/types.js';
import type { MonitorsConfigInput } from '../../src/monitors/config.js';
import { createClusterWatch, type ClusterWatch } from '../../src/monitors/engine.js';
import { startNomadProxy, type NomadProxy } from './proxy.js';
import { quietLogger } from '../sim-slack/quiet-logger.js';
import { eventually } from '../support/eventually.js';

export const ALERTS = 'C0ALERTS';
const token = 'xoxb-monitors-test-token-000';
export const silentLog = pino({ level: 'silent' });

/** Short timings so a whole lifecycle takes well under a second. */
export const fastConfig: MonitorsConfigInput = {
  builderJobs: ['ci-*'],
  reconcileIntervalMs: 400,
  heartbeatTimeoutMs: 1_500,
  buildersDownAfterMs: 150,
  unschedulableAfterMs: 300,
  restartLoopCount: 3,
  restartLoopWindowMs: 60_000,
  disk: { checkIntervalMs: 200 },
  alerts: { defaultChannel: ALERTS, groupWaitMs: 100, minPostIntervalMs: 40, tickMs: 50, repeatIntervalMs: 3_600_000 },
  // Long enough that a loaded machine never loses it by accident; the lease tests set their own.
  lease: { ttlMs: 10_000 },
};

export interface World {
  nomadSim: NomadSim;
  slack: SlackSim;
  redis: Redis;
  prefix: string;
  proxy?: NomadProxy;
  nomad: Nomad;
  sink: AlertSink;
  engine(config?: MonitorsConfigInput, owner?: string, clock?: Clock): ClusterWatch;
  /** Top-level messages in #ci-alerts. */
  alerts(): ReturnType<SlackSim['store']['topLevel']>;
  close(): Promise<void>;
}

export async function startWorld(opts: { nomad?: NomadSimOptions; slack?: Partial<SlackSimOptions>; proxy?: boolean } = {}): Promise<World> {
  const nomadSim = await startNomadSim({ ...opts.nomad, timing: { allocStartMs: 20, evalCompleteMs: 5, eventHeartbeatMs: 200, ...opts.nomad?.timing } });
  const slack = await startSlackSim({ botToken: token, ...opts.slack });
  const proxy = opts.proxy ? await startNomadProxy(nomadSim.url) : undefined;
  const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 2 });
  const prefix = `test-monitors-${randomBytes(4).toString('hex')}`;
  const nomad = createNomad(nomadSettingsFromEnv({ NOMAD_ADDR: proxy?.url ?? nomadSim.url }));
  const client = new webApi.WebClient(token, { slackApiUrl: slack.apiUrl, rejectRateLimitedCalls: true, retryConfig: { retries: 0 }, logger: quietLogger });
  const sink = slackAlertSink(client, new Redactor());
  const engines: ClusterWatch[] = [];
  return {
    nomadSim,
    slack,
    redis,
    prefix,
    ...(proxy ? { proxy } : {}),
    nomad,
    sink,
    engine(config = fastConfig, owner, clock = systemClock) {
      const e = createClusterWatch({ nomad, redis, sink, config, keyPrefix: prefix, log: silentLog, clock, ...(owner ? { owner } : {}) });
      engines.push(e);
      return e;
    },
    alerts: () => slack.store.topLevel(ALERTS),
    async close() {
      await Promise.all(engines.map((e) => e.stop()));
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await nomad.close();
      await proxy?.close();
      await nomadSim.close();
      await slack.close();
    },
  };
}

/** Starts an engine and waits until it leads and has read the cluster once. */
export async function leading(e: ClusterWatch): Promise<ClusterWatch> {
  e.start();
  await eventually(
    () => e.isLeader && e.clusterWatcher?.model.loaded && e.clusterWatcher.model.diskChecked,
    20_000,
    'the engine to take the lease and read the cluster',
  );
  await e.evaluateNow();
  return e;
}

/**
 * Waits until the leading engine has seen the cluster afresh — this many more full reads and disk
 * checks than when called — then runs one evaluation and waits for its Slack deliveries. What has
 * not happened by then is not going to happen from the state as it is: the condition a test waits
 * on before asserting that nothing (more) was posted, instead of a fixed sleep.
 */
export async function quiet(e: ClusterWatch, more: { reconciles?: number; diskChecks?: number } = {}): Promise<void> {
  const w = e.clusterWatcher;
  if (!w) throw new Error('quiet() needs the leading engine');
  const want = { reconciles: w.stats.reconciles + (more.reconciles ?? 1), diskChecks: w.stats.diskChecks + (more.diskChecks ?? 1) };
  await eventually(
    () => w.stats.reconciles >= want.reconciles && w.stats.diskChecks >= want.diskChecks,
    20_000,
    `full reads and disk checks up to ${JSON.stringify(want)}`,
  );
  await e.evaluateNow();
  await e.settled();
}
