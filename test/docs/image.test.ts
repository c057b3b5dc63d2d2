/**
 * The production image carries no simulator (issue 15.8): `npm run build` compiles only the bot
 * (src, commands, jobs and what they import), and the Dockerfile copies nothing of sim/, test/ or bench/.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const NOT_SHIPPED = ['sim', 'test', 'bench', 'scripts'];

describe('the production build and image', () => {
  it('compiles no simulator, test or benchmark file', () => {
    const tsc = resolve(ROOT, 'node_modules/typescript/bin/tsc');
    // Exactly the files `npm run build` (tsc -p tsconfig.build.json) emits, imports followed.
    const out = execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--listFilesOnly'], { cwd: ROOT, encoding: 'utf8' });
    const top = new Set(
      out
        .split('\n')
        .filter((f) => f && !f.includes('/node_modules/'))
        .map((f) => relative(ROOT, f).split('/')[0]),
    );
    expect([...top].sort()).toEqual(['commands', 'jobs', 'src']);
    const config = JSON.parse(readFileSync(resolve(ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[] };
    expect(config.include.filter((p) => NOT_SHIPPED.includes(p.split('/')[0]!))).toEqual([]);
    // tsc resolves every import of the build: seconds alone, over 20 s on a busy 2-core machine.
  }, 120_000);

  it('copies no simulator, test or benchmark into the image', () => {
    const copies = readFileSync(resolve(ROOT, 'Dockerfile'), 'utf8')
      .split('\n')
      .filter((l) => /^\s*(COPY|ADD)\s/i.test(l) && !/--from=/.test(l))
      .flatMap((l) => l.trim().split(/\s+/).slice(1, -1));
    expect(copies.filter((src) => NOT_SHIPPED.includes(src.replace(/^\.\//, '').split('/')[0]!))).toEqual([]);
    expect(copies).toEqual(expect.arrayContaining(['src', 'commands', 'jobs']));
  });
});
