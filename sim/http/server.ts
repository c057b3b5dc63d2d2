/**
 * A small HTTP(S) server with a router, shared by the simulators (Nomad, OpenStack, Slack, ...).
 * Real sockets on 127.0.0.1, a port chosen by the OS unless one is given.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  headers: IncomingMessage['headers'];
  rawBody: Buffer;
  /** The body as text (UTF-8). */
  text: string;
  /** The peer's TLS client certificate subject CN, when TLS with client certificates is on. */
  clientCertCN?: string | undefined;
  raw: IncomingMessage;
}

export type SimHandler = (req: SimRequest, res: ServerResponse) => void | Promise<void>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: SimHandler;
}

export interface SimTls {
  cert: string | Buffer;
  key: string | Buffer;
  /** CA that signs acceptable client certificates; when set, a client certificate is required. */
  clientCa?: string | Buffer;
}

export interface SimServerOptions {
  port?: number;
  tls?: SimTls;
  /** Runs before routing; return true when it has answered (fault injection, auth). */
  before?: (req: SimRequest, res: ServerResponse) => boolean | Promise<boolean>;
  /** Answer for unknown routes (default: 404 with an empty body, like Nomad). */
  notFound?: SimHandler;
}

export class SimRouter {
  private readonly routes: Route[] = [];

  on(method: string | string[], path: string, handler: SimHandler): this {
    const keys: string[] = [];
    // ':name' matches one segment; '*name' matches the rest of the path (may contain '/').
    const source = path
      .split('/')
      .map((seg) => {
        if (seg.startsWith(':')) {
          keys.push(seg.slice(1));
          return '([^/]+)';
        }
        if (seg.startsWith('*')) {
          keys.push(seg.slice(1));
          return '(.+)';
        }
        return seg.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    for (const m of Array.isArray(method) ? method : [method]) {
      this.routes.push({ method: m.toUpperCase(), pattern: new RegExp(`^${source}$`), keys, handler });
    }
    return this;
  }

  match(method: string, path: string): { handler: SimHandler; params: Record<string, string> } | 'method' | undefined {
    let pathMatched = false;
    for (const r of this.routes) {
      const m = r.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (r.method !== method) continue;
      const params: Record<string, string> = {};
      for (const [i, k] of r.keys.entries()) params[k] = decodeURIComponent(m[i + 1] ?? '');
      return { handler: r.handler, params };
    }
    return pathMatched ? 'method' : undefined;
  }
}

export interface SimServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export async function startSimServer(router: SimRouter, opts: SimServerOptions = {}): Promise<SimServer> {
  const listener = (raw: IncomingMessage, res: ServerResponse) => {
    void handle(router, opts, raw, res);
  };
  const server: Server = opts.tls
    ? (createHttpsServer(
        {
          cert: opts.tls.cert,
          key: opts.tls.key,
          ...(opts.tls.clientCa ? { ca: opts.tls.clientCa, requestCert: true, rejectUnauthorized: true } : {}),
        },
        listener,
      ) as unknown as Server)
    : createHttpServer(listener);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    url,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(router: SimRouter, opts: SimServerOptions, raw: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const chunks: Buffer[] = [];
    for await (const c of raw) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks);
    const u = new URL(raw.url ?? '/', 'http://sim');
    const socket = raw.socket as { getPeerCertificate?: () => { subject?: { CN?: string } } };
    const req: SimRequest = {
      method: (raw.method ?? 'GET').toUpperCase(),
      path: u.pathname,
      query: u.searchParams,
      params: {},
      headers: raw.headers,
      rawBody,
      text: rawBody.toString('utf8'),
      clientCertCN: socket.getPeerCertificate?.()?.subject?.CN,
      raw,
    };
    if (opts.before && (await opts.before(req, res))) return;
    const found = router.match(req.method, req.path);
    if (found === 'method') return sendText(res, 405, 'Invalid method');
    if (!found) {
      if (opts.notFound) return void (await opts.notFound(req, res));
      res.statusCode = 404;
      return void res.end();
    }
    req.params = found.params;
    await found.handler(req, res);
  } catch (err) {
    if (!res.headersSent) sendText(res, 500, `simulator error: ${err instanceof Error ? err.message : String(err)}`);
    else res.destroy();
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A TCP port on 127.0.0.1 that was free a moment ago (for servers that cannot listen on port 0 themselves). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createTcpServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
