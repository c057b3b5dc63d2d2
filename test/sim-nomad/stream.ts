/** Reads an NDJSON event stream line by line. */
import { request } from 'undici';

export interface LineStream {
  lines: string[];
  /** Resolves with the first line (already received or future) that matches. */
  waitFor(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  close(): void;
}

export async function openStream(url: string): Promise<LineStream & { status: number; headers: Record<string, unknown> }> {
  const controller = new AbortController();
  const res = await request(url, { signal: controller.signal });
  const lines: string[] = [];
  let buffer = '';
  res.body.setEncoding('utf8');
  res.body.on('data', (chunk: string) => {
    buffer += chunk;
    let nl = buffer.indexOf('\n');
    while (nl >= 0) {
      lines.push(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
      nl = buffer.indexOf('\n');
    }
  });
  res.body.on('error', () => undefined);
  return {
    status: res.statusCode,
    headers: res.headers,
    lines,
    async waitFor(match, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = lines.find(match);
        if (found !== undefined) return found;
        if (Date.now() > deadline) throw new Error(`no matching line in: ${lines.join('\n').slice(0, 500)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () => controller.abort(),
  };
}
