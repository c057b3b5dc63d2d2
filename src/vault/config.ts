/**
 * Vault connection settings, read from the same environment variables as the `vault` CLI
 * (seed 000 "Setting up your local environment"), so an operator's shell setup works unchanged.
 */
import { z } from 'zod';
import { CodedError, ErrorCode } from '../errors.js';
import { parseGoBool, tlsFromEnv, TlsSettingsSchema } from '../http/tls.js';

export const VaultSettings = z.object({
  /** VAULT_ADDR, default https://127.0.0.1:8200 like the CLI. */
  address: z.url(),
  /** VAULT_TOKEN, sent as `X-Vault-Token`. */
  token: z.string().optional(),
  /** VAULT_NAMESPACE (Enterprise), sent as `X-Vault-Namespace`. */
  namespace: z.string().optional(),
  /** Milliseconds to wait for response headers before calling the server unreachable. */
  timeoutMs: z.number().int().positive(),
  tls: TlsSettingsSchema,
});
export type VaultSettings = z.infer<typeof VaultSettings>;

export const VAULT_DEFAULT_ADDRESS = 'https://127.0.0.1:8200';
export const VAULT_DEFAULT_TIMEOUT_MS = 5_000;

export function vaultSettingsFromEnv(env: Record<string, string | undefined>, base: Partial<VaultSettings> = {}): VaultSettings {
  const pick = (k: string) => (env[k] === '' ? undefined : env[k]);
  const parsed = VaultSettings.safeParse({
    address: (pick('VAULT_ADDR') ?? base.address ?? VAULT_DEFAULT_ADDRESS).replace(/\/+$/, ''),
    token: pick('VAULT_TOKEN') ?? base.token,
    namespace: pick('VAULT_NAMESPACE') ?? base.namespace,
    timeoutMs: base.timeoutMs ?? VAULT_DEFAULT_TIMEOUT_MS,
    tls: tlsFromEnv(env, 'VAULT', base.tls, skipVerify(env)),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // Never echo values here: a mistyped VAULT_ADDR could hold a pasted token.
    throw configError(`${issue?.path.join('.') ?? 'settings'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

function skipVerify(env: Record<string, string | undefined>): boolean | undefined {
  try {
    return parseGoBool(env.VAULT_SKIP_VERIFY);
  } catch {
    throw configError('VAULT_SKIP_VERIFY is not a boolean (use true or false)');
  }
}

const configError = (message: string) => new CodedError(ErrorCode.ConfigInvalid, `Vault config: ${message}`);
