/** A Consul agent that did not answer (see src/http/unreachable.ts for the reasons). */
import { UnreachableError } from '../http/unreachable.js';

export type { UnreachableReason } from '../http/unreachable.js';

export class ConsulUnreachableError extends UnreachableError {
  constructor(address: string, cause: unknown) {
    super('consul agent', address, cause);
    this.name = 'ConsulUnreachableError';
  }
}
