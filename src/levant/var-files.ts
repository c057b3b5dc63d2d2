/** Levant's variables: var files (.yaml/.yml/.json/.tf) merged shallowly, then `-var` overrides. */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { isMap, isNode, isScalar, parseDocument } from 'yaml';
import { unmarshal } from './json.js';
import { parseTfVars } from './tf-vars.js';
import { GoMap, type GoValue, IFACE, type MapKey, ifaceSlice, stringMap } from './values.js';

export class VarFileError extends Error {}

/** A YAML value as gopkg.in/yaml.v2 decodes it into interface{} (nested maps are map[interface {}]interface {}). */
function fromYaml(v: unknown): GoValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') {
    if (v >= -(2n ** 63n) && v < 2n ** 63n) return v;
    return Number(v);
  }
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString().replace(/T00:00:00\.000Z$/, '');
  if (Array.isArray(v)) return ifaceSlice(v.map(fromYaml));
  const entries = new Map<MapKey, GoValue>();
  const source = v instanceof Map ? [...v.entries()] : Object.entries(v as Record<string, unknown>);
  for (const [k, val] of source) {
    const key = typeof k === 'bigint' || typeof k === 'number' || typeof k === 'boolean' ? k : String(k);
    entries.set(key as MapKey, fromYaml(val));
  }
  return new GoMap(IFACE, IFACE, entries);
}

/** A YAML var file as yaml.v2 decodes it into map[string]interface{}: top-level keys keep their text. */
export function parseYamlVars(text: string): Map<MapKey, GoValue> {
  const doc = parseDocument(text, {
    version: '1.1',
    intAsBigInt: true,
    customTags: (tags) => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
  });
  if (doc.errors.length > 0) throw new VarFileError(`yaml: ${doc.errors[0]!.message.split('\n')[0]}`);
  const contents = doc.contents;
  const vars = new Map<MapKey, GoValue>();
  if (contents === null || (isScalar(contents) && contents.value === null)) return vars;
  if (!isMap(contents)) throw new VarFileError('yaml: top level is not a mapping');
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? (pair.key.source ?? String(pair.key.value)) : String(pair.key);
    const value: unknown = isNode(pair.value) ? pair.value.toJS(doc, { mapAsMap: true }) : null;
    vars.set(key, fromYaml(value));
  }
  return vars;
}

export async function loadVarFile(path: string): Promise<Map<MapKey, GoValue>> {
  const ext = extname(path);
  if (!['.yaml', '.yml', '.json', '.tf'].includes(ext)) throw new VarFileError(`variables file extension ${ext} not supported`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new VarFileError(`open ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : String(e)}`);
  }
  try {
    if (ext === '.json') {
      const v = unmarshal(text);
      if (!(v instanceof GoMap)) throw new VarFileError('json: cannot unmarshal into Go value of type map[string]interface {}');
      return v.entries;
    }
    if (ext === '.tf') return parseTfVars(text);
    return parseYamlVars(text);
  } catch (e) {
    if (e instanceof VarFileError) throw e;
    throw new VarFileError(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** `-var a.b=c` entries as nested maps; each top-level key replaces the file's whole value. */
export function cliVars(vars: Record<string, string>): Map<MapKey, GoValue> {
  const root = new Map<MapKey, GoValue>();
  for (const [key, value] of Object.entries(vars)) {
    const parts = key.split('.');
    let m = root;
    parts.slice(0, -1).forEach((p) => {
      const next = m.get(p);
      if (next instanceof GoMap) m = next.entries;
      else {
        const fresh = new Map<MapKey, GoValue>();
        m.set(p, stringMap(fresh));
        m = fresh;
      }
    });
    m.set(parts[parts.length - 1]!, value);
  }
  return root;
}

/** Merges var files in order (later wins, top-level keys only), then the CLI variables. */
export async function loadVariables(varFiles: string[], vars: Record<string, string> = {}): Promise<GoMap> {
  const merged = new Map<MapKey, GoValue>();
  for (const file of varFiles) for (const [k, v] of await loadVarFile(file)) merged.set(k, v);
  for (const [k, v] of cliVars(vars)) merged.set(k, v);
  return stringMap(merged);
}
