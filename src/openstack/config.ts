/**
 * OpenStack connection settings as `openstack` users already have them: a cloud from `clouds.yaml`
 * (chosen by OS_CLOUD, or the only one), merged with `secure.yaml`, then overridden by OS_* variables
 * (as python-openstackclient does). Only the `password` and `v3applicationcredential` auth types.
 */
import { z } from 'zod';
import { CodedError, ErrorCode } from '../errors.js';
import { readCloudsFile, searchPath, type ConfigPlaces, type RawCloud } from './clouds-file.js';

export const OpenStackInterface = z.enum(['public', 'internal', 'admin']);
export type OpenStackInterface = z.infer<typeof OpenStackInterface>;

export const OpenStackAuth = z.object({
  authUrl: z.url(),
  username: z.string().optional(),
  userId: z.string().optional(),
  password: z.string().optional(),
  userDomainName: z.string().optional(),
  userDomainId: z.string().optional(),
  projectName: z.string().optional(),
  projectId: z.string().optional(),
  projectDomainName: z.string().optional(),
  projectDomainId: z.string().optional(),
  applicationCredentialId: z.string().optional(),
  applicationCredentialName: z.string().optional(),
  applicationCredentialSecret: z.string().optional(),
});
export type OpenStackAuth = z.infer<typeof OpenStackAuth>;

export const OpenStackConfig = z.object({
  /** The clouds.yaml entry used, or `envvars` when only OS_* variables were set. */
  cloud: z.string(),
  /** Where it came from, for messages: a file path or "environment". */
  source: z.string(),
  authType: z.enum(['password', 'v3applicationcredential']),
  auth: OpenStackAuth,
  regionName: z.string().optional(),
  interface: OpenStackInterface,
  /**
   * An explicit Nova microversion ("2.79"): `OS_COMPUTE_API_VERSION` with a minor part, else
   * `compute_default_microversion`. Absent: negotiated with the cloud. (`compute_api_version` in
   * clouds.yaml is the major version, `2`, never a microversion.)
   */
  computeMicroversion: z
    .string()
    .regex(/^([1-9]\d*)\.([1-9]\d*|0)$/)
    .optional(),
  tls: z.object({
    caCert: z.string().optional(),
    clientCert: z.string().optional(),
    clientKey: z.string().optional(),
    skipVerify: z.boolean().optional(),
  }),
});
export type OpenStackConfig = z.infer<typeof OpenStackConfig>;

const AUTH_KEYS = [
  'auth_url',
  'username',
  'user_id',
  'password',
  'user_domain_name',
  'user_domain_id',
  'project_name',
  'project_id',
  'project_domain_name',
  'project_domain_id',
  'application_credential_id',
  'application_credential_name',
  'application_credential_secret',
  'default_domain',
] as const;
/** Variables that pick a cloud or a file rather than describe one (loader.py). */
const SELECTORS = new Set(['cloud', 'region_name', 'client_config_file', 'client_secure_file', 'cloud_name']);
const LEGACY: Record<string, string> = { tenant_name: 'project_name', tenant_id: 'project_id', endpoint_type: 'interface' };

export interface LoadOptions extends ConfigPlaces {
  /** Overrides OS_CLOUD. */
  cloud?: string;
}

