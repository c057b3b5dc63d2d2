/**
 * Composition root: the only file that imports commands/ and jobs/ and wires concrete adapters.
 * `npm start` runs it with real Slack and Nomad; the demo and the tests call `startBot` with
 * simulators behind the same environment variables.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { commands, tokenize, unknownCommand } from '../commands/index.js';
import { jobs, readJobs } from '../jobs/index.js';
import { AccessPolicy } from './access/policy.js';
import { ConfigError, loadConfig, type Config } from './config/load.js';
import { systemClock, type Clock } from './clock.js';
import { describeError } from './errors.js';
import { createLogger, type Logger, type LogOptions } from './log.js';
import { createClusterWatch, farmNodes, type ClusterWatch, type SuggestedAction } from './monitors/index.js';
import { createConsul, consulSettingsFromEnv, memberStatusName } from './consul/index.js';
import { createVault, vaultSettingsFromEnv } from './vault/index.js';
import { checkMasters } from '../jobs/read/masters.js';
import type { DeclarationsPort, MastersPort } from './ports.js';
import { createNomad, formatDryRun, formatPlanDiff, nomadSettingsFromEnv } from './nomad/index.js';
import { instanceKey, loadDeclarations } from './declarations/index.js';
import { GitDeclarations, UnknownRefError } from './declarations/git/source.js';
import { credentialMismatch } from './declarations/git/auth.js';
import { startWebhookServer, type WebhookServer } from './declarations/git/webhook.js';
import { PlanOnMerge } from './merge/plan-on-merge.js';
import { NomadCluster } from './nomad/cluster.js';
import { openStackFromEnv } from './openstack/from-env.js';
import { botDependencies, reportReachability } from './reachability.js';
import {
  BotMetrics,
  bullQueueProbe,
  createQueueDashboard,
  MeteredNotifier,
  eventStreamReadiness,
  nomadReadiness,
  redisReadiness,
  startObservabilityServer,
} from './observability/index.js';
import { AuditLog } from './queue/audit.js';
import { Operations } from './queue/operations.js';
import { Reads } from './queue/reads.js';
import { TargetLocks } from './queue/locks.js';
import { StepQueue } from './queue/queue.js';
import { OperationStore } from './queue/store.js';
import { createStepWorker } from './queue/worker.js';
import type { JobDeps } from './ports.js';
import { Redactor } from './redact.js';
import { RedisConnections } from './redis/connections.js';
import { ReplicaWait } from './redis/replica-wait.js';
import { redisSettings, RedisSettingsError } from './redis/settings.js';
import { sshFromConfig } from './ssh/from-config.js';
import { autoRemediator } from './remediation/from-config.js';
import { matchesAny } from './monitors/glob.js';
import { registerOperationActions } from './slack/actions.js';
import { registerAlertActions } from './slack/alert-actions.js';
import { slackAlertSink } from './slack/alert-sink.js';
import { createSlackApp } from './slack/app.js';
import { registerChoiceActions, registerCommandHandler, type DispatchDeps } from './slack/dispatch.js';
import { CHOICE_ACTION_PREFIX } from './slack/render-reply.js';
import { SlackNotifier } from './slack/notifier.js';
import { registerAppHome, type HomeAlert } from './slack/home.js';
import { PeopleNames } from './queue/people.js';
import { registerPeopleNames } from './slack/people.js';
import { WorldProvider } from './slack/world.js';

export interface BotOptions {
  /** Environment for NOMAD_* (defaults to process.env). */
  env?: Record<string, string | undefined>;
  /** Where and how much the bot logs (default: stdout, LOG_LEVEL or info); lines are masked with this bot's secrets. */
  logging?: Omit<LogOptions, 'redactor'>;
  /** Test knobs: how long to follow an apply, how often a waiting operation retries its lock. */
  followTimeoutMs?: number;
  lockPollMs?: number;
  /** How long an ordinary Nomad call may take to answer (default 30 s; blocking queries get their wait on top). */
  nomadHeadersTimeoutMs?: number;
  /** How long a killed worker's step stays claimed before a restarted or other replica takes it over (default 120 s). */
  stepLockMs?: number;
  /** Time and timers for every component (default: the system's). */
  clock?: Clock;
  /** Test knobs for VM operations: how often Nova/Cinder are polled, and the longest wait. */
  vmPollMs?: number;
  vmTimeoutMs?: number;
}

