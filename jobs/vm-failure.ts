/**
 * OpenStack's refusals as results a person can act on: over quota, a conflicting task state,
 * an invalid request, an ERROR server. Anything else is unexpected and is rethrown (the step is
 * retried, then reported failed by the queue).
 */
import { CodedError, ErrorCode, HttpApiError, UserFacingError, describeError } from '../src/errors.js';
import type { OperationResult } from '../src/operations/index.js';

/** What OpenStack said, without our "OpenStack refused:" prefix. */
function explanation(err: HttpApiError): string {
  const e = err as HttpApiError & { explanation?: string };
  return e.explanation ?? describeError(err);
}

/** A failed result for expected refusals; undefined when the error is not one (rethrow it). */
export function vmFailure(err: unknown, action: string, done: string[]): Extract<OperationResult, { status: 'failed' }> | undefined {
  if (err instanceof HttpApiError && err.service === 'openstack') {
    const why = explanation(err);
    if (err.name === 'OpenStackQuotaError') {
      return {
        status: 'failed',
        failure: `Over quota: OpenStack refused to ${action}: ${why}. Free capacity (or ask for a larger quota) and run the command again.`,
        done,
      };
    }
    if (err.name === 'OpenStackConflictError') {
      return {
        status: 'failed',
        failure: `Conflict (409): OpenStack refused to ${action}: ${why}. Another action is in progress on the server; run the command again once it is ACTIVE.`,
        done,
      };
    }
    if (err.status >= 400 && err.status < 500) return { status: 'failed', failure: `OpenStack refused to ${action}: ${why}`, done };
    return undefined;
  }
  if (err instanceof UserFacingError) return { status: 'failed', failure: describeError(err), done };
  // A wait that ran out of time: repeating it blindly would not help; say where things stand.
  if (err instanceof CodedError && err.code === ErrorCode.OperationInvalid && /timed out/.test(err.message)) {
    return { status: 'failed', failure: `Gave up ${action}: ${describeError(err)}`, done };
  }
  return undefined;
}
