/**
 * The `text` of a slash command as Slack sends it, from what the person typed.
 *
 * - Always: `&`, `<` and `>` become `&amp;`, `&lt;`, `&gt;` ("Escaping text",
 *   https://docs.slack.dev/messaging/formatting-message-text#escaping — Slack's control characters).
 * - With the command's `should_escape` (manifest; "Escape channels, users, and links sent to your app"
 *   in the app settings, https://docs.slack.dev/interactivity/implementing-slash-commands): a known
 *   `@user` becomes `<@U…|name>`, a known `#channel` `<#C…|name>`, a user group `<!subteam^S…|@handle>`,
 *   `@here`/`@channel`/`@everyone` `<!here>`…, and what the client auto-links — a URL, or a bare
 *   domain name such as `alibuild05.cern.ch` — `<http://alibuild05.cern.ch|alibuild05.cern.ch>`
 *   (the label is the text as typed; a typed URL with a scheme is sent without a label).
 */
import type { SlackStore } from './store.js';

/** Top-level domains the simulated client links when typed bare (Slack links registered TLDs; these are enough here). */
const LINKED_TLDS = new Set(['ch', 'cern', 'com', 'org', 'net', 'edu', 'gov', 'io', 'dev', 'de', 'fr', 'it', 'uk', 'eu', 'info', 'co']);

const SPECIAL_MENTIONS = new Set(['here', 'channel', 'everyone']);

export function escapeEntities(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function slashCommandText(typed: string, store: SlackStore, shouldEscape: boolean): string {
  const escaped = escapeEntities(typed);
  if (!shouldEscape) return escaped;
  // Word by word, keeping the whitespace; quotes and brackets around a word stay outside the reference.
  return escaped.replace(/\S+/g, (word) => {
    const m = /^(["'“‘([]*)(.*?)(["'”’)\].,:;!?]*)$/su.exec(word);
    if (!m) return word;
    const [, open = '', core = '', close = ''] = m;
    return `${open}${reference(core, store) ?? core}${close}`;
  });
}

function reference(core: string, store: SlackStore): string | undefined {
  if (core.startsWith('@')) return mention(core.slice(1), store);
  if (core.startsWith('#')) {
    const channel = store.channels.find((c) => c.name === core.slice(1));
    return channel ? `<#${channel.id}|${channel.name}>` : undefined;
  }
  return link(core);
}

function mention(name: string, store: SlackStore): string | undefined {
  if (SPECIAL_MENTIONS.has(name)) return `<!${name}>`;
  const user = store.users.find((u) => u.name === name);
  if (user) return `<@${user.id}|${user.name}>`;
  const group = store.usergroups.find((g) => g.handle === name);
  return group ? `<!subteam^${group.id}|@${group.handle}>` : undefined;
}

function link(core: string): string | undefined {
  if (/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(core)) return `<${core}>`;
  const host = /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)(?::\d+)?(\/\S*)?$/.exec(core);
  if (!host) return undefined;
  const tld = host[1]!.split('.').at(-1)!.toLowerCase();
  return LINKED_TLDS.has(tld) ? `<http://${core}|${core}>` : undefined;
}
