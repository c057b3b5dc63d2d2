/** Polling until an asynchronous OpenStack action is over (openstacksdk's wait_for_status, interval 2 s). */
import { CodedError, ErrorCode } from '../errors.js';
import { OpenStackNotFoundError } from './errors.js';
import type { WaitOptions } from './requests.js';

export type { WaitOptions } from './requests.js';

/** Calls `poll` until it returns a value; `describe` says where things stand when time runs out. */
export async function pollUntil<T>(what: string, poll: () => Promise<T | undefined>, describe: () => string, opts: WaitOptions = {}): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 30 * 60_000;
  const intervalMs = opts.intervalMs ?? 2_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    opts.signal?.throwIfAborted();
    const done = await poll();
    if (done !== undefined) return done;
    if (Date.now() + intervalMs > deadline) {
      throw new CodedError(ErrorCode.OperationInvalid, `timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}: ${describe()}`);
    }
    await new Promise<void>((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Polls `show` until the resource answers 404 (deleted); `describe` says what it last looked like. */
export async function waitUntilGone<T>(what: string, show: () => Promise<T>, describe: (last: T) => string, opts: WaitOptions = {}): Promise<void> {
  let last: T | undefined;
  await pollUntil(
    `${what} to be deleted`,
    async () => {
      try {
        last = await show();
        return undefined;
      } catch (err) {
        if (err instanceof OpenStackNotFoundError) return true;
        throw err;
      }
    },
    () => (last === undefined ? 'no answer yet' : describe(last)),
    opts,
  );
}
