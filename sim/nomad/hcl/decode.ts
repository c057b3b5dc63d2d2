/**
 * gohcl-style decoding of a body against a schema: arguments converted to their Go types (cty's
 * conversions: numbers and bools become strings where strings are wanted, and back), with HCL's
 * "Unsupported argument", "Unsupported block type" and "Incorrect attribute value type" errors.
 */
import { parseGoDuration } from '../http/wire.js';
import { HclDiagnostic, rangeText, type Range } from './diagnostics.js';
import type { HclValue } from './expressions.js';
import type { Attribute, Block, Body } from './syntax.js';

export type Kind = 'string' | 'number' | 'bool' | 'duration' | 'strings' | 'map' | 'any';
/** HCL argument name → [Go field name, type]. */
export type AttrSpec = Record<string, [string, Kind]>;

const wrongType = (a: Attribute, what: string) =>
  new HclDiagnostic('Incorrect attribute value type', `Inappropriate value for attribute "${a.name}": ${what} is required.`, a.expr.range);

function asString(a: Attribute, v: HclValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw wrongType(a, 'string');
}

function convert(a: Attribute, kind: Kind): unknown {
  const v = a.expr.value;
  switch (kind) {
    case 'any':
      return v;
    case 'string':
      return asString(a, v);
    case 'number': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      if (Number.isNaN(n)) throw wrongType(a, 'a number');
      return n;
    }
    case 'bool':
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === 'false') return v === 'true';
      throw wrongType(a, 'bool');
    case 'duration': {
      if (typeof v === 'number') return v;
      const ms = typeof v === 'string' ? parseGoDuration(v) : undefined;
      if (ms === undefined) {
        throw new HclDiagnostic('Unsuitable value type', `Unsuitable value: time: invalid duration ${JSON.stringify(String(v))}`, a.expr.range);
      }
      return Math.round(ms * 1_000_000);
    }
    case 'strings':
      if (!Array.isArray(v)) throw wrongType(a, 'list of string');
      return v.map((x) => asString(a, x));
    case 'map': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw wrongType(a, 'map of string');
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asString(a, x)]));
    }
  }
}

/** The block's arguments as Go fields; any argument not in `spec` (or in `extra`) is an error. */
export function decodeAttrs(body: Body, spec: AttrSpec, required: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of body.attributes) {
    const s = spec[a.name];
    if (!s) throw new HclDiagnostic('Unsupported argument', `An argument named "${a.name}" is not expected here.`, a.nameRange);
    out[s[0]] = convert(a, s[1]);
  }
  for (const name of required) {
    if (!body.attributes.some((a) => a.name === name)) {
      throw new HclDiagnostic('Missing required argument', `The argument "${name}" is required, but no definition was found.`, body.range);
    }
  }
  return out;
}

/** Child blocks grouped by type; unknown types are errors, and `single` types may appear once. */
export function childBlocks(body: Body, allowed: readonly string[], single: readonly string[] = []): Map<string, Block[]> {
  const out = new Map<string, Block[]>();
  for (const b of body.blocks) {
    if (!allowed.includes(b.type)) throw new HclDiagnostic('Unsupported block type', `Blocks of type "${b.type}" are not expected here.`, b.typeRange);
    const list = out.get(b.type) ?? [];
    if (single.includes(b.type) && list.length > 0) {
      throw new HclDiagnostic(
        `Duplicate ${b.type} block`,
        `Only one ${b.type} block is allowed. Another was defined at ${rangeText('input.hcl', list[0]!.typeRange)}.`,
        b.typeRange,
      );
    }
    list.push(b);
    out.set(b.type, list);
  }
  return out;
}

/** Checks a block's label count the way gohcl does ("Missing name for group"). */
export function labelsOf(b: Block, names: readonly string[]): string[] {
  if (b.labels.length < names.length) {
    const missing = names[b.labels.length]!;
    throw new HclDiagnostic(`Missing ${missing} for ${b.type}`, `All ${b.type} blocks must have ${names.length} labels (${names.join(', ')}).`, b.typeRange);
  }
  if (b.labels.length > names.length) {
    const extra: Range = b.labelRanges[names.length]!;
    const what =
      names.length === 0
        ? `No labels are expected for ${b.type} blocks.`
        : `Only ${names.length} labels (${names.join(', ')}) are expected for ${b.type} blocks.`;
    throw new HclDiagnostic(`Extraneous label for ${b.type}`, what, extra);
  }
  return b.labels;
}

/** A block whose arguments are free-form (`config`, `env`, `meta`): nested blocks become lists of maps. */
export function freeForm(body: Body, kind: 'any' | 'string'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of body.attributes) out[a.name] = kind === 'string' ? convert(a, 'string') : a.expr.value;
  if (kind === 'string' && body.blocks[0]) {
    throw new HclDiagnostic('Unexpected block', 'Blocks are not allowed here.', body.blocks[0].typeRange);
  }
  for (const b of body.blocks) {
    const list = (out[b.type] as unknown[] | undefined) ?? [];
    list.push(freeForm(b.body, 'any'));
    out[b.type] = list;
  }
  return out;
}
