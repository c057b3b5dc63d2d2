/** Paths to the upstream samples copied verbatim into test/fixtures (test/fixtures/README.md names each source). */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const FIXTURES_DIR = resolve(import.meta.dirname, '../fixtures');
export const fixturePath = (...parts: string[]) => join(FIXTURES_DIR, ...parts);
export const readFixture = (...parts: string[]) => readFileSync(fixturePath(...parts), 'utf8');
export const readJsonFixture = (...parts: string[]): unknown => JSON.parse(readFixture(...parts));
export const listFixtures = (dir: string, suffix: string) =>
  readdirSync(fixturePath(dir))
    .filter((f) => f.endsWith(suffix))
    .sort();
