/**
 * /metrics, /healthz, /readyz and the queue dashboard of a real bot (test/support/stack.ts):
 * a scale flow through Slack and Nomad simulators, then the counters read back by scraping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { buttonsOf, namesFromStore, renderMessageText, type StoredMessage } from '../../sim/slack/index.js';
import { eventually } from '../support/eventually.js';
import { ACCESS_YAML, CHANNEL, startStack, type Stack } from '../support/stack.js';

const TOKEN = 'metrics-token-0123456789abcdef';
/** A watch with short timings, alerts in #ci-alerts. */
const WATCH = {
  reconcileIntervalMs: 400,
  heartbeatTimeoutMs: 1_500,
  alerts: { defaultChannel: 'C0ALERTS', groupWaitMs: 100, minPostIntervalMs: 40, tickMs: 50 },
};
let s: Stack;

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await request(`http://127.0.0.1:${s.bot.metricsPort}${path}`, { headers });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}
const scrape = async () => (await get('/metrics', { authorization: `Bearer ${TOKEN}` })).text;

/** The value of one sample, e.g. sample(text, 'chatops_commands_total{command="scale",outcome="queued"}'). */
function sample(text: string, series: string): number | undefined {
  const [name, labels = ''] = series.split('{');
  const wanted = labels.replace(/}$/, '').split(',').filter(Boolean);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (wanted.every((l) => line.includes(l))) return Number(line.split(' ').pop());
  }
  return undefined;
}

async function type(user: string, line: string) {
  const res = await s.driver.slashCommand({ userId: user, channelId: CHANNEL, text: line });
  expect(res.status).toBe(200);
}

const text = (m: StoredMessage) => renderMessageText(m, namesFromStore(s.slack.store));

