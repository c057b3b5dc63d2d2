/**
 * A generic, Nomad-shaped structural diff (nomad/structs/diff.go): primitive fields become
 * FieldDiffs with string values, nested structs and lists of structs become ObjectDiffs, maps
 * (Meta, Env, Config...) are flattened to `key` / `port_map[0][db]` field names.
 */
import { deepEqual } from '../state/canonical-job.js';
import type { JsonObject } from '../types.js';

export type DiffType = 'None' | 'Added' | 'Deleted' | 'Edited';

export interface FieldDiff {
  Type: DiffType;
  Name: string;
  Old: string;
  New: string;
  Annotations: string[] | null;
}

export interface ObjectDiff {
  Type: DiffType;
  Name: string;
  Fields: FieldDiff[] | null;
  Objects: ObjectDiff[] | null;
}

/** Fields whose values are Go maps: flattened into one ObjectDiff instead of recursed into. */
const MAP_FIELDS = new Set(['Meta', 'Env', 'Config', 'GetterOptions', 'GetterHeaders', 'Labels', 'Headers', 'Attributes']);

/** Singular ObjectDiff names Nomad uses for list elements. */
const ELEMENT_NAMES: Record<string, string> = {
  Constraints: 'Constraint',
  Affinities: 'Affinity',
  Spreads: 'Spread',
  Templates: 'Template',
  Services: 'Service',
  Checks: 'Check',
  Artifacts: 'Artifact',
  Networks: 'Network',
  ReservedPorts: 'Static Port',
  DynamicPorts: 'Dynamic Port',
  Volumes: 'Volume',
  VolumeMounts: 'VolumeMount',
  Devices: 'Device',
  Volume: 'Volume',
};

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPrimitive = (v: unknown) => v === null || v === undefined || ['string', 'number', 'boolean'].includes(typeof v);
const present = (v: unknown) => v !== null && v !== undefined;

/** Go's `%v` of a primitive; absent is "". */
export const asString = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

export function fieldDiff(name: string, oldV: string | undefined, newV: string | undefined, contextual: boolean): FieldDiff | undefined {
  if (oldV === undefined && newV === undefined) return undefined;
  const o = oldV ?? '';
  const n = newV ?? '';
  if (o === n) return contextual && oldV !== undefined && newV !== undefined ? { Type: 'None', Name: name, Old: o, New: n, Annotations: null } : undefined;
  const type: DiffType = oldV === undefined || o === '' ? 'Added' : newV === undefined || n === '' ? 'Deleted' : 'Edited';
  return { Type: type, Name: name, Old: o, New: n, Annotations: null };
}

export function flatten(v: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (isObject(v)) for (const k of Object.keys(v).sort()) flatten(v[k], prefix === '' ? k : `${prefix}[${k}]`, out);
  else if (Array.isArray(v)) for (const [i, x] of v.entries()) flatten(x, `${prefix}[${i}]`, out);
  else if (present(v)) out[prefix] = asString(v);
  return out;
}

export const byName = <T extends { Name: string }>(a: T, b: T) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0);

/** FieldDiffs of two flat string maps, sorted by name. */
export function flatFieldDiffs(o: Record<string, string> | undefined, n: Record<string, string> | undefined, contextual: boolean): FieldDiff[] {
  const keys = [...new Set([...Object.keys(o ?? {}), ...Object.keys(n ?? {})])].sort();
  return keys.flatMap((k) => fieldDiff(k, o?.[k], n?.[k], contextual) ?? []);
}

/** The type of an object whose sides and children are known. */
export function objectType(oldV: unknown, newV: unknown, children: Array<{ Type: DiffType }>): DiffType {
  if (!present(oldV)) return 'Added';
  if (!present(newV)) return 'Deleted';
  return children.some((c) => c.Type !== 'None') ? 'Edited' : 'None';
}

