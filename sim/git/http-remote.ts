/**
 * A git host over smart HTTP on 127.0.0.1: `git http-backend`, git's own server side, run as a
 * CGI program per request (https://git-scm.com/docs/git-http-backend: GIT_PROJECT_ROOT,
 * GIT_HTTP_EXPORT_ALL, REQUEST_METHOD, PATH_INFO, QUERY_STRING, CONTENT_TYPE; a gzip-encoded
 * request body is announced in HTTP_CONTENT_ENCODING). It serves the bare repositories below
 * `root`, e.g. a LocalRemote's `ci-jobs.git`.
 *
 * `hang()` makes it accept connections and never answer, as a host behind a firewall that drops
 * packets does: git then waits until its own timeout, the case where a fetch takes the longest.
 */
import { spawn } from 'node:child_process';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { basename, dirname } from 'node:path';

export interface HttpGitRemote {
  /** `http://127.0.0.1:<port>/ci-jobs.git`: the repository the remote was made for. */
  url: string;
  /** From now on, requests are accepted and never answered. */
  hang(): void;
  /** Answers again; requests left hanging are cut off (git sees the connection reset). */
  serve(): void;
  /** Requests accepted and not answered yet. */
  hanging(): number;
  close(): Promise<void>;
}

/** Serves `bare` (a bare repository's directory) and its siblings. */
export async function startHttpGitRemote(bare: string): Promise<HttpGitRemote> {
  const root = dirname(bare);
  let hanging = false;
  const held = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    if (hanging) {
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH ?? '',
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        GIT_CONFIG_NOSYSTEM: '1',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['content-length'] ? { CONTENT_LENGTH: req.headers['content-length'] } : {}),
        ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] } : {}),
        ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
        REMOTE_ADDR: '127.0.0.1',
      },
    });
    req.pipe(cgi.stdin);
    cgi.stdin.on('error', () => undefined);
    // CGI output: header lines (`Status: 200 OK`, `Content-Type: …`), a blank line, then the body.
    let head = Buffer.alloc(0);
    let inBody = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (inBody) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      let status = 200;
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const i = line.indexOf(':');
        const name = line.slice(0, i).trim();
        const value = line.slice(i + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
        else res.setHeader(name, value);
      }
      res.writeHead(status);
      inBody = true;
      res.write(head.subarray(end + 4));
    });
    cgi.on('close', () => {
      if (!inBody) res.writeHead(500);
      res.end();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const cutHeld = () => {
    for (const res of held) res.socket?.destroy();
    held.clear();
  };
  return {
    url: `http://127.0.0.1:${port}/${basename(bare)}`,
    hang: () => {
      hanging = true;
    },
    serve: () => {
      hanging = false;
      cutHeld();
    },
    hanging: () => held.size,
    close: async () => {
      cutHeld();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
