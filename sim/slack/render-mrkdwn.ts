/**
 * Slack mrkdwn → terminal text: `*bold*`, `_italic_`, `~strike~`, `` `code` ``, code fences,
 * `<@U…>` / `<#C…|name>` / `<!subteam^S…>` / `<url|text>` tokens, `:emoji:` and `&lt;` entities.
 */
import type { Style } from './render-style.js';

/** Names for ids in mentions: users (U…), channels (C…) and user groups (S…). */
export interface NameLookup {
  users?: Readonly<Record<string, string>>;
  channels?: Readonly<Record<string, string>>;
  usergroups?: Readonly<Record<string, string>>;
}

/** The emoji the bot's messages use (ux.md), as Slack shortcodes. */
const emoji: Readonly<Record<string, string>> = {
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  x: '❌',
  warning: '⚠️',
  red_circle: '🔴',
  large_orange_circle: '🟠',
  large_yellow_circle: '🟡',
  large_green_circle: '🟢',
  clipboard: '📋',
  hourglass_flowing_sand: '⏳',
  rocket: '🚀',
  no_entry: '⛔',
  information_source: 'ℹ️',
  gear: '⚙️',
  wrench: '🔧',
  arrows_counterclockwise: '🔄',
  paperclip: '📎',
  mag: '🔍',
  lock: '🔒',
  bell: '🔔',
  no_bell: '🔕',
};

export const emojify = (s: string): string => s.replace(/:([a-z0-9_+-]+):/g, (m, name: string) => emoji[name] ?? m);

const decodeEntities = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Renders mrkdwn; fenced code becomes text indented by two spaces. */
export function renderMrkdwn(text: string, style: Style, names: NameLookup = {}): string {
  const parts = text.split('```');
  // An unclosed fence is literal text, as in Slack.
  if (parts.length % 2 === 0) parts.splice(-2, 2, `${parts.at(-2) ?? ''}\`\`\`${parts.at(-1) ?? ''}`);
  return parts
    .map((part, i) => {
      if (i % 2 === 1) return renderFence(part);
      const inner = part.replace(i > 0 ? /^\n/ : /^$/, '').replace(i < parts.length - 1 ? /\n$/ : /^$/, '');
      return renderInline(inner, style, names);
    })
    .join('')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}

function renderFence(code: string): string {
  const lines = decodeEntities(code.replace(/^\n/, '').replace(/\n$/, '')).split('\n');
  return `\n${lines.map((l) => (l === '' ? '' : `  ${l}`)).join('\n')}\n`;
}

function renderInline(text: string, style: Style, names: NameLookup): string {
  const held: string[] = [];
  const hold = (s: string) => `\u0000${held.push(s) - 1}\u0000`;
  let out = text
    .replace(/`([^`\n]+)`/g, (_m, code: string) => hold(style.code(decodeEntities(code))))
    .replace(/<([^<>\n]+)>/g, (_m, token: string) => hold(renderToken(token, style, names)));
  out = emphasis(out, '*', style.bold);
  out = emphasis(out, '_', style.italic);
  out = emphasis(out, '~', style.strike);
  out = emojify(decodeEntities(out));
  return out.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => held[Number(i)] ?? '');
}

/** Slack's rule: the marker hugs non-space text and is not inside a word. */
function emphasis(text: string, marker: string, apply: (s: string) => string): string {
  const m = `\\${marker}`;
  const re = new RegExp(`(^|[^\\w${m}])${m}(?=\\S)([^${m}\\n]*?[^\\s${m}])${m}(?![\\w${m}])`, 'g');
  return text.replace(re, (_all, before: string, inner: string) => `${before}${apply(inner)}`);
}

function renderToken(token: string, style: Style, names: NameLookup): string {
  const [target = '', label] = splitOnce(token, '|');
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return `@${names.users?.[id] ?? label ?? id}`;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return `#${names.channels?.[id] ?? label ?? id}`;
  }
  if (target.startsWith('!subteam^')) {
    const id = target.slice('!subteam^'.length);
    const handle = names.usergroups?.[id] ?? label?.replace(/^@/, '') ?? id;
    return `@${handle}`;
  }
  if (target.startsWith('!date^')) return label ?? target;
  if (target.startsWith('!')) return `@${label ?? target.slice(1)}`;
  const url = decodeEntities(target);
  if (label === undefined || decodeEntities(label) === url.replace(/^mailto:/, '')) return style.link(url.replace(/^mailto:/, ''));
  return `${style.link(decodeEntities(label))} (${url})`;
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}