function finish(name: string, oldV: unknown, newV: unknown, fields: FieldDiff[], objects: ObjectDiff[], contextual: boolean): ObjectDiff | undefined {
  const type = objectType(oldV, newV, [...fields, ...objects]);
  // primitiveObjectDiff/objectDiff return nil for an unchanged object; "contextual" only lists
  // the unchanged fields *inside* an edited object (the CLI's `port_map[0][db]: "6379"` line).
  void contextual;
  if (type === 'None') return undefined;
  return { Type: type, Name: name, Fields: fields.length > 0 ? fields : null, Objects: objects.length > 0 ? objects : null };
}

function listDiffs(key: string, o: unknown[], n: unknown[], contextual: boolean): ObjectDiff[] {
  const elementName = ELEMENT_NAMES[key] ?? key.replace(/s$/, '');
  const named = [...o, ...n].every((x) => isObject(x) && typeof x.Name === 'string');
  const out: ObjectDiff[] = [];
  if (named) {
    const names = [...new Set([...o, ...n].map((x) => (x as JsonObject).Name as string))].sort();
    for (const name of names) {
      const a = o.find((x) => (x as JsonObject).Name === name) as JsonObject | undefined;
      const b = n.find((x) => (x as JsonObject).Name === name) as JsonObject | undefined;
      if (a && b && deepEqual(a, b)) continue;
      const d = objectDiff(elementName, a, b, contextual);
      if (d) out.push(d);
    }
    return out;
  }
  const push = (d: ObjectDiff | undefined) => d && out.push(d);
  for (const a of o) if (!n.some((b) => deepEqual(a, b))) push(objectDiff(elementName, a as JsonObject, undefined, contextual));
  for (const b of n) if (!o.some((a) => deepEqual(a, b))) push(objectDiff(elementName, undefined, b as JsonObject, contextual));
  return out;
}

/** Field and object diffs of two structs' members, skipping `skip`. */
export function structDiff(
  oldV: JsonObject | undefined,
  newV: JsonObject | undefined,
  skip: Set<string>,
  contextual: boolean,
): { fields: FieldDiff[]; objects: ObjectDiff[] } {
  const fields: FieldDiff[] = [];
  const objects: ObjectDiff[] = [];
  const keys = [...new Set([...Object.keys(oldV ?? {}), ...Object.keys(newV ?? {})])].filter((k) => !skip.has(k)).sort();
  for (const k of keys) {
    const o = oldV?.[k];
    const n = newV?.[k];
    if (!present(o) && !present(n)) continue;
    if (isPrimitive(o) && isPrimitive(n)) {
      const f = fieldDiff(k, present(o) ? asString(o) : undefined, present(n) ? asString(n) : undefined, contextual);
      if (f) fields.push(f);
    } else if (MAP_FIELDS.has(k)) {
      const d = finish(k, o, n, flatFieldDiffs(present(o) ? flatten(o) : undefined, present(n) ? flatten(n) : undefined, contextual), [], contextual);
      if (d) objects.push(d);
    } else if (Array.isArray(o ?? n) && [...((o ?? []) as unknown[]), ...((n ?? []) as unknown[])].every(isPrimitive)) {
      const toSet = (v: unknown) => (Array.isArray(v) ? Object.fromEntries(v.map((x) => [asString(x), asString(x)])) : undefined);
      const sides = [toSet(o), toSet(n)];
      const fs = [...new Set([...Object.keys(sides[0] ?? {}), ...Object.keys(sides[1] ?? {})])]
        .sort()
        .flatMap((x) => fieldDiff(k, sides[0]?.[x], sides[1]?.[x], contextual) ?? []);
      const d = finish(k, o, n, fs, [], contextual);
      if (d) objects.push(d);
    } else if (Array.isArray(o) || Array.isArray(n)) {
      objects.push(...listDiffs(k, (o ?? []) as unknown[], (n ?? []) as unknown[], contextual));
    } else {
      const d = objectDiff(k, isObject(o) ? o : undefined, isObject(n) ? n : undefined, contextual);
      if (d) objects.push(d);
    }
  }
  return { fields, objects: objects.sort(byName) };
}

export function objectDiff(name: string, oldV: JsonObject | undefined, newV: JsonObject | undefined, contextual: boolean): ObjectDiff | undefined {
  const { fields, objects } = structDiff(oldV, newV, new Set(), contextual);
  return finish(name, oldV, newV, fields, objects, contextual);
}
