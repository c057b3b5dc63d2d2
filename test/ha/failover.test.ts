/**
 * Redis Sentinel failover under running bots (issue 18.2): a primary, a replica and three sentinels
 * (Debian's redis-server and redis-sentinel, test/support/redis-group.ts), two bot processes
 * connected through the sentinels, operations in every state — awaiting approval, waiting behind
 * another, applying, following a drain — and an alert posted. Then the primary dies with SIGKILL;
 * a click and a command arrive while there is no primary, and a node goes down. Sentinel promotes
 * the replica; every operation completes exactly once, no approval is lost, the alerts keep
 * coming, and /readyz says `degraded` during the failover and `ready` after.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buttonsOf, type StoredMessage } from '../../sim/slack/index.js';
import { eventually } from '../support/eventually.js';
import { startRedisGroup, type RedisGroup } from '../support/redis-group.js';
import { CHANNEL } from '../support/stack.js';
import type { BotProcess } from '../faults/bot-process.js';
import { startFaultStack, type FaultStack } from '../faults/fault-stack.js';
import { ALERTS, Balancer, HA_YAML, readyz, recordFigures } from './ha-stack.js';

const PASSWORD = 'ha-redis-pw-5e2b91c04d';
const SENTINEL_PASSWORD = 'ha-sentinel-pw-7a3f08d61e';

let group: RedisGroup | undefined;
let s: FaultStack | undefined;
afterAll(async () => {
  await s?.close();
  await group?.close();
});

interface Seen {
  at: number;
  bot: number;
  http: number;
  status: string;
}

describe('the Redis primary killed under two bots', () => {
  it('fails over to the replica: every operation completes once, no approval or alert is lost, /readyz says degraded then ready', async () => {
    group = await startRedisGroup({ password: PASSWORD, sentinelPassword: SENTINEL_PASSWORD });
    // Steps stay claimed longer than a failover takes, so no step runs twice while Redis is away.
    s = await startFaultStack({
      sentinel: { sentinels: group.sentinels, name: group.name, password: PASSWORD, sentinelPassword: SENTINEL_PASSWORD },
      yaml: HA_YAML,
      stepLockMs: 20_000,
      nomadTiming: { migrateMs: 40 },
    });
    const stack = s;
    const bots = [await stack.spawn(), await stack.spawn()];
    const lb = new Balancer(stack, bots);
    const type = (user: string, text: string) => lb.driver().slashCommand({ userId: user, channelId: CHANNEL, text });
    const find = (needle: string) => stack.messages().find((m) => stack.text(m).includes(needle));
    const applied = (needle: string) => stack.messages().find((m) => /^\S+ Applied/.test(stack.text(m)) && stack.text(m).includes(needle));
    const opIdOf = (m: StoredMessage) => /op-[a-z0-9]+/.exec(stack.text(m))![0];
    const press = (user: string, m: StoredMessage, label = 'Approve') => {
      const button = buttonsOf(m).find((b) => b.text.startsWith(label))!;
      return lb.driver().clickButton({ userId: user, channelId: CHANNEL, messageTs: m.ts, actionId: button.actionId });
    };
    const logged = (opId: string, msg: string) => stack.lines.some((l) => l.includes(`"opId":"${opId}"`) && l.includes(`"msg":"${msg}"`));

    // Awaiting approval, and one waiting behind it on the same job.
    await type('U0ALICE', 'scale mesosci-cs8 10');
    const awaiting = await eventually(() => find('Plan: scale ci-mesosci-cs8  8 → 10'), 20_000, 'the plan awaiting approval');
    await type('U0CAROL', 'scale mesosci-cs8 12');
    await eventually(() => find('waiting for op-'), 20_000, 'an operation waiting behind it');

    // Following: a drain whose builders take long to leave, approved and being followed.
    await type('U0ALICE', 'node drain alibuild01');
    const drainPlan = await eventually(() => find('Plan: drain alibuild01 (deadline 1h)'), 20_000, 'the drain plan');
    const drainOp = opIdOf(drainPlan);
    stack.nomad.controls.setMigrationDelay(8_000);
    await press('U0BOB', drainPlan);
    await eventually(() => logged(drainOp, 'apply progress'), 20_000, 'the drain being followed');

    // An alert before the failover.
    stack.nomad.controls.nodeDown('alibuild07');
    await eventually(() => alertsAbout('alibuild07').length > 0, 20_000, 'the node-down alert of alibuild07');

    // Applying: approved just now; the primary dies as soon as the approval is recorded.
    await type('U0ALICE', 'scale mesosci-slc9 5');
    const applyingPlan = await eventually(() => find('Plan: scale ci-mesosci-slc9  4 → 5'), 20_000, 'the plan to approve');
    const applyingOp = opIdOf(applyingPlan);
    const readiness = watchReadiness(bots);
    await press('U0BOB', applyingPlan);
    await eventually(() => logged(applyingOp, 'approval recorded'), 20_000, 'the approval recorded');

    const oldPrimary = await group.primaryPort();
    await group.kill9(oldPrimary);
    const killedAt = Date.now();
    // While there is no primary: Slack's requests are acknowledged at once, and a node goes down.
    const click = await press('U0BOB', awaiting);
    const command = await type('U0ALICE', 'scale mesosci-slc9-o2physics 3');
    stack.nomad.controls.nodeDown('alibuild08');
    expect([click.status, command.status]).toEqual([200, 200]);

    const newPrimary = await group.promoted(oldPrimary, 60_000);
    expect(group.servers).toContain(newPrimary);
    const backAt = await readiness.allReadyAfter(killedAt, 60_000);
    await readiness.stop();
    const failoverMs = backAt - killedAt;

    // Everything finishes: the waiting one plans once the first is applied, and is approved too.
    await eventually(() => applied('ci-mesosci-cs8 scaled 8 → 10'), 60_000, 'the approval clicked during the failover, applied');
    const next = await eventually(() => find('Plan: scale ci-mesosci-cs8  10 → 12'), 60_000, 'the waiting operation planned');
    await press('U0BOB', next);
    const o2 = await eventually(() => find('Plan: scale ci-mesosci-slc9-o2physics'), 60_000, 'the command typed during the failover, planned');
    await press('U0BOB', o2);
    // "Applied" or "Applied, partly placed": the drain and the downed nodes take capacity away.
    const finals = [
      'ci-mesosci-cs8 scaled 8 → 10',
      'ci-mesosci-cs8 scaled 10 → 12',
      'ci-mesosci-slc9 scaled 4 → 5',
      'ci-mesosci-slc9-o2physics scaled 2 → 3',
      'alibuild01 drained',
    ];
    await eventually(() => finals.every((f) => applied(f)), 60_000, 'every operation applied').catch((err: unknown) => {
      throw new Error(`${String(err)}; the channel reads:\n${stack.read().join('\n---\n')}`);
    });
    await eventually(() => alertsAbout('alibuild08').length > 0, 30_000, 'the alert of the node that went down during the failover');
    // Nothing more arrives: every bot has gone quiet (no step queued or running).
    await eventually(() => finals.every((f) => applied(f)) && stack.messages().length === finals.length, 10_000, 'one message per operation');

    const node01 = stack.nomad.state.node('alibuild01')!;
    const calls = {
      cs8: stack.scaleCalls('ci-mesosci-cs8'),
      slc9: stack.scaleCalls('ci-mesosci-slc9'),
      o2: stack.scaleCalls('ci-mesosci-slc9-o2physics'),
      drain: stack.nomad.state.requestCount(`POST /v1/node/${node01.ID}/drain`),
    };
    const expected = { cs8: 2, slc9: 1, o2: 1, drain: 1 };
    const alertCounts = ['alibuild07', 'alibuild08'].map((n) => alertsAbout(n).length);
    const lost =
      finals.filter((f) => !applied(f)).length +
      Object.entries(expected).filter(([k, n]) => calls[k as keyof typeof calls] < n).length +
      alertCounts.filter((n) => n === 0).length;
    const duplicated =
      Object.entries(expected).reduce((d, [k, n]) => d + Math.max(0, calls[k as keyof typeof calls] - n), 0) +
      alertCounts.reduce((d, n) => d + Math.max(0, n - 1), 0) +
      Math.max(0, stack.messages().length - finals.length);
    recordFigures('failover', { failoverMs, lost, duplicated });
    console.log(`failover: primary 127.0.0.1:${oldPrimary} killed, 127.0.0.1:${newPrimary} promoted; every bot ready again after ${failoverMs} ms`);

    expect(calls).toEqual(expected);
    expect(alertCounts).toEqual([1, 1]);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
    // The approval recorded just before the kill survived it (WAIT): applied as approved by bob, once.
    const slc9 = applied('ci-mesosci-slc9 scaled 4 → 5')!;
    expect(slc9.ts).toBe(applyingPlan.ts);
    expect(stack.text(slc9)).toContain('approved by @bob');
    // /readyz: degraded (200) while no primary answered, never "not ready", ready again after.
    const during = readiness.seen.filter((x) => x.at >= killedAt && x.at < backAt);
    expect(during.some((x) => x.status === 'degraded' && x.http === 200)).toBe(true);
    expect(during.filter((x) => x.http !== 200)).toEqual([]);
    for (const bot of bots) expect((await readyz(bot)).body.status).toBe('ready');

    function alertsAbout(node: string): StoredMessage[] {
      return stack.slack.store.topLevel(ALERTS).filter((m) => m.text.includes(node));
    }
  });
});

/** Polls every bot's /readyz until stopped, keeping what each said and when. */
function watchReadiness(bots: BotProcess[]) {
  const seen: Seen[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await Promise.all(
        bots.map(async (bot, i) => {
          const at = Date.now();
          const r = await readyz(bot).catch(() => ({ status: 0, body: { status: 'no answer', checks: {} } }));
          seen.push({ at, bot: i, http: r.status, status: r.body.status });
        }),
      );
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    seen,
    stop: () => {
      stopped = true;
      return loop;
    },
    /** When every bot was ready again for good after `t` (each had said something else since `t`, one at least). */
    allReadyAfter: (t: number, timeoutMs: number) =>
      eventually(
        () => {
          const per = bots.map((_, i) => seen.filter((x) => x.bot === i && x.at >= t));
          if (!per.some((xs) => xs.some((x) => x.status !== 'ready'))) return undefined;
          const back = per.map((xs) => {
            let lastDown = -1;
            xs.forEach((x, j) => {
              if (x.status !== 'ready') lastDown = j;
            });
            const tail = xs.slice(lastDown + 1);
            return tail.length >= 2 ? tail[0]!.at : undefined;
          });
          return back.every((b) => b !== undefined) ? Math.max(...(back as number[])) : undefined;
        },
        timeoutMs,
        'every bot ready again',
      ),
  };
}
