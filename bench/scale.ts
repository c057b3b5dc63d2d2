/**
 * Scale: a simulated farm of 5,000 nodes and 50,000 allocations. Full reconcile and the disk-drift
 * check are timed on the watcher itself (through a proxy that counts requests in flight); the bot
 * runs as its own process for its RSS while watching and for `/ci nodes`.
 */
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { request } from 'undici';
import { systemClock } from '../src/clock.js';
import { MonitorsConfig } from '../src/monitors/index.js';
import { ClusterWatcher } from '../src/monitors/watcher.js';
import { createNomad, nomadSettingsFromEnv } from '../src/nomad/index.js';
import { startNomadSim } from '../sim/nomad/index.js';
import { SlackDriver, startSlackSim } from '../sim/slack/index.js';
import { bigFarm } from '../test/e2e/farm-500.js';
import { spawnBot } from '../test/faults/bot-process.js';
import { startNomadProxy } from '../test/monitors/proxy.js';
import { eventually } from '../test/support/eventually.js';
import { shippedNodeFlags } from '../test/support/dockerfile.js';
import { ACCESS_YAML, BOT_TOKEN, CHANNEL, REDIS_URL, SIGNING_SECRET, deletePrefix } from '../test/support/stack.js';
import { median, round, timed, type Figure } from './stats.js';

export async function scale(quick: boolean): Promise<Figure[]> {
  const nodes = quick ? 500 : 5_000;
  const jobs = quick ? 10 : 100;
  const t0 = performance.now();
  const nomad = await startNomadSim({ scenario: bigFarm(nodes, jobs, 500) });
  process.stderr.write(` (farm of ${nodes} nodes, ${jobs * 500} allocations loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const proxy = await startNomadProxy(nomad.url);
  const slack = await startSlackSim({ botToken: BOT_TOKEN });
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const figures: Figure[] = [];
  try {
    // Reconcile and disk check, timed on the watcher the bot uses.
    const client = createNomad(nomadSettingsFromEnv({ NOMAD_ADDR: proxy.url }));
    const watcher = new ClusterWatcher(client, MonitorsConfig.parse({}), pino({ level: 'silent' }), () => undefined, systemClock);
    const reconciles: number[] = [];
    const disks: number[] = [];
    for (let i = 0; i < (quick ? 2 : 3); i++) {
      reconciles.push((await timed(() => watcher.reconcile()))[1]);
      disks.push((await timed(() => watcher.checkDisks()))[1]);
    }
    const inFlight = proxy.maxInFlight('/v1/client/stats');
    await client.close();
    figures.push(
      {
        name: `scale: full reconcile (${nodes} nodes, ${jobs * 500} allocations)`,
        value: round(median(reconciles)),
        unit: 'ms',
        target: '≤ 5000 ms',
        pass: median(reconciles) <= 5_000,
      },
      { name: `scale: disk-drift check over ${nodes} nodes`, value: round(median(disks)), unit: 'ms', target: '≤ 10000 ms', pass: median(disks) <= 10_000 },
      { name: 'scale: disk-check requests in flight (max)', value: inFlight, unit: 'requests', target: '≤ 16', pass: inFlight <= 16 },
    );

    // The bot in its own process, with the image's heap setting: RSS while watching, and `/ci nodes`.
    // It runs through tsx, ~40 MB more than the image's compiled JavaScript: the RSS figure errs high.
    const nodeFlags = shippedNodeFlags();
    const lines: string[] = [];
    const bot = await spawnBot(
      {
        yaml: `${ACCESS_YAML}\nredis:\n  prefix: ${prefix}\nnomad:\n  followTimeout: 10s\nqueue:\n  lockPoll: 200ms\n  stepLock: 30s\nmonitors:\n  alerts:\n    defaultChannel: C0ALERTS\n`,
        env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: '0', REDIS_URL },
        nomadEnv: { NOMAD_ADDR: proxy.url },
      },
      lines,
      undefined,
      nodeFlags,
    );
    try {
      const started = JSON.parse(lines.find((l) => l.includes('"ci-chatops started"'))!) as { metricsPort: number };
      // RSS from the bot's own /metrics, sampled while it watches and after each `/ci nodes`.
      const rssSamples: number[] = [];
      const sampleRss = async () => {
        const metrics = await (await request(`http://127.0.0.1:${started.metricsPort}/metrics`)).body.text();
        const rss = Number(/^chatops_process_resident_memory_bytes(?:\{[^}]*\})? (\S+)/m.exec(metrics)?.[1] ?? NaN) / 2 ** 20;
        if (Number.isNaN(rss)) throw new Error(`no RSS in the bot's /metrics: ${metrics.slice(0, 200)}`);
        rssSamples.push(rss);
      };
      // Let the watch take the lease, reconcile and run its first disk check.
      const settleMs = quick ? 3_000 : 15_000;
      for (let waited = 0; waited < settleMs; waited += settleMs / 5) {
        await new Promise((r) => setTimeout(r, settleMs / 5));
        await sampleRss();
      }
      const driver = new SlackDriver({ botUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SIGNING_SECRET, sim: slack });
      const answers: number[] = [];
      for (let i = 0; i < (quick ? 1 : 5); i++) {
        const before = slack.store.ephemeralFor({ user: 'U0ALICE' }).length;
        const t = performance.now();
        await driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: 'nodes' });
        await eventually(() => slack.store.ephemeralFor({ user: 'U0ALICE' }).length > before || undefined, 30_000, '/ci nodes answer');
        answers.push(performance.now() - t);
        await sampleRss();
      }
      const peak = Math.max(...rssSamples);
      const heap = nodeFlags.join(' ');
      figures.push(
        { name: `scale: /ci nodes answered (${nodes} nodes)`, value: round(median(answers)), unit: 'ms', target: '≤ 2000 ms', pass: median(answers) <= 2_000 },
        {
          name: `scale: bot RSS while watching, highest of ${rssSamples.length} samples (${heap})`,
          value: round(peak),
          unit: 'MB',
          target: '≤ 300 MB',
          pass: peak <= 300,
        },
        { name: 'scale: bot RSS while watching, median', value: round(median(rssSamples)), unit: 'MB', target: 'reported', pass: true },
      );
    } finally {
      await bot.stop();
    }
  } finally {
    await proxy.close();
    await nomad.close();
    await slack.close();
    await deletePrefix(prefix);
  }
  return figures;
}
