/**
 * Reciprocal-rank fusion: each list votes 1 / (k + rank) for every item it ranks, an item's score is the
 * sum of its votes, and the merged list is ordered by score. Ranks, not raw scores, are combined, so a
 * bm25 score and a cosine similarity never need a common scale. k = 60 is the constant of the original
 * paper (Cormack et al., 2009): it keeps one list's top hit from drowning the other list.
 */
export const RRF_K = 60;

export interface Fused<K> {
  key: K;
  score: number;
  /** The item's 1-based rank in each list that has it (index = the list's position in the input). */
  ranks: (number | null)[];
}

/** Merges ranked lists of keys (best first); ties keep the order of the first list that ranks them. */
export function reciprocalRankFusion<K>(lists: readonly (readonly K[])[], k = RRF_K): Fused<K>[] {
  const byKey = new Map<K, Fused<K> & { first: number }>();
  let order = 0;
  lists.forEach((list, li) => {
    list.forEach((key, i) => {
      let entry = byKey.get(key);
      if (!entry) {
        entry = { key, score: 0, ranks: lists.map(() => null), first: order++ };
        byKey.set(key, entry);
      }
      if (entry.ranks[li] !== null) return; // a list naming a key twice votes once, at its better rank
      entry.ranks[li] = i + 1;
      entry.score += 1 / (k + i + 1);
    });
  });
  return [...byKey.values()].sort((a, b) => b.score - a.score || a.first - b.first).map(({ first: _first, ...rest }) => rest);
}
