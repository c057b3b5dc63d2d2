/**
 * TLS settings as the HashiCorp CLIs take them (`*_CACERT`, `*_CLIENT_CERT`, `*_CLIENT_KEY`,
 * `*_TLS_SERVER_NAME`, `*_SKIP_VERIFY`) turned into an undici dispatcher.
 */
import { readFileSync } from 'node:fs';
import { Agent, type Dispatcher } from 'undici';
import { z } from 'zod';

export interface TlsSettings {
  /** PEM file with the CA bundle to trust instead of the system's. */
  caCert?: string | undefined;
  /** PEM client certificate and key for mutual TLS (ALICE's operators use their grid certificates). */
  clientCert?: string | undefined;
  clientKey?: string | undefined;
  /** Name to check the server certificate against, e.g. when tunnelling through localhost. */
  serverName?: string | undefined;
  skipVerify?: boolean | undefined;
}

/** The zod shape of TlsSettings, for the settings schemas of the Nomad, Consul and Vault clients. */
export const TlsSettingsSchema = z.object({
  caCert: z.string().optional(),
  clientCert: z.string().optional(),
  clientKey: z.string().optional(),
  serverName: z.string().optional(),
  skipVerify: z.boolean().optional(),
});

/**
 * `<P>_CACERT`, `<P>_CLIENT_CERT`, `<P>_CLIENT_KEY` and `<P>_TLS_SERVER_NAME` as the nomad, consul
 * and vault CLIs read them (empty = unset), over `base`. Skip-verify differs per CLI
 * (`NOMAD_SKIP_VERIFY`, `VAULT_SKIP_VERIFY`, the inverted `CONSUL_HTTP_SSL_VERIFY`), so the
 * caller decides it.
 */
export function tlsFromEnv(
  env: Record<string, string | undefined>,
  prefix: 'NOMAD' | 'CONSUL' | 'VAULT',
  base: TlsSettings = {},
  skipVerify?: boolean,
): TlsSettings {
  const pick = (k: string) => (env[`${prefix}_${k}`] === '' ? undefined : env[`${prefix}_${k}`]);
  return {
    caCert: pick('CACERT') ?? base.caCert,
    clientCert: pick('CLIENT_CERT') ?? base.clientCert,
    clientKey: pick('CLIENT_KEY') ?? base.clientKey,
    serverName: pick('TLS_SERVER_NAME') ?? base.serverName,
    skipVerify: skipVerify ?? base.skipVerify,
  };
}

export interface DispatcherOptions {
  /** Milliseconds before a request with no response headers fails. */
  headersTimeoutMs?: number;
  /** Milliseconds of silence allowed inside a body (event streams need 0 = none). */
  bodyTimeoutMs?: number;
  connections?: number;
}

export function createDispatcher(tls: TlsSettings, opts: DispatcherOptions = {}): Dispatcher {
  const connect: Record<string, unknown> = {};
  if (tls.caCert) connect.ca = readFileSync(tls.caCert);
  if (tls.clientCert) connect.cert = readFileSync(tls.clientCert);
  if (tls.clientKey) connect.key = readFileSync(tls.clientKey);
  if (tls.serverName) connect.servername = tls.serverName;
  if (tls.skipVerify) connect.rejectUnauthorized = false;
  return new Agent({
    connect,
    headersTimeout: opts.headersTimeoutMs ?? 30_000,
    bodyTimeout: opts.bodyTimeoutMs ?? 330_000,
    connections: opts.connections ?? 32,
    keepAliveTimeout: 4_000,
  });
}

/** Reads a boolean the way Go's strconv.ParseBool does for the `*_SKIP_VERIFY` variables. */
export function parseGoBool(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value)) return false;
  throw new Error(`not a boolean: ${JSON.stringify(value)}`);
}
