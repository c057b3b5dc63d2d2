/**
 * Checks a `blocks` argument the way Slack does before it stores a message:
 * `invalid_blocks` for anything outside Block Kit's limits, `msg_blocks_too_long`
 * for too much text in total (bolt-js #2509).
 */
import { SlackApiFailure } from './api-failure.js';
import { Block as BlockSchema } from './block-schema.js';
import type { Block } from './types.js';

export interface BlockLimits {
  maxBlocks: number;
  /** Combined text of all blocks; undefined = not checked (views). */
  maxCombinedText?: number;
}

export const messageBlockLimits: BlockLimits = { maxBlocks: 50, maxCombinedText: 12_000 };
export const viewBlockLimits: BlockLimits = { maxBlocks: 100 };

/**
 * Parses `blocks` as it arrives (a JSON string from a form body, or an array from a JSON body).
 * Returns undefined when the argument is absent.
 */
export function validateBlocks(raw: unknown, limits: BlockLimits = messageBlockLimits): Block[] | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new SlackApiFailure('invalid_blocks', ['[ERROR] failed to parse blocks as JSON']);
    }
  }
  if (!Array.isArray(value)) throw new SlackApiFailure('invalid_blocks', ['[ERROR] blocks must be an array']);
  if (value.length > limits.maxBlocks) {
    throw new SlackApiFailure('invalid_blocks', [`[ERROR] no more than ${limits.maxBlocks} items allowed [json-pointer:/blocks]`]);
  }
  const errors: string[] = [];
  value.forEach((block, i) => {
    const parsed = BlockSchema.safeParse(block);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push(`[ERROR] ${issue.message} [json-pointer:/blocks/${[i, ...issue.path.map(String)].join('/')}]`);
      }
    }
  });
  errors.push(...duplicateIds(value as Block[]));
  if (errors.length > 0) throw new SlackApiFailure('invalid_blocks', errors);
  const blocks = value as Block[];
  if (limits.maxCombinedText !== undefined && combinedTextLength(blocks) > limits.maxCombinedText) {
    throw new SlackApiFailure('msg_blocks_too_long');
  }
  return blocks;
}

function duplicateIds(blocks: Block[]): string[] {
  const errors: string[] = [];
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  blocks.forEach((block, i) => {
    if (typeof block.block_id === 'string') {
      if (blockIds.has(block.block_id)) errors.push(`[ERROR] duplicate block_id [json-pointer:/blocks/${i}/block_id]`);
      blockIds.add(block.block_id);
    }
    for (const { element, pointer } of interactiveElements(block, i)) {
      const id = element['action_id'];
      if (typeof id !== 'string') continue;
      if (actionIds.has(id)) errors.push(`[ERROR] duplicate action_id [json-pointer:${pointer}/action_id]`);
      actionIds.add(id);
    }
  });
  return errors;
}

/** The interactive elements of a block: `actions` elements and a section's accessory. */
export function interactiveElements(block: Block, index: number): { element: Record<string, unknown>; pointer: string }[] {
  const out: { element: Record<string, unknown>; pointer: string }[] = [];
  const accessory = block['accessory'];
  if (isObject(accessory) && accessory['type'] !== 'image') out.push({ element: accessory, pointer: `/blocks/${index}/accessory` });
  const elements = block['elements'];
  if (block.type === 'actions' && Array.isArray(elements)) {
    elements.forEach((e, j) => {
      if (isObject(e)) out.push({ element: e, pointer: `/blocks/${index}/elements/${j}` });
    });
  }
  return out;
}

/** Every text a person would read in the blocks, counted in characters. */
export function combinedTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + combinedTextLength(v), 0);
  if (!isObject(value)) return 0;
  let n = 0;
  for (const [key, v] of Object.entries(value)) {
    if (key === 'text' && typeof v === 'string') n += v.length;
    else if (typeof v === 'object') n += combinedTextLength(v);
  }
  return n;
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
