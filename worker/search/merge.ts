/** Full-text and semantic hits (both as search_messages ids, best first) merged into one ranking. */
import { reciprocalRankFusion } from "./fusion";
import type { FullTextHit } from "./full-text";

export interface MergedHit {
  id: number;
  score: number;
  matchedBy: ("fulltext" | "semantic")[];
  /** FTS5's marked snippet when the words matched; null for a match by meaning only. */
  snippet: string | null;
}

export function fuse(textHits: readonly FullTextHit[], semanticIds: readonly number[]): MergedHit[] {
  const snippets = new Map(textHits.map((h) => [h.id, h.snippet]));
  return reciprocalRankFusion([textHits.map((h) => h.id), semanticIds]).map((f) => ({
    id: f.key,
    score: f.score,
    matchedBy: [...(f.ranks[0] !== null ? (["fulltext"] as const) : []), ...(f.ranks[1] !== null ? (["semantic"] as const) : [])],
    snippet: snippets.get(f.key) ?? null,
  }));
}
