/**
 * The Go values a template sees, modelled closely enough that printing, comparisons and
 * type errors come out as Go's `text/template` produces them.
 *
 * GoValue: `null` (nil), boolean (bool), string, bigint (int), number (float64),
 * GoNum (other numeric types), GoSlice, GoMap, GoChan, GoTime.
 */

/** A Go type spelled as Go prints it (`%T`, error messages): `int`, `interface {}`, `[]string`. */
export type GoType = string;

export const IFACE: GoType = 'interface {}';

/** Numbers whose Go type is not plain `int` or `float64` (e.g. Sprig's int64 results). */
export class GoNum {
  constructor(
    readonly type: GoType,
    readonly v: bigint,
  ) {}
}

export class GoSlice {
  constructor(
    readonly elem: GoType,
    readonly items: GoValue[],
    /** A nil slice prints as `[]` but marshals to JSON `null`. */
    readonly isNil = false,
  ) {}
  get type(): GoType {
    return `[]${this.elem}`;
  }
}

/** A Go map key; `null` is a nil interface{} key (YAML's `~: x` in a nested map). */
export type MapKey = string | bigint | number | boolean | null;

export class GoMap {
  constructor(
    readonly key: GoType,
    readonly elem: GoType,
    readonly entries: Map<MapKey, GoValue>,
  ) {}
  get type(): GoType {
    return `map[${this.key}]${this.elem}`;
  }
}

/** A receive-only channel, as Levant's `loop` returns; values are produced up front. */
export class GoChan {
  readonly type: GoType = '<-chan int64';
  constructor(readonly items: GoValue[]) {}
}

export class GoTime {
  readonly type: GoType = 'time.Time';
  constructor(
    readonly date: Date,
    /** Minutes east of UTC, as the Go Location would report. */
    readonly offsetMinutes: number,
    readonly zoneName: string,
    /** Nanoseconds below the millisecond (0–999999): Go times carry nanoseconds, Date carries ms. */
    readonly subMsNanos = 0,
  ) {}
}

/**
 * A value of a library's struct type, or a pointer to one (semver's *Version, Sprig's
 * certificate): what a template can reach of it is its exported methods and fields.
 */
export class GoObject {
  constructor(
    /** As Go prints it: `*semver.Version`, `sprig.certificate`. */
    readonly type: GoType,
    readonly kind: 'ptr' | 'struct' | 'func',
    /** Every field in declaration order (unexported ones show in %v and %#v). */
    readonly fields: readonly { name: string; value: GoValue }[],
    /** Exported methods with the receiver bound; they take and return GoValues. */
    readonly methods: ReadonlyMap<string, ObjectMethod> = new Map(),
    /** String(), when the type is a fmt.Stringer. */
    readonly stringer?: () => string,
    /** MarshalJSON's text, when the type has one. */
    readonly json?: () => string,
    /** What the `call` builtin runs, for a func value. */
    readonly invoke?: ObjectMethod,
  ) {}
}

/** A method as text/template calls it: typed parameters, a result and maybe an error. */
export interface ObjectMethod {
  params: GoType[];
  result: GoType;
  call(args: GoValue[]): GoValue;
}

export type GoValue = null | boolean | string | bigint | number | GoNum | GoSlice | GoMap | GoChan | GoTime | GoObject;

/**
 * A value of interface type (what Go's reflect calls Kind Interface): map and slice elements of
 * `interface {}` containers, and missing map keys under `missingkey=zero` (inner `null`).
 */
export class Iface {
  constructor(readonly inner: GoValue) {}
}

/** A reflect.Value: `undefined` is the invalid (zero) Value. */
export type RVal = undefined | Exclude<GoValue, null> | Iface;

export type Kind = 'bool' | 'int' | 'uint' | 'float' | 'string' | 'slice' | 'map' | 'chan' | 'struct' | 'ptr' | 'func';

export function kindOf(v: Exclude<GoValue, null>): Kind {
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
  }
  if (v instanceof GoNum) return v.type.startsWith('uint') ? 'uint' : 'int';
  if (v instanceof GoSlice) return 'slice';
  if (v instanceof GoMap) return 'map';
  if (v instanceof GoChan) return 'chan';
  if (v instanceof GoObject) return v.kind;
  return 'struct';
}

