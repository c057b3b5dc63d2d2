/**
 * "Did you mean": an unknown key of chatops.yaml is compared with the keys the schema accepts at
 * the same place, read from the schema itself, so keys added later are suggested without a list here.
 */
import type { z } from 'zod';
import { editDistance } from '../operations/edit-distance.js';

/** The parts of zod's schema definitions we walk through (zod 4 `def`). */
interface Def {
  type: string;
  shape?: Record<string, { def: Def }>;
  innerType?: { def: Def };
  in?: { def: Def };
  valueType?: { def: Def };
  element?: { def: Def };
}

/** Through defaults, optionals and pipes (a Duration is a pipe) to the schema that holds the value. */
function unwrap(def: Def): Def {
  const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
  return inner ? unwrap(inner.def) : def;
}

/** The keys the object at `path` accepts (none if `path` does not lead to an object). */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let def: Def | undefined = unwrap((schema as unknown as { def: Def }).def);
  for (const step of path) {
    if (!def) return [];
    const next: { def: Def } | undefined =
      def.type === 'object' ? def.shape?.[String(step)] : def.type === 'record' ? def.valueType : def.type === 'array' ? def.element : undefined;
    def = next && unwrap(next.def);
  }
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

/** `unknown key "expiri"; did you mean "expiry"?`, or the keys that are allowed there. */
export function describeUnknownKey(key: string, allowed: readonly string[]): string {
  const k = key.toLowerCase();
  const near = allowed
    .map((a) => ({ a, d: editDistance(k, a.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(key.length / 3)))
    .sort((x, y) => x.d - y.d)
    .map((x) => `"${x.a}"`);
  if (near.length) return `unknown key "${key}"; did you mean ${near.slice(0, 2).join(' or ')}?`;
  return allowed.length ? `unknown key "${key}" (allowed here: ${allowed.join(', ')})` : `unknown key "${key}"`;
}
