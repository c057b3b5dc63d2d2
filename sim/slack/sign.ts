/**
 * Slack's request signature (reference B1):
 * `v0=` + hex(HMAC-SHA256(signingSecret, `v0:${timestamp}:${rawBody}`)).
 */
import { createHmac } from 'node:crypto';

export function slackSignature(signingSecret: string, timestampSec: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${rawBody}`).digest('hex')}`;
}

/** The headers Slack sends with a signed form post. The content type must be exactly this for Bolt. */
export function signedFormHeaders(signingSecret: string, timestampSec: number, rawBody: string, signature?: string): Record<string, string> {
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestampSec),
    'x-slack-signature': signature ?? slackSignature(signingSecret, timestampSec, rawBody),
  };
}
