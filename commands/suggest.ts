/** "Did you mean ...?": the closest names by edit distance, for unknown jobs and commands. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

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
