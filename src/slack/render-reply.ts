/**
 * A read-only answer as Slack content: the summary, the detail in a code block when it fits
 * comfortably on a phone, otherwise the same detail as a file (never a rejected Slack call).
 */
import type { ReadReply } from '../operations/index.js';
import { actions, button, codeBlock, esc, escKeepMentions, section, type Block } from './blocks.js';

/**
 * Up to this much detail stays in the private answer, split over code blocks of at most
 * `BLOCK_CHARS` (Slack's section limit is 3,000; the whole message must stay under ~12,000).
 * Beyond it the detail goes as a file: files are shared in the channel, so a routine `/ci status`
 * must fit here, or every asker would drop a file in front of everyone.
 */
export const INLINE_DETAIL_MAX_CHARS = 8_400;
export const INLINE_DETAIL_MAX_LINES = 100;
const BLOCK_CHARS = 2_800;
export const CHOICE_ACTION_PREFIX = 'read.choice';

export interface RenderedReply {
  text: string;
  blocks: Block[];
  file?: { filename: string; content: string };
}

/**
 * `fileRefused`: Slack would not take the file (why, in words): the part of the detail that fits
 * is shown instead (its end for a log), and the answer says so.
 */
export function renderReply(reply: ReadReply, opts: { fileRefused?: string } = {}): RenderedReply {
  const detail = reply.detail ?? '';
  const lines = detail.split('\n');
  const inline = detail.length <= INLINE_DETAIL_MAX_CHARS && lines.length <= INLINE_DETAIL_MAX_LINES;
  const blocks: Block[] = [section(escKeepMentions(reply.summary))];
  let file: RenderedReply['file'];
  if (detail && inline) for (const part of splitByLines(detail, BLOCK_CHARS)) blocks.push(codeBlock(part));
  if (detail && !inline && opts.fileRefused !== undefined) {
    const end = reply.keep === 'end';
    const part = fitting(end ? [...lines].reverse() : lines);
    const shown = end ? part.reverse() : part;
    for (const piece of splitByLines(shown.join('\n'), BLOCK_CHARS)) blocks.push(codeBlock(piece));
    blocks.push(
      section(
        `_Showing the ${end ? 'last' : 'first'} ${shown.length} of ${lines.length} lines: the full text could not be shared as a file here, because ${esc(opts.fileRefused)}._`,
      ),
    );
  } else if (detail && !inline) {
    file = { filename: reply.filename ?? 'output.txt', content: detail };
    blocks.push(section(`_${lines.length} lines: the full text is attached as ${esc(file.filename)} in this channel._`));
  }
  const choices = (reply.choices ?? []).slice(0, 25);
  if (choices.length) {
    blocks.push(actions('read.choices', ...choices.map((c, i) => button(c.label, `${CHOICE_ACTION_PREFIX}.${i}`, c.command.slice(0, 2000)))));
  }
  return { text: reply.summary.slice(0, 3000), blocks, ...(file ? { file } : {}) };
}

/** The leading lines that fit inline (each cut to a code block's width). */
function fitting(lines: readonly string[]): string[] {
  const kept: string[] = [];
  let chars = 0;
  for (const line of lines) {
    const cut = line.slice(0, BLOCK_CHARS);
    if (kept.length >= INLINE_DETAIL_MAX_LINES || chars + cut.length + 1 > INLINE_DETAIL_MAX_CHARS) break;
    kept.push(cut);
    chars += cut.length + 1;
  }
  return kept;
}

/** Cuts text into pieces of at most `max` characters, on line boundaries where possible. */
function splitByLines(text: string, max: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if (candidate.length > max && current) {
      parts.push(current);
      current = line.slice(0, max);
    } else current = candidate.slice(0, max);
  }
  if (current) parts.push(current);
  return parts;
}
