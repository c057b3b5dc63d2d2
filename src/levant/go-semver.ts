/**
 * Masterminds/semver v3.3.0 (what Sprig 3.3.0 in Levant 0.4 resolves to), ported from its
 * version.go and constraints.go: NewVersion's loose parsing ("v1", "1.2"), Compare's prerelease
 * order, and NewConstraint/Check with its own rules for ^ ~ x-ranges, hyphen ranges, `,` and `||`.
 * npm's `semver` differs on each of these (no `!=`, no `,`, other ^0 and prerelease rules), so
 * this is a port rather than a wrapper. The regular expressions run on RE2, as Go's do.
 */
import { GoRegexp } from './go-regexp.js';

export class SemverError extends Error {}

const SEMVER_RE = 'v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?';
const CV_RE =
  'v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?';
const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';

const versionRegex = GoRegexp.compile(`^${SEMVER_RE}$`);
const constraintRegex = GoRegexp.compile(`^\\s*(${OPS})\\s*(${CV_RE})\\s*$`);
const constraintRangeRegex = GoRegexp.compile(`\\s*(${CV_RE})\\s+-\\s+(${CV_RE})\\s*`);
const findConstraintRegex = GoRegexp.compile(`(${OPS})\\s*(${CV_RE})`);
const validConstraintRegex = GoRegexp.compile(`^(\\s*(${OPS})\\s*(${CV_RE})\\s*)((?:\\s+|,\\s*)(${OPS})\\s*(${CV_RE})\\s*)*$`);

const MAX_UINT64 = (1n << 64n) - 1n;

export interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  metadata: string;
  original: string;
}

/** strconv.ParseUint(s, 10, 64) for the digit strings the regex lets through. */
function parseUint(s: string): bigint {
  const n = BigInt(s);
  if (n > MAX_UINT64) throw new SemverError(`Error parsing version segment: strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

const containsOnly = (s: string, allowed: RegExp): boolean => [...s].every((c) => allowed.test(c));
const NUM = /^[0-9]$/;
const ALLOWED = /^[a-zA-Z0-9-]$/;

export function validatePrerelease(p: string): void {
  for (const part of p.split('.')) {
    if (containsOnly(part, NUM)) {
      if (part.length > 1 && part[0] === '0') throw new SemverError('Version segment starts with 0');
    } else if (!containsOnly(part, ALLOWED)) throw new SemverError('Invalid Prerelease string');
  }
}

export function validateMetadata(m: string): void {
  for (const part of m.split('.')) if (!containsOnly(part, ALLOWED)) throw new SemverError('Invalid Metadata string');
}

/** semver.NewVersion: throws SemverError with the library's message. */
export function newVersion(v: string): Version {
  const m = versionRegex.findStringSubmatch(v);
  if (!m) throw new SemverError('Invalid Semantic Version');
  const sv: Version = {
    major: parseUint(m[1]!),
    minor: m[2] ? parseUint(m[2].slice(1)) : 0n,
    patch: m[3] ? parseUint(m[3].slice(1)) : 0n,
    pre: m[5]!,
    metadata: m[8]!,
    original: v,
  };
  if (sv.pre !== '') validatePrerelease(sv.pre);
  if (sv.metadata !== '') validateMetadata(sv.metadata);
  return sv;
}

export function versionString(v: Version): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre ? `-${v.pre}` : ''}${v.metadata ? `+${v.metadata}` : ''}`;
}

const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

/** strconv.ParseUint's success, for prerelease parts. */
const asUint = (s: string): bigint | undefined => (/^[0-9]+$/.test(s) && BigInt(s) <= MAX_UINT64 ? BigInt(s) : undefined);

/** Go string comparison: bytewise over UTF-8. */
const goLess = (a: string, b: string): boolean => Buffer.compare(Buffer.from(a), Buffer.from(b)) < 0;

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const oi = asUint(o);
  const si = asUint(s);
  if (oi === undefined && si === undefined) return goLess(o, s) ? 1 : -1;
  if (oi === undefined) return -1;
  if (si === undefined) return 1;
  return si > oi ? 1 : -1;
}

