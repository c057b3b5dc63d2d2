/**
 * Everything the demo runs: simulated Nomad (the ALICE-like farm), Slack, Consul, Vault and
 * OpenStack, and the real bot on the Redis the demo was given. Each part, once started, is registered with the cleanup,
 * so an interrupted start leaves nothing behind either.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { parseConfigText, parseEnv } from '../../src/config/load.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { startConsulSim, type ConsulSim } from '../consul/index.js';
import { linkFarm } from '../farm/link.js';
import { aliceFarm, startNomadSim, type NomadSim } from '../nomad/index.js';
import { startOpenStackSim } from '../openstack/index.js';
import { ALICE_CREDENTIALS } from '../openstack/scenario.js';
import { startSlackSim, type SlackSim } from '../slack/index.js';
import { startVaultSim, type VaultSim } from '../vault/index.js';
import type { Cleanup } from './cleanup.js';
import type { DemoOptions } from './options.js';
import type { DemoRedis } from './redis.js';
import { ownFarmJobs } from './own-farm.js';
import { createDemoGit, type DemoGit } from './git.js';
import { startDemoSsh } from './ssh.js';

/** The declarations shipped with the project; the simulated farm starts as they declare. */
const EXAMPLE_DECLARATIONS = join(dirname(fileURLToPath(import.meta.url)), '../../examples/ci-jobs');

export interface DemoStack {
  bot: RunningBot;
  nomad: NomadSim;
  slack: SlackSim;
  consul: ConsulSim;
  vault: VaultSim;
  signingSecret: string;
  /** Where the bot logs, and whether the file is kept after the demo. */
  log: { path: string; kept: boolean };
  redis: string;
  /** How long a plan waits for approval. */
  expiryMs: number;
  /** The directory `/ci plan` and `/ci deploy` read, absolute. */
  declarations: string;
  /** Without --declarations: the local git repository the bot follows (plan on merge). */
  git?: DemoGit;
}

/** Starts the simulators and the bot on `redis`, whose keys all start with `prefix:`. */
export async function startDemoStack(options: DemoOptions, redis: DemoRedis & { prefix: string }, cleanup: Cleanup): Promise<DemoStack> {
  const botToken = `xoxb-demo-${randomUUID().slice(0, 12)}`;
  const signingSecret = randomUUID();
  const log = { path: options.logFile ?? join(tmpdir(), `ci-chatops-demo-${process.pid}.log`), kept: options.logFile !== undefined };
  const logStream = createWriteStream(log.path, { flags: log.kept ? 'a' : 'w' });
  // Even when the person does not wait for the cleanup (a second Ctrl-C), the temporary log goes.
  if (!log.kept) process.once('exit', () => rmSync(log.path, { force: true }));
  cleanup.add('the bot log', async () => {
    logStream.end();
    await once(logStream, 'close');
    if (!log.kept) rmSync(log.path, { force: true });
  });
  // The bot plans from the files the person edits, not a copy; the farm starts as they declare (so
  // `/ci drift` starts clean), and an edit made while the demo runs shows in `/ci plan`.
  const declarations = options.declarations ?? EXAMPLE_DECLARATIONS;
  const scenario = options.declarations ? { ...aliceFarm(), jobs: await ownFarmJobs(declarations) } : aliceFarm();
  const nomad = await startNomadSim({ scenario, timing: { allocStartMs: 600, evalCompleteMs: 150, rescheduleDelayMs: 20_000, clientRestartMs: 1_500 } });
  cleanup.add('simulated Nomad', () => nomad.close());
  // SSH on the build hosts, so `/ci node cleanup` and the drift alert's Clean up… run the runbook's cleanup.
  const ssh = await startDemoSsh(nomad, cleanup);
  const slack = await startSlackSim({ botToken });
  cleanup.add('simulated Slack', () => slack.close());
  const consul = await startConsulSim();
  cleanup.add('simulated Consul', () => consul.close());
  const vault = await startVaultSim();
  cleanup.add('simulated Vault', () => vault.close());
  // OpenStack with the same machines as the Nomad farm; the link plays the machines (reboots, new agents registering).
  const openstack = await startOpenStackSim({ timing: { bootMs: 1500, rebootMs: 1000, rebuildMs: 2000, volumeMs: 300, deleteMs: 400 } });
  cleanup.add('simulated OpenStack', () => openstack.close());
  const link = linkFarm(openstack, nomad, { rejoinMs: 400 });
  cleanup.add('the farm link', () => link.stop());
  const c = ALICE_CREDENTIALS;
  const osEnv = {
    OS_AUTH_URL: openstack.authUrl,
    OS_AUTH_TYPE: 'v3applicationcredential',
    OS_APPLICATION_CREDENTIAL_ID: c.appCredentialId,
    OS_APPLICATION_CREDENTIAL_SECRET: c.appCredentialSecret,
  };
  const file = parseConfigText(readFileSync(new URL('./chatops.demo.yaml', import.meta.url), 'utf8'), 'chatops.demo.yaml');
  file.redis.prefix = redis.prefix;
  // Without --declarations the bot follows a git repository made from examples/ci-jobs (plan on
  // merge through its webhook); with it, it reads the person's directory as it is.
  const git = options.declarations ? undefined : createDemoGit(declarations, cleanup);
  file.declarations = git
    ? {
        git: {
          url: git.remote.url,
          branch: git.remote.branch,
          path: '',
          cloneDir: git.cloneDir,
          fetchEvery: 60_000,
          fetchTimeout: 30_000,
          readWait: 10_000,
          planOnMerge: { channel: 'C0CIOPS', webhookPort: 0 },
        },
      }
    : { dir: declarations };
  if (options.expiryMs !== undefined) file.access.expiry = options.expiryMs;
  file.nomad.followTimeout = 30_000;
  file.queue.lockPoll = 500;
  file.vm.pollEvery = 200;
  // Each master's own Consul agent and Vault server, so `/ci masters` checks every one.
  file.masters.consul = consul.agents;
  file.masters.vault = vault.agents;
  file.remediation.ssh.hosts = ssh.hosts;
  const bot = await startBot(
    {
      file,
      env: parseEnv({
        SLACK_BOT_TOKEN: botToken,
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: slack.apiUrl,
        PORT: '0',
        REDIS_URL: redis.url,
        ...(git ? { CHATOPS_GIT_WEBHOOK_SECRET: git.webhookSecret } : {}),
        CHATOPS_SSH_KEY: ssh.keyFile,
        CHATOPS_SSH_KNOWN_HOSTS: ssh.knownHostsFile,
      }),
      path: 'chatops.demo.yaml',
    },
    {
      env: { NOMAD_ADDR: nomad.url, CONSUL_HTTP_ADDR: consul.url, VAULT_ADDR: vault.url, ...osEnv },
      logging: { destination: logStream },
    },
  );
  cleanup.add('the bot', () => bot.stop());
  return {
    bot,
    nomad,
    slack,
    consul,
    vault,
    signingSecret,
    log,
    redis: redis.description,
    expiryMs: file.access.expiry,
    declarations,
    ...(git ? { git } : {}),
  };
}
