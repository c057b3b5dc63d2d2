import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/levant/render.js';
import { parseYamlVars } from '../../src/levant/var-files.js';
import { stringMap } from '../../src/levant/values.js';
import { printfCall, template, yamlVars } from './gen.js';
import { ORACLE_ENV, type Oracle, type OracleCase, buildOracle } from './oracle.js';

function ours(c: OracleCase): { out: string; err: string | null } {
  try {
    const data = stringMap(parseYamlVars(c.yaml));
    return { out: renderText(c.name, c.template, data, { templateDir: '/nonexistent', env: ORACLE_ENV }), err: null };
  } catch (e) {
    return { out: '', err: e instanceof Error ? e.message : String(e) };
  }
}

// Go 1.19 (the oracle) predates `range` over integers (Go 1.22), which we implement.
const rangeOverInt = /range can't iterate over -?\d+$/;

/** Compares our renderer with Go on generated cases; returns how many succeeded in Go. */
function compare(oracle: Oracle, cases: OracleCase[]): { ok: number; failed: number } {
  const expected = oracle(cases);
  const compared = cases.map((c, i) => ({ c, want: expected[i]!, got: ours(c) })).filter(({ want }) => !rangeOverInt.test(want.err ?? ''));
  expect(compared.length).toBeGreaterThan(cases.length * 0.85);
  const mismatches = compared.filter(({ want, got }) => want.err !== got.err || (want.err === null && want.out !== got.out));
  const report = mismatches.slice(0, 5).map(({ c, want, got }) =>
    `--- template:\n${c.template}\n--- yaml:\n${c.yaml}--- go:     ${JSON.stringify(want)}\n--- ours:   ${JSON.stringify(got)}`);
  expect(report.join('\n\n')).toBe('');
  return { ok: compared.filter(({ want }) => want.err === null).length, failed: compared.filter(({ want }) => want.err !== null).length };
}

const oracle = buildOracle();

describe('differential: our renderer against Go text/template + Sprig (test/levant/oracle)', () => {
  it('renders 300 generated templates byte for byte like Go, errors included', () => {
    if (!oracle) return; // buildOracle warned loudly (and throws on CI)
    const cases = fc.sample(fc.tuple(template, yamlVars), { numRuns: 300, seed: 20240611 })
      .map(([t, y]) => ({ name: 'ci.nomad', template: t, yaml: y }));
    const { ok, failed } = compare(oracle, cases);
    expect(ok).toBeGreaterThan(100);
    expect(failed).toBeGreaterThan(10);
  });

  it('formats 200 generated printf calls like Go fmt (flags, width, precision, bad verbs)', () => {
    if (!oracle) return;
    const cases = fc.sample(fc.tuple(fc.array(printfCall, { minLength: 1, maxLength: 3 }), yamlVars), { numRuns: 200, seed: 7 })
      .map(([calls, y]) => ({ name: 'fmt.nomad', template: calls.join('\n'), yaml: y }));
    const { ok } = compare(oracle, cases);
    expect(ok).toBeGreaterThan(120);
  });
});
