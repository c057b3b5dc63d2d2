/** "Did you mean ...?": the closest names by edit distance, for unknown jobs and commands. */
import { editDistance } from '../src/operations/index.js';

export { editDistance };
/** Up to `max` candidates within a distance that grows with the word's length. */
export function closest(word: string, candidates: readonly string[], max = 3): string[] {
  const w = word.toLowerCase().slice(0, 200);
  const limit = Math.max(2, Math.floor(w.length / 3));
  return candidates
    .map((c) => ({ c, d: Math.min(editDistance(w, c.toLowerCase()), c.toLowerCase().includes(w) && w.length >= 3 ? 1 : Infinity) }))
    .filter((x) => x.d <= limit)
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, max)
    .map((x) => x.c);
}

/** "a", "a or b", "a, b or c". */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Like `closest`, but only the nearest ones: `alibuild99` → alibuild09, not every alibuild0x. */
export function nearest(word: string, candidates: readonly string[], max = 3): string[] {
  const w = word.toLowerCase().slice(0, 200);
  const ranked = closest(word, [...new Set(candidates)], candidates.length).map((c) => ({ c, d: editDistance(w, c.toLowerCase()) }));
  const best = Math.min(...ranked.map((x) => x.d));
  return ranked
    .filter((x) => x.d === best)
    .slice(0, max)
    .map((x) => x.c);
}
