/**
 * Composition root: the only file that imports commands/ and jobs/ and wires concrete adapters.
 * `npm start` runs it with real Slack and Nomad; the demo and the tests call `startBot` with
 * simulators behind the same environment variables.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { commands, tokenize, unknownCommand } from '../commands/index.js';
import { jobs, readJobs } from '../jobs/index.js';
import { checkMasters } from '../jobs/read/masters.js';
import { AccessPolicy } from './access/policy.js';
import { systemClock, type Clock } from './clock.js';
import { ConfigError, loadConfig, type Config } from './config/load.js';
import { botRedactor, gitWebhookSecret } from './config/secrets.js';
import { declarationsFrom } from './declarations/from-config.js';
import { describeError } from './errors.js';
import { createLogger, type LogOptions } from './log.js';
import { mastersFromEnv } from './masters/from-env.js';
import { startPlanOnMerge } from './merge/start.js';
import { createClusterWatch, type ClusterWatch } from './monitors/index.js';
import { NomadCluster } from './nomad/cluster.js';
import { createNomad, formatPlan, nomadSettingsFromEnv } from './nomad/index.js';
import {
  BotMetrics,
  bullQueueProbe,
  createQueueDashboard,
  eventStreamReadiness,
  MeteredNotifier,
  nomadReadiness,
  redisReadiness,
  startObservabilityServer,
} from './observability/index.js';
import { openStackFromEnv } from './openstack/from-env.js';
import type { JobDeps } from './ports.js';
import { AuditLog } from './queue/audit.js';
import { TargetLocks } from './queue/locks.js';
import { Operations } from './queue/operations.js';
import { StepQueue } from './queue/queue.js';
import { Reads } from './queue/reads.js';
import { PeopleNames } from './queue/people.js';
import { OperationStore } from './queue/store.js';
import { createStepWorker } from './queue/worker.js';
import { botDependencies, reportReachability } from './reachability.js';
import { redisConnections } from './redis/from-config.js';
import { ReplicaWait } from './redis/replica-wait.js';
import { autoRemediator } from './remediation/from-config.js';
import { slackAlertSinkFor } from './slack/alert-sink.js';
import { botUserId, createSlackApp, listeningPort } from './slack/app.js';
import type { DispatchDeps } from './slack/dispatch.js';
import { SlackNotifier } from './slack/notifier.js';
import { registerSlackSurface } from './slack/surface.js';
import { cleanupSettings, sshFromConfig } from './ssh/from-config.js';
import { userGroupMembers } from './slack/user-groups.js';
import { botWorld } from './slack/world.js';

export interface BotOptions {
  /** Environment for NOMAD_* (defaults to process.env). */
  env?: Record<string, string | undefined>;
  /** Where and how much the bot logs (default: stdout, LOG_LEVEL or info); lines are masked with this bot's secrets. */
  logging?: Omit<LogOptions, 'redactor'>;
  /** Time and timers for every component (default: the system's). */
  clock?: Clock;
}

export interface RunningBot {
  /** The HTTP port Bolt listens on (HTTP mode). */
  port: number;
  /** The port of /metrics, /healthz, /readyz and the queue dashboard (METRICS_PORT). */
  metricsPort: number;
  operations: Operations;
  watch: ClusterWatch;
  /** The port of the git push webhook (`declarations.git.planOnMerge.webhookPort`), when it runs. */
  gitWebhookPort?: number;
  stop(): Promise<void>;
}

