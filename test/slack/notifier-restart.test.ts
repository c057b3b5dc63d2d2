/**
 * The notifier's memory is in Redis (design §5, issue 15.5): a second notifier on the same prefix —
 * a restarted bot, or another replica — knows that the long plan's file is already in the thread
 * (it uploads nothing twice, and its renderings keep saying where the plan is) and that the message
 * already shows the record (an identical re-render sends no update).
 */
import { randomUUID } from 'node:crypto';
import { webApi } from '@slack/bolt';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { renderMessageText, startSlackSim, type SlackSim } from '../../sim/slack/index.js';
import type { OperationRecord } from '../../src/operations/index.js';
import { Redactor } from '../../src/redact.js';
import { SlackNotifier } from '../../src/slack/notifier.js';
import { PLANNED, recordIn } from '../queue/records.js';
import { quietLogger } from '../sim-slack/quiet-logger.js';
import { deletePrefix, REDIS_URL } from '../support/stack.js';

const TOKEN = 'xoxb-notifier-restart-test-token';
const CHANNEL = 'C0CIOPS';
let sim: SlackSim | undefined;
const redises: Redis[] = [];
const prefix = `t-${randomUUID().slice(0, 12)}`;

afterEach(async () => {
  for (const r of redises.splice(0)) r.disconnect();
  await sim?.close();
  await deletePrefix(prefix);
});

/** A notifier as a fresh bot process makes it: its own Slack client and Redis connection, the shared prefix. */
function startNotifier(s: SlackSim): SlackNotifier {
  const redis = new Redis(REDIS_URL);
  redises.push(redis);
  const client = new webApi.WebClient(TOKEN, { slackApiUrl: s.apiUrl, logger: quietLogger });
  return new SlackNotifier(client, pino({ level: 'silent' }), new Redactor(), { redis, prefix });
}

/** A plan of 120 lines: more than a message shows, so it goes as a file in the thread. */
function longPlan(extra: Partial<OperationRecord> = {}): OperationRecord {
  const diffText = Array.from({ length: 120 }, (_, i) => `+/- Task "builder-${i}": command: "bash" => "/bin/bash"`).join('\n');
  return recordIn('awaiting-approval', { plan: { ...PLANNED, diffText }, approvalsRequired: 2, ...extra });
}

describe('the notifier after a restart', () => {
  it('uploads the long plan once, keeps saying it is attached, and sends no identical update', async () => {
    sim = await startSlackSim({ botToken: TOKEN });
    const first = startNotifier(sim);
    const posted = await first.showOperation(longPlan());
    const planFiles = () => [...sim!.store.files.values()].filter((f) => f.filename.startsWith('plan-op-') && f.completed);
    const shown = () => sim!.store.message(posted.channel, posted.ts)!;
    expect(posted.channel).toBe(CHANNEL);
    expect(planFiles()).toHaveLength(1);
    expect(renderMessageText(shown())).toMatch(/full plan attached \(plan-op-3k9x2a1b\.txt\)/);
    const updates = shown().versions.length;

    // The bot restarts: a new notifier, nothing in memory. The same record is shown again (a retried step).
    const second = startNotifier(sim);
    const placed = { channel: posted.channel, ts: posted.ts };
    await second.showOperation(longPlan(placed));
    expect(planFiles()).toHaveLength(1);
    expect(shown().versions.length).toBe(updates);

    // The first of two approvals changes the message: it still says where the full plan is, and no second file goes up.
    await second.showOperation(longPlan({ ...placed, approvals: [{ userId: 'U0BOB', at: new Date().toISOString() }] }));
    expect(shown().versions.length).toBe(updates + 1);
    expect(renderMessageText(shown())).toMatch(/1 of 2 approvals/);
    expect(renderMessageText(shown())).toMatch(/full plan attached \(plan-op-3k9x2a1b\.txt\)/);
    expect(planFiles()).toHaveLength(1);
  });
});
