/**
 * What the person typed, from the `text` of a slash command as Slack sends it (before tokenizing).
 *
 * Slack escapes `&`, `<`, `>` as `&amp;`, `&lt;`, `&gt;`, so any literal `<…>` left is one of its
 * references (https://docs.slack.dev/messaging/formatting-message-text#escaping). With the command's
 * `should_escape` (slack-manifest.yaml) users, channels and links arrive as references too
 * (https://docs.slack.dev/interactivity/implementing-slash-commands). Each reads as follows:
 *
 * - a link `<http://alibuild05.cern.ch|alibuild05.cern.ch>` → its label (what was typed); `<https://x>` → the URL;
 * - a user `<@U123|alice>` → `<@U123>`: the ID, which commands that take a user read
 *   (`/ci history @alice`), and which renders as @alice wherever it is shown;
 * - a channel `<#C123|ci-ops>` → `#ci-ops`; a user group `<!subteam^S1|@ci-admins>` → `@ci-admins`;
 *   `<!here>` → `@here`; a date `<!date^…|fallback>` → its fallback.
 *
 * Button values are our own text, never escaped by Slack: only slash-command text comes through here.
 */
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

const decode = (s: string): string => s.replace(/&(?:amp|lt|gt);/g, (e) => ENTITIES[e] ?? e);

export function unescapeSlashText(text: string): string {
  return decode(text.replace(/<([^<>]*)>/g, (_, inner: string) => reference(inner)));
}

function reference(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : inner.slice(bar + 1);
  if (target.startsWith('@')) return `<${target}>`;
  if (target.startsWith('#')) return label ? `#${label}` : `<${target}>`;
  if (target.startsWith('!')) return label ?? `@${target.slice(1).replace(/\^.*$/, '')}`;
  return label ?? target.replace(/^mailto:/, '');
}
