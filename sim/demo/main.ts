/**
 * `npm run demo`: the embedded default. Simulated Nomad (the ALICE-like farm) and Slack, a Redis,
 * the real bot, and a terminal that plays Slack through signed requests. With a pipe on stdin it
 * runs the lines in order, waits for the work they started, and exits:
 *   printf '/ci scale mesosci-cs8 10\nas bob\napprove\n' | npm run -s demo
 * However it ends (quit, end of input, Ctrl-C, SIGTERM, a failed start) it leaves nothing behind.
 */
import { randomUUID } from 'node:crypto';
import { duration } from '../../src/monitors/time-text.js';
import { SlackDriver } from '../slack/index.js';
import { Cleanup } from './cleanup.js';
import { DemoConsole } from './console.js';
import { DEMO_USAGE, parseDemoArgs } from './options.js';
import { simCommand } from './sim-commands.js';
import { followed, gitCommit } from './git.js';
import { demoRedis } from './redis.js';
import { Terminal } from './terminal.js';

const cleanup = new Cleanup();
const warn = (text: string) => process.stderr.write(`demo: ${text}\n`);
let finishing = false;

/** Cleans up, then exits with `code` (the first reason to finish wins). */
function finish(code: number): void {
  if (finishing) return;
  finishing = true;
  void cleanup.run(5_000, warn).finally(() => process.exit(code));
}

let interruptedAt: number | undefined;

/**
 * Ctrl-C, SIGTERM, a closed terminal: clean up and leave. A second one while that runs leaves at
 * once, unless it is the same one delivered again (npm, tsx and the process group each pass it on).
 */
function interrupt(code: number): void {
  const now = Date.now();
  if (interruptedAt !== undefined && now - interruptedAt > 1_000) process.exit(code);
  interruptedAt ??= now;
  finish(code);
}

async function main(): Promise<number> {
  const options = parseDemoArgs(process.argv.slice(2));
  if (typeof options === 'string') {
    warn(`${options}\n${DEMO_USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${DEMO_USAGE}\n`);
    return 0;
  }
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)
    process.on(signal, () => interrupt(code));
  // A person at a terminal gets a prompt and their typing echoed; a pipe is a script.
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const terminal = new Terminal({ input: process.stdin, output: process.stdout, interactive });
  const out = terminal.print;
  // Redis first, before loading the bot: a wrong REDIS_URL is reported in seconds.
  const prefix = `demo-${randomUUID().slice(0, 8)}`;
  const redis = await demoRedis(process.env, prefix);
  cleanup.add('Redis', () => redis.release());
  const { startDemoStack } = await import('./stack.js');
  const demo = await startDemoStack(options, { ...redis, prefix }, cleanup);
  const { bot, nomad, slack, consul, vault } = demo;
  const git = demo.git;
  if (git && !(await followed(git, { redisUrl: redis.url, prefix }))) warn('the bot has not fetched the demo repository after 30 s; see the bot log');
  const gitCommand =
    git && bot.gitWebhookPort !== undefined
      ? (words: readonly string[]) => gitCommit(words, git, { webhookPort: bot.gitWebhookPort!, redisUrl: redis.url, prefix }, 'alice')
      : undefined;
  const driver = new SlackDriver({ botUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: demo.signingSecret, sim: slack });
  const console_ = new DemoConsole({
    slack,
    driver,
    channel: 'C0CIOPS',
    color: interactive && !process.env.NO_COLOR,
    out,
    busy: () => bot.operations.busy(),
    extra: async (words) => simCommand(words, nomad, { consul, vault }, gitCommand),
  });

  out(`ci-chatops demo — simulated Nomad (${nomad.url}) with the ALICE-like farm, simulated Slack, channel #ci-ops.`);
  out(`Redis: ${demo.redis}. Bot log: ${demo.log.path}${demo.log.kept ? '' : ' (deleted on exit; --log FILE keeps one)'}.`);
  out(`Plans wait ${duration(demo.expiryMs)} for approval, then expire (npm run demo -- --expiry 2m changes it).`);
  if (git) {
    out(
      `Declarations: a git repository made from examples/ci-jobs (${git.remote.url}, branch ${git.remote.branch}); the bot follows it and plans every merge in #ci-ops.`,
    );
    out(`  Try: sim git commit ci/mesosci-cs8.yaml num_builders=10   (then: as bob, approve). --declarations DIR reads a plain directory instead.`);
  } else
    out(
      `Declarations: ${demo.declarations} — /ci plan and /ci deploy read these files as they are now; the farm started as they declare, so an edit shows in /ci plan.`,
    );
  out(`Type "help" for console commands, "/ci help" for the bot's.`);

  // Ctrl-C at the prompt is a key, not a signal: it stops everything even while a command (a `wait`) runs.
  await terminal.run(console_, () => interrupt(130));
  return 0;
}

main().then(finish, (err: unknown) => {
  warn(err instanceof Error ? err.message : String(err));
  finish(1);
});
