/**
 * `npm run bench` (full, several minutes) or `npm run bench -- --quick` (< 60 s): measures the bot
 * against the simulators on this machine, prints a table with targets and writes bench/results.json.
 */
import { writeFileSync } from 'node:fs';
import { ackLatency } from './ack.js';
import { planPath } from './plan-path.js';
import type { Figure } from './stats.js';
import { throughput } from './throughput.js';
import { alertLatency, storm } from './alerts.js';
import { scale } from './scale.js';

const quick = process.argv.includes('--quick');
const sections: [string, (quick: boolean) => Promise<Figure[]>][] = [
  ['ack latency', ackLatency],
  ['plan path', planPath],
  ['alert latency', alertLatency],
  ['scale', scale],
  ['storm', storm],
  ['throughput', throughput],
];

/** `--only scale` (repeatable) runs just those sections, e.g. after a fix. */
const only = process.argv.flatMap((a, i) => (process.argv[i - 1] === '--only' ? [a] : []));

async function main(): Promise<number> {
  const figures: Figure[] = [];
  for (const [name, run] of sections.filter(([n]) => only.length === 0 || only.some((o) => n.startsWith(o)))) {
    const t0 = performance.now();
    process.stderr.write(`bench: ${name}…`);
    try {
      figures.push(...(await run(quick)));
    } catch (err) {
      figures.push({ name: `${name}: did not complete`, value: NaN, unit: '', target: 'completes', pass: false });
      process.stderr.write(` failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    process.stderr.write(` ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  printTable(figures);
  const path = new URL('./results.json', import.meta.url);
  writeFileSync(path, `${JSON.stringify(figures, null, 2)}\n`);
  process.stdout.write(
    `\n${figures.filter((f) => f.pass).length}/${figures.length} figures meet their target (${quick ? 'quick' : 'full'} run). Written to bench/results.json.\n`,
  );
  return 0;
}

function printTable(figures: Figure[]): void {
  const rows = figures.map((f) => [f.name, `${Number.isNaN(f.value) ? '—' : f.value} ${f.unit}`.trim(), f.target, f.pass ? 'pass' : 'FAIL']);
  const head = ['figure', 'value', 'target', ''];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(w[i]!)).join('  ');
  process.stdout.write(`${line(head)}\n${w.map((n) => '-'.repeat(n)).join('  ')}\n${rows.map(line).join('\n')}\n`);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
