/**
 * Consul connection settings, read from the same environment variables as the `consul` CLI
 * (seed 000 "Setting up your local environment"), so an operator's shell setup works unchanged.
 */
import { z } from 'zod';
import { CodedError, ErrorCode } from '../errors.js';
import { parseGoBool, tlsFromEnv, TlsSettingsSchema } from '../http/tls.js';

export const ConsulSettings = z.object({
  /** Full URL of one agent. CONSUL_HTTP_ADDR may omit the scheme; we always store one. */
  address: z.url(),
  /** CONSUL_HTTP_TOKEN, sent as `X-Consul-Token`. */
  token: z.string().optional(),
  /** Milliseconds to wait for response headers before calling the agent unreachable. */
  timeoutMs: z.number().int().positive(),
  tls: TlsSettingsSchema,
});
export type ConsulSettings = z.infer<typeof ConsulSettings>;

export const CONSUL_DEFAULT_ADDRESS = '127.0.0.1:8500';
export const CONSUL_DEFAULT_TIMEOUT_MS = 5_000;

export function consulSettingsFromEnv(env: Record<string, string | undefined>, base: Partial<ConsulSettings> = {}): ConsulSettings {
  const pick = (k: string) => (env[k] === '' ? undefined : env[k]);
  const ssl = envBool(env, 'CONSUL_HTTP_SSL');
  const verify = envBool(env, 'CONSUL_HTTP_SSL_VERIFY');
  const parsed = ConsulSettings.safeParse({
    address: consulAddress(pick('CONSUL_HTTP_ADDR') ?? base.address ?? CONSUL_DEFAULT_ADDRESS, ssl),
    token: pick('CONSUL_HTTP_TOKEN') ?? base.token,
    timeoutMs: base.timeoutMs ?? CONSUL_DEFAULT_TIMEOUT_MS,
    tls: tlsFromEnv(env, 'CONSUL', base.tls, verify === undefined ? undefined : !verify),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw configError(`${issue?.path.join('.') ?? 'settings'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/**
 * Like consul/api's DefaultConfig: `host:port` gets `http://`, an explicit scheme is kept, and
 * CONSUL_HTTP_SSL=true switches to https whatever the address said.
 */
export function consulAddress(raw: string, ssl?: boolean): string {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(raw.trim());
  const scheme = m?.[1]?.toLowerCase() ?? 'http';
  const rest = m ? (m[2] ?? '') : raw.trim();
  if (scheme === 'unix') throw configError(`CONSUL_HTTP_ADDR ${raw}: unix sockets are not supported, use host:port`);
  if (scheme !== 'http' && scheme !== 'https') throw configError(`CONSUL_HTTP_ADDR ${raw}: scheme must be http or https`);
  return `${ssl ? 'https' : scheme}://${rest.replace(/\/+$/, '')}`;
}

function envBool(env: Record<string, string | undefined>, name: string): boolean | undefined {
  try {
    return parseGoBool(env[name]);
  } catch {
    throw configError(`${name}=${JSON.stringify(env[name])} is not a boolean (use true or false)`);
  }
}

const configError = (message: string) => new CodedError(ErrorCode.ConfigInvalid, `Consul config: ${message}`);
