/** Levant's variables: var files (.yaml/.yml/.json/.tf) merged shallowly, then `-var` overrides. */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { JsonError, unmarshal } from './json.js';
import { TfError, parseTfVars } from './tf-vars.js';
import { GoMap, type GoValue, type MapKey, stringMap } from './values.js';
import { YamlError, unmarshalYamlVars } from './yaml-v2.js';

export class VarFileError extends Error {}

/** A YAML var file as yaml.v2 decodes it into map[string]interface{} (see yaml-v2.ts). */
export function parseYamlVars(text: string): Map<MapKey, GoValue> {
  try {
    return unmarshalYamlVars(text);
  } catch (e) {
    if (e instanceof YamlError) throw new VarFileError(`yaml: ${e.message}`);
    throw e;
  }
}

/** A var file's text decoded as Levant decodes files with extension `ext` (".yaml", ".json", ".tf"). */
export function decodeVarFile(text: string, ext: string, path: string): Map<MapKey, GoValue> {
  try {
    if (ext === '.json') {
      let v: GoValue;
      try {
        v = unmarshal(text);
      } catch (e) {
        if (e instanceof JsonError) throw new VarFileError(e.message);
        throw e;
      }
      if (v === null) return new Map();
      if (!(v instanceof GoMap)) throw new VarFileError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type map[string]interface {}`);
      return v.entries;
    }
    if (ext === '.tf') {
      try {
        return parseTfVars(text, path);
      } catch (e) {
        if (e instanceof TfError) throw new VarFileError(e.message);
        throw e;
      }
    }
    if (ext === '.yaml' || ext === '.yml') return parseYamlVars(text);
  } catch (e) {
    if (e instanceof VarFileError) throw e;
    throw new VarFileError(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  throw new VarFileError(`variables file extension ${ext} not supported`);
}

function jsonKind(v: GoValue): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'array';
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
  return decodeVarFile(text, ext, path);
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
