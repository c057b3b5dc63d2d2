import { describe, expect, it } from 'vitest';
import { type DiffCase, compareAll } from './compare.js';
import { buildOracle } from './oracle.js';
import { SEMVER_330, SEMVER_330_CALLS, SEMVER_CALLS, SEMVER_CONSTRAINTS, SEMVER_VARS, SEMVER_VERSIONS } from './tables/semver.js';
import {
  CASE_CALLS,
  DATE_CALLS,
  DICT_CALLS,
  LIST_CALLS,
  MATH_CALLS,
  SPRIG_330,
  SPEW_CALLS,
  SPEW_GO124,
  SPRIG_VARS,
  STRING_CALLS,
  TIME_METHOD_CALLS,
  TODATE_CALLS,
  TODATE_GO124,
  TYPE_CALLS,
} from './tables/sprig-calls.js';

const oracle = buildOracle();

const asCases = (group: string, calls: string[]): DiffCase[] =>
  calls.map((c, i) => ({ name: `${group}${i}`, template: `[[ ${c} | printf "%#v" ]]`, vars: SPRIG_VARS }));

describe('Sprig functions answer like Sprig (test/levant/tables/sprig-calls.ts)', () => {
  it(`lists: ${LIST_CALLS.length} calls`, () => {
    if (!oracle) return;
    const { ok, failed } = compareAll(oracle, asCases('list', LIST_CALLS));
    expect(ok).toBeGreaterThan(40);
    expect(failed).toBeGreaterThan(5);
  });

  it(`dicts: ${DICT_CALLS.length} calls`, () => {
    if (!oracle) return;
    const { ok } = compareAll(oracle, asCases('dict', DICT_CALLS));
    expect(ok).toBeGreaterThan(25);
  });

  it(`numbers: ${MATH_CALLS.length} calls (decimal floats, rounding, casts)`, () => {
    if (!oracle) return;
    const { ok } = compareAll(oracle, asCases('math', MATH_CALLS));
    expect(ok).toBeGreaterThan(45);
  });

  it(`types, JSON and flow: ${TYPE_CALLS.length} calls`, () => {
    if (!oracle) return;
    const { ok } = compareAll(oracle, asCases('type', TYPE_CALLS));
    expect(ok).toBeGreaterThan(50);
  });

  it(`strings, encodings, paths and fmt argument indexes: ${STRING_CALLS.length} calls`, () => {
    if (!oracle) return;
    const { ok } = compareAll(oracle, asCases('str', STRING_CALLS));
    expect(ok).toBeGreaterThan(110);
  });

  it(`case converters and random functions: ${CASE_CALLS.length} calls`, () => {
    if (!oracle) return;
    const { ok } = compareAll(oracle, asCases('case', CASE_CALLS));
    expect(ok).toBeGreaterThan(30);
  });

  it('has what Sprig 3.3.0 added (Levant 0.4 is built with it; the Debian oracle has 3.2.3)', () => {
    if (!oracle) return;
    const cases = SPRIG_330.map((c, i) => ({ ...asCases('v330', [c.call])[0]!, name: `v330-${i}`, levant: { out: c.out, err: null, why: c.why } }));
    expect(compareAll(oracle, cases).stated).toBe(SPRIG_330.length);
  });

  it(`dates and durations: ${DATE_CALLS.length} calls`, () => {
    if (!oracle) return;
    const { ok } = compareAll(oracle, asCases('date', DATE_CALLS));
    expect(ok).toBeGreaterThan(20);
  });

  it(`toDate and mustToDate: ${TODATE_CALLS.length} calls (time.ParseInLocation)`, () => {
    if (!oracle) return;
    const cases = TODATE_CALLS.map((c, i) => ({ name: `todate${i}`, template: `[[ ${c} ]]`, vars: SPRIG_VARS }));
    const { ok, failed } = compareAll(oracle, cases);
    expect(ok).toBeGreaterThan(40);
    expect(failed).toBeGreaterThan(5);
  });

  it('toDate follows Go 1.24 where the Go 1.19 of the oracle parses otherwise (each case says how)', () => {
    if (!oracle) return;
    const cases = TODATE_GO124.map((c, i) => ({
      name: `todate-go124-${i}`,
      template: `[[ ${c.call} ]]`,
      vars: SPRIG_VARS,
      levant: { out: c.out, err: c.err ?? null, why: c.why },
    }));
    const want = oracle(cases);
    for (const [i, c] of cases.entries())
      expect(want[i], `${c.name}: the oracle agrees with Levant now; drop the stated difference`).not.toEqual({ out: c.levant.out, err: c.levant.err });
    expect(compareAll(oracle, cases).stated).toBe(TODATE_GO124.length);
  });

  it(`semverCompare: ${SEMVER_CONSTRAINTS.length} constraints, each against ${SEMVER_VERSIONS.length} versions`, () => {
    if (!oracle) return;
    const cases = SEMVER_CONSTRAINTS.map((c, i) => ({
      name: `semver${i}`,
      template: `[[ $c := ${JSON.stringify(c)} ]][[ range .versions ]][[ . ]]=[[ semverCompare $c . ]] [[ end ]]`,
      vars: SEMVER_VARS,
    }));
    const { ok, failed } = compareAll(oracle, cases);
    expect(ok).toBeGreaterThan(80);
    expect(failed).toBeGreaterThan(0);
  });

  it(`semver values and semver errors: ${SEMVER_CALLS.length} calls`, () => {
    if (!oracle) return;
    const cases = SEMVER_CALLS.map((c, i) => ({ name: `semverv${i}`, template: `[[ ${c} ]]`, vars: SEMVER_VARS }));
    const { ok, failed } = compareAll(oracle, cases);
    expect(ok).toBeGreaterThan(30);
    expect(failed).toBeGreaterThan(20);
  });

  it('semverCompare follows Masterminds/semver v3.3.0 where the oracle has v3.2.0 (each case says how)', () => {
    if (!oracle) return;
    const cases = SEMVER_330.map((c, i) => ({
      name: `semver330-${i}`,
      template: `[[ semverCompare ${JSON.stringify(c.constraint)} ${JSON.stringify(c.version)} ]]`,
      vars: SEMVER_VARS,
      levant: { out: c.out, err: null, why: c.why },
    }));
    const calls = SEMVER_330_CALLS.map((c, i) => ({
      name: `semver330c-${i}`,
      template: `[[ ${c.call} ]]`,
      vars: SEMVER_VARS,
      levant: { out: c.out, err: null, why: c.why },
    }));
    const all = [...cases, ...calls];
    const want = oracle(all);
    for (const [i, c] of all.entries())
      expect(want[i], `${c.name}: the oracle agrees with Levant now; drop the stated difference`).not.toEqual({ out: c.levant.out, err: null });
    expect(compareAll(oracle, all).stated).toBe(SEMVER_330.length + SEMVER_330_CALLS.length);
  });

  it(`Levant's spewDump, spewPrintf and sprigVersion: ${SPEW_CALLS.length} calls`, () => {
    if (!oracle) return;
    const cases = SPEW_CALLS.map((c, i) => ({ name: `spew${i}`, template: `{{ ${c} }}`, vars: SPRIG_VARS, delims: ['{{', '}}'] as [string, string] }));
    const { ok, failed } = compareAll(oracle, cases);
    expect(ok).toBeGreaterThan(30);
    expect(failed).toBeGreaterThan(1);
  });

  it('call follows Go 1.24 where the oracle (Go 1.19) words its error otherwise', () => {
    if (!oracle) return;
    const cases = SPEW_GO124.map((c, i) => ({
      name: `spew-go124-${i}`,
      template: `[[ ${c.call} ]]`,
      vars: SPRIG_VARS,
      levant: { out: '', err: c.err, why: c.why },
    }));
    const want = oracle(cases);
    cases.forEach((c, i) => {
      expect(want[i], `${c.name}: the oracle agrees with Levant now; drop the stated difference`).not.toEqual({ out: '', err: c.levant.err });
    });
    expect(compareAll(oracle, cases).stated).toBe(SPEW_GO124.length);
  });

  it(`time.Time methods: ${TIME_METHOD_CALLS.length} calls`, () => {
    if (!oracle) return;
    const times =
      '[[ $t := mustToDate "2006-01-02 15:04:05.999999999" "2024-03-01 10:11:12.123456789" ]][[ $z := mustToDate "2006-01-02T15:04:05Z07:00" "2024-03-01T10:11:12+05:30" ]]';
    const cases = TIME_METHOD_CALLS.map((c, i) => ({ name: `tm${i}`, template: `${times}[[ ${c} ]]`, vars: SPRIG_VARS }));
    const { ok, failed } = compareAll(oracle, cases);
    expect(ok).toBeGreaterThan(25);
    expect(failed).toBeGreaterThan(2);
  });
});
