/**
 * What the high-availability tests share (issue 18): the configuration of a farm with a node
 * class, a load balancer in front of the bot processes (Slack's HTTP requests reach any live
 * replica), /readyz of each process, and the figures `npm run test:ha` prints at the end.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import type { SlackDriver } from '../../sim/slack/index.js';
import type { BotProcess } from '../faults/bot-process.js';
import type { FaultStack } from '../faults/fault-stack.js';

export const HA_YAML = `
access:
  groups:
    ci-admins: [U0BOB, U0CAROL]
    operators: [U0ALICE, U0BOB, U0CAROL]
  classes:
    nomad-mutate:
      request: ["@operators"]
      approve: ["@ci-admins"]
      channels: [C0CIOPS]
    node:
      request: ["@operators"]
      approve: ["@ci-admins"]
      channels: [C0CIOPS]
scale:
  maxCount: 40
  jobs:
    ci-mesosci-cs8: { maxCount: 20 }
`;

export const ALERTS = 'C0ALERTS';
export const FIGURES_ENV = 'CHATOPS_HA_FIGURES';

/** Round-robin over the processes still alive, as a load balancer in front of the replicas would. */
export class Balancer {
  private next = 0;
  readonly dead = new Set<BotProcess>();

  constructor(
    private readonly stack: FaultStack,
    readonly bots: BotProcess[],
  ) {
    for (const b of bots) void b.exited.then(() => this.dead.add(b));
  }

  get live(): BotProcess[] {
    return this.bots.filter((b) => !this.dead.has(b));
  }

  driver(): SlackDriver {
    const live = this.live;
    if (live.length === 0) throw new Error('no bot process is alive');
    return this.stack.driver(live[this.next++ % live.length]!);
  }
}

/** `{ status, body }` of a process's /readyz (`status` is the HTTP status). */
export async function readyz(bot: BotProcess): Promise<{ status: number; body: { status: string; checks: Record<string, string> } }> {
  const res = await request(`http://127.0.0.1:${bot.metricsPort}/readyz`, { headersTimeout: 5_000, bodyTimeout: 5_000 });
  return { status: res.statusCode, body: (await res.body.json()) as { status: string; checks: Record<string, string> } };
}

/** The process whose pid the monitor lease names (its value is host:pid:random). */
export function leaseHolder(bots: BotProcess[], lease: string | null): BotProcess | undefined {
  const pid = lease ? Number(lease.split(':').at(-2)) : Number.NaN;
  return bots.find((b) => b.pid === pid);
}

/** Kept for the summary line of `npm run test:ha` (test/ha/figures-setup.ts). */
export function recordFigures(name: string, figures: Record<string, number>): void {
  const dir = process.env[FIGURES_ENV];
  console.log(`${name}: ${JSON.stringify(figures)}`);
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(figures));
}
