import { describe, expect, it } from 'vitest';
import { compareAll } from './compare.js';
import { buildOracle } from './oracle.js';
import { YAML11_TABLE } from './tables/yaml11.js';

/** Prints every value with its Go type, recursively, so that `1` and `1.0` do not look alike. */
const DUMP = [
  '[[- define "d" ]][[ $t := printf "%T" . ]][[ $t ]]',
  '[[- if hasPrefix "map" $t ]]{[[ range $k, $v := . ]][[ printf "%T:%v" $k $k ]]=[[ template "d" $v ]] [[ end ]]}',
  '[[- else if hasPrefix "[]" $t ]][[ "[" ]][[ range . ]][[ template "d" . ]] [[ end ]]]',
  '[[- else ]]([[ printf "%v" . ]])[[ end ]][[ end ]]',
  '[[- range $k, $v := . ]][[ $k ]] = [[ template "d" $v ]]\n[[ end ]]',
].join('');

const oracle = buildOracle();

describe('YAML 1.1 var files decode as yaml.v2 decodes them (test/levant/tables/yaml11.ts)', () => {
  it(`types ${YAML11_TABLE.length} var files like Go: numbers, sexagesimal, booleans, nulls, timestamps, keys, anchors, documents, tags`, () => {
    if (!oracle) return;
    const { ok, failed } = compareAll(
      oracle,
      YAML11_TABLE.map((t) => ({ name: t.name, template: DUMP, vars: t.vars, anyError: t.anyError })),
    );
    expect(ok).toBeGreaterThanOrEqual(25);
    expect(failed).toBeGreaterThan(8);
  });
});
