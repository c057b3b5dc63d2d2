/**
 * Issue 16 (small): `npm start` against a Nomad that does not answer says so in one clear line —
 * which dependency, where, why, what to check — and once more when it answers, instead of only
 * repeating `fetch failed`. First the module on its own, then the real `npm start` entry point.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckLine } from '../../src/cli/dependency-checks.js';
import type { Clock } from '../../src/clock.js';
import { createLogger } from '../../src/log.js';
import { reportReachability, type Dependency } from '../../src/reachability.js';
import { freePort } from '../../sim/http/server.js';
import { startSlackSim, type SlackSim } from '../../sim/slack/index.js';
import { eventually } from '../support/eventually.js';
import { BOT_TOKEN, deletePrefix, REDIS_URL } from '../support/stack.js';

/** Timers that fire only when the test says so. */
function manualClock() {
  const due: (() => void)[] = [];
  const clock: Clock = {
    now: () => 0,
    after: (_ms, fn) => {
      due.push(fn);
      return { cancel: () => due.splice(due.indexOf(fn) >>> 0, 1) };
    },
    every: () => ({ cancel: () => undefined }),
  };
  return {
    clock,
    fire: () => {
      for (const fn of due.splice(0)) fn();
    },
    pending: () => due.length,
  };
}

function capture() {
  const lines: { level: number; msg: string; dependency?: string }[] = [];
  const log = createLogger({
    destination: new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString()) as (typeof lines)[number]);
        done();
      },
    }),
  });
  return { log, lines };
}

const answers = (...marks: CheckLine['mark'][]) => {
  let i = 0;
  return async (): Promise<CheckLine> => {
    const mark = marks[Math.min(i++, marks.length - 1)]!;
    return {
      mark,
      name: 'nomad',
      detail: mark === '✘' ? 'http://127.0.0.1:4646: connect ECONNREFUSED 127.0.0.1:4646' : 'http://127.0.0.1:4646 leader 10.0.0.1:4647',
    };
  };
};

describe('reportReachability', () => {
  it('logs one error naming the dependency, address and reason, rechecks quietly, and says when it answers', async () => {
    const { log, lines } = capture();
    const time = manualClock();
    const nomad: Dependency = { name: 'Nomad', hint: 'check NOMAD_ADDR', check: answers('✘', '✘', '✘', '✔') };
    const r = reportReachability([nomad], log, { clock: time.clock, retryMs: 30_000 });
    for (let i = 0; i < 3; i++) {
      await eventually(() => time.pending() === 1, 2_000, 'a recheck to be scheduled');
      time.fire();
    }
    await r.settled;
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [50, 'Cannot use Nomad: http://127.0.0.1:4646: connect ECONNREFUSED 127.0.0.1:4646. The bot keeps retrying; check NOMAD_ADDR.'],
      [30, 'Nomad answers again: http://127.0.0.1:4646 leader 10.0.0.1:4647'],
    ]);
  });

  it('says nothing about a dependency that answers, and stop() ends the rechecks', async () => {
    const { log, lines } = capture();
    const time = manualClock();
    const r = reportReachability(
      [
        { name: 'Redis', hint: 'check REDIS_URL', check: answers('✔') },
        { name: 'Nomad', hint: 'check NOMAD_ADDR', check: answers('✘') },
      ],
      log,
      { clock: time.clock },
    );
    await eventually(() => time.pending() === 1, 2_000, 'the recheck of Nomad');
    r.stop();
    expect(time.pending()).toBe(0);
    expect(lines.map((l) => l.dependency)).toEqual(['Nomad']);
  });
});

describe('npm start against a Nomad that does not answer', () => {
  let slack: SlackSim;
  const prefix = `reach-${process.pid}`;
  const dir = mkdtempSync(join(tmpdir(), 'ci-chatops-reach-'));
  const config = join(dir, 'chatops.yaml');
  beforeAll(async () => {
    writeFileSync(config, `redis:\n  prefix: ${prefix}\n`);
    slack = await startSlackSim({ botToken: BOT_TOKEN });
  });
  afterAll(async () => {
    await slack.close();
    await deletePrefix(prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs one line saying Nomad cannot be used, where and why, however often the watch retries', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: 'reachability-test-secret',
        SLACK_API_URL: slack.apiUrl,
        NOMAD_ADDR: `http://127.0.0.1:${port}`,
        REDIS_URL,
        CHATOPS_CONFIG: config,
        PORT: '0',
        METRICS_PORT: '0',
      },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      // Several retries of the event stream later, still exactly one clear line.
      await eventually(() => (out.match(/nomad event stream interrupted/g) ?? []).length >= 3, 60_000, 'the event stream to retry');
      const clear = out.split('\n').filter((l) => l.includes('Cannot use Nomad'));
      expect(clear).toHaveLength(1);
      expect(JSON.parse(clear[0]!)).toMatchObject({
        level: 50,
        dependency: 'Nomad',
        msg: `Cannot use Nomad: http://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}. The bot keeps retrying; check NOMAD_ADDR (or nomad.address), NOMAD_TOKEN and the TLS variables.`,
      });
      expect(out).not.toContain('Cannot use Slack');
      expect(out).not.toContain('Cannot use Redis');
    } finally {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('close', done));
    }
  }, 90_000);
});
