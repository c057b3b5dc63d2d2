import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DiffCase, compareAll } from './compare.js';
import { printfCall, template, yamlVars } from './gen.js';
import { buildOracle } from './oracle.js';

// Go 1.19 (the oracle) predates `range` over integers (Go 1.22), which Levant 0.4 (Go 1.24) has.
const rangeOverInt = /range can't iterate over -?\d+$/;

const oracle = buildOracle();

/** Generated cases whose Go answer does not depend on Go 1.22's range-over-int. */
function withoutRangeOverInt(cases: DiffCase[]): DiffCase[] {
  const answers = oracle!(cases);
  const kept = cases.filter((_, i) => !rangeOverInt.test(answers[i]!.err ?? ''));
  expect(kept.length).toBeGreaterThan(cases.length * 0.85);
  return kept;
}

describe('differential: our renderer against Go text/template + Sprig (test/levant/oracle)', () => {
  it('renders 300 generated templates byte for byte like Go, errors included', () => {
    if (!oracle) return; // buildOracle warned loudly (and throws on CI)
    const cases = fc.sample(fc.tuple(template, yamlVars), { numRuns: 300, seed: 20240611 }).map(([t, y]) => ({ name: 'ci.nomad', template: t, vars: y }));
    const { ok, failed } = compareAll(oracle, withoutRangeOverInt(cases));
    expect(ok).toBeGreaterThan(100);
    expect(failed).toBeGreaterThan(10);
  });

  it('formats 200 generated printf calls like Go fmt (flags, width, precision, bad verbs)', () => {
    if (!oracle) return;
    const cases = fc
      .sample(fc.tuple(fc.array(printfCall, { minLength: 1, maxLength: 3 }), yamlVars), { numRuns: 200, seed: 7 })
      .map(([calls, y]) => ({ name: 'fmt.nomad', template: calls.join('\n'), vars: y }));
    const { ok } = compareAll(oracle, cases);
    expect(ok).toBeGreaterThan(120);
  });
});
