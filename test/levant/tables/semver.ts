/**
 * semver and semverCompare (Masterminds/semver v3): every constraint is checked against every
 * version (the template ranges over .versions), so each operator meets releases, prereleases,
 * build metadata, short forms ("1.2", "v2") and the ^0 / ~0 corners.
 */
export const SEMVER_VERSIONS = [
  '0.0.0', '0.0.1', '0.0.3', '0.0.4', '0.1.0', '0.2.0', '0.2.3', '0.2.4', '0.3.0', '1.0.0', '1.0.0-alpha', '1.1.9', '1.2.0', '1.2.3', 'v1.2.3',
  '1.2.3+build.5', '1.2.3-alpha', '1.2.3-alpha.1', '1.2.3-alpha.10', '1.2.3-alpha.2', '1.2.3-alpha.beta', '1.2.3-beta', '1.2.3-beta.2', '1.2.3-0', '1.2.4',
  '1.3.0', '1.4.5', '1.4.6', '1.9.9', '2.0.0', '2.0.0-rc.1', '2.1.0', '3.0.0-rc.1', '3.0.0', '3.1.0', '10.0.0', '1', '1.2', 'v2', '01.02.03',
];

export const SEMVER_VARS = `versions: [${SEMVER_VERSIONS.map((v) => JSON.stringify(v)).join(', ')}]\n`;

export const SEMVER_CONSTRAINTS = [
  '*', 'x', 'X', '', '1', '1.x', '1.2', '1.2.x', '1.2.*', '1.2.3', '=1.2.3', '= 1.2.3', 'v1.2.3', '!=1.2.3', '!=1.2', '!=1.x', '!=1.2.x', '!=1.2.3-beta',
  '!=1.2.x-beta', '>1', '>1.2', '>1.2.3', '>1.2.x', '>1.x', '>0.x', '>=1.2.3', '=>1.2', '>= 1.2.3-alpha', '<2', '<1.2', '<1.2.3', '<1.2.3-beta.2', '<=1.2',
  '=<1.2.3', '<=1.x', '<=1.2.x', '<=0', '~1', '~1.2', '~1.2.3', '~>1.2.3', '~0', '~0.0.0', '~0.2.x', '~1.2.3-beta', '~1.x', '^1', '^1.2', '^1.2.3', '^0',
  '^0.0', '^0.0.3', '^0.2', '^0.2.3', '^0.x', '^1.x', '^0.0.x', '^1.2.3-alpha.1', '^0.0.0', '^0.2.3-0', '>1.0.0 <2.0.0', '>=1.2, <1.4', '>=1.2,<1.4',
  '1.2 - 1.4.5', '1.2.3 - 2', '1 - 2 || >=3.1', '>=1.1 <2 || ^3.0.0-rc', '<1 || >2', '1.x || 2.x', '=1.2.3-beta.2', '>1.2.3-alpha.10', '~1.2.3-0',
  '>= 1.2.3 ,< 1.3.0', '  >=  1.2.3   ', '1.2.3 2.0.0', '<1.2.3-alpha.beta', '>=0.0.0-0', '>1.2.3+meta', '1.2.3+meta', '||1.2.3', '1.2.3||', 'v1.x',
  '1.2.3-1 - 1.2.4', '>=1.2.3-alpha <1.2.3', 'x.x.x', '~1.2.3 ^1.2.4', '1.2 - 2.0.0-rc.1',
];

