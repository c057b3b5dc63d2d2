/**
 * The error model (design §6). Expected outcomes are values (`OperationResult.failed`);
 * the unexpected are `CodedError`s whose `code` survives Redis as text.
 */
import { maskTokens } from './redact.js';

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
    super(maskTokens(message), options);
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

/** What a service's own client knows about one of its answers (e.g. src/nomad/explain.ts). */
export interface Explanation {
  /** One sentence for the channel, e.g. "Nomad refused: the token may not submit jobs in namespace default". */
  forPeople: string;
  /** Asking again cannot change the answer (a refusal, an invalid job): nothing retries it. */
  permanent: boolean;
}

/**
 * A response with a status the caller did not expect (like nomad/api's UnexpectedResponseError).
 * The body is kept (redacted, truncated) because Nomad puts its whole error in plain text. The
 * message is the transport detail, for the log; `explanation` is what people read.
 */
export class HttpApiError extends CodedError {
  readonly body: string;
  /** One sentence for the channel (see Explanation). */
  readonly forPeople: string;
  readonly permanent: boolean;
  constructor(
    readonly service: ApiService,
    readonly method: string,
    readonly url: string,
    readonly status: number,
    body: string,
    explanation?: Explanation,
  ) {
    const shortBody = maskTokens(body).trim().slice(0, 2000);
    super(ErrorCode.UnexpectedResponse, `${service} ${method} ${redactUrl(url)}: unexpected response code ${status}${shortBody ? ` (${shortBody})` : ''}`);
    this.name = 'HttpApiError';
    this.body = shortBody;
    const meant = explanation ?? plainExplanation(service, status, shortBody);
    this.forPeople = maskTokens(meant.forPeople);
    this.permanent = meant.permanent;
  }
}

const SERVICE_NAMES: Record<ApiService, string> = { nomad: 'Nomad', consul: 'Consul', vault: 'Vault', openstack: 'OpenStack', slack: 'Slack' };

/** Without a service-specific reading: 4xx (but 408 and 429) is a refusal, anything else a failure that may pass. */
function plainExplanation(service: ApiService, status: number, body: string): Explanation {
  const who = SERVICE_NAMES[service];
  const said = firstLine(body);
  const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
  if (permanent) return { permanent, forPeople: `${who} refused${said ? `: ${said}` : ` (HTTP ${status})`}` };
  return { permanent, forPeople: `${who} failed (HTTP ${status}${said ? `: ${said}` : ''}); it may pass if tried again shortly` };
}

/** The first line of a body, shortened: what fits in a sentence. */
export function firstLine(text: string, max = 300): string {
  const line = text.trim().split('\n')[0]?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
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
    super('nomad', method, url, 500, body, { permanent: true, forPeople: `The job changed since this plan (Nomad: ${conflict})` });
    this.name = 'CheckIndexConflictError';
  }

  /** The server's current index when Nomad names it. */
  get currentIndex(): number | undefined {
    const m = /conflicting job modify index: (\d+)/.exec(this.conflict);
    return m ? Number(m[1]) : undefined;
  }
}

export const isStatus = (err: unknown, status: number): err is HttpApiError => err instanceof HttpApiError && err.status === status;

/** Query strings can carry tokens (e.g. Vault's); keep only the path in messages. */
function redactUrl(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : `${url.slice(0, q)}?…`;
}

/** A one-line description of any thrown value, safe to log (never a stack trace in Slack). */
export function describeError(err: unknown): string {
  if (err instanceof Error) return maskTokens(err.message);
  return maskTokens(String(err));
}

/**
 * What the channel reads about a failure: one sentence a person can act on. Transport details
 * (method, URL, status line) stay in the log, where `describeError` puts them.
 */
export function explainError(err: unknown): string {
  if (err instanceof HttpApiError) return err.forPeople;
  if (err instanceof CodedError) return err.message;
  const reason = networkReason(err);
  if (reason) return `A service the bot needs did not answer (${reason}); it may pass if tried again shortly`;
  return `Something unexpected went wrong (${describeError(err)}); the bot's log has the details`;
}

/** Whether asking again cannot change the outcome: a refusal, an invalid request, a person's mistake. */
export function isPermanentError(err: unknown): boolean {
  if (err instanceof HttpApiError) return err.permanent;
  return err instanceof UserFacingError;
}

/** Node and undici codes of a connection that failed, in words; undefined for anything else. */
function networkReason(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (/TIMEOUT|ETIMEDOUT/.test(code)) return 'timed out';
  if (['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'].includes(code)) return 'connection reset';
  if (['ENOTFOUND', 'EAI_AGAIN'].includes(code)) return 'host not found';
  return undefined;
}
