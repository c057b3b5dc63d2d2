/** Minimal Block Kit builders that respect Slack's limits (reference B4), so no call is rejected. */
export type Block = Record<string, unknown>;

export const SECTION_MAX = 3000;
export const MAX_BLOCKS = 50;

/** Cuts text to `max` characters on a line boundary, saying how much was left out. */
export function clip(text: string, max: number, more = 'more lines'): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 60);
  const end = cut.lastIndexOf('\n');
  const kept = end > 0 ? cut.slice(0, end) : cut;
  const dropped = text.slice(kept.length).split('\n').filter(Boolean).length;
  return `${kept}\n… ${dropped} ${more}`;
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Escapes text we wrote ourselves but keeps its user, channel and user-group mentions
 * (`<@U…>`, `<#C…>`, `<!subteam^S…>`), which must reach Slack unescaped to render.
 */
export const escKeepMentions = (s: string) => esc(s).replace(/&lt;((?:@[UW]|#[CG]|!subteam\^S)[A-Z0-9]+)&gt;/g, '<$1>');

export const section = (mrkdwn: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text: clip(mrkdwn, SECTION_MAX) } });

/** A code block whose content can never break out of the fence. */
export function codeBlock(text: string): Block {
  const body = clip(esc(text).replace(/```/g, "'''"), SECTION_MAX - 8);
  return section(`\`\`\`${body}\`\`\``);
}

export const context = (...parts: string[]): Block => ({
  type: 'context',
  elements: parts
    .filter(Boolean)
    .slice(0, 10)
    .map((t) => ({ type: 'mrkdwn', text: clip(t, 2000) })),
});

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Block {
  return { type: 'button', text: { type: 'plain_text', text: text.slice(0, 75), emoji: true }, action_id: actionId, value, ...(style ? { style } : {}) };
}

export const actions = (blockId: string, ...elements: Block[]): Block => ({ type: 'actions', block_id: blockId.slice(0, 255), elements });
