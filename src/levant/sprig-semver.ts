/** Sprig's semver.go: semver (a *semver.Version a template can call methods on) and semverCompare. */
import { FuncError, type GoFunc, fn } from './func-types.js';
import {
  SemverError,
  type Version,
  checkConstraints,
  compareVersions,
  newConstraint,
  newVersion,
  validateMetadata,
  validatePrerelease,
  versionString,
} from './go-semver.js';
import { GoNum, GoObject, type GoValue, type ObjectMethod } from './values.js';

const PTR = '*semver.Version';
const S = 'string';

function orFuncError<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof SemverError) throw new FuncError(e.message);
    throw e;
  }
}

const vPrefix = (v: Version): string => (v.original.startsWith('v') ? 'v' : '');

/** A copy with `change` applied and `original` rebuilt, as IncMajor/SetPrerelease... return it. */
function next(v: Version, change: Partial<Version>): GoObject {
  const n = { ...v, ...change };
  return versionObject({ ...n, original: vPrefix(v) + versionString(n) }, 'struct');
}

/**
 * *semver.Version (kind 'ptr') has every method; a semver.Version value returned by IncMajor
 * and the like is not addressable, so a template reaches only its value-receiver methods.
 */
export function versionObject(v: Version, kind: 'ptr' | 'struct' = 'ptr'): GoObject {
  const m = (params: string[], result: string, call: (args: GoValue[]) => GoValue): ObjectMethod => ({ params, result, call });
  const u64 = (n: bigint): GoNum => new GoNum('uint64', n);
  const other = (a: GoValue[]): Version => versionOf(a[0]!);
  const methods = new Map<string, ObjectMethod>([
    ['String', m([], S, () => versionString(v))],
    ['Major', m([], 'uint64', () => u64(v.major))],
    ['Minor', m([], 'uint64', () => u64(v.minor))],
    ['Patch', m([], 'uint64', () => u64(v.patch))],
    ['Prerelease', m([], S, () => v.pre)],
    ['Metadata', m([], S, () => v.metadata)],
    ['IncPatch', m([], 'semver.Version', () => next(v, v.pre !== '' ? { pre: '', metadata: '' } : { pre: '', metadata: '', patch: v.patch + 1n }))],
    ['IncMinor', m([], 'semver.Version', () => next(v, { pre: '', metadata: '', patch: 0n, minor: v.minor + 1n }))],
    ['IncMajor', m([], 'semver.Version', () => next(v, { pre: '', metadata: '', patch: 0n, minor: 0n, major: v.major + 1n }))],
    ['SetPrerelease', m([S], 'semver.Version', (a) => next(v, { pre: orFuncError(() => checked(a[0] as string, 'pre')) }))],
    ['SetMetadata', m([S], 'semver.Version', (a) => next(v, { metadata: orFuncError(() => checked(a[0] as string, 'metadata')) }))],
  ]);
  if (kind === 'ptr') {
    methods.set(
      'Original',
      m([], S, () => v.original),
    );
    methods.set(
      'Compare',
      m([PTR], 'int', (a) => BigInt(compareVersions(v, other(a)))),
    );
    methods.set(
      'LessThan',
      m([PTR], 'bool', (a) => compareVersions(v, other(a)) < 0),
    );
    methods.set(
      'LessThanEqual',
      m([PTR], 'bool', (a) => compareVersions(v, other(a)) <= 0),
    );
    methods.set(
      'GreaterThan',
      m([PTR], 'bool', (a) => compareVersions(v, other(a)) > 0),
    );
    methods.set(
      'GreaterThanEqual',
      m([PTR], 'bool', (a) => compareVersions(v, other(a)) >= 0),
    );
    methods.set(
      'Equal',
      m([PTR], 'bool', (a) => (a[0] === null ? false : compareVersions(v, other(a)) === 0)),
    );
  }
  const fields = [
    { name: 'major', value: u64(v.major) },
    { name: 'minor', value: u64(v.minor) },
    { name: 'patch', value: u64(v.patch) },
    { name: 'pre', value: v.pre },
    { name: 'metadata', value: v.metadata },
    { name: 'original', value: v.original },
  ];
  const obj = new GoObject(
    kind === 'ptr' ? PTR : 'semver.Version',
    kind,
    fields,
    methods,
    () => versionString(v),
    () => JSON.stringify(versionString(v)),
  );
  VERSIONS.set(obj, v);
  return obj;
}

const VERSIONS = new WeakMap<GoObject, Version>();

function versionOf(o: GoValue): Version {
  const v = o instanceof GoObject ? VERSIONS.get(o) : undefined;
  if (!v) throw new FuncError('runtime error: invalid memory address or nil pointer dereference');
  return v;
}

/** SetPrerelease/SetMetadata validate what they are given (an empty string clears it). */
function checked(s: string, what: 'pre' | 'metadata'): string {
  if (s !== '') (what === 'pre' ? validatePrerelease : validateMetadata)(s);
  return s;
}

export const sprigSemverFuncs: [string, GoFunc][] = [
  ['semver', fn([S], PTR, (a) => versionObject(orFuncError(() => newVersion(a[0] as string))))],
  [
    'semverCompare',
    fn([S, S], 'bool', (a) =>
      orFuncError(() => {
        const c = newConstraint(a[0] as string);
        return checkConstraints(c, newVersion(a[1] as string));
      }),
    ),
  ],
];
