/**
 * `npm run test:ha` ends with one line of figures: how long the Sentinel failover took until every
 * bot was ready again, how long the monitor lease took to move after its holder was killed, and
 * what was lost or duplicated (operations, approvals, alerts). Each test writes its part
 * (test/ha/ha-stack.ts `recordFigures`) into a directory the workers inherit.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIGURES_ENV } from './ha-stack.js';

export function setup(): void {
  const dir = join(tmpdir(), `ci-chatops-ha-figures-${Date.now()}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  process.env[FIGURES_ENV] = dir;
}

export function teardown(): void {
  const dir = process.env[FIGURES_ENV];
  if (!dir) return;
  const all: Record<string, number>[] = readdirSync(dir).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, number>);
  rmSync(dir, { recursive: true, force: true });
  const pick = (key: string) => all.find((f) => f[key] !== undefined)?.[key];
  const sum = (key: string) => all.reduce((n, f) => n + (f[key] ?? 0), 0);
  const ms = (v: number | undefined) => (v === undefined ? 'not measured' : `${Math.round(v)} ms`);
  process.stdout.write(`\nfailover: ${ms(pick('failoverMs'))}, takeover: ${ms(pick('takeoverMs'))}, lost ${sum('lost')}, duplicated ${sum('duplicated')}\n`);
}
