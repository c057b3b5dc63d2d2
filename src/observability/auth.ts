/**
 * The one credential for /metrics and the queue dashboard: `METRICS_TOKEN`, given as a bearer token
 * (Prometheus `authorization`) or as the password of HTTP Basic auth (a browser's login prompt).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** True when no token is configured, or the request carries it. */
export function authorized(req: IncomingMessage, token: string | undefined): boolean {
  if (!token) return true;
  const header = req.headers.authorization ?? '';
  const [scheme = '', value = ''] = header.split(/\s+/, 2);
  let given: string | undefined;
  if (scheme.toLowerCase() === 'bearer') given = value;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    given = decoded.slice(decoded.indexOf(':') + 1);
  }
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}
