/**
 * The three-step upload `files.uploadV2` performs (reference B4): get an upload URL,
 * POST the bytes there, complete the upload (which shares the file into a channel or thread).
 */
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { SimRequest } from '../../http/server.js';
import { sendText } from '../../http/server.js';
import { SlackApiFailure } from '../api-failure.js';
import type { ApiMethod, SimContext } from '../context.js';
import { checkThreadTs, postMessage } from '../messages.js';
import { channelForBot, requireMembership } from '../membership.js';
import { decodeBody, jsonArg, parseArgs } from '../request-args.js';
import type { StoredFile } from '../types.js';

const FilesGetUploadUrlExternalArgs = z.looseObject({
  filename: z.string().min(1),
  length: z.coerce.number().int().nonnegative(),
  snippet_type: z.string().optional(),
});

export const filesGetUploadURLExternal: ApiMethod = (ctx, raw) => {
  const args = parseArgs(FilesGetUploadUrlExternalArgs, raw);
  const id = `F${ctx.nextId().toUpperCase()}`;
  ctx.store.files.set(id, {
    id,
    filename: args.filename,
    title: args.filename,
    content: '',
    declaredLength: args.length,
    completed: false,
  });
  return { upload_url: `${ctx.url}/upload/v1/${id}`, file_id: id };
};

/** The upload URL itself: raw bytes, or multipart with the field `body` (what WebClient sends). */
export async function receiveUpload(ctx: SimContext, req: SimRequest, res: ServerResponse): Promise<void> {
  const file = ctx.store.files.get(req.params['id'] ?? '');
  if (!file || file.completed) return sendText(res, 404, 'Not Found');
  let bytes = req.rawBody;
  if (String(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
    const { args, files } = await decodeBody(req);
    const field = files.get('body') ?? files.get('file') ?? (typeof args['body'] === 'string' ? Buffer.from(args['body']) : undefined);
    if (!field) return sendText(res, 400, 'missing body');
    bytes = field;
  }
  file.content = bytes.toString('utf8');
  sendText(res, 200, `OK - ${bytes.length}`);
}

const FileToComplete = z.looseObject({ id: z.string(), title: z.string().optional() });
const FilesCompleteUploadExternalArgs = z.looseObject({
  files: z.unknown(),
  channel_id: z.string().optional(),
  thread_ts: z.string().optional(),
  initial_comment: z.string().optional(),
});

export const filesCompleteUploadExternal: ApiMethod = (ctx, raw) => {
  const args = parseArgs(FilesCompleteUploadExternalArgs, raw);
  const files = z.array(FileToComplete).min(1).safeParse(jsonArg(args.files));
  if (!files.success) throw new SlackApiFailure('invalid_arguments', ['[ERROR] files must be a list of {id, title}']);
  const list = files.data;
  const channel = args.channel_id ? channelForBot(ctx, args.channel_id) : undefined;
  if (channel) requireMembership(ctx, channel);
  checkThreadTs(args.thread_ts);
  const stored: StoredFile[] = list.map((f) => {
    const file = ctx.store.files.get(f.id);
    if (!file || file.completed) throw new SlackApiFailure('file_not_found');
    return Object.assign(file, { title: f.title ?? file.filename });
  });
  for (const file of stored) {
    Object.assign(file, { completed: true, channel: channel?.id, thread_ts: args.thread_ts, initial_comment: args.initial_comment });
    ctx.events.emit('file', file);
  }
  if (channel) {
    postMessage(ctx, channel, {
      text: args.initial_comment ?? '',
      thread_ts: args.thread_ts,
      files: stored.map((f) => ({ id: f.id, title: f.title, name: f.filename })),
    });
  }
  return { files: stored.map((f) => ({ id: f.id, title: f.title })) };
};
