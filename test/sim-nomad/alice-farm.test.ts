/**
 * The simulator's starting farm is its own data (sim/nomad/scenario/alice-farm, rendered by Go's
 * text/template through scripts/sim-farm.ts), not a render by the bot's Levant code. These tests
 * tie it to the example declarations from both sides: Go renders them to exactly these files, and
 * so must our renderer — a broken `eq` in src/levant fails here and shows as drift in `/ci drift`.
 * (.dependency-cruiser.cjs forbids sim/nomad from importing src/ at all.)
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDeclarations } from '../../src/declarations/index.js';
import { ALICE_FARM, farmHcl } from '../../sim/nomad/scenario/declared-jobs.js';
import { buildOracle } from '../levant/oracle.js';

const EXAMPLES = 'examples/ci-jobs';
const REGENERATE = 'the farm is out of date: run `npx tsx scripts/sim-farm.ts` and commit sim/nomad/scenario/alice-farm';

/** Each example instance with the farm file that holds its deployed HCL. */
async function instances() {
  const declarations = await loadDeclarations(EXAMPLES);
  return declarations.list().map((i) => ({
    farmFile: join(ALICE_FARM, i.varFile ? `${i.dir}/${i.name}.nomad` : `${i.name}.nomad`),
    render: () => declarations.render(i),
    instance: i,
  }));
}

describe('the simulated farm', () => {
  it('holds one file per example declaration, and nothing else', async () => {
    const all = await instances();
    expect(all).toHaveLength(7);
    expect(farmHcl()).toHaveLength(all.length);
    for (const { farmFile } of all) expect(() => readFileSync(farmFile)).not.toThrow();
  });

  it('is exactly what our Levant renderer makes of the declarations (a broken renderer fails here)', async () => {
    for (const { farmFile, render } of await instances()) {
      expect(await render(), `${relative(ALICE_FARM, farmFile)}: our render differs from the farm`).toBe(readFileSync(farmFile, 'utf8'));
    }
  });

  it("is exactly what Go's text/template makes of the declarations", async () => {
    const oracle = buildOracle();
    if (!oracle) return; // buildOracle warned loudly (and throws on CI)
    const templated = (await instances()).filter((x) => x.instance.varFile);
    const results = oracle(
      templated.map(({ instance: i }) => ({
        name: i.templatePath.split('/').pop()!,
        template: readFileSync(i.templatePath, 'utf8'),
        vars: readFileSync(i.varFile!, 'utf8'),
      })),
    );
    templated.forEach(({ farmFile }, n) => {
      expect(results[n]!.err).toBeNull();
      expect(results[n]!.out, `${relative(ALICE_FARM, farmFile)}: ${REGENERATE}`).toBe(readFileSync(farmFile, 'utf8'));
    });
    for (const { farmFile, instance } of await instances()) {
      if (!instance.varFile) expect(readFileSync(farmFile, 'utf8'), REGENERATE).toBe(readFileSync(instance.templatePath, 'utf8'));
    }
  });
});