function comparePrerelease(v: string, o: string): number {
  const sp = v.split('.');
  const op = o.split('.');
  for (let i = 0; i < Math.max(sp.length, op.length); i++) {
    const d = comparePrePart(sp[i] ?? '', op[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

/** Version.Compare: -1, 0 or 1; metadata is ignored. */
export function compareVersions(v: Version, o: Version): number {
  const d = cmp(v.major, o.major) || cmp(v.minor, o.minor) || cmp(v.patch, o.patch);
  if (d !== 0) return d;
  if (v.pre === '' && o.pre === '') return 0;
  if (v.pre === '') return 1;
  if (o.pre === '') return -1;
  return comparePrerelease(v.pre, o.pre);
}

interface Constraint {
  con: Version;
  orig: string;
  origfunc: string;
  minorDirty: boolean;
  dirty: boolean;
  patchDirty: boolean;
}

const isX = (x: string | undefined): boolean => x === 'x' || x === '*' || x === 'X';

function parseConstraint(c: string): Constraint {
  if (c.length === 0) {
    return { con: newVersion('0.0.0'), orig: c, origfunc: '', minorDirty: false, patchDirty: false, dirty: true };
  }
  const m = constraintRegex.findStringSubmatch(c);
  if (!m) throw new SemverError(`improper constraint: ${c}`);
  let ver = m[2]!;
  let minorDirty = false;
  let patchDirty = false;
  let dirty = false;
  if (isX(m[3]) || m[3] === '') {
    ver = `0.0.0${m[6]}`;
    dirty = true;
  } else if (isX(m[4]!.replace(/^\./, '')) || m[4] === '') {
    minorDirty = true;
    dirty = true;
    ver = `${m[3]}.0.0${m[6]}`;
  } else if (isX(m[5]!.replace(/^\./, '')) || m[5] === '') {
    dirty = true;
    patchDirty = true;
    ver = `${m[3]}${m[4]}.0${m[6]}`;
  }
  let con: Version;
  try {
    con = newVersion(ver);
  } catch {
    throw new SemverError('constraint Parser Error');
  }
  return { con, orig: m[2]!, origfunc: m[1]!, minorDirty, patchDirty, dirty };
}

/** rewriteRange: "1.2 - 1.4.5" becomes ">= 1.2, <= 1.4.5 " (v3.3.0 adds the trailing space). */
function rewriteRange(i: string): string {
  let o = i;
  for (const v of constraintRangeRegex.findAllStringSubmatch(i, -1)) {
    const at = o.indexOf(v[0]!);
    if (at >= 0) o = `${o.slice(0, at)}>= ${v[1]}, <= ${v[11]} ${o.slice(at + v[0]!.length)}`;
  }
  return o;
}

/** semver.NewConstraint: OR-groups of AND-ed constraints. */
export function newConstraint(c: string): Constraint[][] {
  c = rewriteRange(c);
  return c.split('||').map((v) => {
    if (!validConstraintRegex.matchString(v)) throw new SemverError(`improper constraint: ${v}`);
    const cs = findConstraintRegex.findAllString(v, -1) ?? [v];
    return cs.map(parseConstraint);
  });
}

const isPre = (v: Version): boolean => v.pre !== '';

/** The constraint functions; only whether they pass matters to Check (their error texts are not shown). */
function check(v: Version, c: Constraint): boolean {
  const releaseOnly = isPre(v) && !isPre(c.con);
  switch (c.origfunc) {
    case '':
    case '=':
      if (releaseOnly) return false;
      return c.dirty ? tilde(v, c) : compareVersions(v, c.con) === 0;
    case '!=':
      return notEqual(v, c);
    case '>':
      if (releaseOnly) return false;
      if (!c.dirty) return compareVersions(v, c.con) === 1;
      if (v.major > c.con.major) return true;
      if (v.major < c.con.major || c.minorDirty) return false;
      if (c.patchDirty) return v.minor > c.con.minor;
      return compareVersions(v, c.con) === 1;
    case '<':
      return !releaseOnly && compareVersions(v, c.con) < 0;
    case '>=':
    case '=>':
      return !releaseOnly && compareVersions(v, c.con) >= 0;
    case '<=':
    case '=<':
      if (releaseOnly) return false;
      if (!c.dirty) return compareVersions(v, c.con) <= 0;
      if (v.major > c.con.major) return false;
      if (v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty) return false;
      return true;
    case '~':
    case '~>':
      return tilde(v, c);
    case '^':
      return caret(v, c);
  }
  throw new Error(`unknown semver operator ${c.origfunc}`);
}

function notEqual(v: Version, c: Constraint): boolean {
  if (c.dirty) {
    if (isPre(v) && !isPre(c.con)) return false;
    if (c.con.major !== v.major) return true;
    if (c.con.minor !== v.minor && !c.minorDirty) return true;
    if (c.minorDirty) return false;
    if (c.con.patch !== v.patch && !c.patchDirty) return true;
    if (c.patchDirty) return (isPre(v) || isPre(c.con)) && comparePrerelease(v.pre, c.con.pre) !== 0;
  }
  return compareVersions(v, c.con) !== 0;
}

function tilde(v: Version, c: Constraint): boolean {
  if (isPre(v) && !isPre(c.con)) return false;
  if (compareVersions(v, c.con) < 0) return false;
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== c.con.major) return false;
  return !(v.minor !== c.con.minor && !c.minorDirty);
}

function caret(v: Version, c: Constraint): boolean {
  if (isPre(v) && !isPre(c.con)) return false;
  if (compareVersions(v, c.con) < 0) return false;
  if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
  if (c.con.major === 0n && v.major > 0n) return false;
  if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
  if (c.con.minor === 0n && v.minor > 0n) return false;
  return c.con.patch === v.patch;
}

/** Constraints.Check: some OR-group whose constraints all pass. */
export function checkConstraints(cs: Constraint[][], v: Version): boolean {
  return cs.some((group) => group.every((c) => check(v, c)));
}
