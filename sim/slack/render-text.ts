/**
 * Block Kit → readable terminal text for the demo console and for end-to-end assertions.
 * Deterministic: the same message always gives the same string (golden-testable).
 */
import { emojify, renderMrkdwn, type NameLookup } from './render-mrkdwn.js';
import { ansiStyle, plainStyle, type Style } from './render-style.js';
import type { SlackStore } from './store.js';
import { isObject } from './validate-blocks.js';

export type { NameLookup } from './render-mrkdwn.js';

export interface RenderOptions extends NameLookup {
  /** ANSI bold/dim/colours (default off). */
  color?: boolean;
  /** Width of a divider rule (default 40). */
  width?: number;
}

/** Anything message-like: a stored or wire message, or a response_url body. */
export interface RenderableMessage {
  text?: string | undefined;
  blocks?: unknown;
  files?: readonly { title?: string; name?: string }[] | undefined;
}

type Obj = Record<string, unknown>;

interface Renderer {
  style: Style;
  names: NameLookup;
  width: number;
  /** Buttons seen so far: they are numbered in message order, as `buttonsOf` numbers them. */
  buttons: number;
}

export function renderMessageText(message: RenderableMessage | readonly unknown[], opts: RenderOptions = {}): string {
  const r: Renderer = { style: opts.color ? ansiStyle : plainStyle, names: opts, width: opts.width ?? 40, buttons: 0 };
  const msg: RenderableMessage = Array.isArray(message) ? { blocks: message } : (message as RenderableMessage);
  const blocks = Array.isArray(msg.blocks) ? msg.blocks.filter(isObject) : [];
  const lines =
    blocks.length > 0 ? blocks.map((b) => renderBlock(b, r)).filter((s) => s !== '') : [renderMrkdwn(msg.text ?? '', r.style, r.names)].filter((s) => s !== '');
  for (const f of msg.files ?? []) lines.push(`📎 ${f.title ?? f.name ?? 'file'}${f.name && f.name !== f.title ? ` (${f.name})` : ''}`);
  return lines.join('\n');
}

/** Id → name maps from the simulator's directory, for `<@U…>` and friends. */
export function namesFromStore(store: SlackStore): NameLookup {
  return {
    users: Object.fromEntries(store.users.map((u) => [u.id, u.name])),
    channels: Object.fromEntries(store.channels.map((c) => [c.id, c.name])),
    usergroups: Object.fromEntries(store.usergroups.map((g) => [g.id, g.handle])),
  };
}

function renderBlock(block: Obj, r: Renderer): string {
  switch (block['type']) {
    case 'header':
      return r.style.bold(textOf(block['text'], r));
    case 'section':
      return renderSection(block, r);
    case 'divider':
      return r.style.dim('─'.repeat(r.width));
    case 'context':
      return r.style.dim(
        list(block['elements'])
          .map((e) => contextElement(e, r))
          .filter((s) => s !== '')
          .join(' · '),
      );
    case 'actions':
      return list(block['elements'])
        .map((e) => renderElement(e, r))
        .join('  ');
    case 'image':
      return `[image: ${String(block['alt_text'] ?? '')}]`;
    case 'rich_text':
      return list(block['elements'])
        .map((e) => richText(e, r))
        .join('\n');
    case 'markdown':
      return String(block['text'] ?? '');
    case 'input':
      return `${textOf(block['label'], r)}: [input]`;
    default:
      return '';
  }
}

function renderSection(block: Obj, r: Renderer): string {
  const out: string[] = [];
  if (block['text'] !== undefined) out.push(textOf(block['text'], r));
  for (const field of list(block['fields'])) out.push(textOf(field, r));
  const accessory = block['accessory'];
  if (isObject(accessory) && accessory['type'] !== 'image') out.push(renderElement(accessory, r));
  return out.filter((s) => s !== '').join('\n');
}

/** A text object: mrkdwn is formatted, plain_text is shown as written. */
function textOf(value: unknown, r: Renderer): string {
  if (!isObject(value)) return '';
  const text = String(value['text'] ?? '');
  return value['type'] === 'mrkdwn' ? renderMrkdwn(text, r.style, r.names) : emojify(text);
}

function contextElement(e: Obj, r: Renderer): string {
  return e['type'] === 'image' ? '' : textOf(e, r);
}

function renderElement(e: Obj, r: Renderer): string {
  if (e['type'] === 'button') {
    r.buttons += 1;
    const label = `[${r.buttons}] ${textOf(e['text'], r)}`;
    if (e['style'] === 'primary') return r.style.primary(label);
    if (e['style'] === 'danger') return r.style.danger(label);
    return label;
  }
  const placeholder = textOf(e['placeholder'], r) || String(e['type'] ?? 'element');
  return `<${placeholder} ▾>`;
}

function richText(e: Obj, r: Renderer): string {
  const inline = list(e['elements'])
    .map((x) => richInline(x, r))
    .join('');
  switch (e['type']) {
    case 'rich_text_preformatted':
      return inline
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n');
    case 'rich_text_quote':
      return inline
        .split('\n')
        .map((l) => `> ${l}`)
        .join('\n');
    case 'rich_text_list':
      return list(e['elements'])
        .map((item) => `• ${richText(item, r)}`)
        .join('\n');
    default:
      return inline;
  }
}

function richInline(x: Obj, r: Renderer): string {
  switch (x['type']) {
    case 'text':
      return String(x['text'] ?? '');
    case 'link':
      return String(x['text'] ?? x['url'] ?? '');
    case 'user':
      return `@${r.names.users?.[String(x['user_id'])] ?? String(x['user_id'])}`;
    case 'channel':
      return `#${r.names.channels?.[String(x['channel_id'])] ?? String(x['channel_id'])}`;
    case 'usergroup':
      return `@${r.names.usergroups?.[String(x['usergroup_id'])] ?? String(x['usergroup_id'])}`;
    case 'emoji':
      return emojify(`:${String(x['name'])}:`);
    case 'broadcast':
      return `@${String(x['range'])}`;
    default:
      return richText(x, r);
  }
}

const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObject) : []);
