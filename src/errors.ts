/**
 * The error model (design §6). Expected outcomes are values (`OperationResult.failed`);
 * the unexpected are `CodedError`s whose `code` survives Redis as text.
 */
import { redact } from './redact.js';

export const ErrorCode = {
  ConfigInvalid: 'chatops_config_invalid',
  OperationInvalid: 'chatops_operation_invalid',
  LockBusy: 'chatops_lock_busy',
  UnexpectedResponse: 'chatops_unexpected_response',
  ResponseInvalid: 'chatops_response_invalid',
  RenderFailed: 'chatops_render_failed',
  DeclarationInvalid: 'chatops_declaration_invalid',
  Internal: 'chatops_internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class CodedError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(redact(message), options);
    this.name = 'CodedError';
  }
}

/** An error whose message is written for the person in Slack: specific and actionable. */
export class UserFacingError extends CodedError {
  constructor(message: string, code: ErrorCode = ErrorCode.OperationInvalid) {
    super(code, message);
    this.name = 'UserFacingError';
  }
}

export type ApiService = 'nomad' | 'consul' | 'vault' | 'openstack' | 'slack';

/**
 * A response with a status the caller did not expect (like nomad/api's UnexpectedResponseError).
 * The body is kept (redacted, truncated) because Nomad puts its whole error in plain text.
 */
export class HttpApiError extends CodedError {
  readonly body: string;
  constructor(
    readonly service: ApiService,
    readonly method: string,
    readonly url: string,
    readonly status: number,
    body: string,
  ) {
    const shortBody = redact(body).trim().slice(0, 2000);
    super(
      ErrorCode.UnexpectedResponse,
      `${service} ${method} ${redactUrl(url)}: unexpected response code ${status}${shortBody ? ` (${shortBody})` : ''}`,
    );
    this.name = 'HttpApiError';
    this.body = shortBody;
  }
}

/** A response that arrived but does not have the shape our zod schema describes. */
export class ResponseInvalidError extends CodedError {
  constructor(service: ApiService, what: string, detail: string) {
    super(ErrorCode.ResponseInvalid, `${service} returned an unexpected ${what}: ${detail}`);
    this.name = 'ResponseInvalidError';
  }
}

/**
 * Nomad refused a check-and-set write (`EnforceIndex` / scale `JobModifyIndex`): the job changed
 * since the index we planned against. Nomad answers HTTP 500 with this text (reference §3).
 */
export class CheckIndexConflictError extends HttpApiError {
  constructor(
    method: string,
    url: string,
    body: string,
    /** Nomad's sentence, e.g. "Enforcing job modify index 12: job exists with conflicting job modify index: 14". */
    readonly conflict: string,
  ) {
    super('nomad', method, url, 500, body);
    this.name = 'CheckIndexConflictError';
  }

  /** The server's current index when Nomad names it. */
  get currentIndex(): number | undefined {
    const m = /conflicting job modify index: (\d+)/.exec(this.conflict);
    return m ? Number(m[1]) : undefined;
  }
}

export const isStatus = (err: unknown, status: number): err is HttpApiError =>
  err instanceof HttpApiError && err.status === status;

/** Query strings can carry tokens (e.g. Vault's); keep only the path in messages. */
function redactUrl(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : `${url.slice(0, q)}?…`;
}

/** A one-line description of any thrown value, safe to log (never a stack trace in Slack). */
export function describeError(err: unknown): string {
  if (err instanceof Error) return redact(err.message);
  return redact(String(err));
}
