/**
 * `npm run demo`: the embedded default. Simulated Nomad (the ALICE-like farm) and Slack, a private
 * Redis, the real bot, and a terminal that plays Slack through signed requests. With a pipe on
 * stdin it runs the lines in order, waits for the work they started, and exits:
 *   printf '/ci scale mesosci-cs8 10\nas bob\napprove\n' | npm run -s demo
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfigText, parseEnv } from '../../src/config/load.js';
import { createLogger } from '../../src/log.js';
import { startBot } from '../../src/main.js';
import { linkFarm } from '../farm/link.js';
import { startNomadSim } from '../nomad/index.js';
import { startOpenStackSim } from '../openstack/index.js';
import { ALICE_CREDENTIALS } from '../openstack/scenario.js';
import { SlackDriver, startSlackSim } from '../slack/index.js';
import { DemoConsole } from './console.js';
import { simCommand } from './sim-commands.js';
import { startConsulSim } from '../consul/index.js';
import { startVaultSim } from '../vault/index.js';
import { demoRedis } from './redis.js';
import { Terminal } from './terminal.js';

const BOT_TOKEN = `xoxb-demo-${randomUUID().slice(0, 12)}`;
const SIGNING_SECRET = randomUUID();

async function main(): Promise<number> {
  // A person at a terminal gets a prompt and their typing echoed; a pipe is a script.
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const terminal = new Terminal({ input: process.stdin, output: process.stdout, interactive });
  const out = terminal.print;
  const redis = await demoRedis(process.env);
  const nomad = await startNomadSim({ timing: { allocStartMs: 600, evalCompleteMs: 150, rescheduleDelayMs: 20_000 } });
  const slack = await startSlackSim({ botToken: BOT_TOKEN });
  const consul = await startConsulSim();
  const vault = await startVaultSim();
  // OpenStack with the same machines as the Nomad farm; the link plays the machines (reboots, new agents registering).
  const openstack = await startOpenStackSim({ timing: { bootMs: 1500, rebootMs: 1000, rebuildMs: 2000, volumeMs: 300, deleteMs: 400 } });
  const link = linkFarm(openstack, nomad, { rejoinMs: 400 });
  const c = ALICE_CREDENTIALS;
  const osEnv = { OS_AUTH_URL: openstack.authUrl, OS_AUTH_TYPE: 'v3applicationcredential', OS_APPLICATION_CREDENTIAL_ID: c.appCredentialId, OS_APPLICATION_CREDENTIAL_SECRET: c.appCredentialSecret };
  const logPath = join(tmpdir(), `ci-chatops-demo-${process.pid}.log`);
  const file = parseConfigText(readFileSync(new URL('./chatops.demo.yaml', import.meta.url), 'utf8'), 'chatops.demo.yaml');
  file.redis.prefix = `demo-${randomUUID().slice(0, 8)}`;
  // Each master's own Consul agent and Vault server, so `/ci masters` checks every one.
  file.masters.consul = consul.agents;
  file.masters.vault = vault.agents;
  const bot = await startBot(
    {
      file,
      env: parseEnv({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0', REDIS_URL: redis.url }),
      path: 'chatops.demo.yaml',
    },
    { env: { NOMAD_ADDR: nomad.url, CONSUL_HTTP_ADDR: consul.url, VAULT_ADDR: vault.url, ...osEnv }, vmPollMs: 200, log: createLogger({ destination: createWriteStream(logPath) }), followTimeoutMs: 30_000, lockPollMs: 500 },
  );
  const driver = new SlackDriver({ botUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SIGNING_SECRET, sim: slack });
  const console_ = new DemoConsole({ slack, driver, channel: 'C0CIOPS', color: interactive && !process.env.NO_COLOR, out, busy: () => bot.operations.busy(), extra: async (words) => simCommand(words, nomad, { consul, vault }) });

  out(`ci-chatops demo — simulated Nomad (${nomad.url}) with the ALICE-like farm, simulated Slack, channel #ci-ops.`);
  out(`Bot log: ${logPath}. Type "help" for console commands, "/ci help" for the bot's.`);

  let stopping: Promise<void> | undefined;
  const shutdown = () => (stopping ??= stopAll());
  const stopAll = async () => {
    await bot.stop();
    await nomad.close();
    await consul.close();
    await vault.close();
    link.stop();
    await openstack.close();
    await slack.close();
    await redis.stop();
  };

  // Ctrl-C at the prompt stops everything even while a command (a `wait`) is still running.
  await terminal.run(console_, () => void shutdown().finally(() => process.exit(130)));
  await shutdown();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
