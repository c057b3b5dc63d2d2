/**
 * Slack gives every stored block a `block_id` and every interactive element an `action_id`
 * when the sender left them out; a click payload always carries both.
 */
import type { Block } from './types.js';
import { interactiveElements } from './validate-blocks.js';

/** Returns a copy of `blocks` with missing ids filled from `nextId()`. */
export function withGeneratedIds(blocks: Block[], nextId: () => string): Block[] {
  const copy = structuredClone(blocks);
  copy.forEach((block, i) => {
    if (typeof block.block_id !== 'string') block.block_id = nextId();
    for (const { element } of interactiveElements(block, i)) {
      if (typeof element['action_id'] !== 'string') element['action_id'] = nextId();
    }
  });
  return copy;
}

/** Short ids in Slack's style ("a1B2"), deterministic per simulator. */
export function idGenerator(prefix = ''): () => string {
  let n = 0;
  return () => {
    n += 1;
    return `${prefix}${(n * 7919 + 46_656).toString(36)}`;
  };
}
