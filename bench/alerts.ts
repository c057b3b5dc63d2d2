/**
 * Alert latency (node marked down in the simulator → alert posted in Slack) and the storm
 * (hundreds of nodes down within seconds → a few messages, none dropped, no 429 provoked, with
 * Slack's real 1-message-per-second-per-channel limit enforced by the simulator).
 */
import { bigFarm } from '../test/e2e/farm-500.js';
import { eventually } from '../test/support/eventually.js';
import { startStack } from '../test/support/stack.js';
import { percentile, round, type Figure } from './stats.js';

const ALERTS = 'C0ALERTS';
const watch = { alerts: { defaultChannel: ALERTS }, reconcileIntervalMs: 30_000 };

export async function alertLatency(quick: boolean): Promise<Figure[]> {
  const stack = await startStack({ logLevel: 'warn', watch });
  const samples: number[] = [];
  const rounds = quick ? 3 : 15;
  const nodes = ['alibuild03', 'alibuild06', 'alibuild11', 'alibuild12'];
  try {
    await waitLeader(() => stack.bot.watch.isLeader);
    for (let i = 0; i < rounds; i++) {
      const node = nodes[i % nodes.length]!;
      const posted = new Promise<number>((resolve) => {
        const on = (m: { channel: string; text?: string }) => {
          if (m.channel === ALERTS && String(m.text ?? '').includes(node)) {
            stack.slack.events.off('message', on);
            resolve(performance.now());
          }
        };
        stack.slack.events.on('message', on);
      });
      const t0 = performance.now();
      stack.nomad.controls.nodeDown(node);
      samples.push((await posted) - t0);
      stack.nomad.controls.nodeUp(node);
      await eventually(
        async () => (await stack.bot.watch.listAlerts()).alerts.every((a) => a.state !== 'firing' || a.fact.kind !== 'node-down') || undefined,
        15_000,
        'resolved',
      );
    }
  } finally {
    await stack.close();
  }
  const p99 = percentile(samples, 99);
  return [
    { name: 'alert latency p50: node down → alert posted', value: round(percentile(samples, 50)), unit: 'ms', target: 'reported', pass: true },
    { name: 'alert latency p99: node down → alert posted', value: round(p99), unit: 'ms', target: '≤ 2000 ms', pass: p99 <= 2000 },
  ];
}

export async function storm(quick: boolean): Promise<Figure[]> {
  const nodes = quick ? 100 : 500;
  const spreadMs = quick ? 2_000 : 10_000;
  const windowMs = quick ? 6_000 : 60_000;
  const stack = await startStack({
    logLevel: 'warn',
    nomad: { scenario: bigFarm(nodes, 4, nodes / 2) },
    slack: { rateLimit: { postMessagePerChannelPerSec: 1, burst: 3 } },
    watch,
  });
  try {
    await waitLeader(() => stack.bot.watch.isLeader);
    const names = [...stack.nomad.state.nodes.values()].map((n) => n.Name).sort();
    const t0 = performance.now();
    for (let i = 0; i < names.length; i++) {
      stack.nomad.controls.nodeDown(names[i]!);
      const due = t0 + ((i + 1) * spreadMs) / names.length;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const rest = windowMs - (performance.now() - t0);
    if (rest > 0) await new Promise((r) => setTimeout(r, rest));
    const posts = stack.slack.store.topLevel(ALERTS).length;
    const shown = stack.slack.store
      .topLevel(ALERTS)
      .map((m) => String(m.text ?? ''))
      .join('\n');
    const counted = Math.max(0, ...[...shown.matchAll(/(\d+) nodes down/g)].map((m) => Number(m[1])));
    const dropped = Math.max(0, names.length - counted);
    const rateLimited = stack.slack.stats.rateLimited;
    const window = `${windowMs / 1000} s`;
    return [
      {
        name: `storm: ${names.length} nodes down within ${spreadMs / 1000} s → Slack messages in the first ${window}`,
        value: posts,
        unit: 'messages',
        target: '≤ 3',
        pass: posts <= 3,
      },
      { name: 'storm: nodes missing from the alert', value: dropped, unit: 'nodes', target: '0', pass: dropped === 0 },
      { name: 'storm: Slack 429s provoked', value: rateLimited, unit: 'count', target: '0', pass: rateLimited === 0 },
    ];
  } finally {
    await stack.close();
  }
}

async function waitLeader(leading: () => boolean): Promise<void> {
  await eventually(() => leading() || undefined, 20_000, 'the watch to take the lease');
  await new Promise((r) => setTimeout(r, 500)); // first reconcile
}
