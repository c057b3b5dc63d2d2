/**
 * Vault's failures: every error body is `{"errors": [...]}` (e.g. "permission denied",
 * "Vault is sealed", "local node not active but active cluster node not found").
 */
import { HttpApiError } from '../errors.js';
import { VaultErrorResponse } from './schemas.js';
import { VaultUnreachableError } from './unreachable.js';

export class VaultApiError extends HttpApiError {
  /** Vault's own messages from the body (redacted), empty when the body had none. */
  readonly errors: string[];
  constructor(method: string, url: string, status: number, body: string) {
    super('vault', method, url, status, body);
    this.name = 'VaultApiError';
    this.errors = parseErrors(this.body);
  }
}

function parseErrors(body: string): string[] {
  try {
    const parsed = VaultErrorResponse.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data.errors : [];
  } catch {
    return [];
  }
}

export type VaultFailure = 'unreachable' | 'permission-denied' | 'sealed' | 'no-active-node' | 'other';

export function vaultFailure(err: unknown): VaultFailure {
  if (err instanceof VaultUnreachableError) return 'unreachable';
  if (!(err instanceof VaultApiError)) return 'other';
  const text = err.errors.join('\n');
  if (err.status === 403 || text.includes('permission denied')) return 'permission-denied';
  if (text.includes('Vault is sealed')) return 'sealed';
  if (text.includes('active cluster node not found') || text.includes('no active node')) return 'no-active-node';
  return 'other';
}
