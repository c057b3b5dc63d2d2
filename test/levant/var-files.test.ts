import { describe, expect, it } from 'vitest';
import { compareAll } from './compare.js';
import { buildOracle } from './oracle.js';
import { JSON_FILES, TF_FILES } from './tables/var-files.js';

const DUMP = '[[ range $k, $v := . ]][[ $k ]]=[[ printf "%T %#v" $v $v ]]\n[[ end ]]';
const oracle = buildOracle();

describe('.tf and .json var files decode as Levant decodes them (test/levant/tables/var-files.ts)', () => {
  it(`${TF_FILES.length} .tf files: values, hcl2shim's ints, type constraints and Terraform's diagnostics`, () => {
    if (!oracle) return;
    const { ok, failed } = compareAll(
      oracle,
      TF_FILES.map((f) => ({ name: f.name.replace(/ /g, '_'), template: DUMP, vars: f.vars, varsKind: 'tf' as const, anyError: f.anyError })),
    );
    expect(ok).toBeGreaterThanOrEqual(5);
    expect(failed).toBeGreaterThanOrEqual(7);
  });

  it(`${JSON_FILES.length} .json files: encoding/json's values and errors`, () => {
    if (!oracle) return;
    const { ok, failed } = compareAll(
      oracle,
      JSON_FILES.map((f) => ({ name: f.name.replace(/ /g, '_'), template: DUMP, vars: f.vars, varsKind: 'json' as const })),
    );
    expect(ok).toBeGreaterThanOrEqual(4);
    expect(failed).toBeGreaterThanOrEqual(5);
  });
});
