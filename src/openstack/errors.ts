/**
 * OpenStack's error bodies turned into errors a person can act on:
 * `{"conflictingRequest": {"code": 409, "message": "Cannot 'reboot' instance …"}}` becomes
 * `OpenStack refused: Cannot 'reboot' instance … while it is in task_state rebooting_hard`.
 */
import { HttpApiError } from '../errors.js';
import { maskTokens } from '../redact.js';
import { KeystoneError, NovaError } from './schemas/common.js';

/** A non-2xx answer from Keystone, Nova, Cinder or Glance, with the service's own explanation. */
export class OpenStackApiError extends HttpApiError {
  /** Nova/Cinder fault name (`itemNotFound`, `conflictingRequest`, …) or Keystone's title. */
  readonly fault: string | undefined;
  /** The service's explanation, redacted. */
  readonly explanation: string;

  constructor(method: string, url: string, status: number, body: string) {
    super('openstack', method, url, status, body, peopleOf(status, body));
    const { fault, message } = explain(status, body);
    this.fault = fault;
    this.explanation = maskTokens(message);
    this.name = 'OpenStackApiError';
    this.message = maskTokens(status >= 500 ? `OpenStack failed (HTTP ${status}${fault ? ` ${fault}` : ''}): ${message}` : `OpenStack refused: ${message}`);
  }
}

/** The sentence people read in the channel: this error's message (4xx are refusals; 5xx may pass). */
function peopleOf(status: number, body: string): { forPeople: string; permanent: boolean } {
  const { fault, message } = explain(status, body);
  const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
  return { permanent, forPeople: status >= 500 ? `OpenStack failed (HTTP ${status}${fault ? ` ${fault}` : ''}): ${message}` : `OpenStack refused: ${message}` };
}

/** 404 `itemNotFound`: the server, volume, flavor or image does not exist (any more). */
export class OpenStackNotFoundError extends OpenStackApiError {
  override readonly name = 'OpenStackNotFoundError';
}
/** 409 `conflictingRequest`: the action does not fit the current task state (e.g. reboot during rebuild). */
export class OpenStackConflictError extends OpenStackApiError {
  override readonly name = 'OpenStackConflictError';
}
/** Over quota: Nova's 403 `Quota exceeded for cores…` or Cinder's 413 `overLimit`. */
export class OpenStackQuotaError extends OpenStackApiError {
  override readonly name = 'OpenStackQuotaError';
}
/** 400 `badRequest`: the request was invalid (unknown image, volume still attached, …). */
export class OpenStackBadRequestError extends OpenStackApiError {
  override readonly name = 'OpenStackBadRequestError';
}
/** 403 `forbidden` that is not about quota: a policy says no. */
export class OpenStackForbiddenError extends OpenStackApiError {
  override readonly name = 'OpenStackForbiddenError';
}
/** 401: Keystone rejected the credentials, or the token was refused even after a fresh one. */
export class OpenStackAuthError extends OpenStackApiError {
  override readonly name = 'OpenStackAuthError';
}

/** Builds the most specific error class for a status and body. */
export function openStackError(method: string, url: string, status: number, body: string): OpenStackApiError {
  const { fault, message } = explain(status, body);
  if (status === 401) return new OpenStackAuthError(method, url, status, body);
  if (status === 404) return new OpenStackNotFoundError(method, url, status, body);
  if (status === 409) return new OpenStackConflictError(method, url, status, body);
  if (status === 413 || fault === 'overLimit' || (status === 403 && /quota/i.test(message))) {
    return new OpenStackQuotaError(method, url, status, body);
  }
  if (status === 403) return new OpenStackForbiddenError(method, url, status, body);
  if (status === 400) return new OpenStackBadRequestError(method, url, status, body);
  return new OpenStackApiError(method, url, status, body);
}

function explain(status: number, body: string): { fault: string | undefined; message: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    // Glance answers some errors with an HTML page: keep its text.
    const text = body
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    return { fault: undefined, message: text.slice(0, 300) || `HTTP ${status}` };
  }
  const ks = KeystoneError.safeParse(raw);
  if (ks.success) {
    const hint = status === 401 ? ' (check the password or application credential, or whether it expired)' : '';
    return { fault: ks.data.error.title, message: `${ks.data.error.message}${hint}` };
  }
  const nova = NovaError.safeParse(raw);
  if (nova.success) {
    const [fault, detail] = Object.entries(nova.data)[0] ?? [];
    if (fault && detail) return { fault, message: detail.message };
  }
  return { fault: undefined, message: body.trim().slice(0, 300) };
}
