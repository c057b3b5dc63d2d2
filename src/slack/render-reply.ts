/**
 * A read-only answer as Slack content: the summary, the detail in a code block when it fits
 * comfortably on a phone, otherwise the same detail as a file (never a rejected Slack call).
 */
import type { ReadReply } from '../operations/index.js';
import { actions, button, codeBlock, esc, escKeepMentions, section, type Block } from './blocks.js';

/** Above this, a code block is unreadable on mobile and close to Slack's section limit. */
export const INLINE_DETAIL_MAX_CHARS = 2_500;
export const INLINE_DETAIL_MAX_LINES = 40;
export const CHOICE_ACTION_PREFIX = 'read.choice';

export interface RenderedReply {
  text: string;
  blocks: Block[];
  file?: { filename: string; content: string };
}

export function renderReply(reply: ReadReply): RenderedReply {
  const detail = reply.detail ?? '';
  const inline = detail.length <= INLINE_DETAIL_MAX_CHARS && detail.split('\n').length <= INLINE_DETAIL_MAX_LINES;
  const blocks: Block[] = [section(escKeepMentions(reply.summary))];
  let file: RenderedReply['file'];
  if (detail && inline) blocks.push(codeBlock(detail));
  if (detail && !inline) {
    file = { filename: reply.filename ?? 'output.txt', content: detail };
    blocks.push(section(`_${detail.split('\n').length} lines: the full text is attached as ${esc(file.filename)} in this channel._`));
  }
  const choices = (reply.choices ?? []).slice(0, 25);
  if (choices.length) {
    blocks.push(actions('read.choices', ...choices.map((c, i) => button(c.label, `${CHOICE_ACTION_PREFIX}.${i}`, c.command.slice(0, 2000)))));
  }
  return { text: reply.summary.slice(0, 3000), blocks, ...(file ? { file } : {}) };
}
