/**
 * "The server did not answer" as one error with a reason an operator can act on, instead of
 * undici's ECONNREFUSED / UND_ERR_HEADERS_TIMEOUT / TLS alert names. Shared by the Consul and
 * Vault clients (and any service client that needs it).
 */
import { CodedError, ErrorCode } from '../errors.js';

export type UnreachableReason = 'connection refused' | 'timed out' | 'TLS handshake failed' | 'connection reset' | 'host not found' | 'network error';

export class UnreachableError extends CodedError {
  readonly reason: UnreachableReason;
  constructor(
    /** What did not answer, e.g. "consul agent". */
    what: string,
    /** Its base URL, e.g. https://alimesos01.cern.ch:8501. */
    readonly address: string,
    cause: unknown,
  ) {
    const reason = unreachableReason(cause);
    super(ErrorCode.UnexpectedResponse, `${what} at ${address} is unreachable: ${reason}${unreachableDetail(cause)}`, { cause });
    this.name = 'UnreachableError';
    this.reason = reason;
  }
}

/** Maps Node/undici network errors (possibly wrapped in an AggregateError) to a reason. */
export function unreachableReason(err: unknown): UnreachableReason {
  const codes = errorCodes(err);
  if (codes.includes('ECONNREFUSED')) return 'connection refused';
  if (codes.some((c) => ['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT', 'ABORT_ERR'].includes(c)))
    return 'timed out';
  if (codes.some((c) => /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME/.test(c))) return 'TLS handshake failed';
  if (codes.some((c) => c === 'ECONNRESET' || c === 'UND_ERR_SOCKET' || c === 'EPIPE')) return 'connection reset';
  if (codes.some((c) => c === 'ENOTFOUND' || c === 'EAI_AGAIN')) return 'host not found';
  return 'network error';
}

function errorCodes(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== 'object' || depth > 4) return [];
  const e = err as { code?: unknown; name?: unknown; errors?: unknown; cause?: unknown };
  const own = [e.code, e.name === 'AbortError' || e.name === 'TimeoutError' ? 'ABORT_ERR' : undefined].filter((c): c is string => typeof c === 'string');
  const nested = [...(Array.isArray(e.errors) ? e.errors : []), e.cause].flatMap((x) => errorCodes(x, depth + 1));
  return [...own, ...nested];
}

/** The underlying error code in parentheses (" (ECONNREFUSED)"), or "" when there is none. */
export function unreachableDetail(err: unknown): string {
  const code = errorCodes(err)[0];
  return code ? ` (${code})` : '';
}
