/**
 * Starts the whole product for an end-to-end test: the Nomad and Slack simulators, the bot (real
 * Bolt over signed HTTP, real BullMQ on the shared Redis under a unique key prefix) and the driver
 * that plays the humans. Nothing of ours is mocked.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ssh2 from 'ssh2';
import { startSshSim, type SshSim } from '../../sim/ssh/index.js';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { parseConfigText, parseEnv, type Config } from '../../src/config/load.js';
import { MonitorsConfig, type MonitorsConfigInput } from '../../src/monitors/index.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { startNomadSim, type NomadSim, type NomadSimOptions } from '../../sim/nomad/index.js';
import { linkFarm, type FarmLinkOptions } from '../../sim/farm/link.js';
import { startOpenStackSim, type OpenStackSim, type OpenStackSimOptions } from '../../sim/openstack/index.js';
import { ALICE_CREDENTIALS } from '../../sim/openstack/scenario.js';
import { namesFromStore, renderMessageText, SlackDriver, startSlackSim, type SlackSim, type StoredMessage } from '../../sim/slack/index.js';
import { dumpEmitted, logItems, recordKnownSecret, slackItems } from '../security/emitted.js';

export const BOT_TOKEN = 'xoxb-test-7a1c0ffee0000000';
export const SIGNING_SECRET = 'test-signing-secret-4b1d';
export const APP_TOKEN = 'xapp-1-A0CIOPS-test-5e1f0c2a';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const CHANNEL = 'C0CIOPS';

export const ACCESS_YAML = `
access:
  groups:
    ci-admins: [U0BOB, U0CAROL]
    operators: [U0ALICE, U0BOB, U0CAROL]
  classes:
    nomad-mutate:
      request: ["@operators"]
      approve: ["@ci-admins"]
      channels: [C0CIOPS]
scale:
  maxCount: 40
  jobs:
    ci-mesosci-cs8: { maxCount: 20 }
`;

export interface Stack {
  nomad: NomadSim;
  /** With `ssh` in the options: SSH on the simulated hosts; the bot has its key and their pinned keys. */
  ssh?: SshSim & { keyFile: string; knownHostsFile: string; publicKey: string };
  /** With `openstack` in the options: the OpenStack simulator, linked to the Nomad one by the farm link. */
  openstack?: OpenStackSim;
  slack: SlackSim;
  bot: RunningBot;
  driver: SlackDriver;
  prefix: string;
  /** Log lines the bot wrote (JSON text). */
  logs: string[];
  /** Starts a second bot process-alike on the same Redis prefix (restarts, replicas). */
  restartBot(): Promise<void>;
  /** The channel's top-level messages rendered as a person would read them. */
  read(channel?: string): string[];
  messages(channel?: string): StoredMessage[];
  close(): Promise<void>;
}

export interface StackOptions {
  nomad?: NomadSimOptions;
  yaml?: string;
  followTimeoutMs?: number;
  /** The bot's allowance for an ordinary Nomad answer (default 30 s); tests that scale time down shorten it. */
  nomadHeadersTimeoutMs?: number;
  /** Approval window in ms (default 30 min). */
  expiryMs?: number;
  /**
   * Also start the OpenStack simulator (fast timings unless given) and the farm link, and give the
   * bot OS_* variables: `password` (default) or an application credential.
   */
  openstack?: { sim?: OpenStackSimOptions; link?: FarmLinkOptions; auth?: 'password' | 'application-credential' };
  /** Bot log level (default debug, captured in `logs`); benchmarks use warn. */
  logLevel?: string;
  /** Run the cluster watch with these settings (off unless given: most tests do not want alerts). */
  watch?: MonitorsConfigInput;
  /** Extra bot environment (e.g. METRICS_TOKEN, or REDIS_URL of a private Redis); wins over the defaults. */
  botEnv?: Record<string, string>;
  /** Extra environment for the bot's clients (CONSUL_HTTP_ADDR, VAULT_ADDR…). */
  env?: Record<string, string>;
  /** Slack simulator options, e.g. realistic rate limits (`rateLimit`). */
  slack?: Partial<Parameters<typeof startSlackSim>[0]>;
  /** How Slack reaches the bot: signed HTTP (default) or Socket Mode (the production default), through the simulator. */
  slackMode?: 'http' | 'socket';
  /** SSH on these simulated hosts (default: every alibuild node), with the bot's key and known_hosts in a temporary directory. */
  ssh?: { hosts?: string[] };
}

