import { describe, expect, it } from 'vitest';
import { compareAll } from './compare.js';
import { buildOracle } from './oracle.js';
import { REGEX_GO122, REGEX_TABLE } from './tables/regex.js';

const oracle = buildOracle();

describe('regular expressions have RE2 semantics in every Sprig regex function (test/levant/tables/regex.ts)', () => {
  it(`answers ${REGEX_TABLE.length} regex calls like Go's regexp, refusals included`, () => {
    if (!oracle) return;
    const { ok, failed } = compareAll(
      oracle,
      REGEX_TABLE.map((template, i) => ({ name: `re${i}`, template, vars: '' })),
    );
    expect(ok).toBeGreaterThan(60);
    expect(failed).toBeGreaterThanOrEqual(12);
  });

  it('accepts (?<name>re) as Go 1.22+ does (Levant 0.4 is built with Go 1.24; the Debian oracle is Go 1.19)', () => {
    if (!oracle) return;
    const { stated } = compareAll(
      oracle,
      REGEX_GO122.map((c, i) => ({
        name: `go122-${i}`,
        template: c.template,
        vars: '',
        levant: { out: c.out, err: null, why: 'named groups (?<n>) are Go 1.22+' },
      })),
    );
    expect(stated).toBe(REGEX_GO122.length);
  });
});
