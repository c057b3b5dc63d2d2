/**
 * The schema of `chatops.yaml`. Unknown keys are errors, so a typo is named instead of ignored.
 * Every key is documented here; `chatops.example.yaml` shows them in use.
 */
import { z } from 'zod';
import { CommandClass } from '../operations/index.js';
import { MonitorsConfig } from '../monitors/config.js';
import { Duration } from './duration.js';

/**
 * Who a rule speaks about: a Slack user ID (`U0ALICE`), a Slack user group ID (`S0CIADMINS`),
 * a group defined under `access.groups` (`@ci-admins`), or everyone (`*`).
 */
export const Principal = z.string().regex(/^(\*|[UW][A-Z0-9]+|S[A-Z0-9]+|@[A-Za-z0-9._-]+)$/, 'expected a user ID (U…), a user group ID (S…), @group or *');

export const ClassPolicy = z
  .object({
    /** Who may ask for operations of this class. */
    request: z.array(Principal).default([]),
    /** Who may approve them (mutating classes). */
    approve: z.array(Principal).default([]),
    /** How many distinct approvers are needed. */
    approvals: z.number().int().min(1).max(5).default(1),
    /** Whether the requester may approve their own request (default: no). */
    selfApproval: z.boolean().default(false),
    /** Channel IDs where the class may be used; absent = any channel the bot is in. */
    channels: z.array(z.string().regex(/^[CG][A-Z0-9]+$/)).optional(),
    /** Whether direct messages to the bot may use this class. */
    allowDirectMessages: z.boolean().default(false),
  })
  .strict();
export type ClassPolicy = z.infer<typeof ClassPolicy>;

const ScaleLimit = z
  .object({
    /** This job's upper bound instead of `scale.maxCount`. */
    maxCount: z.number().int().min(0).optional(),
    /** This job's `scale.allowZero`. */
    allowZero: z.boolean().optional(),
  })
  .strict();

/** `declarations.git`: where the declarations live, which branch, and how the bot follows it. */
const GitDeclarations = z
  .object({
    /** The remote, e.g. `git@github.com:alisw/ci-jobs.git` or `https://gitlab.cern.ch/alice/ci-jobs.git`. Credentials never go here: CHATOPS_GIT_SSH_KEY or CHATOPS_GIT_TOKEN. */
    url: z
      .string()
      .min(1)
      .refine(
        (u) => !/^[a-z][a-z0-9+.-]*:\/\/[^/@]*:[^/@]*@/i.test(u),
        'holds a password or token: put it in CHATOPS_GIT_TOKEN instead (the URL appears in logs and messages)',
      )
      .refine((u) => !u.startsWith('-'), 'cannot start with "-"'),
    /** The branch plans and deploys follow, and `/ci drift` compares with. */
    branch: z
      .string()
      .regex(/^(?!-)(?!.*\.\.)[A-Za-z0-9._/-]+$/, 'expected a branch name such as main')
      .default('main'),
    /** The declarations' directory inside the repository (ci-jobs layout below it); empty = the root. */
    path: z
      .string()
      .regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9._/-]*$/, 'expected a relative path inside the repository')
      .default(''),
    /** Where the bot keeps its clone (a bare repository and one checkout per planned commit). */
    cloneDir: z.string().min(1).default('.ci-chatops/declarations'),
    /** How often the bot fetches on its own (besides before every plan); a moved branch triggers plan-on-merge. */
    fetchEvery: Duration.default(5 * 60_000),
    /** Longest a fetch may take before it counts as failed. */
    fetchTimeout: Duration.default(60_000),
    /** How long a read-only command (`/ci plan`, `/ci drift`) waits for its fetch before it answers from the last fetched commit, saying so; the fetch goes on. */
    readWait: Duration.default(10_000),
    /** Plan on merge (opt-in): when the branch moves, post in `channel` the plans of the instances whose rendered job changed, each with Approve / Reject. */
    planOnMerge: z
      .object({
        /** The channel the plans go to (`C…`). */
        channel: z.string().regex(/^[CG][A-Z0-9]+$/),
        /** Port of the push-event webhook (`POST /webhooks/git`); absent = polling only (`fetchEvery`). Secret: CHATOPS_GIT_WEBHOOK_SECRET. */
        webhookPort: z.number().int().min(0).max(65535).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** `host:port` of a Redis sentinel (IPv6 in brackets: `[::1]:26379`). */
const SentinelAddress = z.string().regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):\d{1,5}$/, 'expected host:port, e.g. redis-1.cern.ch:26379');