export async function startBot(config: Config, options: BotOptions = {}): Promise<RunningBot> {
  const env = options.env ?? process.env;
  const redactor = botRedactor(config);
  const webhookSecret = gitWebhookSecret(config);
  const log = createLogger({ ...options.logging, redactor });
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const { file } = config;

  const metrics = new BotMetrics();
  const nomadDefaults = { address: file.nomad.address, namespace: file.nomad.namespace, region: file.nomad.region, tls: {} };
  const nomad = createNomad(nomadSettingsFromEnv(env, nomadDefaults), { redactor, headersTimeoutMs: file.nomad.answerTimeout });
  nomad.client.http.observer = metrics.apiObserver;
  const connections = redisConnections(config, log, now);
  // main: the queue, audit, lease and alert state; records: operation records and locks (their
  // writes wait for a replica, which holds up only this connection); worker: BullMQ's worker.
  const redis = connections.connect('main');
  const records = connections.connect('records');
  const waitFor = (r: typeof redis) => new ReplicaWait(r, connections.settings.wait, log.child({ component: 'redis' }));
  const prefix = file.redis.prefix;
  const queue = new StepQueue(redis, prefix);
  metrics.watchQueue(bullQueueProbe(queue.queue));

  const e = config.env;
  const slack = { botToken: e.SLACK_BOT_TOKEN, apiUrl: e.SLACK_API_URL };
  const rateLimited = (client: string) => () => metrics.slackRateLimit(client);
  const app = createSlackApp({ ...slack, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, log, now, onRateLimited: rateLimited('bot') });
  const policy = new AccessPolicy(file.access, userGroupMembers(app.client, clock, log));
  const notifier = new MeteredNotifier(new SlackNotifier(app.client, log, redactor, { redis, prefix }), metrics);
  const audit = new AuditLog(redis, prefix, { maxEntries: file.audit.maxEntries, file: file.audit.file, log, now, redactor });
  // OpenStack is optional: without OS_CLOUD / OS_AUTH_URL / clouds.yaml the VM commands say how to set it up.
  const openstack = openStackFromEnv(env, log, redactor);
  const shutdown = new AbortController();
  const nomadCluster = new NomadCluster(nomad.client);
  const masters = mastersFromEnv(nomadCluster, file.masters, env, redactor);
  const declarations = declarationsFrom(file.declarations, e, { clock, log, redactor, processEnv: process.env });

  const { enabled: watchEnabled, ...monitorConfig } = file.monitors;
  const watch = createClusterWatch({
    nomad,
    redis,
    durable: waitFor(redis),
    keyPrefix: prefix,
    log: log.child({ component: 'monitors' }),
    sink: slackAlertSinkFor({ ...slack, redactor, onRateLimited: rateLimited('alerts') }),
    config: monitorConfig,
    clock,
    masterHealth: { check: () => checkMasters(masters.port), everyMs: file.masters.checkIntervalMs },
  });
  metrics.watchAlerts(() => watch.firing());
  metrics.watchClusterWatch(() => watch.modelStats());

  const people = new PeopleNames(redis, prefix, log);
  // Runbook commands over SSH (`remediation`): only with a key; the commands come from chatops.yaml.
  const remote = sshFromConfig(file.remediation, config.env, { redactor, clock });
  const jobDeps: JobDeps = {
    people,
    ...(openstack ? { openstack } : {}),
    nomadCluster,
    masters: masters.port,
    vm: { protectedJobs: file.vm.protectedJobs, pollMs: file.vm.pollEvery, timeoutMs: file.vm.timeout },
    shutdown: shutdown.signal,
    nomad: { ...nomad, formatPlan },
    now,
    hash: (text) => createHash('sha256').update(text).digest('hex').slice(0, 16),
    followTimeoutMs: file.nomad.followTimeout,
    audit,
    access: policy,
    declarations: declarations.port,
    disk: file.monitors.disk,
    // `/ci nodes` from the watch's model when this replica watches and the event stream keeps it current.
    farm: { nodes: () => watch.farmNodes() },
    ...(remote ? { remote } : {}),
    cleanup: cleanupSettings(file.remediation.cleanup),
    remediation: { failed: (f) => watch.remediationFailed(f), succeeded: (node) => watch.remediationSucceeded(node) },
    selfHealing: { view: () => selfHealing.view() },
    alerts: { list: () => watch.listAlerts(), silence: (req) => watch.silence(req), coverage: (target) => watch.silenceCoverage(target) },
    maintenance: { begin: (req) => watch.beginMaintenance(req), end: (opId, outcome) => watch.endMaintenance(opId, outcome) },
  };
  const reads = new Reads({ queue, registry: readJobs, jobDeps, notifier, log });
  const recordWrites = waitFor(records);
  const store = new OperationStore(records, prefix, clock, recordWrites);
  // How the operations' lifecycle runs: the approval window, lock retries, where plans and break-glass go.
  const lifecycle = {
    expiryMs: file.access.expiry,
    lockPollMs: file.queue.lockPoll,
    planChannel: file.slack.planChannel,
    breakGlassChannel: file.access.breakGlass.announceChannel,
  };
  const locks = new TargetLocks(records, prefix, recordWrites);
  const operations = new Operations({ store, locks, queue, notifier, policy, jobs, jobDeps, log, audit, clock, options: lifecycle });

  const world = botWorld({ ...nomad, declarations: declarations.port, builderJobs: file.vm.protectedJobs, servers: openstack?.servers });
  const observe: DispatchDeps['observe'] = (verb, outcome) => metrics.command(verb, outcome);
  const dispatch: DispatchDeps = { commands, tokenize, unknownCommand, world, policy, operations, reads, scale: file.scale, log, now, redactor, observe };
  registerSlackSurface(app, { dispatch, operations, watch, store, audit, people, log, redactor, now });
  const selfHealing = autoRemediator({ file, redis, prefix, clock, log, watch, nomad, operations, store, audit, client: app.client, redactor });
  if (watchEnabled) watch.start();
  if (watchEnabled) selfHealing.start();

  const planOnMerge = declarations.git && file.declarations.git?.planOnMerge;
  const gitWebhook = planOnMerge
    ? await startPlanOnMerge(declarations.git!, planOnMerge, { redis, prefix, operations, botUserId: botUserId(app), now, log, webhookSecret })
    : undefined;
  declarations.git?.start();
  const worker = createStepWorker(connections.connect('worker'), prefix, operations, reads, 8, file.queue.stepLock);
  worker.on('error', (err) => log.error({ err: describeError(err) }, 'worker error'));
  const recovered = (when: string) => (requeued: number) => void (requeued && log.info({ requeued }, `recovered operations ${when}`));
  recovered('after restart')(await operations.recover());
  // A failover may drop the last writes the replica had not yet received (a queued step after its
  // record changed): once Redis is back, every unfinished operation gets its step again.
  const failed = (err: unknown) => log.warn({ err: describeError(err) }, 'recovery after Redis came back failed');
  connections.onReconnected(records, () => void operations.recover().then(recovered('after Redis came back'), failed));

  const port = listeningPort(await app.start(e.PORT), e.PORT);
  const observability = await startObservabilityServer({
    port: e.METRICS_PORT ?? (e.PORT === 0 ? 0 : 9464),
    token: e.METRICS_TOKEN,
    metrics,
    readiness: [redisReadiness(redis, connections.failoverWindow(redis, now)), nomadReadiness(nomad.client), eventStreamReadiness(() => watch.streamProblem)],
    dashboard: file.observability.dashboard ? await createQueueDashboard([queue.queue]) : undefined,
    log,
  });
  log.info({ port, metricsPort: observability.port, mode: e.SLACK_APP_TOKEN ? 'socket' : 'http', redis: connections.describe() }, 'ci-chatops started');

  return {
    port,
    ...(gitWebhook ? { gitWebhookPort: gitWebhook.port } : {}),
    metricsPort: observability.port,
    operations,
    watch,
    async stop() {
      // Long waits (a drain, a rebuild) end now; the next bot resumes them from their recorded steps.
      shutdown.abort();
      declarations.git?.stop();
      await gitWebhook?.close();
      await selfHealing.stop().catch(() => undefined);
      await watch.stop().catch(() => undefined);
      await observability.close();
      await app.stop().catch(() => undefined);
      await worker.close();
      await queue.close();
      await connections.closeAll();
      await nomad.close();
      await openstack?.close();
      await masters.close();
    },
  };
}

async function main(): Promise<void> {
  const config = await loadConfig(process.env).catch((err: unknown) => {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`ci-chatops: ${err.message}\n`);
    return process.exit(2);
  });
  const log = createLogger({ redactor: botRedactor(config) });
  // One clear line per dependency that does not answer (the retry loops only say "fetch failed").
  const reachability = reportReachability(botDependencies(config, process.env), log);
  const bot = await startBot(config);
  const shutdown = () => {
    reachability.stop();
    void bot.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`ci-chatops: ${describeError(err)}\n`);
    process.exit(1);
  });
}