export interface RunningBot {
  /** The HTTP port Bolt listens on (HTTP mode). */
  port: number;
  /** The port of /metrics, /healthz, /readyz and the queue dashboard (METRICS_PORT). */
  metricsPort: number;
  /** This bot's metrics; the alert engine reports firing alerts with `metrics.setAlertsFiring`. */
  metrics: BotMetrics;
  /** What the App Home lists as firing alerts (the alert engine replaces it). */
  setHomeAlerts(provider: () => Promise<HomeAlert[]>): void;
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
  const nomad = createNomad(nomadSettingsFromEnv(env, { address: file.nomad.address, namespace: file.nomad.namespace, region: file.nomad.region, tls: {} }), {
    redactor,
    ...(options.nomadHeadersTimeoutMs ? { headersTimeoutMs: options.nomadHeadersTimeoutMs } : {}),
  });
  const connections = redisConnections(config, log, now);
  // main: the queue, audit, lease and alert state; records: operation records and locks (their
  // writes wait for a replica, which holds up only this connection); worker: BullMQ's worker.
  const redis = connections.connect('main');
  const records = connections.connect('records');
  const waitFor = (r: typeof redis) => new ReplicaWait(r, connections.settings.wait, log.child({ component: 'redis' }));
  const prefix = file.redis.prefix;
  const queue = new StepQueue(redis, prefix);
  nomad.client.http.observer = metrics.apiObserver;
  metrics.watchQueue(bullQueueProbe(queue.queue));

  const app = createSlackApp({
    botToken: config.env.SLACK_BOT_TOKEN,
    signingSecret: config.env.SLACK_SIGNING_SECRET,
    appToken: config.env.SLACK_APP_TOKEN,
    apiUrl: config.env.SLACK_API_URL,
    log,
  });
  const policy = new AccessPolicy(file.access, userGroupMembers(app.client, log));
  const notifier = new MeteredNotifier(new SlackNotifier(app.client, log, redactor), metrics);
  const { webApi } = await import('@slack/bolt');
  app.client.on(webApi.WebClientEvent.RATE_LIMITED, () => metrics.slackRateLimit('bot'));
  const audit = new AuditLog(redis, prefix, { maxEntries: file.audit.maxEntries, file: file.audit.file, log, now, redactor });
  // OpenStack is optional: without OS_CLOUD / OS_AUTH_URL / clouds.yaml the VM commands say how to set it up.
  const openstack = openStackFromEnv(env, log, redactor);
  const shutdown = new AbortController();
  const nomadCluster = new NomadCluster(nomad.client);
  const mastersClients = mastersPort(nomadCluster, file.masters, env, redactor);
  const declarations = declarationsSource(config, clock, log, redactor);
  const people = new PeopleNames(redis, prefix, log);
  registerPeopleNames(app, people);
  // Runbook commands over SSH (`remediation`): only with a key; the commands come from chatops.yaml.
  const remote = sshFromConfig(file.remediation, config.env, { redactor, clock });
  const jobDeps: JobDeps = {
    people,
    ...(openstack ? { openstack } : {}),
    nomadCluster,
    masters: mastersClients.port,
    vm: {
      protectedJobs: file.vm.protectedJobs,
      ...(options.vmPollMs ? { pollMs: options.vmPollMs } : {}),
      ...(options.vmTimeoutMs ? { timeoutMs: options.vmTimeoutMs } : {}),
    },
    shutdown: shutdown.signal,
    nomad: { ...nomad, formatPlan: (plan, type) => ({ diffText: plan.Diff ? formatPlanDiff(plan.Diff) : '', dryRunText: formatDryRun(plan, type) }) },
    now,
    hash: (text) => createHash('sha256').update(text).digest('hex').slice(0, 16),
    followTimeoutMs: options.followTimeoutMs ?? 300_000,
    audit,
    access: policy,
    declarations: declarations.port,
    disk: file.monitors.disk,
    // `/ci nodes` from the watch's model when this replica watches and the event stream keeps it current.
    farm: {
      nodes: () => {
        const w = watch.clusterWatcher;
        return w?.model.loaded && w.streamProblem === undefined ? farmNodes(w.model) : undefined;
      },
    },
    ...(remote ? { remote } : {}),
    cleanup: {
      idleTimeoutMs: file.remediation.cleanup.idleTimeout,
      drainDeadlineMs: file.remediation.cleanup.drainDeadline,
      readyTimeoutMs: file.remediation.cleanup.readyTimeout,
    },
    remediation: { failed: (f) => watch.remediationFailed(f), succeeded: (node) => watch.remediationSucceeded(node) },
    // The watch is created below; these run only when a command asks, long after start-up.
    alerts: { list: () => watch.listAlerts(), silence: (req) => watch.silence(req), coverage: (target) => watch.silenceCoverage(target) },
    maintenance: { begin: (req) => watch.beginMaintenance(req), end: (opId, outcome) => watch.endMaintenance(opId, outcome) },
  };
  const reads = new Reads({ queue, registry: readJobs, jobDeps, notifier, log });
  const recordWrites = waitFor(records);
  const store = new OperationStore(records, prefix, clock, recordWrites);
  const operations = new Operations({
    store,
    locks: new TargetLocks(records, prefix, recordWrites),
    queue,
    notifier,
    policy,
    jobs,
    jobDeps,
    log,
    audit,
    clock,
    options: {
      expiryMs: file.access.expiry,
      lockPollMs: options.lockPollMs ?? 1_000,
      planChannel: file.slack.planChannel,
      breakGlassChannel: file.access.breakGlass.announceChannel,
    },
  });

