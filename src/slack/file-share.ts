/**
 * Sharing a file into a channel. `chat:write.public` lets the bot post where it was never invited,
 * but `files.completeUploadExternal` there answers `not_in_channel`: the bot then joins the channel
 * (`conversations.join`, scope `channels:join`; public channels only) and tries once more. Where it
 * cannot, the caller gets the reason in words, to show instead of the file.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { describeError } from '../errors.js';

export type ShareOutcome = { shared: true } | { shared: false; why: string };

type FileArgs = { channel_id: string; filename: string; title: string; content: string; initial_comment: string; thread_ts?: string };

const INVITE = 'invite it to get files here';

export async function shareFile(client: webApi.WebClient, log: Logger, args: FileArgs): Promise<ShareOutcome> {
  const first = await upload(client, args);
  if (first === undefined) return { shared: true };
  if (first !== 'not_in_channel') return refused(log, args, first);
  const joined = await join(client, args.channel_id);
  if (joined !== undefined) return refused(log, args, joined === 'missing_scope' ? 'join:missing_scope' : 'join:refused');
  log.info({ channel: args.channel_id }, 'joined the channel to share a file there');
  const second = await upload(client, args);
  return second === undefined ? { shared: true } : refused(log, args, second);
}

/** Slack's error code, or undefined when the file was shared. */
async function upload(client: webApi.WebClient, args: FileArgs): Promise<string | undefined> {
  const { thread_ts, ...rest } = args;
  try {
    await client.files.uploadV2(thread_ts ? { ...rest, thread_ts } : rest);
    return undefined;
  } catch (err) {
    return errorCode(err);
  }
}

async function join(client: webApi.WebClient, channel: string): Promise<string | undefined> {
  try {
    await client.conversations.join({ channel });
    return undefined;
  } catch (err) {
    return errorCode(err);
  }
}

/** Slack's own error code (`not_in_channel`); anything else (network, HTTP) is described in the log only. */
function errorCode(err: unknown): string {
  const data = (err as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' && /^[a-z_]+$/.test(data.error) ? data.error : `unreachable: ${describeError(err)}`;
}

function refused(log: Logger, args: FileArgs, code: string): ShareOutcome {
  log.warn({ channel: args.channel_id, file: args.filename, error: code }, 'could not share a file');
  return { shared: false, why: reason(code) };
}

/** Completes "…could not be shared here, because …". */
function reason(code: string): string {
  if (code === 'join:missing_scope') return `the bot is not in this channel and may not join it (channels:join). Invite it (\`/invite\`) to get files here`;
  if (code === 'join:refused' || code === 'channel_not_found' || code === 'not_in_channel') {
    return `the bot is not in this channel and cannot join it (a private channel or a direct message): ${INVITE}`;
  }
  return code.startsWith('unreachable') ? 'Slack did not take the file (see the bot log)' : `Slack did not accept the file (${code})`;
}
