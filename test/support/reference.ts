/** Paths to the shared reference material (fixtures copied verbatim from upstream docs). */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REFERENCE_DIR = resolve(import.meta.dirname, '../../../shared/reference');
export const fixturePath = (...parts: string[]) => join(REFERENCE_DIR, 'fixtures', ...parts);
export const readFixture = (...parts: string[]) => readFileSync(fixturePath(...parts), 'utf8');
export const readJsonFixture = (...parts: string[]): unknown => JSON.parse(readFixture(...parts));
export const listFixtures = (dir: string, suffix: string) =>
  readdirSync(fixturePath(dir)).filter((f) => f.endsWith(suffix)).sort();