  const dispatchDeps: DispatchDeps = {
    commands,
    tokenize,
    unknownCommand,
    world: new WorldProvider(
      nomad.jobs,
      async ({ ref }) => {
        // `--ref`: the names at that ref, fetched only if the clone does not have it yet; unknown, the parser says so privately.
        const at = ref && declarations.git ? { ref, fetch: 'unknown' as const } : { fetch: 'no' as const };
        const d = await declarations.port.load({ ...at, read: true }).catch((err: unknown) => {
          if (err instanceof UnknownRefError) return err.message;
          throw err;
        });
        if (typeof d === 'string') return { instances: [], dirs: [], git: true, refProblem: d };
        return {
          instances: d.list().map((i) => ({ key: instanceKey(i), name: i.name, dir: i.dir, jobName: i.jobName })),
          dirs: d.dirs(),
          git: Boolean(declarations.git),
        };
      },
      {
        nodes: async () => (await nomad.nodes.list()).data.map((n) => ({ name: n.Name, id: n.ID })),
        builders: async (nodeId) =>
          (await nomad.nodes.allocations(nodeId)).data
            .filter(
              (a) => a.DesiredStatus === 'run' && (a.ClientStatus === 'running' || a.ClientStatus === 'pending') && matchesAny(a.JobID, file.vm.protectedJobs),
            )
            .map((a) => a.JobID),
        ...(openstack ? { servers: async () => (await openstack.servers.list()).map((sv) => sv.name) } : {}),
      },
    ),
    policy,
    operations,
    reads,
    scale: file.scale,
    log,
    now,
    redactor,
    observe: (verb, outcome) => metrics.command(verb, outcome),
  };
  registerCommandHandler(app, '/ci', dispatchDeps);
  registerChoiceActions(app, CHOICE_ACTION_PREFIX, dispatchDeps);
  registerOperationActions(app, operations, log, redactor);
  let homeAlerts: () => Promise<HomeAlert[]> = async () => [];
  registerAppHome(app, { store, audit, alerts: () => homeAlerts(), log, now, redactor });
  app.error(async (err) => {
    log.error({ err: describeError(err) }, 'unhandled Slack error');
  });

