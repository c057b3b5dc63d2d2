/**
 * The push webhook of plan on merge: `POST /webhooks/git` on its own port. A request is believed
 * only with the shared secret: GitHub's (and Gitea's, Forgejo's) `X-Hub-Signature-256`, an
 * HMAC-SHA256 of the raw body checked with @octokit/webhooks-methods (GitHub's own library: the
 * `sha256=` format, a constant-time compare that survives a wrong length, a second secret while
 * rotating), or GitLab's `X-Gitlab-Token`, compared in constant time. The payload says only that
 * a branch moved; the bot then fetches and believes its own clone, never the payload's shas.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWithFallback } from '@octokit/webhooks-methods';
import type { Logger } from 'pino';
import { z } from 'zod';

export const WEBHOOK_PATH = '/webhooks/git';
/** Push payloads are a few kB; GitHub caps deliveries at 25 MB. More than this is not a push we want. */
const MAX_BODY = 5 * 1024 * 1024;

/** What a push says (GitHub and GitLab agree on these): the ref that moved, and to where. */
const PushEvent = z.looseObject({ ref: z.string().max(500), after: z.string().max(64).optional() });

export interface WebhookOptions {
  port: number;
  host?: string;
  /** CHATOPS_GIT_WEBHOOK_SECRET (and, while rotating, the previous one). */
  secrets: readonly string[];
  /** The followed branch: a push to another ref is acknowledged and ignored. */
  branch: string;
  /** Told about a push to the branch (it fetches; the webhook does not wait for it). */
  onPush(after: string | undefined): void;
  log: Logger;
}

export interface WebhookServer {
  port: number;
  close(): Promise<void>;
}

export async function startWebhookServer(o: WebhookOptions): Promise<WebhookServer> {
  const server = createServer((req, res) => {
    handle(req, res, o).catch((err: unknown) => {
      o.log.error({ err: err instanceof Error ? err.message : String(err) }, 'git webhook failed');
      if (!res.headersSent) reply(res, 500, 'internal error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host ?? '0.0.0.0', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function reply(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${text}\n`);
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Read to the end even when too large: answering mid-upload resets the sender's connection before it reads the 413.
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY) chunks.push(chunk as Buffer);
  }
  return size > MAX_BODY ? undefined : Buffer.concat(chunks);
}

/** GitLab's token against each secret, in constant time (hashed first, so lengths never differ). */
function tokenMatches(token: string, secrets: readonly string[]): boolean {
  const h = (s: string) => createHash('sha256').update(s).digest();
  return secrets.some((s) => timingSafeEqual(h(token), h(s)));
}

async function authentic(req: IncomingMessage, body: string, secrets: readonly string[]): Promise<boolean> {
  const signature = req.headers['x-hub-signature-256'];
  if (typeof signature === 'string' && body) return verifyWithFallback(secrets[0]!, body, signature, secrets.slice(1)).catch(() => false);
  const token = req.headers['x-gitlab-token'];
  if (typeof token === 'string') return tokenMatches(token, secrets);
  return false;
}

async function handle(req: IncomingMessage, res: ServerResponse, o: WebhookOptions): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path !== WEBHOOK_PATH) return reply(res, 404, `not found (the git webhook is POST ${WEBHOOK_PATH})`);
  if (req.method !== 'POST') return reply(res, 405, 'use POST');
  const raw = await readBody(req);
  if (!raw) return reply(res, 413, 'payload too large');
  const body = raw.toString('utf8');
  if (!(await authentic(req, body, o.secrets))) {
    o.log.warn({ delivery: req.headers['x-github-delivery'] ?? req.headers['x-gitlab-event-uuid'] }, 'git webhook refused: signature or token does not match');
    return reply(res, 401, 'signature or token does not match');
  }
  const event = String(req.headers['x-github-event'] ?? req.headers['x-gitea-event'] ?? req.headers['x-gitlab-event'] ?? '');
  if (event === 'ping') return reply(res, 200, 'pong');
  if (event && event !== 'push' && event !== 'Push Hook') return reply(res, 202, `ignored: ${event.slice(0, 40)} is not a push`);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return reply(res, 400, 'body is not JSON (set the content type to application/json)');
  }
  const push = PushEvent.safeParse(json);
  if (!push.success) return reply(res, 400, 'not a push event: no ref');
  if (push.data.ref !== `refs/heads/${o.branch}`) return reply(res, 202, `ignored: ${push.data.ref.slice(0, 100)} is not refs/heads/${o.branch}`);
  o.onPush(push.data.after);
  reply(res, 202, `accepted: fetching ${o.branch}`);
}
