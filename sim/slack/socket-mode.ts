/**
 * Socket Mode, as Slack runs it (api.slack.com/apis/socket-mode, api.slack.com/apis/connections/socket-implement,
 * and what @slack/socket-mode's SocketModeClient reads: `hello` marks the connection ready, `disconnect` makes it reconnect):
 * - `apps.connections.open`, called with the app-level token (`xapp-…`), answers a single-use
 *   WebSocket URL (`…/link/?ticket=…&app_id=…`); a bot token there is `not_allowed_token_type`;
 * - on connect Slack sends `{"type":"hello","num_connections":n,"debug_info":{…},"connection_info":{"app_id"}}`;
 * - each delivery is an envelope `{"envelope_id","type","payload","accepts_response_payload"}` of type
 *   `slash_commands`, `interactive` or `events_api` (the latter with `retry_attempt`/`retry_reason`),
 *   spread over the open connections; the app acknowledges with `{"envelope_id","payload"?}`
 *   within 3 seconds, or the person sees the command fail (`operation_timeout`);
 * - Slack refreshes connections: `{"type":"disconnect","reason":"warning"|"refresh_requested"|"link_disabled"}`,
 *   after which the app opens a new connection; pings are answered with pongs.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { SlackApiFailure } from './api-failure.js';
import type { SlackIdentity } from './context.js';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** The app's acknowledgement, or why there was none. */
export type Delivery = { acked: true; payload?: unknown } | { acked: false; error: 'operation_timeout' | 'dispatch_failed' };

export interface SocketModeStats {
  connectionsOpened: number;
  envelopes: number;
  acks: number;
  ackTimeouts: number;
}

export interface SocketModeOptions {
  appToken: string;
  /** Slack's acknowledgement window (3 s). */
  ackTimeoutMs?: number;
}

interface Pending {
  resolve(d: Delivery): void;
  timer: NodeJS.Timeout;
}

const HOST = 'applink-sim-0';
const ACK_TIMEOUT_MS = 3_000;

export class SocketModeLink {
  readonly stats: SocketModeStats = { connectionsOpened: 0, envelopes: 0, acks: 0, ackTimeouts: 0 };
  private readonly tickets = new Set<string>();
  private readonly sockets: WebSocket[] = [];
  private readonly pending = new Map<string, Pending>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private next = 0;

  constructor(
    private readonly url: string,
    private readonly identity: SlackIdentity,
    private readonly opts: SocketModeOptions,
  ) {}

  get appToken(): string {
    return this.opts.appToken;
  }

  /** Routes WebSocket upgrades of `/link/` on the simulator's HTTP server here. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
  }

  /** `apps.connections.open`: a fresh single-use URL, for the app-level token only. */
  open(token: string, botToken: string): { url: string } {
    if (!token) throw new SlackApiFailure('not_authed');
    if (token === botToken) throw new SlackApiFailure('not_allowed_token_type');
    if (token !== this.opts.appToken) throw new SlackApiFailure('invalid_auth');
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return { url: `${this.url.replace(/^http/, 'ws')}/link/?ticket=${ticket}&app_id=${this.identity.appId}` };
  }

  get connections(): number {
    return this.sockets.length;
  }

  /** Sends one envelope to one open connection and waits for its acknowledgement. */
  deliver(type: EnvelopeType, payload: Record<string, unknown>, extra: { retryAttempt?: number; retryReason?: string } = {}): Promise<Delivery> {
    const socket = this.sockets[this.next++ % Math.max(1, this.sockets.length)];
    if (!socket) return Promise.resolve({ acked: false, error: 'dispatch_failed' });
    const envelope_id = randomUUID();
    this.stats.envelopes += 1;
    const envelope = {
      envelope_id,
      type,
      payload,
      accepts_response_payload: type === 'slash_commands',
      ...(type === 'events_api' ? { retry_attempt: extra.retryAttempt ?? 0, retry_reason: extra.retryReason ?? '' } : {}),
    };
    return new Promise<Delivery>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelope_id);
        this.stats.ackTimeouts += 1;
        resolve({ acked: false, error: 'operation_timeout' });
      }, this.opts.ackTimeoutMs ?? ACK_TIMEOUT_MS);
      this.pending.set(envelope_id, { resolve, timer });
      socket.send(JSON.stringify(envelope));
    });
  }

  /** Asks every connection to go away, as Slack does before recycling its servers. */
  disconnect(reason: 'warning' | 'refresh_requested' | 'link_disabled'): void {
    for (const socket of this.sockets) socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: HOST } }));
  }

  async close(): Promise<void> {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    for (const socket of [...this.sockets]) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://sim');
    const ticket = url.searchParams.get('ticket') ?? '';
    // A URL serves one connection: a second use (or no ticket) is refused before the upgrade.
    if (url.pathname !== '/link/' || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws));
  }

  private connected(ws: WebSocket): void {
    this.sockets.push(ws);
    this.stats.connectionsOpened += 1;
    ws.on('message', (data) => this.acknowledged(String(data)));
    ws.on('close', () => {
      const i = this.sockets.indexOf(ws);
      if (i >= 0) this.sockets.splice(i, 1);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.length,
        debug_info: { host: HOST, build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.identity.appId },
      }),
    );
  }

  private acknowledged(text: string): void {
    let ack: { envelope_id?: unknown; payload?: unknown };
    try {
      ack = JSON.parse(text) as typeof ack;
    } catch {
      return; // Slack ignores what it cannot read
    }
    const pending = typeof ack.envelope_id === 'string' ? this.pending.get(ack.envelope_id) : undefined;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(ack.envelope_id as string);
    this.stats.acks += 1;
    const empty = ack.payload === undefined || (typeof ack.payload === 'object' && ack.payload !== null && Object.keys(ack.payload).length === 0);
    pending.resolve(empty ? { acked: true } : { acked: true, payload: ack.payload });
  }
}
