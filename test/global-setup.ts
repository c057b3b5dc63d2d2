/**
 * The secrets scan of the whole suite (issue 7 item 4). Before the run: a fresh directory the
 * stacks write everything they emitted to (test/security/emitted.ts). After the run: every
 * emitted item is searched for every known secret; one hit fails `npm test`.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMITTED_DIR_ENV, SECRETS_FILE, type EmittedItem } from './security/emitted.js';

export interface ScanReport {
  items: number;
  secrets: number;
  hits: string[];
}

export function setup(): void {
  const runId = `${Date.now()}-${process.pid}`;
  const dir = join(tmpdir(), `ci-chatops-emitted-${runId}`);
  mkdirSync(dir, { recursive: true });
  // Test workers are forked after global setup and inherit this environment.
  process.env[EMITTED_DIR_ENV] = dir;
}

export function teardown(): void {
  const dir = process.env[EMITTED_DIR_ENV];
  if (!dir) return;
  const report = scanEmitted(dir);
  const summary = `secrets scan: ${report.items} emitted items scanned for ${report.secrets} known secrets, ${report.hits.length} found`;
  if (report.hits.length > 0) {
    // Kept for inspection; the exit code makes `npm test` red even when every test passed.
    process.stderr.write(`\n${summary} (emitted data kept in ${dir}):\n${report.hits.slice(0, 20).join('\n')}\n`);
    process.exitCode = 1;
    throw new Error(`${summary}: a secret reached Slack or the logs`);
  }
  process.stdout.write(`\n${summary}\n`);
  rmSync(dir, { recursive: true, force: true });
}

/** Searches every emitted item for every known secret; a hit names the secret by its first characters only. */
export function scanEmitted(dir: string): ScanReport {
  const files = readdirSync(dir);
  const secrets = new Set<string>();
  if (files.includes(SECRETS_FILE)) {
    for (const line of readFileSync(join(dir, SECRETS_FILE), 'utf8').split('\n')) if (line) secrets.add(JSON.parse(line) as string);
  }
  const hits: string[] = [];
  let items = 0;
  for (const f of files.filter((n) => n.startsWith('emitted-'))) {
    const batch = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { source: string; items: EmittedItem[] };
    for (const item of batch.items) {
      items++;
      for (const s of secrets) {
        if (item.text.includes(s) || item.text.includes(JSON.stringify(s).slice(1, -1))) {
          hits.push(`  ${s.slice(0, 4)}… in a ${item.kind} of ${batch.source}`);
        }
      }
    }
  }
  return { items, secrets: secrets.size, hits };
}