  // Alerts get their own Slack client that gives 429s back to the alert poster (it re-queues them),
  // instead of the default one that sleeps inside the call.
  const alertClient = new webApi.WebClient(config.env.SLACK_BOT_TOKEN, {
    ...(config.env.SLACK_API_URL ? { slackApiUrl: config.env.SLACK_API_URL } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2 },
  });
  alertClient.on(webApi.WebClientEvent.RATE_LIMITED, () => metrics.slackRateLimit('alerts'));
  const { enabled: watchEnabled, ...monitorConfig } = file.monitors;
  const watch = createClusterWatch({
    nomad,
    redis,
    durable: waitFor(redis),
    keyPrefix: prefix,
    log: log.child({ component: 'monitors' }),
    sink: slackAlertSink(alertClient, redactor),
    config: monitorConfig,
    clock,
  });
  if (watchEnabled) watch.start();
  metrics.watchClusterWatch(() => {
    const w = watch.clusterWatcher;
    return w ? { ...w.stats, nodes: w.model.nodes.size, allocations: w.model.allocs.size } : undefined;
  });
  // The App Home and the alerts-firing gauge read the alert state (any replica can: it is in Redis).
  homeAlerts = async () =>
    (await watch.listAlerts()).alerts
      .filter((a) => a.state === 'firing')
      .map((a) => ({ summary: a.fact.brief ?? a.fact.summary, severity: a.fact.severity, since: a.fact.since }));
  const countFiring = async () => {
    const firing = (await watch.listAlerts()).alerts.filter((a) => a.state === 'firing');
    metrics.setAlertsFiring(Object.fromEntries(['critical', 'warning', 'info'].map((s) => [s, firing.filter((a) => a.fact.severity === s).length])));
  };
  // Master health (seed 002's checklist) becomes alerts: a problem on a master fires, a fix resolves it.
  const masters = mastersClients.port;
  const masterCheck = watchEnabled
    ? setInterval(() => {
        if (!watch.isLeader) return;
        void checkMasters(masters)
          .then(({ rows, quorum }) =>
            watch.reportFacts(
              'masters',
              ['master-health'],
              [
                ...rows
                  .filter((r) => r.problems.length)
                  .map((r) => ({
                    key: `master-health/${r.name}`,
                    kind: 'master-health',
                    severity: 'critical' as const,
                    subject: r.name,
                    summary: `Master ${r.name}: ${r.problems.join('; ')}`,
                    evidence: [`Nomad ${r.nomad} · Consul ${r.consul} · Vault ${r.vault}`],
                    since: now(),
                    suggestedActions: ['show-vm', 'reboot-vm', 'show-masters', 'silence'] as SuggestedAction[],
                    labels: { node: r.name },
                  })),
                ...quorum.map((q) => ({
                  key: `master-health/quorum/${q}`,
                  kind: 'master-health',
                  severity: 'critical' as const,
                  subject: 'masters',
                  summary: q,
                  evidence: [],
                  since: now(),
                  suggestedActions: ['show-masters', 'silence'] as SuggestedAction[],
                  labels: {},
                })),
              ],
            ),
          )
          .catch((err: unknown) => log.warn({ err: describeError(err) }, 'master check failed'));
      }, file.masters.checkIntervalMs)
    : undefined;
  masterCheck?.unref();
  const alertGauge = watchEnabled ? setInterval(() => void countFiring().catch(() => undefined), 15_000) : undefined;
  alertGauge?.unref();
  registerAlertActions(app, watch, dispatchDeps, audit, log);
  const selfHealing = autoRemediator({ file, redis, prefix, clock, log, watch, nomad, operations, store, audit, client: app.client, redactor });
  if (watchEnabled) selfHealing.start();

  const gitWebhook =
    declarations.git && file.declarations.git?.planOnMerge
      ? await planOnMerge(declarations.git, file.declarations.git.planOnMerge, {
          redis,
          prefix,
          operations,
          client: app.client,
          now,
          log,
          secret: webhookSecret,
        })
      : undefined;
  declarations.git?.start();
  const worker = createStepWorker(connections.connect('worker'), prefix, operations, reads, 8, options.stepLockMs);
  worker.on('error', (err) => log.error({ err: describeError(err) }, 'worker error'));
  const requeued = await operations.recover();
  if (requeued) log.info({ requeued }, 'recovered operations after restart');
  // A failover may drop the last writes the replica had not yet received (a queued step after its
  // record changed): once Redis is back, every unfinished operation gets its step again.
  connections.onReconnected(records, () => {
    void operations
      .recover()
      .then((n) => n && log.info({ requeued: n }, 'recovered operations after Redis came back'))
      .catch((err: unknown) => log.warn({ err: describeError(err) }, 'recovery after Redis came back failed'));
  });

  const port = config.env.PORT;
  const server = await app.start(port);
  const address = server && typeof server === 'object' && 'address' in server ? (server as { address(): unknown }).address() : undefined;
  const actualPort = address && typeof address === 'object' && 'port' in address ? Number((address as { port: number }).port) : port;
  const observability = await startObservabilityServer({
    port: config.env.METRICS_PORT ?? (config.env.PORT === 0 ? 0 : 9464),
    token: config.env.METRICS_TOKEN,
    metrics,
    readiness: [
      redisReadiness(
        redis,
        connections.sentinel ? { lostSince: () => connections.lostSince(redis), graceMs: connections.settings.failoverGraceMs, now } : undefined,
      ),
      nomadReadiness(nomad.client),
      eventStreamReadiness(() => watch.clusterWatcher?.streamProblem),
    ],
    dashboard: file.observability.dashboard ? await createQueueDashboard([queue.queue]) : undefined,
    log,
  });
  log.info(
    { port: actualPort, metricsPort: observability.port, mode: config.env.SLACK_APP_TOKEN ? 'socket' : 'http', redis: connections.describe() },
    'ci-chatops started',
  );