export const ConfigFile = z
  .object({
    slack: z
      .object({
        /** Channel for plan messages of commands typed in a direct message (plans need a shared place). */
        planChannel: z
          .string()
          .regex(/^[CG][A-Z0-9]+$/)
          .optional(),
      })
      .strict()
      .default({}),
    redis: z
      .object({
        /** One Redis (no Sentinel); overridden by REDIS_URL. */
        url: z.string().default('redis://127.0.0.1:6379'),
        /** Redis Sentinel: `host:port` of each sentinel; the bot asks them for the primary of `redis.name` (REDIS_URL must then be unset). */
        sentinels: z.array(SentinelAddress).min(1).optional(),
        /** Redis Sentinel: the name of the master group the sentinels monitor (`sentinel monitor <name> …`). */
        name: z
          .string()
          .regex(/^[A-Za-z0-9._-]+$/)
          .optional(),
        /** Every key, queue and lock shares this prefix, so several bots can share one Redis. */
        prefix: z
          .string()
          .regex(/^[A-Za-z0-9_-]+$/)
          .default('ci-chatops'),
        /**
         * Writes that matter (every operation record change, target locks, an alert's first post) wait until this
         * many replicas have them (Redis WAIT); default 1 with sentinels, 0 with one Redis. Skipped while no replica is connected.
         */
        waitReplicas: z.number().int().min(0).max(5).optional(),
        /** The longest such a write waits for its replicas before the bot goes on (and logs that it did). */
        waitTimeout: Duration.default(1_000),
        /** With sentinels: for this long after the primary went away, /readyz says `degraded` (200) instead of not ready (503). */
        failoverGrace: Duration.default(30_000),
      })
      .strict()
      .refine((r) => (r.sentinels === undefined) === (r.name === undefined), {
        message: 'redis.sentinels and redis.name go together (the sentinels and the master group they monitor)',
      })
      .default({ url: 'redis://127.0.0.1:6379', prefix: 'ci-chatops', waitTimeout: 1_000, failoverGrace: 30_000 }),
    nomad: z
      .object({
        /** Used when NOMAD_ADDR is not set. */
        address: z.string().url().optional(),
        /** Used when NOMAD_NAMESPACE is not set; empty means the agent's `default`. */
        namespace: z.string().optional(),
        /** Used when NOMAD_REGION is not set; empty means the agent's own region. */
        region: z.string().optional(),
        /** How long an ordinary Nomad call may take to answer (blocking queries get their wait on top). */
        answerTimeout: Duration.default(30_000),
        /** How long an apply follows its evaluation and allocations before it reports where things stand. */
        followTimeout: Duration.default(5 * 60_000),
      })
      .strict()
      .prefault({}),
    /** The steps of operations (BullMQ on Redis). */
    queue: z
      .object({
        /** How often an operation waiting for its target's lock tries again. */
        lockPoll: Duration.default(1_000),
        /** How long a step stays claimed by a worker that stopped renewing its claim (killed): then another replica, or the restarted bot, takes it over. */
        stepLock: Duration.default(30_000),
      })
      .strict()
      .prefault({}),
    access: z
      .object({
        /** Named groups of principals, referred to as `@name`. */
        groups: z.record(z.string().regex(/^[A-Za-z0-9._-]+$/), z.array(Principal)).default({}),
        /** Rules per command class; a class without rules is refused for everyone except `read`. */
        classes: z.partialRecord(CommandClass, ClassPolicy).default({}),
        /** How long a plan waits for approval. */
        expiry: Duration.default(30 * 60_000),
        /** Change freezes: mutating requests are refused inside them, except with break-glass. */
        freeze: z
          .object({
            /** Absolute windows, e.g. a release week: { name, start, end (ISO 8601), classes? }. */
            windows: z
              .array(
                z
                  .object({
                    /** Shown in the refusal, e.g. `release-week`. */
                    name: z.string(),
                    /** ISO 8601 with an offset, e.g. `2026-03-02T00:00:00Z`. */
                    start: z.iso.datetime({ offset: true }),
                    /** ISO 8601 with an offset; the window ends here. */
                    end: z.iso.datetime({ offset: true }),
                    /** Classes frozen; absent = every mutating class. */
                    classes: z.array(CommandClass).optional(),
                  })
                  .strict(),
              )
              .default([]),
            /** Weekly windows in UTC, e.g. { name: friday-afternoon, days: [fri], from: "15:00", to: "23:59" }. */
            weekly: z
              .array(
                z
                  .object({
                    /** Shown in the refusal, e.g. `friday-afternoon`. */
                    name: z.string(),
                    /** Days the window applies to. */
                    days: z.array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])).min(1),
                    /** Start time, HH:MM in UTC. */
                    from: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (UTC)'),
                    /** End time, HH:MM in UTC (`24:00` for midnight). */
                    to: z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'expected HH:MM (UTC)'),
                    /** Classes frozen; absent = every mutating class. */
                    classes: z.array(CommandClass).optional(),
                  })
                  .strict(),
              )
              .default([]),
          })
          .strict()
          .default({ windows: [], weekly: [] }),
        /** Break-glass: who may bypass a freeze (and approve their own request) with a mandatory reason. */
        breakGlass: z
          .object({
            /** Who may use `--break-glass` (users, user groups, @groups). */
            allowed: z.array(Principal).default([]),
            /** Where break-glass uses are announced, besides the operation's own channel. */
            announceChannel: z
              .string()
              .regex(/^[CG][A-Z0-9]+$/)
              .optional(),
            /** Minimum length of the reason, so "x" is not a reason. */
            minReasonLength: z.number().int().min(1).default(10),
          })
          .strict()
          .default({ allowed: [], minReasonLength: 10 }),
      })
      .strict()
      .default({ groups: {}, classes: {}, expiry: 30 * 60_000, freeze: { windows: [], weekly: [] }, breakGlass: { allowed: [], minReasonLength: 10 } }),
    scale: z
      .object({
        /** Upper bound for `/ci scale` counts unless a job says otherwise. */
        maxCount: z.number().int().min(0).default(50),
        /** Whether `/ci scale <job> 0` is allowed (stopping has its own command). */
        allowZero: z.boolean().default(false),
        /** Per-job overrides, keyed by Nomad job ID (e.g. `ci-mesosci-cs8`). */
        jobs: z.record(z.string(), ScaleLimit).default({}),
      })
      .strict()
      .default({ maxCount: 50, allowZero: false, jobs: {} }),
    declarations: z
      .object({
        /** The job-declarations repository (ALICE's ci-jobs layout) as a plain directory, relative to the working directory (default `examples/ci-jobs`; not with `git`). */
        dir: z.string().min(1).optional(),
        /** The job-declarations repository as a git remote: the bot keeps its own clone, fetches before every plan, and every plan names its commit. */
        git: GitDeclarations.optional(),
      })
      .strict()
      .refine((d) => !(d.dir && d.git), { message: 'give either dir (a plain directory) or git (a repository), not both' })
      .default({}),
    audit: z
      .object({
        /** Entries kept in Redis (a capped stream; the oldest are dropped). */
        maxEntries: z.number().int().min(100).default(100_000),
        /** Also append every entry as one JSON line to this file (for shipping elsewhere). */
        file: z.string().optional(),
      })
      .strict()
      .default({ maxEntries: 100_000 }),
    vm: z
      .object({
        /** Jobs whose allocations make an agent rebuild or delete wait for a drain (globs). */
        protectedJobs: z.array(z.string()).default(['ci-*', 'repo']),
        /** How often Nova and Cinder are asked whether a VM operation is done. */
        pollEvery: Duration.default(2_000),
        /** The longest a VM operation waits for OpenStack (a reboot, a rebuild, a volume) before it fails. */
        timeout: Duration.default(60 * 60_000),
      })
      .strict()
      .prefault({}),
    /** Remediations from alerts (`/ci node cleanup`): the runbook's commands on farm hosts over SSH. */
    remediation: z
      .object({
        /** How the bot reaches a host. The key: CHATOPS_SSH_KEY (a file) or CHATOPS_SSH_PRIVATE_KEY (the key itself); without either, no SSH. */
        ssh: z
          .object({
            /** The user the commands run as (the runbook's commands need root). */
            user: z
              .string()
              .regex(/^[a-z_][a-z0-9_.-]*$/i, 'expected a user name')
              .default('root'),
            /** SSH port, unless `hosts` says otherwise. */
            port: z.number().int().min(1).max(65535).default(22),
            /** A node's host name: `{node}` is its Nomad name, `{short}` that name without its domain (the runbook's `alibuild10.cern.ch`). */
            host: z
              .string()
              .regex(/^[A-Za-z0-9{}._-]+$/, 'expected a host name, with {node} or {short}')
              .default('{short}.cern.ch'),
            /** Per node: `host` or `host:port` instead of `host` (a node whose name does not resolve, a port forward). */
            hosts: z.record(z.string(), z.string().regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+)(:\d{1,5})?$/, 'expected host or host:port')).default({}),
            /** The known_hosts file pinning every host's key (CHATOPS_SSH_KNOWN_HOSTS wins; default ~/.ssh/known_hosts). Checking is always strict. */
            knownHosts: z.string().min(1).optional(),
            /** Longest wait for the TCP connection and the SSH handshake. */
            connectTimeout: Duration.default(20_000),
            /** Longest a command may run; then the bot closes the connection and reports it. */
            commandTimeout: Duration.default(10 * 60_000),
          })
          .strict()
          .prefault({}),
        /** The commands, by name. Chat text never becomes a command: only these run. */
        commands: z
          .object({
            /** Seed 000 (nomad-diskfree): remove the build areas' `sw` directories and restart the Nomad client, which counts its free disk anew. */
            cleanup: z
              .string()
              .min(1)
              .max(2000)
              .refine((c) => !/[\n\r\0]/.test(c), 'must be one line')
              .default('rm -rfv /build/nomad/alloc/*/ci/local/*/sw && systemctl restart nomad'),
          })
          .strict()
          .prefault({}),
        /** `/ci node cleanup`: how long each wait may last. */
        cleanup: z
          .object({
            /** Without --drain: how long to wait for builders placed before the node was marked ineligible to finish. */
            idleTimeout: Duration.default(10 * 60_000),
            /** With --drain and no --deadline: the drain's deadline. */
            drainDeadline: Duration.default(60 * 60_000),
            /** After the command: how long the Nomad client may take to be ready with its free disk back above the rule's threshold. */
            readyTimeout: Duration.default(15 * 60_000),
          })
          .strict()
          .prefault({}),
        /**
         * Opt-in self-healing (issue 17.6): for these alert kinds the bot requests the cleanup itself and
         * applies it without a human approval, within the guardrails below. Off unless `enabled`.
         */
        auto: z
          .object({
            enabled: z.boolean().default(false),
            /** Named in the audit trail and the messages as the requester: `policy:<name>`. */
            name: z
              .string()
              .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'expected lowercase letters, digits and -')
              .default('disk-drift-cleanup'),
            /** The alert kinds it acts on: the first disk drift of an idle node. */
            kinds: z
              .array(z.enum(['disk-drift']))
              .min(1)
              .default(['disk-drift']),
            /** At most this many nodes under an automatic remediation at once, farm-wide. */
            maxConcurrent: z.number().int().min(1).max(50).default(1),
            /** At most this many automatic remediations started in any hour, farm-wide. */
            maxPerHour: z.number().int().min(1).max(500).default(4),
            /** This many node-down alerts firing at once is a storm: nothing automatic until it passes. */
            stormNodes: z.number().int().min(1).max(1000).default(3),
            /** A node cleaned up automatically that drifts again within this long waits for a person. */
            repeatWindow: Duration.default(24 * 3_600_000),
            /** How often the leader looks at the firing alerts. */
            checkEvery: Duration.default(30_000),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    /** The masters for `/ci masters` and master-health alerts (seed 002: Nomad, Consul, Vault on each). */
    masters: z
      .object({
        /** Master names; empty = Nomad's server members. */
        names: z.array(z.string()).default([]),
        /** Each master's own Consul agent (`https://alimesos01.cern.ch:8501`), so "each agent reachable" is checked; CONSUL_HTTP_* give token and TLS. */
        consul: z.record(z.string(), z.string().url()).default({}),
        /** Each master's own Vault server (`https://alimesos01.cern.ch:8200`); VAULT_* give token and TLS. */
        vault: z.record(z.string(), z.string().url()).default({}),
        /** How often the watch runs the checklist for master-health alerts. */
        checkIntervalMs: z.number().int().min(5_000).default(60_000),
      })
      .strict()
      .prefault({}),
    /** The cluster watch: nodes/builders down and disk-accounting drift → alerts (see src/monitors/config.ts). */
    monitors: MonitorsConfig.extend({
      /** Only one replica watches at a time (a Redis lease); set false to run a bot that never watches. */
      enabled: z.boolean().default(true),
    }).prefault({}),
    observability: z
      .object({
        /** Serve the BullMQ queue dashboard (bull-board) at `/admin/queues` on METRICS_PORT, behind METRICS_TOKEN. */
        dashboard: z.boolean().default(false),
      })
      .strict()
      .default({ dashboard: false }),
    redaction: z
      .object({
        /** Extra regular expressions whose matches are masked everywhere (logs, Slack, files). */
        patterns: z.array(z.string()).default([]),
      })
      .strict()
      .default({ patterns: [] }),
  })
  .strict();
