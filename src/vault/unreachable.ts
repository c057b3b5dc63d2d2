/** A Vault server that did not answer (see src/http/unreachable.ts for the reasons). */
import { UnreachableError } from '../http/unreachable.js';

export class VaultUnreachableError extends UnreachableError {
  constructor(address: string, cause: unknown) {
    super('vault server', address, cause);
    this.name = 'VaultUnreachableError';
  }
}