describe('metrics and health endpoints', () => {
  beforeAll(async () => {
    s = await startStack({ yaml: `${ACCESS_YAML}\nobservability:\n  dashboard: true\n`, botEnv: { METRICS_TOKEN: TOKEN } });
    // The first plan message meets a 429: Slack's WebClient waits Retry-After and emits rate_limited.
    s.slack.controls.rateLimitNext('chat.postMessage', 1, 1);
    await type('U0ALICE', 'scale mesosci-cs8 10');
    const plan = await eventually(() => s.messages().find((m) => text(m).includes('Plan: scale ci-mesosci-cs8')), 10_000, 'plan');
    const approve = buttonsOf(plan).find((b) => b.text === 'Approve')!;
    await s.driver.clickButton({ userId: 'U0BOB', channelId: CHANNEL, messageTs: plan.ts, actionId: approve.actionId });
    await eventually(() => s.messages().some((m) => text(m).startsWith('✅ Applied')), 10_000, 'applied');
    await type('U0ALICE', 'scale mesosci-cs8 999'); // over the limit: a specific reply, nothing queued
    await type('U0ALICE', 'frobnicate');
    await type('U0DAVE', 'scale mesosci-cs8 12'); // dave may not request
    // The slash command's handler runs on after the 200; wait until the last one was counted.
    await eventually(
      async () => (sample(await scrape(), 'chatops_commands_total{command="scale",outcome="refused"}') ?? 0) >= 1,
      5_000,
      'refused command counted',
    );
  });
  afterAll(async () => s?.close());

  it('counts commands by name and outcome, approvals, finished operations and their durations', async () => {
    const m = await scrape();
    expect(sample(m, 'chatops_commands_total{command="scale",outcome="queued"}')).toBe(1);
    expect(sample(m, 'chatops_commands_total{command="scale",outcome="invalid"}')).toBe(1);
    expect(sample(m, 'chatops_commands_total{command="(unknown)",outcome="unknown"}')).toBe(1);
    expect(sample(m, 'chatops_commands_total{command="scale",outcome="refused"}')).toBe(1);
    expect(m).not.toContain('frobnicate');
    expect(sample(m, 'chatops_approvals_total{kind="nomad.scale",decision="approve"}')).toBe(1);
    expect(sample(m, 'chatops_operations_finished_total{kind="nomad.scale",state="applied"}')).toBe(1);
    expect(sample(m, 'chatops_operation_duration_seconds_count{kind="nomad.scale",state="applied"}')).toBe(1);
    expect(sample(m, 'chatops_apply_duration_seconds_count{kind="nomad.scale"}')).toBe(1);
  });

  it('counts API calls by service, method and status, Slack 429s, and reads the queue from BullMQ', async () => {
    const m = await scrape();
    expect(sample(m, 'chatops_api_requests_total{service="nomad",method="POST",status="200"}')).toBeGreaterThanOrEqual(2); // plan + scale
    expect(sample(m, 'chatops_api_requests_total{service="nomad",method="GET",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(sample(m, 'chatops_slack_rate_limited_total{client="bot"}')).toBe(1);
    expect(sample(m, 'chatops_queue_jobs{state="waiting"}')).toBe(0);
    expect(sample(m, 'chatops_queue_jobs{state="active"}')).toBeDefined();
    expect(sample(m, 'chatops_queue_oldest_waiting_seconds')).toBe(0);
    expect(m).toMatch(/^# TYPE chatops_process_cpu_seconds_total counter$/m);
  });

  it('reads no alert firing from a bot that does not watch', async () => {
    const m = await scrape();
    expect(sample(m, 'chatops_alerts_firing{severity="critical"}')).toBe(0);
    expect(sample(m, 'chatops_alerts_firing{severity="warning"}')).toBe(0);
  });

  it('requires METRICS_TOKEN on /metrics and the dashboard, as bearer or Basic password', async () => {
    const none = await get('/metrics');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="ci-chatops"');
    expect((await get('/metrics', { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    expect((await get('/metrics', { authorization: `Basic ${Buffer.from(`prometheus:${TOKEN}`).toString('base64')}` })).status).toBe(200);
    const board = await get('/admin/queues');
    expect(board.status).toBe(401);
    expect(board.headers['www-authenticate']).toMatch(/^Basic /);
    const page = await get('/admin/queues', { authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}` });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>');
    const api = await get('/admin/queues/api/queues', { authorization: `Bearer ${TOKEN}` });
    expect(api.status).toBe(200);
    expect(JSON.parse(api.text).queues.map((q: { name: string }) => q.name)).toEqual(['operations']);
    expect(s.logs.join('')).not.toContain(TOKEN);
  });

  it('logs JSON lines that carry the operation id as a field whenever they are about the operation', () => {
    const lines = s.logs
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const opId = lines.find((l) => l.msg === 'operation requested')?.opId as string;
    expect(opId).toMatch(/^op-[a-z0-9]+$/);
    // Our lines; the Slack SDK's own debug lines (component "bolt") cannot know the operation.
    const about = lines.filter((l) => l.component !== 'bolt' && JSON.stringify(l).includes(opId));
    expect(about.map((l) => l.msg)).toEqual(expect.arrayContaining(['operation requested', 'planned', 'approval', 'operation finished']));
    for (const l of about) expect(l, String(l.msg)).toMatchObject({ opId, service: 'ci-chatops' });
  });

  it('answers /healthz and /readyz without a token', async () => {
    expect(await get('/healthz')).toMatchObject({ status: 200, text: 'ok\n' });
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toEqual({ status: 'ready', checks: { redis: 'ok', nomad: 'ok', 'nomad-events': 'ok' } });
    expect((await get('/nothing-here')).status).toBe(404);
  });
});

describe('the alerts-firing gauge', () => {
  let w: Stack | undefined;
  afterAll(async () => w?.close());

  it('reads the alerts firing now, by severity, when scraped', async () => {
    w = await startStack({ botEnv: { METRICS_TOKEN: TOKEN }, watch: WATCH });
    const scrapeW = async () =>
      (await (await request(`http://127.0.0.1:${w!.bot.metricsPort}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).body.text()) as string;
    // The simulated farm starts with disk drift on alibuild10 (a warning).
    await eventually(() => w!.slack.store.topLevel('C0ALERTS').find((m) => m.text.includes('Disk accounting drift on alibuild10')), 15_000, 'the drift alert');
    expect(sample(await scrapeW(), 'chatops_alerts_firing{severity="warning"}')).toBe(1);
    w.nomad.controls.nodeDown('alibuild05');
    w.nomad.controls.nodeDown('alibuild06');
    await eventually(() => w!.slack.store.topLevel('C0ALERTS').find((m) => m.text.startsWith('🔴 2 nodes down')), 15_000, 'the node-down alert');
    const m = await scrapeW();
    expect(sample(m, 'chatops_alerts_firing{severity="critical"}')).toBe(2);
    expect(sample(m, 'chatops_alerts_firing{severity="warning"}')).toBe(1);
    expect(sample(m, 'chatops_alerts_firing{severity="info"}')).toBe(0);
  });
});