  return {
    port: actualPort,
    ...(gitWebhook ? { gitWebhookPort: gitWebhook.port } : {}),
    metricsPort: observability.port,
    metrics,
    setHomeAlerts(provider) {
      homeAlerts = provider;
    },
    operations,
    watch,
    async stop() {
      // Long waits (a drain, a rebuild) end now; the next bot resumes them from their recorded steps.
      shutdown.abort();
      declarations.git?.stop();
      await gitWebhook?.close();
      if (alertGauge) clearInterval(alertGauge);
      if (masterCheck) clearInterval(masterCheck);
      await selfHealing.stop().catch(() => undefined);
      await watch.stop().catch(() => undefined);
      await observability.close();
      await app.stop().catch(() => undefined);
      await worker.close();
      await queue.close();
      await connections.closeAll();
      await nomad.close();
      await openstack?.close();
      await mastersClients.close();
    },
  };
}

/** `declarations.dir` (a plain directory, read as it is) or `declarations.git` (the bot's clone, fetched on a timer). */
function declarationsSource(config: Config, clock: Clock, log: Logger, redactor: Redactor): { port: DeclarationsPort; git?: GitDeclarations } {
  const d = config.file.declarations;
  if (!d.git) return { port: { load: () => loadDeclarations(d.dir) } };
  const e = config.env;
  const credentials = { sshKey: e.CHATOPS_GIT_SSH_KEY, knownHosts: e.CHATOPS_GIT_KNOWN_HOSTS, token: e.CHATOPS_GIT_TOKEN, username: e.CHATOPS_GIT_USERNAME };
  const mismatch = credentialMismatch(d.git.url, credentials);
  if (mismatch) log.warn(mismatch);
  const git = new GitDeclarations({
    url: d.git.url,
    branch: d.git.branch,
    path: d.git.path,
    cloneDir: d.git.cloneDir,
    fetchEveryMs: d.git.fetchEvery,
    fetchTimeoutMs: d.git.fetchTimeout,
    readWaitMs: d.git.readWait,
    credentials,
    processEnv: process.env,
    clock,
    redactor,
    log: log.child({ component: 'declarations' }),
  });
  const history = {
    branch: git.branch,
    describe: (sha: string) => git.repo.describe(sha),
    between: (a: string, b: string, paths?: string[]) => git.repo.between(a, b, paths),
    isAncestor: (a: string, b: string) => git.repo.isAncestor(a, b),
    pathsOf: git.pathsOf.bind(git),
  };
  return { port: { load: (opts) => git.load(opts), git: history }, git };
}

/** The webhook's secret, required when the webhook runs (checked before anything starts). */
function gitWebhookSecret(config: Config): string | undefined {
  const port = config.file.declarations.git?.planOnMerge?.webhookPort;
  if (port !== undefined && !config.env.CHATOPS_GIT_WEBHOOK_SECRET)
    throw new ConfigError(
      'environment: CHATOPS_GIT_WEBHOOK_SECRET is required with declarations.git.planOnMerge.webhookPort (the webhook believes only signed pushes)',
    );
  return config.env.CHATOPS_GIT_WEBHOOK_SECRET;
}

/** Plan on merge: every move of the branch (fetch timer, webhook, a plan's fetch) plans the instances it changed. */
async function planOnMerge(
  git: GitDeclarations,
  cfg: { channel: string; webhookPort?: number | undefined },
  d: {
    redis: import('ioredis').Redis;
    prefix: string;
    operations: Operations;
    client: import('@slack/bolt').webApi.WebClient;
    now: () => number;
    log: Logger;
    secret: string | undefined;
  },
): Promise<WebhookServer | undefined> {
  let botUser: Promise<string> | undefined;
  const botUserId = () => (botUser ??= d.client.auth.test().then((r) => String(r.user_id)));
  const merge = new PlanOnMerge({
    declarations: git,
    redis: d.redis,
    prefix: d.prefix,
    request: (e) => d.operations.request(e),
    botUserId,
    channel: cfg.channel,
    now: d.now,
    log: d.log.child({ component: 'plan-on-merge' }),
  });
  git.onHeadMoved(async (moved) => void (await merge.headMoved(moved)));
  if (cfg.webhookPort === undefined || !d.secret) return undefined;
  return startWebhookServer({
    port: cfg.webhookPort,
    secrets: [d.secret],
    branch: git.branch,
    onPush: () => void git.fetch(),
    log: d.log.child({ component: 'git-webhook' }),
  });
}

