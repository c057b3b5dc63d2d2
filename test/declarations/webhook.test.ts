/**
 * The git push webhook over real HTTP: signatures computed here as GitHub documents them
 * (`sha256=` + hex HMAC-SHA256 of the raw body with the secret), GitLab's token header.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookServer, type WebhookServer } from '../../src/declarations/git/webhook.js';
import { createLogger } from '../../src/log.js';

const SECRET = 'webhook-secret-0123456789';
let server: WebhookServer;
const pushes: (string | undefined)[] = [];

beforeAll(async () => {
  server = await startWebhookServer({
    port: 0,
    host: '127.0.0.1',
    secrets: [SECRET],
    branch: 'main',
    onPush: (after) => void pushes.push(after),
    log: createLogger({ level: 'silent' }),
  });
});
afterAll(() => server.close());

const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const push = (ref = 'refs/heads/main') => JSON.stringify({ ref, before: 'a'.repeat(40), after: 'b'.repeat(40), repository: { full_name: 'alisw/ci-jobs' } });

async function post(body: string, headers: Record<string, string>, path = '/webhooks/git', method = 'POST') {
  const before = pushes.length;
  const res = await fetch(`http://127.0.0.1:${server.port}${path}`, {
    method,
    body: method === 'POST' ? body : undefined,
    headers: { 'content-type': 'application/json', ...headers },
  });
  return { status: res.status, text: (await res.text()).trim(), pushed: pushes.slice(before) };
}

describe('POST /webhooks/git', () => {
  it('a GitHub push to the branch, signed: accepted, and the bot fetches', async () => {
    const body = push();
    expect(await post(body, { 'x-github-event': 'push', 'x-hub-signature-256': sign(body) })).toEqual({
      status: 202,
      text: 'accepted: fetching main',
      pushed: ['b'.repeat(40)],
    });
  });

  it.each([
    ['a signature made with another secret', (b: string) => ({ 'x-github-event': 'push', 'x-hub-signature-256': sign(b, 'another-secret-0123456789') })],
    ['a signature of another body', () => ({ 'x-github-event': 'push', 'x-hub-signature-256': sign(push('refs/heads/other')) })],
    ['a truncated signature', (b: string) => ({ 'x-github-event': 'push', 'x-hub-signature-256': sign(b).slice(0, 20) })],
    ['the old sha1 header only', () => ({ 'x-github-event': 'push', 'x-hub-signature': 'sha1=0000' })],
    ['no signature at all', () => ({ 'x-github-event': 'push' })],
    ['a wrong GitLab token', () => ({ 'x-gitlab-event': 'Push Hook', 'x-gitlab-token': 'guess' })],
  ])('%s: 401, nothing fetched', async (_what, headers) => {
    const body = push();
    expect(await post(body, headers(body))).toEqual({ status: 401, text: 'signature or token does not match', pushed: [] });
  });

  it('a GitLab push with its token', async () => {
    expect(await post(push(), { 'x-gitlab-event': 'Push Hook', 'x-gitlab-token': SECRET })).toMatchObject({ status: 202, pushed: ['b'.repeat(40)] });
  });

  it('GitHub ping, other events and other branches are answered and change nothing', async () => {
    const ping = JSON.stringify({ zen: 'Keep it logically awesome.' });
    expect(await post(ping, { 'x-github-event': 'ping', 'x-hub-signature-256': sign(ping) })).toEqual({ status: 200, text: 'pong', pushed: [] });
    const pr = JSON.stringify({ action: 'opened' });
    expect(await post(pr, { 'x-github-event': 'pull_request', 'x-hub-signature-256': sign(pr) })).toEqual({
      status: 202,
      text: 'ignored: pull_request is not a push',
      pushed: [],
    });
    const other = push('refs/heads/staging');
    expect(await post(other, { 'x-github-event': 'push', 'x-hub-signature-256': sign(other) })).toEqual({
      status: 202,
      text: 'ignored: refs/heads/staging is not refs/heads/main',
      pushed: [],
    });
    const tag = push('refs/tags/v1');
    expect(await post(tag, { 'x-github-event': 'push', 'x-hub-signature-256': sign(tag) })).toMatchObject({ status: 202, pushed: [] });
  });

  it('bad requests: not JSON, no ref, too large, another path or method', async () => {
    const form = 'payload=%7B%7D';
    expect(await post(form, { 'x-github-event': 'push', 'x-hub-signature-256': sign(form) })).toEqual({
      status: 400,
      text: 'body is not JSON (set the content type to application/json)',
      pushed: [],
    });
    const noRef = JSON.stringify({ after: 'b' });
    expect(await post(noRef, { 'x-github-event': 'push', 'x-hub-signature-256': sign(noRef) })).toEqual({
      status: 400,
      text: 'not a push event: no ref',
      pushed: [],
    });
    const huge = JSON.stringify({ ref: 'refs/heads/main', pad: 'x'.repeat(6 * 1024 * 1024) });
    expect(await post(huge, { 'x-github-event': 'push', 'x-hub-signature-256': sign(huge) })).toMatchObject({ status: 413, pushed: [] });
    expect(await post('', {}, '/webhooks/git', 'GET')).toMatchObject({ status: 405 });
    expect(await post(push(), {}, '/slack/events')).toMatchObject({ status: 404 });
  });
});
