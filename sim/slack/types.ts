/**
 * What the Slack simulator keeps: the objects the bot creates through the Web API,
 * in Slack's own field names (so a test can hand them back to Bolt unchanged).
 */

/** A Block Kit block as JSON; validated on the way in by `validateBlocks`. */
export type Block = Record<string, unknown> & { type: string; block_id?: string };

export interface SlackChannel {
  id: string;
  name: string;
  /** A private channel: invisible to the bot's token unless the bot is a member (default public). */
  isPrivate?: boolean;
  /** The bot was invited (default false: a fresh install posts with `chat:write.public` only). */
  botIsMember?: boolean;
}

export interface SlackUser {
  id: string;
  name: string;
}

export interface SlackUsergroup {
  id: string;
  handle: string;
  users: string[];
}

/** One earlier state of a message, kept when `chat.update` or `replace_original` changes it. */
export interface MessageVersion {
  text: string;
  blocks?: Block[] | undefined;
  /** The `ts` of the edit that replaced this version (from the sim clock, Slack format). */
  replacedAt: string;
}

/** A file shared into a message, as `files.completeUploadExternal` attaches it. */
export interface SharedFileRef {
  id: string;
  title: string;
  name: string;
}

/** A channel message posted by the bot. `versions` holds every earlier state, oldest first. */
export interface StoredMessage {
  type: 'message';
  channel: string;
  ts: string;
  thread_ts?: string | undefined;
  text: string;
  blocks?: Block[] | undefined;
  attachments?: unknown[] | undefined;
  files?: SharedFileRef[] | undefined;
  /** The bot user that posted it. */
  user: string;
  bot_id: string;
  edited?: { user: string; ts: string } | undefined;
  versions: MessageVersion[];
}

/** A message only one user sees (`chat.postEphemeral` or a response_url reply). */
export interface EphemeralMessage {
  channel: string;
  user: string;
  /** `message_ts` as returned to the caller. */
  ts: string;
  thread_ts?: string | undefined;
  text: string;
  blocks?: Block[] | undefined;
  versions: MessageVersion[];
  /** 'api' for chat.postEphemeral, 'response_url' for a reply to a command or click. */
  via: 'api' | 'response_url';
}

export interface StoredFile {
  id: string;
  filename: string;
  title: string;
  /** The uploaded bytes as UTF-8 text (snippets, diffs, logs). */
  content: string;
  declaredLength: number;
  channel?: string | undefined;
  thread_ts?: string | undefined;
  initial_comment?: string | undefined;
  /** False until `files.completeUploadExternal` names it. */
  completed: boolean;
}

/** An App Home view published with `views.publish`. */
export interface PublishedView {
  id: string;
  user_id: string;
  view: Record<string, unknown>;
  hash: string;
}

export interface DeletedMessage {
  channel: string;
  ts: string;
  message: StoredMessage;
}