/** The connection factory for this configuration; a contradiction (REDIS_URL beside sentinels) stops the start. */
function redisConnections(config: Config, log: Logger, now: () => number): RedisConnections {
  try {
    return new RedisConnections(redisSettings(config.file.redis, config.env), { log: log.child({ component: 'redis' }), now });
  } catch (err) {
    if (err instanceof RedisSettingsError) throw new ConfigError(`${config.path}: ${err.message}`);
    throw err;
  }
}

/** This bot's secrets: its Slack and metrics tokens and the configured patterns; its adapters add theirs. */
function botRedactor(config: Config): Redactor {
  const redactor = new Redactor();
  for (const secret of [
    config.env.SLACK_BOT_TOKEN,
    config.env.SLACK_SIGNING_SECRET,
    config.env.SLACK_APP_TOKEN,
    config.env.METRICS_TOKEN,
    config.env.CHATOPS_GIT_WEBHOOK_SECRET,
    config.env.CHATOPS_GIT_TOKEN,
    config.env.REDIS_PASSWORD,
    config.env.REDIS_SENTINEL_PASSWORD,
    config.env.CHATOPS_SSH_PRIVATE_KEY,
  ])
    redactor.add(secret);
  for (const p of config.file.redaction.patterns) redactor.addPattern(p);
  return redactor;
}

/** Members of Slack user groups (S…), cached for a minute: policies may name them. */
function userGroupMembers(client: import('@slack/bolt').webApi.WebClient, log: Logger) {
  const cache = new Map<string, { at: number; users: string[] }>();
  return async (groupId: string): Promise<string[]> => {
    const hit = cache.get(groupId);
    if (hit && Date.now() - hit.at < 60_000) return hit.users;
    try {
      const res = await client.usergroups.users.list({ usergroup: groupId });
      const users = res.users ?? [];
      cache.set(groupId, { at: Date.now(), users });
      return users;
    } catch (err) {
      log.warn({ err: describeError(err), groupId }, 'could not read user group members');
      return [];
    }
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = await loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`ci-chatops: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
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

/**
 * `/ci masters` needs Nomad; Consul and Vault join when configured (their CLI variables, or the
 * per-master addresses under `masters:`), exactly as an operator's shell would reach them.
 */
function mastersPort(
  nomad: MastersPort['nomad'],
  cfg: Config['file']['masters'],
  env: Record<string, string | undefined>,
  redactor: Redactor,
): { port: MastersPort; close(): Promise<void> } {
  const port: MastersPort = { nomad, names: cfg.names };
  const closers: (() => Promise<void>)[] = [];
  if (env.CONSUL_HTTP_ADDR || Object.keys(cfg.consul).length) {
    const consul = createConsul(consulSettingsFromEnv(env), undefined, redactor);
    closers.push(() => consul.close());
    const agent = (name: string) => (cfg.consul[name] ? consul.forAgent(cfg.consul[name]!) : consul);
    port.consul = {
      leaderSeenBy: (name) => agent(name).status.leader(),
      peers: () => consul.status.peers(),
      members: async () => {
        const { data, meta } = await consul.agent.members();
        return { list: data.map((m) => ({ name: m.Name, addr: m.Addr, status: memberStatusName(m.Status) })), hiddenByAcls: meta.filteredByAcls };
      },
    };
  }
  if (env.VAULT_ADDR || Object.keys(cfg.vault).length) {
    const vault = createVault(vaultSettingsFromEnv(env), undefined, redactor);
    closers.push(() => vault.close());
    port.vault = { state: async (name) => (await (cfg.vault[name] ? vault.forNode(cfg.vault[name]!) : vault).sys.health({ standbyOk: true })).state };
  }
  return { port, close: async () => void (await Promise.all(closers.map((c) => c()))) };
}