/** Calls that fail (bad constraints and versions), and what the *semver.Version value offers a template. */
export const SEMVER_CALLS = [
  'semverCompare "abc" "1.2.3"', 'semverCompare ">>1" "1.2.3"', 'semverCompare "1.2.3.4" "1.2.3"', 'semverCompare "~> 1.2 ||" "1.2.3"', 'semverCompare "1 - " "1.0.0"',
  'semverCompare "^1.2.3-01" "1.2.3"', 'semverCompare "1.2.3 -beta" "1.2.3"', 'semverCompare ">1.2.3" "1.2.3.4"', 'semverCompare ">1" "1.2.3-01"',
  'semverCompare ">1" "1.2.3+b@d"', 'semverCompare ">1" "99999999999999999999.0.0"', 'semverCompare ">1" ""', 'semverCompare ">1" "v"', 'semverCompare ">1" "1.2.3-"',
  'semverCompare "99999999999999999999" "1.0.0"', 'semverCompare "1.2.3 ; 1.2.4" "1.2.3"', 'semverCompare "~1.2.3" " 1.2.3"', 'semverCompare "\\t>1\\n" "2.0.0"',
  'semverCompare ">1 <\\u00a03" "2.0.0"',
  'semver "v1.2.3-beta.1+b5"', '(semver "v1.2.3-beta.1+b5").Major', '(semver "1.2.3-beta.1+b5").Prerelease', '(semver "1.2.3+b5").Metadata',
  '(semver "v1.2").Original', '(semver "v1.2").String', 'semver "1.2" | printf "%#v"', 'semver "1.2" | printf "%v|%s|%q|%x"', 'semver "1.2" | printf "%+v"',
  'semver "1.2" | printf "%d"', 'semver "1.2" | printf "%T"', 'typeOf (semver "1")', 'kindOf (semver "1")', 'toJson (semver "v1.2.3+x")', 'toString (semver "v1")',
  'list (semver "1") 2', 'list (semver "1") 2 | printf "%v"', '(semver "1.2.3").Compare (semver "1.3")', '(semver "1.2.3").Compare (semver "1.2.3+x")',
  '(semver "1.2.3").LessThan (semver "1.3")', '(semver "1.2.3").GreaterThan (semver "1.3")', '(semver "1.2.3").Equal (semver "v1.2.3+y")',
  '(semver "1.2.3-rc.1").IncPatch', '(semver "v1.2.3+m").IncPatch | printf "%#v"', '(semver "1.2.3").IncMinor.String',
  '(semver "1.2.3").IncMajor | typeOf', '(semver "1.2.3").IncMinor.Original', '(semver "v1.2.3").SetPrerelease "rc.1"', '(semver "1.2.3").SetPrerelease "01"',
  '(semver "1.2.3").SetPrerelease "a..b" | printf "%#v"', '(semver "1.2.3").SetMetadata "b@d"', '(semver "1.2.3-x").SetPrerelease ""', '(semver "1.2.3").major',
  '(semver "1.2.3").Nope', '(semver "1.2.3").Major 1', '(semver "1.2.3").Compare', '(semver "1.2.3").Compare "1.2.3"', 'semver "bad"', 'semver ""',
  '(semver "1.2.3").Major | add 1', 'eq (semver "1.0.0").Major 1', 'if (semver "0.0.0")', 'empty (semver "0.0.0")', 'deepEqual (semver "1") (semver "1.0.0")',
  'deepEqual (semver "1") (semver "1.0")', 'semver "1.2.3" | print', 'printf "%s-%v" (semver "2") ((semver "3").IncMajor)',
];

/** Where Masterminds/semver v3.3.0 (Levant 0.4) answers otherwise than the oracle's v3.2.0. */
export const SEMVER_330: { constraint: string; version: string; out: string; why: string }[] = [
  { constraint: '1.2 - 1.4.5 <1.4', version: '1.3.0', out: 'true', why: 'v3.3.0 rewrites a hyphen range with a trailing space, so a constraint may follow it (v3.2.0: improper constraint)' },
  { constraint: '1 - 2 3', version: '2.5.0', out: 'false', why: 'v3.3.0: ">= 1, <= 2 3" is two constraints (v3.2.0 reads "<= 23")' },
];

/** Version methods where v3.3.0 (Levant 0.4) differs from the oracle's v3.2.0. */
export const SEMVER_330_CALLS: { call: string; out: string; why: string }[] = [
  { call: '(semver "1.2.3").Equal nil', out: 'false', why: 'v3.3.0 Equal compares with a nil *Version (v3.2.0 dereferences it and panics)' },
];
