/**
 * The Slack simulator's Socket Mode (issue 15.6), driven by Slack's own client (@slack/socket-mode,
 * which Bolt uses): apps.connections.open with the app-level token, hello, envelopes and acks,
 * the 3-second window, and the disconnect Slack sends before it recycles a connection.
 */
import { SocketModeClient } from '@slack/socket-mode';
import { webApi } from '@slack/bolt';
import { request, WebSocket } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlackSim, type SlackSim } from '../../sim/slack/index.js';
import { eventually } from '../support/eventually.js';
import { quietLogger } from './quiet-logger.js';

const BOT = 'xoxb-socket-test-bot';
const APP = 'xapp-1-A0CIOPS-socket-test';
let sim: SlackSim;
let client: SocketModeClient | undefined;

beforeEach(async () => {
  sim = await startSlackSim({ botToken: BOT, appToken: APP, ackTimeoutMs: 300 });
});
afterEach(async () => {
  await client?.disconnect();
  client = undefined;
  await sim.close();
});

/** Slack's client as Bolt configures it, pointed at the simulator; reconnects after 100 ms. */
function connect(): SocketModeClient {
  client = new SocketModeClient({ appToken: APP, clientOptions: { slackApiUrl: sim.apiUrl }, logger: quietLogger, clientPingTimeout: 100 });
  return client;
}

const apiError = (token: string, method: string) =>
  new webApi.WebClient(token, { slackApiUrl: sim.apiUrl, retryConfig: { retries: 0 }, logger: quietLogger }).apiCall(method, {}).then(
    () => 'ok',
    (e: webApi.WebAPIPlatformError) => e.data?.error,
  );

describe('Socket Mode in the Slack simulator', () => {
  it('opens a connection only with the app-level token, and each URL only once', async () => {
    expect(await apiError(BOT, 'apps.connections.open')).toBe('not_allowed_token_type');
    expect(await apiError('xapp-1-wrong-token', 'apps.connections.open')).toBe('invalid_auth');
    expect(await apiError(APP, 'chat.postMessage')).toBe('not_allowed_token_type');
    const res = await request(`${sim.apiUrl}apps.connections.open`, { method: 'POST', headers: { authorization: `Bearer ${APP}` } });
    const { url } = (await res.body.json()) as { url: string };
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=[0-9a-f-]+&app_id=A0CIOPS$/);
    const first = new WebSocket(url);
    const hello = await new Promise<Record<string, unknown>>((resolve) => first.addEventListener('message', (e) => resolve(JSON.parse(String(e.data)))));
    expect(hello).toMatchObject({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0CIOPS' } });
    const second = new WebSocket(url);
    const refused = await new Promise<string>((resolve) => second.addEventListener('error', () => resolve('refused')));
    expect(refused).toBe('refused');
    first.close();
  });

  it('delivers each kind of envelope and hands back the acknowledgement', async () => {
    const c = connect();
    const seen: string[] = [];
    c.on('slash_commands', async ({ ack, body }: { ack: (p?: unknown) => Promise<void>; body: { text: string } }) => {
      seen.push(`command ${body.text}`);
      await ack({ text: 'on it' });
    });
    c.on('interactive', async ({ ack, body }: { ack: () => Promise<void>; body: { type: string } }) => {
      seen.push(`interactive ${body.type}`);
      await ack();
    });
    c.on('app_home_opened', async ({ ack, event }: { ack: () => Promise<void>; event: { user: string } }) => {
      seen.push(`event ${event.user}`);
      await ack();
    });
    await c.start();
    expect(sim.socketMode?.connections).toBe(1);
    expect(await sim.socketMode!.deliver('slash_commands', { command: '/ci', text: 'status' })).toEqual({ acked: true, payload: { text: 'on it' } });
    expect(await sim.socketMode!.deliver('interactive', { type: 'block_actions' })).toEqual({ acked: true });
    expect(await sim.socketMode!.deliver('events_api', { type: 'event_callback', event: { type: 'app_home_opened', user: 'U0BOB' } })).toEqual({ acked: true });
    expect(seen).toEqual(['command status', 'interactive block_actions', 'event U0BOB']);
  });

  it('gives up on an envelope not acknowledged in time, and fails a delivery with no connection open', async () => {
    expect(await sim.socketMode!.deliver('slash_commands', { text: 'status' })).toEqual({ acked: false, error: 'dispatch_failed' });
    const c = connect();
    c.on('slash_commands', () => undefined); // never acks
    await c.start();
    expect(await sim.socketMode!.deliver('slash_commands', { text: 'status' })).toEqual({ acked: false, error: 'operation_timeout' });
    expect(sim.socketMode!.stats.ackTimeouts).toBe(1);
  });

  it('asks the app to reconnect, and the app comes back on a new URL', async () => {
    const c = connect();
    c.on('slash_commands', async ({ ack }: { ack: () => Promise<void> }) => ack());
    await c.start();
    sim.socketMode!.disconnect('refresh_requested');
    await eventually(() => sim.socketMode!.stats.connectionsOpened === 2 && sim.socketMode!.connections === 1, 5_000, 'a second connection');
    expect(sim.stats.calls['apps.connections.open']).toBe(2);
    expect(await sim.socketMode!.deliver('slash_commands', { text: 'status' })).toEqual({ acked: true });
  });
});
