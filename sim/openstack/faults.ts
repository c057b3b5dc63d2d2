/** Error answers exactly as the services send them (reference A1, A3 "Error body", A4). */
import type { ServerResponse } from 'node:http';
import { sendJson } from '../http/server.js';

const FAULT_NAMES: Record<number, string> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'badMethod',
  409: 'conflictingRequest',
  413: 'overLimit',
  415: 'badMediaType',
  429: 'overLimit',
  501: 'notImplemented',
  503: 'serviceUnavailable',
};

/** Nova/Cinder `wsgi.py::Fault`: `{"<faultName>": {"code", "message"}}`; overLimit adds `retryAfter`. */
export function sendFault(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  const name = FAULT_NAMES[status] ?? 'computeFault';
  const detail: Record<string, unknown> = { code: status, message };
  if (name === 'overLimit') {
    detail.retryAfter = '0';
    headers = { 'retry-after': '0', ...headers };
  }
  sendJson(res, status, { [name]: detail }, headers);
}

const TITLES: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict' };

/** Keystone (and keystonemiddleware in front of every service): `{"error": {"code", "title", "message"}}`. */
export function sendKeystoneError(res: ServerResponse, status: number, message: string, identityUrl: string): void {
  const headers: Record<string, string> = status === 401 ? { 'www-authenticate': `Keystone uri="${identityUrl}"` } : {};
  sendJson(res, status, { error: { code: status, title: TITLES[status] ?? 'Error', message } }, headers);
}

export const UNAUTHENTICATED = 'The request you have made requires authentication.';

/** The 409 text of `common.raise_http_conflict_for_instance_invalid_state`. */
export function invalidState(action: string, serverId: string, attr: 'vm_state' | 'task_state', state: string | null): string {
  return `Cannot '${action}' instance ${serverId} while it is in ${attr} ${state ?? 'None'}`;
}
