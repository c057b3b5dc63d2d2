/**
 * Runs cases through our renderer and the Go oracle and reports every difference. A case can
 * state where Levant 0.4 as built (Go 1.24, Sprig 3.3.0) differs from the Debian oracle
 * (Go 1.19, Sprig 3.2.3): then ours must give `levant` instead of the oracle's answer.
 */
import { expect } from 'vitest';
import { renderText } from '../../src/levant/render.js';
import { decodeVarFile } from '../../src/levant/var-files.js';
import { stringMap } from '../../src/levant/values.js';
import { ORACLE_ENV, type Oracle, type OracleCase, type OracleResult } from './oracle.js';

export interface DiffCase extends OracleCase {
  /** What Levant 0.4 gives where the Debian oracle cannot (newer Go or Sprig), and why. */
  levant?: OracleResult & { why: string };
  /** Only that both fail, not the text (e.g. YAML syntax errors, worded by another parser). */
  anyError?: true;
}

export function ours(c: OracleCase): OracleResult {
  try {
    const vars = stringMap(decodeVarFile(c.vars, `.${c.varsKind ?? 'yaml'}`, `${c.name}.${c.varsKind ?? 'yaml'}`));
    return { out: renderText(c.name, c.template, vars, { templateDir: '/nonexistent', env: ORACLE_ENV, delims: c.delims }), err: null };
  } catch (e) {
    return { out: '', err: e instanceof Error ? e.message : String(e) };
  }
}

export interface Comparison {
  /** Cases Go rendered without error. */
  ok: number;
  /** Cases Go refused (parse, exec or var-file errors), with the same error from us. */
  failed: number;
  /** Cases where Levant 0.4 differs from the Debian oracle (see DiffCase.levant). */
  stated: number;
}

function same(want: OracleResult, got: OracleResult, anyError: boolean): boolean {
  if (want.err !== null || got.err !== null) {
    if (want.err === null || got.err === null) return false;
    return anyError || want.err === got.err;
  }
  return want.out === got.out;
}

/** Compares every case and fails the test with the first mismatches shown. */
export function compareAll(oracle: Oracle, cases: DiffCase[]): Comparison {
  const expected = oracle(cases);
  const rows = cases.map((c, i) => {
    const want = c.levant ?? expected[i]!;
    return { c, want, got: ours(c) };
  });
  const mismatches = rows.filter(({ c, want, got }) => !same(want, got, c.anyError === true));
  const report = mismatches
    .slice(0, 8)
    .map(
      ({ c, want, got }) =>
        `--- ${c.name}: template:\n${c.template}\n--- vars (${c.varsKind ?? 'yaml'}):\n${c.vars}\n--- want:   ${JSON.stringify(want)}\n--- ours:   ${JSON.stringify(got)}`,
    );
  expect(`${mismatches.length} of ${cases.length} differ\n${report.join('\n\n')}`).toBe(`0 of ${cases.length} differ\n`);
  return {
    ok: rows.filter(({ want }) => want.err === null).length,
    failed: rows.filter(({ want }) => want.err !== null).length,
    stated: cases.filter((c) => c.levant).length,
  };
}
