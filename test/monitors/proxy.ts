/**
 * A real HTTP proxy between the bot and the Nomad simulator: it can partition the event stream
 * (open streams stall, new ones get headers and then silence) and counts requests in flight.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface NomadProxy {
  url: string;
  /** The event stream goes silent (no heartbeats): the bot must notice and reconnect. */
  partitionStream(): void;
  heal(): void;
  /** New event-stream requests wait, unanswered, until `releaseStreams()` (a slow first connection). */
  holdStreams(): void;
  releaseStreams(): void;
  /** Highest number of concurrent requests seen whose path starts with the prefix. */
  maxInFlight(prefix: string): number;
  streamConnects(): number;
  close(): Promise<void>;
}

export async function startNomadProxy(target: string): Promise<NomadProxy> {
  const upstream = new URL(target);
  let partitioned = false;
  let connects = 0;
  const inFlight = new Map<string, number>();
  const maxSeen = new Map<string, number>();
  const streams = new Set<{ res: ServerResponse; up?: IncomingMessage }>();
  const stalled = new Set<ServerResponse>();
  let held: Array<() => void> | undefined;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const isStream = path === '/v1/event/stream';
    if (isStream && held) return void held.push(() => server.emit('request', req, res));
    if (isStream) connects += 1;
    if (isStream && partitioned) {
      res.writeHead(200, { 'content-type': 'application/json' });
      stalled.add(res);
      res.on('close', () => stalled.delete(res));
      return;
    }
    inFlight.set(path, (inFlight.get(path) ?? 0) + 1);
    for (const [p, n] of inFlight) if (n > 0) maxSeen.set(p, Math.max(maxSeen.get(p) ?? 0, n));
    const done = () => inFlight.set(path, (inFlight.get(path) ?? 1) - 1);
    const up = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      if (isStream) {
        const entry = { res, up: upRes };
        streams.add(entry);
        res.on('close', () => streams.delete(entry));
        upRes.on('data', (chunk: Buffer) => {
          if (!partitioned) res.write(chunk);
        });
        upRes.on('end', () => res.end());
        done();
      } else {
        upRes.pipe(res);
        upRes.on('end', done);
      }
    });
    up.on('error', () => {
      done();
      res.destroy();
    });
    res.on('close', () => up.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    partitionStream: () => void (partitioned = true),
    holdStreams: () => void (held ??= []),
    releaseStreams: () => {
      const waiting = held ?? [];
      held = undefined;
      for (const go of waiting) go();
    },
    heal: () => {
      partitioned = false;
      for (const res of stalled) res.destroy();
    },
    maxInFlight: (prefix) => Math.max(0, ...[...maxSeen.entries()].filter(([p]) => p.startsWith(prefix)).map(([, n]) => n)),
    streamConnects: () => connects,
    close: async () => {
      for (const s of streams) s.res.destroy();
      for (const res of stalled) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
