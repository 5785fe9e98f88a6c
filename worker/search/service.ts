/**
 * Searching one chatbot's messages: full-text (FTS5, bm25) everywhere, merged with semantic matches
 * (Workers AI embeddings in Vectorize) by reciprocal-rank fusion where the deployment has them.
 */
import type { D1Queryable } from "../db/read-session";
import { fuse } from "./merge";
import { fullTextHits, idsOfMessages, leadingParts, pageOf, snippetParts, type MessageRow, type SnippetPart } from "./full-text";
import { matchExpression, parseTerms, plainText, type SearchQuery } from "./query";
import { embed, parseVectorId, semanticStatus, type Semantic, type SemanticStatus } from "./semantic";

/** Full-text candidates fused with semantic ones: deeper than any page a person reads. */
export const FUSION_DEPTH = 100;
/** Nearest vectors asked of Vectorize per query. */
export const SEMANTIC_TOP_K = 50;

export interface SearchHit {
  messageId: string;
  conversationId: string;
  conversationExternalId: string;
  seq: number;
  role: string;
  at: number;
  snippet: SnippetPart[];
  user: { externalId: string; name: string | null; email: string | null } | null;
  sentiment: { label: string; score: number | null } | null;
  /** Which searches found it: `fulltext`, `semantic` or both. */
  matchedBy: ("fulltext" | "semantic")[];
  /** Higher is better: the fused (reciprocal-rank) score, or minus the hit's place in the full-text ordering (−1, −2, …) when full-text ranks alone. */
  score: number;
}

export interface SearchResult {
  data: SearchHit[];
  pagination: { page: number; limit: number; hasMore: boolean };
  semantic: SemanticStatus & { used: boolean };
}

export async function searchMessages(db: D1Queryable, semantic: Semantic | null, chatbotId: string, q: SearchQuery): Promise<SearchResult> {
  const terms = parseTerms(q.q);
  const match = matchExpression(terms);
  const start = (q.page - 1) * q.limit;
  const status = semanticStatus(semantic);

  if (!semantic || q.mode === "fulltext") {
    const ids = await fullTextHits(db, chatbotId, match, q, q.limit + 1, start);
    const page = ids.slice(0, q.limit);
    const { rows, snippets: marked } = await pageOf(db, chatbotId, match, page);
    return {
      data: page.flatMap((id, i) => {
        const row = rows.get(id);
        // bm25 is negative, lower is better; the rank in the ordering stands in for it in `score`.
        return row ? [hitView(row, partsOf(marked.get(id), row), ["fulltext"], -(start + i + 1))] : [];
      }),
      pagination: { page: q.page, limit: q.limit, hasMore: ids.length > q.limit },
      semantic: { ...status, used: false },
    };
  }

  const depth = Math.max(FUSION_DEPTH, start + q.limit + 1);
  const [textHits, vectorKeys] = await Promise.all([fullTextHits(db, chatbotId, match, q, depth, 0), nearest(semantic, chatbotId, plainText(terms))]);
  // A vector is only a pointer: the message must still be in this chatbot's index and pass the filters.
  const vectorIds = await idsOfMessages(db, chatbotId, vectorKeys, q);
  const semanticHits = vectorKeys.flatMap((k) => vectorIds.get(`${k.conversationId}:${k.seq}`) ?? []);
  const fused = fuse(textHits, semanticHits);
  const page = fused.slice(start, start + q.limit);
  const { rows, snippets: marked } = await pageOf(
    db,
    chatbotId,
    match,
    page.map((f) => f.id),
    page.filter((f) => f.matchedBy.includes("fulltext")).map((f) => f.id),
  );
  return {
    data: page.flatMap((f) => {
      const row = rows.get(f.id);
      return row ? [hitView(row, partsOf(marked.get(f.id), row), f.matchedBy, f.score)] : [];
    }),
    pagination: { page: q.page, limit: q.limit, hasMore: fused.length > start + q.limit },
    semantic: { ...status, used: true },
  };
}

/** The chatbot's messages nearest the query's meaning, best first. */
async function nearest(semantic: Semantic, chatbotId: string, text: string): Promise<{ conversationId: string; seq: number }[]> {
  const [vector] = await embed(semantic.ai, [text]);
  const { matches } = await semantic.vectors.query(vector!, { topK: SEMANTIC_TOP_K, filter: { chatbotId }, returnMetadata: "none" });
  return matches.flatMap((m) => parseVectorId(m.id) ?? []);
}

/** The marked snippet when the words matched; the message's start when it matched by meaning only. */
function partsOf(snippet: string | undefined, row: MessageRow): SnippetPart[] {
  return snippet !== undefined ? snippetParts(snippet) : leadingParts(row.content);
}

function hitView(row: MessageRow, snippet: SnippetPart[], matchedBy: SearchHit["matchedBy"], score: number): SearchHit {
  return {
    messageId: row.messageId,
    conversationId: row.conversationId,
    conversationExternalId: row.conversationExternalId,
    seq: row.seq,
    role: row.role,
    at: row.at,
    snippet,
    user: row.userExternalId ? { externalId: row.userExternalId, name: row.userName, email: row.userEmail } : null,
    sentiment: row.sentimentLabel ? { label: row.sentimentLabel, score: row.sentimentScore } : null,
    matchedBy,
    score: Math.round(score * 1e6) / 1e6,
  };
}
