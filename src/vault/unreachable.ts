/** "The Vault server did not answer", with a reason an operator can act on. */
import { unreachableDetail, unreachableReason, type UnreachableReason } from '../consul/unreachable.js';
import { CodedError, ErrorCode } from '../errors.js';

export class VaultUnreachableError extends CodedError {
  readonly reason: UnreachableReason;
  constructor(
    /** The server's base URL, e.g. https://alimesos01.cern.ch:8200. */
    readonly address: string,
    cause: unknown,
  ) {
    const reason = unreachableReason(cause);
    super(ErrorCode.UnexpectedResponse, `vault server at ${address} is unreachable: ${reason}${unreachableDetail(cause)}`, { cause });
    this.name = 'VaultUnreachableError';
    this.reason = reason;
  }
}
