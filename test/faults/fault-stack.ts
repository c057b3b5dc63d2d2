/**
 * The product for the fault suite: Nomad (with ACLs, so a real token travels) and Slack simulators
 * in the test process, the bot in child processes that can be killed and restarted on the same
 * Redis prefix. Nothing of ours is mocked.
 */
import { randomUUID } from 'node:crypto';
import { startNomadSim, type NomadSim, type NomadSimOptions } from '../../sim/nomad/index.js';
import { namesFromStore, renderMessageText, SlackDriver, startSlackSim, type SlackSim, type StoredMessage } from '../../sim/slack/index.js';
import { dumpEmitted, logItems, recordKnownSecret, slackItems } from '../security/emitted.js';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { ACCESS_YAML, BOT_TOKEN, CHANNEL, REDIS_URL, SIGNING_SECRET, deletePrefix, startSsh, type Stack } from '../support/stack.js';
import type { FaultPoint } from './fault-points.js';
import { spawnBot, type BotProcess } from './bot-process.js';

/** The bot's Nomad token: ACLs are on in the simulator, so every call carries it. */
export const NOMAD_TOKEN = '5f1c9a2e-0b7d-4c11-9e3a-7d2b4f6a8c01';

export interface FaultStack {
  nomad: NomadSim;
  slack: SlackSim;
  prefix: string;
  redisUrl: string;
  /** Every line every bot process logged. */
  lines: string[];
  /** Starts a bot process (one more replica, or the restart after a kill). */
  spawn(faultPoint?: FaultPoint): Promise<BotProcess>;
  /** A driver that sends signed requests to this bot process. */
  driver(bot: BotProcess): SlackDriver;
  /** Top-level messages of #ci-ops as a person reads them. */
  read(): string[];
  messages(): StoredMessage[];
  text(m: StoredMessage): string;
  /** `POST /v1/job/<job>/scale` requests Nomad received. */
  scaleCalls(job: string): number;
  /** With `ssh`: SSH on the simulated hosts, the bots have the key and the pinned host keys. */
  ssh?: Stack['ssh'];
  close(): Promise<void>;
}

export interface FaultStackOptions {
  redisUrl?: string;
  /** A Sentinel group instead of one Redis (test/support/redis-group.ts), with its passwords. */
  sentinel?: { sentinels: string[]; name: string; password?: string; sentinelPassword?: string };
  stepLockMs?: number;
  /** chatops.yaml besides the redis section (default: ACCESS_YAML). */
  yaml?: string;
  /** Nomad simulator timings (default: fast). */
  nomadTiming?: NonNullable<NomadSimOptions['timing']>;
  /** SSH on these simulated hosts (`remediation.ssh`), for `/ci node cleanup`. */
  ssh?: { hosts: string[] };
}

export async function startFaultStack(o: FaultStackOptions = {}): Promise<FaultStack> {
  const redisUrl = o.redisUrl ?? REDIS_URL;
  const nomad = await startNomadSim({ timing: { allocStartMs: 30, evalCompleteMs: 10, ...o.nomadTiming }, acl: { tokens: { [NOMAD_TOKEN]: 'write' } } });
  const slack = await startSlackSim({ botToken: BOT_TOKEN });
  const ssh = o.ssh ? await startSsh(nomad, o.ssh.hosts) : undefined;
  const sshYaml = ssh ? `remediation:\n  ssh:\n    hosts: ${JSON.stringify(ssh.addresses())}\n` : '';
  const sshEnv: Record<string, string> = ssh ? { CHATOPS_SSH_KEY: ssh.keyFile, CHATOPS_SSH_KNOWN_HOSTS: ssh.knownHostsFile } : {};
  const prefix = `t-${randomUUID().slice(0, 12)}`;
  recordKnownSecret(BOT_TOKEN, SIGNING_SECRET, NOMAD_TOKEN);
  const sentinel = o.sentinel;
  if (sentinel?.password) recordKnownSecret(sentinel.password);
  if (sentinel?.sentinelPassword) recordKnownSecret(sentinel.sentinelPassword);
  const redisYaml = sentinel ? `  sentinels: ${JSON.stringify(sentinel.sentinels)}\n  name: ${sentinel.name}\n` : '';
  const redisEnv: Record<string, string> = sentinel
    ? {
        ...(sentinel.password ? { REDIS_PASSWORD: sentinel.password } : {}),
        ...(sentinel.sentinelPassword ? { REDIS_SENTINEL_PASSWORD: sentinel.sentinelPassword } : {}),
      }
    : { REDIS_URL: redisUrl };
  const lines: string[] = [];
  const bots: BotProcess[] = [];
  const config = {
    // The test's timings, as an operator would set them in chatops.yaml.
    yaml: `${o.yaml ?? ACCESS_YAML}\n${sshYaml}redis:\n  prefix: ${prefix}\n${redisYaml}nomad:\n  followTimeout: 5s\nqueue:\n  lockPoll: 100ms\n  stepLock: ${o.stepLockMs ?? 1_500}ms\n`,
    env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0', ...redisEnv, ...sshEnv },
    nomadEnv: { NOMAD_ADDR: nomad.url, NOMAD_TOKEN },
  };
  const text = (m: StoredMessage) => renderMessageText(m, namesFromStore(slack.store));
  return {
    nomad,
    slack,
    ...(ssh ? { ssh } : {}),
    prefix,
    redisUrl,
    lines,
    async spawn(faultPoint) {
      const bot = await spawnBot(config, lines, faultPoint);
      bots.push(bot);
      return bot;
    },
    driver: (bot) => new SlackDriver({ botUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SIGNING_SECRET, sim: slack }),
    read: () => slack.store.topLevel(CHANNEL).map(text),
    messages: () => slack.store.topLevel(CHANNEL),
    text,
    scaleCalls: (job) => nomad.state.requestCount(`POST /v1/job/${job}/scale`),
    async close() {
      await Promise.all(bots.map((b) => b.kill9()));
      dumpEmitted(`fault stack ${prefix}`, [...slackItems(slack.store), ...logItems(lines)]);
      await ssh?.close();
      if (ssh) rmSync(dirname(ssh.keyFile), { recursive: true, force: true });
      await nomad.close();
      await slack.close();
      // A private Redis (or Sentinel group) the test shuts down has nothing left to clean.
      if (!sentinel) await deletePrefix(prefix, redisUrl).catch(() => undefined);
    },
  };
}
