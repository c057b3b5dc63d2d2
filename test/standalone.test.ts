/**
 * Tests stand alone (issue 13.10): a clone anywhere must pass, so nothing that runs in `npm test`
 * (tests, simulators, scripts, benchmarks) may name a path outside the checkout — no absolute
 * `/work/...` path and no relative path that climbs above the repository root.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SCANNED = ['test', 'sim', 'bench', 'scripts', 'vitest.config.ts'];

function sourceFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return /\.(ts|mts|js|mjs|cjs)$/.test(path) ? [path] : [];
  return readdirSync(path).flatMap((name) => (name === 'node_modules' ? [] : sourceFiles(join(path, name))));
}

/** Every quoted string in a file that looks like a filesystem path. */
function pathLiterals(text: string): string[] {
  return [...text.matchAll(/(['"`])((?:\.\.\/|\/)[^'"`\s]*)\1/g)].map((m) => m[2] as string);
}

function escapes(file: string, literal: string): boolean {
  // Absolute paths in tests are mostly data (`/home/op/cert.pem` in a config); this machine's shared tree is not.
  if (literal.startsWith('/')) return literal.startsWith('/work/');
  return relative(ROOT, resolve(dirname(file), literal)).startsWith('..');
}

describe('the checkout stands alone', () => {
  it('names no path outside the repository', () => {
    const files = SCANNED.flatMap((entry) => sourceFiles(join(ROOT, entry))).filter((f) => f !== import.meta.filename);
    const offenders = files.flatMap((file) =>
      pathLiterals(readFileSync(file, 'utf8'))
        .filter((literal) => escapes(file, literal))
        .map((literal) => `${relative(ROOT, file)}: ${literal}`),
    );
    expect(offenders).toEqual([]);
  });

  it('recognises both kinds of escape', () => {
    const file = join(ROOT, 'test', 'support', 'x.ts');
    expect(escapes(file, '/wor' + 'k/shared/reference/fixtures/nomad')).toBe(true);
    expect(escapes(file, '../../../shared/reference')).toBe(true);
    expect(escapes(file, '../fixtures')).toBe(false);
    expect(escapes(file, '/v1/jobs')).toBe(false);
  });
});
