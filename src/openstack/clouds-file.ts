/**
 * Finding and reading `clouds.yaml` / `secure.yaml` the way openstacksdk does
 * (`openstack/config/loader.py`): OS_CLIENT_CONFIG_FILE first, then ./, ~/.config/openstack,
 * /etc/openstack; in each, clouds.yaml, clouds.yml, clouds.json; the first file found wins.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, type ScalarTag, type Tags } from 'yaml';
import { z } from 'zod';
import { CodedError, ErrorCode } from '../errors.js';

export interface ConfigPlaces {
  env: Record<string, string | undefined>;
  cwd: string;
  home: string;
  /** The site-wide directory, `/etc/openstack` unless a test says otherwise. */
  systemDir?: string;
}

/** One cloud's raw entry: snake_case keys, an `auth` block, as in the file. */
export type RawCloud = Record<string, unknown>;

const CloudsFile = z.object({ clouds: z.record(z.string(), z.record(z.string(), z.unknown())) });

export interface CloudsFound {
  file: string;
  clouds: Record<string, RawCloud>;
}

/** The files tried, in order, for `clouds` or `secure`. */
export function searchPath(kind: 'clouds' | 'secure', places: ConfigPlaces): string[] {
  const first = kind === 'clouds' ? places.env.OS_CLIENT_CONFIG_FILE : places.env.OS_CLIENT_SECURE_FILE;
  const dirs = [places.cwd, join(places.home, '.config', 'openstack'), places.systemDir ?? '/etc/openstack'];
  const files = dirs.flatMap((d) => ['yaml', 'yml', 'json'].map((ext) => join(d, `${kind}.${ext}`)));
  return first ? [first, ...files] : files;
}

/**
 * Floats are kept as written: an unquoted `compute_default_microversion: 2.10` is the microversion
 * 2.10, which YAML's float 2.1 would silently turn into another one. Every value is read as text anyway.
 */
const floatsAsWritten = (tags: Tags): Tags =>
  tags.map((t) =>
    typeof t === 'object' && !('collection' in t && t.collection) && t.tag === 'tag:yaml.org,2002:float'
      ? ({ ...t, resolve: (s: string) => s } as ScalarTag)
      : t,
  );

/** Reads the first existing file of the search path; undefined when there is none. */
export function readCloudsFile(kind: 'clouds' | 'secure', places: ConfigPlaces): CloudsFound | undefined {
  const file = searchPath(kind, places).find((f) => existsSync(f));
  if (!file) return undefined;
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'), { customTags: floatsAsWritten });
  } catch (err) {
    throw new CodedError(ErrorCode.ConfigInvalid, `${file}: not valid YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = CloudsFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CodedError(
      ErrorCode.ConfigInvalid,
      `${file}: ${issue?.path.join('.') || 'clouds'}: ${issue?.message ?? 'invalid'} (expected "clouds: {<name>: {auth: {...}}}")`,
    );
  }
  return { file, clouds: parsed.data.clouds };
}