/** Finds, merges and validates the settings; errors name the missing key and its OS_* variable. */
export function loadOpenStackConfig(opts: LoadOptions): OpenStackConfig {
  const envCloud = cloudFromEnv(opts.env);
  const hasEnvCloud = Object.keys(envCloud).some((k) => k !== 'auth' && !SELECTORS.has(k)) || Object.keys(envCloud.auth as object).length > 0;
  const found = readCloudsFile('clouds', opts);
  const secure = readCloudsFile('secure', opts);
  const wanted = opts.cloud ?? opts.env.OS_CLOUD;
  let name: string;
  let source: string;
  let base: RawCloud = {};
  if (wanted) {
    const entry = found?.clouds[wanted];
    if (!entry) {
      const where = found ? `${found.file} (clouds: ${Object.keys(found.clouds).join(', ') || 'none'})` : `none of ${searchPath('clouds', opts).join(', ')}`;
      throw configError(`cloud "${wanted}" (OS_CLOUD) is not defined in ${where}`);
    }
    [name, source, base] = [wanted, found.file, entry];
  } else if (found && Object.keys(found.clouds).length === 1 && !(envCloud.auth as RawCloud).auth_url) {
    name = Object.keys(found.clouds)[0] as string;
    [source, base] = [found.file, found.clouds[name] as RawCloud];
  } else if (hasEnvCloud) {
    [name, source] = [opts.env.OS_CLOUD_NAME ?? 'envvars', 'environment'];
  } else if (found && Object.keys(found.clouds).length > 1) {
    throw configError(`${found.file} defines several clouds (${Object.keys(found.clouds).join(', ')}): set OS_CLOUD to one of them`);
  } else {
    throw configError(`no clouds.yaml found (looked in ${searchPath('clouds', opts).join(', ')}) and OS_AUTH_URL is not set`);
  }
  const merged = mergeCloud(mergeCloud(normalise(base), normalise(secure?.clouds[name] ?? {})), envCloud);
  const config = toConfig(name, source, merged, explicitMicroversion(opts.env, merged));
  return config;
}

/** OS_FOO_BAR → `foo_bar`, auth keys moved under `auth` (what loader.py does for the `envvars` cloud). */
function cloudFromEnv(env: Record<string, string | undefined>): RawCloud {
  const raw: RawCloud = {};
  for (const [k, v] of Object.entries(env)) {
    if (!k.startsWith('OS_') || v === undefined || v === '') continue;
    raw[k.slice(3).toLowerCase()] = v;
  }
  return normalise(raw);
}

function normalise(cloud: RawCloud): RawCloud {
  const out: RawCloud = {};
  const auth: RawCloud = { ...((cloud.auth as RawCloud | undefined) ?? {}) };
  for (const [rawKey, v] of Object.entries(cloud)) {
    if (rawKey === 'auth') continue;
    const k0 = rawKey.replace(/-/g, '_');
    const k = LEGACY[k0] ?? k0;
    if ((AUTH_KEYS as readonly string[]).includes(k)) auth[k] = v;
    else out[k] = v;
  }
  for (const [k, v] of Object.entries(auth)) {
    const fixed = LEGACY[k];
    if (fixed) {
      delete auth[k];
      auth[fixed] ??= v;
    }
  }
  out.auth = auth;
  return out;
}

function mergeCloud(a: RawCloud, b: RawCloud): RawCloud {
  return { ...a, ...b, auth: { ...(a.auth as RawCloud), ...(b.auth as RawCloud) } };
}

/**
 * The CLI's `--os-compute-api-version`/`OS_COMPUTE_API_VERSION` is a microversion when it has a
 * minor part (`2.37`), a major version otherwise (`2`); `compute_default_microversion` is one.
 */
function explicitMicroversion(env: Record<string, string | undefined>, c: RawCloud): { value: string; key: string } | undefined {
  const cli = env.OS_COMPUTE_API_VERSION?.trim();
  if (cli?.includes('.') && !/latest$/.test(cli)) return { value: cli, key: 'OS_COMPUTE_API_VERSION' };
  const dflt = c.compute_default_microversion;
  return dflt === undefined || dflt === null || dflt === '' ? undefined : { value: String(dflt).trim(), key: 'compute_default_microversion' };
}

