/**
 * The buttons of a message in the order a person sees them: `actions` blocks and section
 * accessories, top to bottom. The demo console numbers them the same way.
 */
import type { Block } from './types.js';
import { interactiveElements, isObject } from './validate-blocks.js';

export interface MessageButton {
  /** 1-based position among the message's buttons. */
  index: number;
  actionId: string;
  blockId: string;
  text: string;
  value?: string;
  style?: string;
  url?: string;
}

/** Anything with Block Kit blocks: a stored message, a wire message, or the blocks themselves. */
export type WithBlocks = { blocks?: unknown } | readonly unknown[];

export function buttonsOf(message: WithBlocks): MessageButton[] {
  const blocks = Array.isArray(message) ? message : (message as { blocks?: unknown }).blocks;
  if (!Array.isArray(blocks)) return [];
  const out: MessageButton[] = [];
  blocks.forEach((raw, i) => {
    if (!isObject(raw)) return;
    const block = raw as Block;
    for (const { element } of interactiveElements(block, i)) {
      if (element['type'] !== 'button') continue;
      const text = isObject(element['text']) ? String(element['text']['text'] ?? '') : '';
      out.push({
        index: out.length + 1,
        actionId: String(element['action_id'] ?? ''),
        blockId: String(block.block_id ?? ''),
        text,
        ...(typeof element['value'] === 'string' ? { value: element['value'] } : {}),
        ...(typeof element['style'] === 'string' ? { style: element['style'] } : {}),
        ...(typeof element['url'] === 'string' ? { url: element['url'] } : {}),
      });
    }
  });
  return out;
}