export function typeOf(v: Exclude<GoValue, null>): GoType {
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float64';
  }
  return v.type;
}

/** The static type of a reflect.Value (interface values report `interface {}`). */
export function rtypeOf(v: Exclude<RVal, undefined>): GoType {
  return v instanceof Iface ? IFACE : typeOf(v);
}

/** reflect.ValueOf(x): nil gives the invalid Value. */
export function valueOf(v: GoValue): RVal {
  return v === null ? undefined : v;
}

/** Wraps a value read from a container whose element type is `elem`. */
export function fromContainer(elem: GoType, v: GoValue): RVal {
  return elem === IFACE ? new Iface(v) : valueOf(v);
}

/** v.Interface(): the Go value handed to a function taking `interface {}`. */
export function toGo(v: RVal): GoValue {
  if (v === undefined) return null;
  return v instanceof Iface ? v.inner : v;
}

/** Go's indirectInterface: unwraps an interface value; a nil interface becomes invalid. */
export function indirectInterface(v: RVal): RVal {
  return v instanceof Iface ? valueOf(v.inner) : v;
}

/** Go's indirect: like indirectInterface, but reports a nil interface instead of unwrapping it. */
export function indirect(v: RVal): { v: RVal; isNil: boolean } {
  if (v instanceof Iface) return v.inner === null ? { v, isNil: true } : { v: v.inner, isNil: false };
  return { v, isNil: false };
}

/** Integer value of an int or uint kind. */
export function intOf(v: Exclude<GoValue, null>): bigint {
  if (typeof v === 'bigint') return v;
  if (v instanceof GoNum) return v.v;
  throw new Error(`not an integer: ${typeOf(v)}`);
}

/** Length as Go's len() sees it; strings count bytes. */
export function lengthOf(v: Exclude<GoValue, null>): number | undefined {
  if (typeof v === 'string') return Buffer.byteLength(v);
  if (v instanceof GoSlice || v instanceof GoChan) return v.items.length;
  if (v instanceof GoMap) return v.entries.size;
  return undefined;
}

/** Go's isTrue; `ok` is false for kinds that have no truth value. */
export function isTrue(v: RVal): { truth: boolean; ok: boolean } {
  if (v === undefined) return { truth: false, ok: true };
  if (v instanceof Iface) return { truth: v.inner !== null, ok: true };
  switch (kindOf(v)) {
    case 'bool':
      return { truth: v === true, ok: true };
    case 'string':
    case 'slice':
    case 'map':
      return { truth: (lengthOf(v) ?? 0) > 0, ok: true };
    case 'chan':
      return { truth: true, ok: true };
    case 'int':
    case 'uint':
      return { truth: intOf(v) !== 0n, ok: true };
    case 'float':
      return { truth: v !== 0, ok: true };
    case 'struct':
    case 'ptr':
    case 'func':
      return { truth: true, ok: true };
  }
}

export const int64 = (v: bigint): GoNum => new GoNum('int64', BigInt.asIntN(64, v));
export const goInt = (v: bigint): bigint => BigInt.asIntN(64, v);
export const stringSlice = (items: string[]): GoSlice => new GoSlice('string', items);
export const ifaceSlice = (items: GoValue[]): GoSlice => new GoSlice(IFACE, items);
export const stringMap = (entries: Map<MapKey, GoValue>): GoMap => new GoMap('string', IFACE, entries);

/**
 * Map keys in fmtsort order: numbers numerically, strings bytewise, false before true. Keys of
 * different types (interface{} maps from YAML) sort nil first, then by type, which Go orders by
 * the address of the type's descriptor: the linker lays them out by name (bool, float64, int, string).
 */
export function sortedKeys(m: GoMap): MapKey[] {
  return [...m.entries.keys()].sort(compareKeys);
}

function compareKeys(a: MapKey, b: MapKey): number {
  const rank = (k: MapKey): number => (k === null ? -1 : typeof k === 'boolean' ? 0 : typeof k === 'number' ? 1 : typeof k === 'bigint' ? 2 : 3);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a === null || b === null) return 0;
  if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(Buffer.from(a), Buffer.from(b));
  if (typeof a === 'boolean') return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A map key as a Go value (keys of `interface {}` maps keep their dynamic type). */
export function keyValue(m: GoMap, k: MapKey): RVal {
  return fromContainer(m.key, k);
}
