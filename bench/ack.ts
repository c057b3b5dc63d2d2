/**
 * Ack latency: signed slash command / button click → HTTP 200, one at a time and in bursts of 50,
 * for the bot (Nomad answering after 2 s) and for a bare Bolt app that only acks, alternated.
 */
import { SlackDriver } from '../sim/slack/index.js';
import { BOT_TOKEN, CHANNEL, SIGNING_SECRET, startStack } from '../test/support/stack.js';
import { startBareBolt } from './bare-bolt.js';
import { median, percentile, round, type Figure } from './stats.js';

const USERS = ['U0ALICE', 'U0BOB', 'U0CAROL', 'U0DAVE'];

async function sample(send: (i: number) => Promise<{ status: number }>, count: number, concurrency: number): Promise<number[]> {
  const out: number[] = [];
  for (let done = 0; done < count; done += concurrency) {
    // "One at a time": each request alone, after the previous one's follow-up work (both apps alike).
    if (concurrency === 1) await new Promise((r) => setTimeout(r, 20));
    const batch = Array.from({ length: Math.min(concurrency, count - done) }, async (_, k) => {
      const t0 = performance.now();
      const res = await send(done + k);
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      out.push(performance.now() - t0);
    });
    await Promise.all(batch);
  }
  return out;
}

export async function ackLatency(quick: boolean): Promise<Figure[]> {
  const stack = await startStack({ nomad: { latencyMs: 2_000 }, logLevel: 'warn' });
  const bare = await startBareBolt(SIGNING_SECRET, stack.slack.apiUrl);
  const bareDriver = new SlackDriver({ botUrl: bare.url, signingSecret: SIGNING_SECRET, sim: stack.slack });
  const rounds = quick ? 1 : 7;
  const singles = quick ? 15 : 60;
  const bursts = quick ? 1 : 4;
  const drivers = { bot: () => stack.driver, bare: () => bareDriver };
  const seen: Record<string, Record<'bot' | 'bare', number[]>> = {
    cmd1: { bot: [], bare: [] },
    cmdBurst: { bot: [], bare: [] },
    click1: { bot: [], bare: [] },
    clickBurst: { bot: [], bare: [] },
  };
  const command = (who: 'bot' | 'bare') => (i: number) => drivers[who]().slashCommand({ userId: USERS[i % 4]!, channelId: CHANNEL, text: 'status' });
  // A click on an operation id that does not exist: the bot acks, then looks it up and answers privately.
  const click = (who: 'bot' | 'bare') => async (i: number) => {
    const d = drivers[who]();
    return d.clickButton({ userId: USERS[i % 4]!, channelId: CHANNEL, messageTs: anchor.ts, actionId: 'op.approve', value: `op-bench${i}` });
  };
  const anchor = (await stack.slack.store.topLevel(CHANNEL)[0]) ?? (await postAnchor(stack));
  try {
    for (const who of ['bare', 'bot'] as const) await sample(command(who), 10, 1); // warm-up
    for (let r = 0; r < rounds; r++) {
      for (const who of ['bare', 'bot'] as const) {
        seen.cmd1![who].push(percentile(await sample(command(who), singles, 1), 99));
        seen.cmdBurst![who].push(percentile(await sample(command(who), 50 * bursts, 50), 99));
        seen.click1![who].push(percentile(await sample(click(who), singles, 1), 99));
        seen.clickBurst![who].push(percentile(await sample(click(who), 50 * bursts, 50), 99));
      }
    }
  } finally {
    await bare.stop();
    await stack.close();
  }
  const figures: Figure[] = [];
  const labels: Record<string, string> = {
    cmd1: 'slash command, one at a time',
    cmdBurst: 'slash command, bursts of 50',
    click1: 'button click, one at a time',
    clickBurst: 'button click, bursts of 50',
  };
  for (const [key, label] of Object.entries(labels)) {
    const bot = median(seen[key]!.bot);
    const bareP99 = median(seen[key]!.bare);
    // Below 2 ms the ratio is noise of the timer and the scheduler: allow 1 ms absolute slack there.
    const limit = Math.max(1.5 * bareP99, bareP99 + 1);
    figures.push({
      name: `ack p99: ${label} (bot)`,
      value: round(bot, 2),
      unit: 'ms',
      target: `≤ 1.5 × bare p99 (${round(bareP99, 2)} ms)`,
      pass: bot <= limit,
    });
    figures.push({ name: `ack p99: ${label} (bare Bolt)`, value: round(bareP99, 2), unit: 'ms', target: 'reference', pass: true });
  }
  return figures;
}

async function postAnchor(stack: Awaited<ReturnType<typeof startStack>>) {
  const { webApi } = await import('@slack/bolt');
  const client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: stack.slack.apiUrl });
  const res = await client.chat.postMessage({
    channel: CHANNEL,
    text: 'benchmark anchor',
    blocks: [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Approve' }, action_id: 'op.approve', value: 'op-bench' }] }],
  });
  return stack.slack.store.message(CHANNEL, res.ts!)!;
}
