import { createVault, vaultSettingsFromEnv, type Vault } from '../../src/vault/index.js';
import type { Redactor } from '../../src/redact.js';

/** A client configured the way an operator's shell would, from VAULT_* variables. */
export function vaultFromEnv(env: Record<string, string | undefined>, timeoutMs = 2_000, redactor?: Redactor): Vault {
  return createVault(vaultSettingsFromEnv(env, { timeoutMs }), undefined, redactor);
}

/** Everything an error could show a person or a log: message, JSON, stack, cause. */
export function everythingShown(err: unknown): string {
  const e = err as Error & { body?: string; cause?: unknown };
  return [e.message, String(e), e.body ?? '', JSON.stringify(e), e.stack ?? '', e.cause instanceof Error ? e.cause.message : ''].join('\n');
}
