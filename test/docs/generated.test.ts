/**
 * The generated references match the code: docs/configuration.md (zod schema) and docs/commands.md
 * (command registry). When this fails, run `npm run docs` and commit the result.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { configReference } from '../../scripts/config-reference.js';
import { generatedDocs } from '../../scripts/docs.js';

describe('generated docs', () => {
  it('are current (run `npm run docs` when this fails)', () => {
    for (const [path, text] of Object.entries(generatedDocs())) {
      expect(readFileSync(path, 'utf8'), `${path} is out of date: run npm run docs`).toBe(text);
    }
  });

  it('give every key of chatops.yaml and every environment variable a meaning (objects may rely on their keys)', () => {
    const { markdown, undocumented } = configReference();
    const containers = new Set(
      markdown
        .split('\n')
        .filter((l) => l.includes('| object |'))
        .map((l) => /^\| `([^`]+)`/.exec(l)?.[1]),
    );
    // Two monitor settings (src/monitors/config.ts) still lack a TSDoc comment.
    expect(undocumented.filter((k) => !containers.has(k))).toEqual(['monitors.restartLoopWindowMs', 'monitors.alerts.defaultChannel']);
    for (const key of ['access.expiry', 'access.classes.<name>.approvals', 'observability.dashboard', 'SLACK_APP_TOKEN', 'METRICS_TOKEN', 'NOMAD_ADDR']) {
      expect(markdown).toMatch(new RegExp(`^\\| \`${key.replace(/[.<>]/g, '\\$&')}\` \\|`, 'm'));
    }
    expect(markdown).toContain('| `access.expiry` | duration | `30m` | How long a plan waits for approval. |');
  });

  it('document every command of the registry with its usage and examples, as /ci help shows them', () => {
    const doc = readFileSync('docs/commands.md', 'utf8');
    for (const c of commands) {
      expect(doc).toContain(`## \`/ci ${c.name}\``);
      expect(doc).toContain(c.usage);
      for (const e of c.examples) expect(doc).toContain(`- \`${e}\``);
    }
  });
});
