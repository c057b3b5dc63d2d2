/**
 * `GET /v1/client/fs/logs/:alloc_id`: a task's stdout or stderr. With `plain=false` Nomad sends
 * StreamFrame objects back to back with no delimiter (`{}` heartbeats, base64 `Data`, `FileEvent`
 * on rotation); `decodeLogFrames` turns that body back into bytes.
 */
import { z } from 'zod';
import { ResponseInvalidError } from '../errors.js';
import { pathSegment, type NomadClient } from './client.js';
import type { LogRequest, LogText } from './requests.js';

export type { LogRequest, LogText } from './requests.js';

/** client/lib/streamframer StreamFrame; every field is omitempty. */
export const NomadStreamFrame = z.looseObject({
  Offset: z.number().optional(),
  Data: z.string().optional(),
  File: z.string().optional(),
  FileEvent: z.string().optional(),
});
export type NomadStreamFrame = z.infer<typeof NomadStreamFrame>;

/**
 * Splits an undelimited stream of JSON objects. Nomad's UI replaces `}{` with `}\n{`; scanning
 * braces outside strings is as cheap and does not break on a `}{` inside a file name.
 */
export function splitJsonObjects(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') {
      if (depth === 0) start = i;
      depth += 1;
    } else if (ch === '}') {
      depth -= 1;
      if (depth === 0 && start >= 0) out.push(body.slice(start, i + 1));
      if (depth < 0) throw new ResponseInvalidError('nomad', 'log stream', `unbalanced "}" at ${i}`);
    }
  }
  if (depth !== 0) throw new ResponseInvalidError('nomad', 'log stream', 'the last frame is cut off');
  return out;
}

/** Frames → bytes (decoded once, so a UTF-8 character split across frames survives). */
export function decodeLogFrames(body: string): { bytes: Buffer; frames: NomadStreamFrame[] } {
  const frames = splitJsonObjects(body).map((text) => {
    const parsed = NomadStreamFrame.safeParse(JSON.parse(text));
    if (!parsed.success) throw new ResponseInvalidError('nomad', 'log frame', parsed.error.issues[0]?.message ?? 'invalid');
    return parsed.data;
  });
  const bytes = Buffer.concat(frames.filter((f) => f.Data).map((f) => Buffer.from(f.Data ?? '', 'base64')));
  return { bytes, frames };
}

export class NomadLogs {
  constructor(private readonly c: NomadClient) {}

  async read(allocId: string, req: LogRequest, signal?: AbortSignal): Promise<LogText> {
    const plain = req.plain ?? false;
    const params = { task: req.task, type: req.type, origin: req.origin ?? 'start', offset: req.offset ?? 0, plain, follow: false };
    const reply = await this.c.http.send({
      method: 'GET',
      url: this.c.url(`client/fs/logs/${pathSegment(allocId)}`, { params }),
      headers: this.c.headers(),
      signal,
    });
    if (plain) {
      const requested = req.origin === 'end' ? (req.offset ?? 0) : 0;
      return { text: reply.text, startsMidFile: requested > 0 && Buffer.byteLength(reply.text) >= requested, fileEvents: [] };
    }
    const { bytes, frames } = decodeLogFrames(reply.text);
    // A frame's Offset is the file position after its data (the framer sets it after each read).
    const first = frames.find((f) => f.Data);
    const firstStart = first ? (first.Offset ?? 0) - Buffer.from(first.Data ?? '', 'base64').length : 0;
    return {
      text: bytes.toString('utf8'),
      startsMidFile: firstStart > 0,
      fileEvents: frames.flatMap((f) => (f.FileEvent ? [f.FileEvent] : [])),
    };
  }
}
