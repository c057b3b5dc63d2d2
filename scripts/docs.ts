/**
 * `npm run docs`: regenerates docs/configuration.md (from the zod schema) and docs/commands.md
 * (from the command registry). `--check` only compares, exiting 1 when a file is out of date.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { commandReference } from './command-reference.js';
import { configReference } from './config-reference.js';

export function generatedDocs(root = process.cwd()): Record<string, string> {
  return { 'docs/configuration.md': configReference(root).markdown, 'docs/commands.md': commandReference() };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  let stale = 0;
  mkdirSync('docs', { recursive: true });
  for (const [path, text] of Object.entries(generatedDocs())) {
    const current = (() => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    })();
    if (current === text) continue;
    if (check) {
      process.stderr.write(`${path} is out of date: run \`npm run docs\`\n`);
      stale++;
    } else {
      writeFileSync(path, text);
      process.stdout.write(`wrote ${path}\n`);
    }
  }
  process.exit(stale ? 1 : 0);
}
