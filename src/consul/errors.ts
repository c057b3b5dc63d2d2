/**
 * What went wrong talking to Consul, in the operators' words. Consul puts its error in a plain
 * text body (acl/errors.go, agent/structs/errors.go): "ACL not found", "Permission denied: ...",
 * "No cluster leader".
 */
import { HttpApiError } from '../errors.js';
import { ConsulUnreachableError } from './unreachable.js';

export type ConsulFailure = 'unreachable' | 'acl-not-found' | 'permission-denied' | 'no-leader' | 'other';

export function consulFailure(err: unknown): ConsulFailure {
  if (err instanceof ConsulUnreachableError) return 'unreachable';
  if (!(err instanceof HttpApiError) || err.service !== 'consul') return 'other';
  if (err.status === 403 && err.body.includes('ACL not found')) return 'acl-not-found';
  if (err.status === 403 && err.body.includes('Permission denied')) return 'permission-denied';
  if (err.body.includes('No cluster leader')) return 'no-leader';
  return 'other';
}
