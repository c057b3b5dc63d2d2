/** encoding/json Marshal / MarshalIndent / Unmarshal over GoValues (Sprig's toJson, Levant's parseJSON). */
import { formatFloat } from './fmt-float.js';
import { jsonSyntaxError } from './json-scan.js';
import { formatTime } from './time-format.js';
import { GoChan, GoNum, GoObject, GoSlice, GoTime, type GoValue, type MapKey, ifaceSlice, sortedKeys, stringMap } from './values.js';

export class JsonError extends Error {}

function quoteJson(s: string, escapeHTML = true): string {
  let out = '"';
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (r < 0x20 || (escapeHTML && (ch === '<' || ch === '>' || ch === '&')) || r === 0x2028 || r === 0x2029) {
      out += `\\u${r.toString(16).padStart(4, '0')}`;
    } else if (r >= 0xd800 && r <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

function floatJson(f: number): string {
  if (!Number.isFinite(f)) throw new JsonError(`json: unsupported value: ${formatFloat(f, 'g', -1)}`);
  const abs = Math.abs(f);
  const e = abs !== 0 && (abs < 1e-6 || abs >= 1e21);
  let s = formatFloat(f, e ? 'e' : 'f', -1);
  if (e) s = s.replace(/e([+-])0(\d)$/, 'e$1$2');
  return s;
}

function encode(v: GoValue, indent: string, depth: number, html = true): string {
  const nl = indent ? `\n${indent.repeat(depth + 1)}` : '';
  const close = indent ? `\n${indent.repeat(depth)}` : '';
  const colon = indent ? ': ' : ':';
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return quoteJson(v, html);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return floatJson(v);
  if (v instanceof GoNum) return v.v.toString();
  if (v instanceof GoTime) return quoteJson(formatTime(v, '2006-01-02T15:04:05.999999999Z07:00'));
  if (v instanceof GoChan) throw new JsonError(`json: unsupported type: ${v.type}`);
  if (v instanceof GoObject) {
    if (v.json) return v.json();
    // Exported fields only, in declaration order, as encoding/json writes a struct.
    const exported = v.fields.filter((f) => /^[A-Z]/.test(f.name));
    if (exported.length === 0) return '{}';
    return `{${exported.map((f) => nl + quoteJson(f.name, html) + colon + encode(f.value, indent, depth + 1, html)).join(',')}${close}}`;
  }
  if (v instanceof GoSlice) {
    if (v.isNil) return 'null';
    if (v.items.length === 0) return '[]';
    return `[${v.items.map((x) => nl + encode(x, indent, depth + 1, html)).join(',')}${close}]`;
  }
  if (v.key !== 'string') throw new JsonError(`json: unsupported type: ${v.type}`);
  const keys = sortedKeys(v);
  if (keys.length === 0) return '{}';
  const parts = keys.map((k) => nl + quoteJson(String(k), html) + colon + encode(v.entries.get(k) ?? null, indent, depth + 1, html));
  return `{${parts.join(',')}${close}}`;
}

/** json.Marshal (indent "") or json.MarshalIndent(v, "", indent); throws JsonError. */
export function marshal(v: GoValue, indent = ''): string {
  return encode(v, indent, 0);
}

/** An Encoder with SetEscapeHTML(false), its trailing newline trimmed (Sprig's toRawJson). */
export function marshalRaw(v: GoValue): string {
  return encode(v, '', 0, false);
}

function fromJs(x: unknown): GoValue {
  if (x === null) return null;
  if (typeof x === 'boolean' || typeof x === 'number') return x;
  // Go decodes an unpaired surrogate escape (\ud800) as U+FFFD.
  if (typeof x === 'string') return x.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  if (Array.isArray(x)) return ifaceSlice(x.map(fromJs));
  const m = new Map<MapKey, GoValue>();
  for (const [k, val] of Object.entries(x as Record<string, unknown>)) m.set(fromJs(k) as string, fromJs(val));
  return stringMap(m);
}

/** json.Unmarshal into interface{}: Go's syntax errors, numbers as float64, maps map[string]interface {}. */
export function unmarshal(text: string): GoValue {
  const syntax = jsonSyntaxError(Buffer.from(text));
  if (syntax !== undefined) throw new JsonError(syntax);
  const numbers = text.replace(/"(?:[^"\\]|\\.)*"/g, '""').matchAll(/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g);
  for (const [n] of numbers) if (!Number.isFinite(Number(n))) throw new JsonError(`json: cannot unmarshal number ${n} into Go value of type float64`);
  return fromJs(JSON.parse(text));
}