export async function startStack(o: StackOptions = {}): Promise<Stack> {
  const nomad = await startNomadSim({ timing: { allocStartMs: 30, evalCompleteMs: 10 }, ...o.nomad });
  const socket = o.slackMode === 'socket';
  const slack = await startSlackSim({ ...o.slack, botToken: BOT_TOKEN, ...(socket ? { appToken: APP_TOKEN } : {}) });
  const prefix = `t-${randomUUID().slice(0, 12)}`;
  const openstack = o.openstack
    ? await startOpenStackSim({
        ...o.openstack.sim,
        timing: { bootMs: 150, rebootMs: 150, rebuildMs: 150, volumeMs: 40, deleteMs: 60, ...o.openstack.sim?.timing },
      })
    : undefined;
  const link = openstack ? linkFarm(openstack, nomad, { rejoinMs: 50, ...o.openstack?.link }) : undefined;
  recordKnownSecret(BOT_TOKEN, SIGNING_SECRET, APP_TOKEN);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const ssh = o.ssh ? await startSsh(nomad, o.ssh.hosts) : undefined;
  const file = parseConfigText(`${o.yaml ?? ACCESS_YAML}\nredis:\n  prefix: ${prefix}\n`, 'test.yaml');
  if (ssh) file.remediation.ssh.hosts = ssh.addresses();
  if (o.expiryMs !== undefined) file.access.expiry = o.expiryMs;
  // Fast timings for tests, set as an operator would in chatops.yaml.
  file.nomad.followTimeout = o.followTimeoutMs ?? 5_000;
  if (o.nomadHeadersTimeoutMs) file.nomad.answerTimeout = o.nomadHeadersTimeoutMs;
  file.queue.lockPoll = 100;
  file.vm = { ...file.vm, pollEvery: 20, timeout: 10_000 };
  file.monitors = { ...MonitorsConfig.parse(o.watch ?? {}), enabled: o.watch !== undefined };
  const config: Config = {
    file,
    env: parseEnv({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      ...(socket ? { SLACK_APP_TOKEN: APP_TOKEN } : { SLACK_SIGNING_SECRET: SIGNING_SECRET }),
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      REDIS_URL,
      ...(ssh ? { CHATOPS_SSH_KEY: ssh.keyFile, CHATOPS_SSH_KNOWN_HOSTS: ssh.knownHostsFile } : {}),
      ...o.botEnv,
    }),
    path: 'test.yaml',
  };
  const botOptions = {
    env: { NOMAD_ADDR: nomad.url, ...(openstack ? openStackEnv(openstack, o.openstack?.auth) : {}), ...o.env },
    logging: { level: o.logLevel ?? 'debug', destination: sink },
  };
  let bot = await startBot(config, botOptions);
  const driverFor = (b: RunningBot) =>
    socket
      ? new SlackDriver({ socketMode: true, sim: slack })
      : new SlackDriver({ botUrl: `http://127.0.0.1:${b.port}/slack/events`, signingSecret: SIGNING_SECRET, sim: slack });
  let driver = driverFor(bot);
  const stack: Stack = {
    nomad,
    ...(ssh ? { ssh } : {}),
    ...(openstack ? { openstack } : {}),
    slack,
    get bot() {
      return bot;
    },
    get driver() {
      return driver;
    },
    prefix,
    logs,
    async restartBot() {
      await bot.stop();
      bot = await startBot(config, botOptions);
      driver = driverFor(bot);
    },
    messages: (channel = CHANNEL) => slack.store.topLevel(channel),
    read: (channel = CHANNEL) => slack.store.topLevel(channel).map((m) => renderMessageText(m, namesFromStore(slack.store))),
    async close() {
      await bot.stop();
      // For the secrets scan at the end of the run (test/global-setup.ts).
      dumpEmitted(`stack ${prefix}`, [...slackItems(slack.store), ...logItems(logs)]);
      await ssh?.close();
      if (ssh) rmSync(dirname(ssh.keyFile), { recursive: true, force: true });
      await nomad.close();
      link?.stop();
      await openstack?.close();
      await slack.close();
      await deletePrefix(prefix);
    },
  };
  return stack;
}

/** SSH servers for the simulated hosts, the bot's key pair and a known_hosts pinning every host, in a temporary directory. */
export async function startSsh(nomad: NomadSim, hosts?: string[]): Promise<NonNullable<Stack['ssh']>> {
  const dir = mkdtempSync(join(tmpdir(), 'ci-chatops-stack-ssh-'));
  const key = ssh2.utils.generateKeyPairSync('ed25519');
  const keyFile = join(dir, 'id_ed25519');
  writeFileSync(keyFile, key.private, { mode: 0o600 });
  const names = hosts ?? [...nomad.state.nodes.values()].map((n) => n.Name).filter((n) => n.startsWith('alibuild'));
  const sim = await startSshSim({ nomad, hosts: names, authorizedKeys: [key.public] });
  const knownHostsFile = join(dir, 'known_hosts');
  writeFileSync(knownHostsFile, sim.knownHosts());
  return Object.assign(sim, { keyFile, knownHostsFile, publicKey: key.public });
}

/** Removes only this test's keys from the shared Redis (or the one at `url`). A Redis that is gone fails at once. */
export async function deletePrefix(prefix: string, url = REDIS_URL): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** OS_* variables as `openstack` users export them, pointing at the simulator. */
function openStackEnv(sim: OpenStackSim, auth: 'password' | 'application-credential' = 'password'): Record<string, string> {
  const c = ALICE_CREDENTIALS;
  if (auth === 'application-credential') {
    return {
      OS_AUTH_URL: sim.authUrl,
      OS_AUTH_TYPE: 'v3applicationcredential',
      OS_APPLICATION_CREDENTIAL_ID: c.appCredentialId,
      OS_APPLICATION_CREDENTIAL_SECRET: c.appCredentialSecret,
    };
  }
  return {
    OS_AUTH_URL: sim.authUrl,
    OS_USERNAME: c.username,
    OS_PASSWORD: c.password,
    OS_USER_DOMAIN_NAME: c.userDomainName,
    OS_PROJECT_NAME: c.projectName,
    OS_PROJECT_DOMAIN_NAME: c.projectDomainName,
  };
}