function toConfig(name: string, source: string, c: RawCloud, microversion?: { value: string; key: string }): OpenStackConfig {
  const where = source === 'environment' ? 'OS_* variables' : `cloud "${name}" in ${source}`;
  const a = c.auth as RawCloud;
  const str = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : String(v));
  const authType = str(c.auth_type) ?? 'password';
  if (authType !== 'password' && authType !== 'v3applicationcredential' && authType !== 'v3password') {
    throw configError(`${where}: auth_type "${authType}" (OS_AUTH_TYPE) is not supported; use password or v3applicationcredential`);
  }
  const need = (key: string) => {
    if (str(a[key]) === undefined) throw configError(`${where}: auth.${key} is missing (OS_${key.toUpperCase()})`);
  };
  const needOne = (keys: string[], why: string) => {
    if (keys.every((k) => str(a[k]) === undefined)) {
      throw configError(`${where}: ${why}: set auth.${keys.join(' or auth.')} (${keys.map((k) => `OS_${k.toUpperCase()}`).join(' or ')})`);
    }
  };
  need('auth_url');
  const dflt = str(a.default_domain);
  if (authType === 'v3applicationcredential') {
    need('application_credential_secret');
    needOne(['application_credential_id', 'application_credential_name'], 'the application credential is not named');
    if (!str(a.application_credential_id)) {
      needOne(['user_id', 'username'], 'an application credential given by name needs its user');
      if (!str(a.user_id) && !dflt) needOne(['user_domain_name', 'user_domain_id'], 'a user given by name needs its domain');
    }
  } else {
    needOne(['user_id', 'username'], 'no user');
    need('password');
    needOne(['project_id', 'project_name'], 'no project to scope the token to');
    if (!str(a.user_id) && !dflt) needOne(['user_domain_name', 'user_domain_id'], 'a user given by name needs its domain');
    if (!str(a.project_id) && !dflt) needOne(['project_domain_name', 'project_domain_id'], 'a project given by name needs its domain');
  }
  const iface = (str(c.interface) ?? 'public').replace(/URL$/, '');
  const insecure = parseBool(c.insecure, `${where}: insecure (OS_INSECURE)`) ?? (parseBool(c.verify, `${where}: verify`) === false ? true : undefined);
  const parsed = OpenStackConfig.safeParse({
    cloud: name,
    source,
    authType: authType === 'v3password' ? 'password' : authType,
    auth: {
      authUrl: str(a.auth_url),
      username: str(a.username),
      userId: str(a.user_id),
      password: str(a.password),
      userDomainName: str(a.user_domain_name),
      userDomainId: str(a.user_domain_id) ?? (str(a.user_domain_name) ? undefined : dflt),
      projectName: str(a.project_name),
      projectId: str(a.project_id),
      projectDomainName: str(a.project_domain_name),
      projectDomainId: str(a.project_domain_id) ?? (str(a.project_domain_name) ? undefined : dflt),
      applicationCredentialId: str(a.application_credential_id),
      applicationCredentialName: str(a.application_credential_name),
      applicationCredentialSecret: str(a.application_credential_secret),
    },
    regionName: str(c.region_name),
    interface: iface,
    computeMicroversion: microversion?.value,
    tls: { caCert: str(c.cacert), clientCert: str(c.cert), clientKey: str(c.key), skipVerify: insecure },
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.path[0] === 'computeMicroversion' && microversion) {
      throw configError(`${where}: ${microversion.key} "${microversion.value}" is not a compute microversion (like 2.79)`);
    }
    const key = keyName(issue?.path ?? []);
    throw configError(`${where}: ${key} (OS_${key.replace(/^auth\./, '').toUpperCase()}): ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

function keyName(path: PropertyKey[]): string {
  const last = String(path[path.length - 1] ?? '');
  const snake = last.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
  return path[0] === 'auth' ? `auth.${snake}` : snake;
}

function parseBool(v: unknown, what: string): boolean | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'boolean') return v;
  const s = String(v).toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(s)) return true;
  if (['0', 'false', 'no', 'off'].includes(s)) return false;
  throw configError(`${what}: not a boolean: ${JSON.stringify(v)}`);
}

const configError = (message: string) => new CodedError(ErrorCode.ConfigInvalid, `OpenStack config: ${message}`);
