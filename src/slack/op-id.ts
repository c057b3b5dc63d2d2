import { createHash, randomBytes } from 'node:crypto';

/**
 * The operation id of a Slack request. Derived from Slack's trigger_id, so a redelivered request
 * (Socket Mode retry, double submit) maps to the same id and queues nothing twice.
 */
export function opIdFor(triggerId: string | undefined): string {
  const seed = triggerId ? createHash('sha256').update(triggerId).digest() : randomBytes(16);
  return `op-${BigInt(`0x${seed.subarray(0, 8).toString('hex')}`)
    .toString(36)
    .slice(0, 8)}`;
}
