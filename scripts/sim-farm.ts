/**
 * Writes the Nomad simulator's starting farm (sim/nomad/scenario/alice-farm/) from the example
 * declarations (examples/ci-jobs), rendered by Go's own text/template with Sprig and Levant's
 * functions (the oracle of test/levant), never by our renderer: the simulator must not borrow the
 * code it tests, so a bug in src/levant shows as drift instead of being deployed into the farm.
 *
 *   npx tsx scripts/sim-farm.ts      (needs Go; see README "The Levant renderer")
 *
 * test/sim-nomad/alice-farm.test.ts fails when the files and the declarations disagree.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOracle } from '../test/levant/oracle.js';

const EXAMPLES = 'examples/ci-jobs';
const FARM = 'sim/nomad/scenario/alice-farm';

const oracle = buildOracle();
if (!oracle) throw new Error('Go is needed to render the farm (the oracle of test/levant)');

rmSync(FARM, { recursive: true, force: true });
mkdirSync(FARM, { recursive: true });
const entries = readdirSync(EXAMPLES)
  .filter((e) => !e.startsWith('.'))
  .sort();
// Root jobs are plain HCL, deployed as they are.
for (const e of entries) if (e.endsWith('.nomad')) writeFileSync(join(FARM, e), readFileSync(join(EXAMPLES, e)));
for (const dir of entries) {
  const src = join(EXAMPLES, dir);
  if (!statSync(src).isDirectory()) continue;
  const files = readdirSync(src).sort();
  const templates = files.filter((f) => f.endsWith('.nomad'));
  if (templates.length !== 1) continue;
  const template = readFileSync(join(src, templates[0]!), 'utf8');
  const varFiles = files.filter((f) => /\.ya?ml$/.test(f));
  const results = oracle(varFiles.map((v) => ({ name: templates[0]!, template, vars: readFileSync(join(src, v), 'utf8') })));
  mkdirSync(join(FARM, dir), { recursive: true });
  varFiles.forEach((v, i) => {
    const r = results[i]!;
    if (r.err !== null) throw new Error(`${dir}/${v}: ${r.err}`);
    writeFileSync(join(FARM, dir, v.replace(/\.ya?ml$/, '.nomad')), r.out);
  });
}
process.stdout.write(`wrote ${FARM}\n`);