export type ConfigFile = z.infer<typeof ConfigFile>;

/** Environment variables the bot reads (besides the NOMAD_* ones of the nomad CLI). */
export const BotEnv = z.object({
  /** Bot token (`xoxb-…`), required. */
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'must be a bot token (xoxb-…)'),
  /** Required in HTTP mode (no SLACK_APP_TOKEN). */
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  /** App-level token (xapp-…): present → Socket Mode, no public URL needed. */
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, 'must be an app-level token (xapp-…)')
    .optional(),
  /** Web API base, e.g. a simulator's `http://127.0.0.1:PORT/api/`. */
  SLACK_API_URL: z.string().url().optional(),
  /** HTTP mode: the port of `/slack/events` (commands, buttons, events). */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Redis URL; wins over `redis.url`. */
  REDIS_URL: z.string().optional(),
  /** Password of Redis (primary and replicas; `requirepass` or an ACL user's); a password in the URL wins. */
  REDIS_PASSWORD: z.string().min(1).optional(),
  /** ACL user name that goes with REDIS_PASSWORD (default: Redis' `default` user). */
  REDIS_USERNAME: z.string().min(1).optional(),
  /** Password of the sentinels (their `requirepass`); unset when they have none. */
  REDIS_SENTINEL_PASSWORD: z.string().min(1).optional(),
  /** `true`: TLS to Redis and to the sentinels (a `rediss://` URL turns it on too). */
  REDIS_TLS: z.enum(['true', 'false']).optional(),
  /** TLS: the CA bundle (PEM file) that signed the Redis and sentinel certificates, instead of the system's. */
  REDIS_CACERT: z.string().min(1).optional(),
  /** TLS: a client certificate (PEM file) when Redis asks for one (`tls-auth-clients yes`). */
  REDIS_CLIENT_CERT: z.string().min(1).optional(),
  /** TLS: the key of REDIS_CLIENT_CERT (PEM file, not password-protected). */
  REDIS_CLIENT_KEY: z.string().min(1).optional(),
  /** Path of the YAML configuration. */
  CHATOPS_CONFIG: z.string().default('./chatops.yaml'),
  /**
   * Port of /metrics, /healthz, /readyz and the queue dashboard, in both Slack modes. Default 9464;
   * when PORT is 0 (tests, the demo) it is 0 too, a free port, so several bots never collide.
   */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** When set, /metrics and the queue dashboard require it (bearer token, or the Basic auth password). */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** `declarations.git` over SSH: the deploy key's private key file (read-only key, no passphrase). */
  CHATOPS_GIT_SSH_KEY: z.string().min(1).optional(),
  /** `declarations.git` over SSH: the known_hosts file that pins the git host's key (strict checking is always on; default ~/.ssh/known_hosts). */
  CHATOPS_GIT_KNOWN_HOSTS: z.string().min(1).optional(),
  /** `declarations.git` over HTTPS: a read-only token (GitHub fine-grained or deploy token, GitLab deploy token), sent as a header, never in the URL. */
  CHATOPS_GIT_TOKEN: z.string().min(1).optional(),
  /** The user name that goes with CHATOPS_GIT_TOKEN (GitHub: x-access-token, GitLab deploy token: its user name). */
  CHATOPS_GIT_USERNAME: z.string().min(1).default('x-access-token'),
  /** `remediation.ssh`: the private key file the bot logs in to farm hosts with (e.g. written by the Nomad job's Vault template). */
  CHATOPS_SSH_KEY: z.string().min(1).optional(),
  /** `remediation.ssh`: the private key itself (OpenSSH or PEM), when it comes in the environment rather than a file. */
  CHATOPS_SSH_PRIVATE_KEY: z.string().min(1).optional(),
  /** `remediation.ssh`: the known_hosts file pinning the hosts' keys (wins over `remediation.ssh.knownHosts`). */
  CHATOPS_SSH_KNOWN_HOSTS: z.string().min(1).optional(),
  /** Plan on merge: the webhook's secret (GitHub's X-Hub-Signature-256 HMAC, or GitLab's X-Gitlab-Token). */
  CHATOPS_GIT_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
});
export type BotEnv = z.infer<typeof BotEnv>;
