/** Full-text and semantic hits (both as search_messages ids, best first) merged into one ranking. */
import { reciprocalRankFusion } from "./fusion";

export interface MergedHit {
  id: number;
  score: number;
  matchedBy: ("fulltext" | "semantic")[];
}

export function fuse(textIds: readonly number[], semanticIds: readonly number[]): MergedHit[] {
  return reciprocalRankFusion([textIds, semanticIds]).map((f) => ({
    id: f.key,
    score: f.score,
    matchedBy: [...(f.ranks[0] !== null ? (["fulltext"] as const) : []), ...(f.ranks[1] !== null ? (["semantic"] as const) : [])],
  }));
}
