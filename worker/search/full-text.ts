/**
 * The SQL of search: full-text matches ranked by bm25, and the filters every hit must pass — the same
 * filters whether a hit came from FTS5 or from Vectorize. Every query is scoped to one chatbot.
 */
import type { SearchQuery } from "./query";

/** Snippet markers: control characters people do not type; a message holding one only shifts its own highlight. */
const OPEN = "\u0002";
const CLOSE = "\u0003";
/** Tokens of context a snippet shows around the match. */
const SNIPPET_TOKENS = 24;

type Filters = Pick<SearchQuery, "role" | "from" | "to" | "sentiment" | "flag" | "language" | "plan">;

/** SQL conditions on `m` (a search_messages row) with their values, numbered from `first`. */
export function filterSql(f: Filters, first: number): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `?${first + params.length - 1}`;
  };
  if (f.role) parts.push(`m.role = ${p(f.role)}`);
  if (f.from !== undefined) parts.push(`m.at >= ${p(f.from)}`);
  if (f.to !== undefined) parts.push(`m.at < ${p(f.to)}`);
  // Per-message findings live in annotations (one row per finding, indexed by conversation and seq).
  if (f.sentiment) {
    parts.push(`EXISTS (SELECT 1 FROM annotations a WHERE a.conversation_id = m.conversation_id AND a.message_seq = m.seq AND a.kind = 'sentiment' AND a.label = ${p(f.sentiment)})`);
  }
  if (f.flag) {
    parts.push(`EXISTS (SELECT 1 FROM annotations a WHERE a.conversation_id = m.conversation_id AND a.message_seq = m.seq AND a.kind = 'flag' AND a.label = ${p(f.flag)})`);
  }
  if (f.language) parts.push(`EXISTS (SELECT 1 FROM conversations c WHERE c.id = m.conversation_id AND c.language = ${p(f.language)})`);
  if (f.plan) {
    // The conversations table's rule: the organization's plan, else the user's.
    parts.push(
      `EXISTS (SELECT 1 FROM conversations c LEFT JOIN client_organizations o ON o.id = c.client_organization_id
         LEFT JOIN client_users u ON u.id = c.client_user_id
         WHERE c.id = m.conversation_id AND coalesce(o.plan, u.plan) = ${p(f.plan)} COLLATE NOCASE)`,
    );
  }
  return { sql: parts.map((x) => ` AND ${x}`).join(""), params };
}

export interface FullTextHit {
  id: number;
  snippet: string;
}

/** Matches of `match` (an FTS5 expression from query.ts) in the chatbot's messages, best bm25 first. */
export async function fullTextHits(db: D1Database, chatbotId: string, match: string, f: Filters, limit: number, offset: number): Promise<FullTextHit[]> {
  const filters = filterSql(f, 5);
  const { results } = await db
    .prepare(
      `SELECT m.id AS id, snippet(search_messages_fts, 0, ?3, ?4, '…', ${SNIPPET_TOKENS}) AS snippet
       FROM search_messages_fts JOIN search_messages m ON m.id = search_messages_fts.rowid
       WHERE search_messages_fts MATCH ?1 AND m.chatbot_id = ?2${filters.sql}
       ORDER BY bm25(search_messages_fts), m.id
       LIMIT ${Math.trunc(limit)} OFFSET ${Math.trunc(offset)}`,
    )
    .bind(match, chatbotId, OPEN, CLOSE, ...filters.params)
    .all<FullTextHit>();
  return results;
}

/** The ids of the chatbot's messages among `keys` (conversation id, seq) that pass the filters. */
export async function idsOfMessages(db: D1Database, chatbotId: string, keys: readonly { conversationId: string; seq: number }[], f: Filters): Promise<Map<string, number>> {
  if (!keys.length) return new Map();
  const filters = filterSql(f, 3);
  const { results } = await db
    .prepare(
      `SELECT m.id AS id, m.conversation_id AS conversationId, m.seq AS seq FROM search_messages m
       WHERE m.chatbot_id = ?1
         AND (m.conversation_id, m.seq) IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?2))${filters.sql}`,
    )
    .bind(chatbotId, JSON.stringify(keys.map((k) => [k.conversationId, k.seq])), ...filters.params)
    .all<{ id: number; conversationId: string; seq: number }>();
  return new Map(results.map((r) => [`${r.conversationId}:${r.seq}`, r.id]));
}

export interface MessageRow {
  id: number;
  conversationId: string;
  conversationExternalId: string;
  seq: number;
  messageId: string;
  role: string;
  content: string;
  at: number;
  userExternalId: string | null;
  userName: string | null;
  userEmail: string | null;
  sentimentLabel: string | null;
  sentimentScore: number | null;
}

/** The hits' messages with their conversation, client user and sentiment, by id; the chatbot's only. */
export async function messageRows(db: D1Database, chatbotId: string, ids: readonly number[]): Promise<Map<number, MessageRow>> {
  if (!ids.length) return new Map();
  const { results } = await db
    .prepare(
      `SELECT m.id AS id, m.conversation_id AS conversationId, c.external_id AS conversationExternalId, m.seq AS seq,
         m.message_id AS messageId, m.role AS role, m.content AS content, m.at AS at,
         u.external_id AS userExternalId, u.name AS userName, u.email AS userEmail,
         s.label AS sentimentLabel, s.score AS sentimentScore
       FROM search_messages m
       JOIN conversations c ON c.id = m.conversation_id
       LEFT JOIN client_users u ON u.id = c.client_user_id
       LEFT JOIN annotations s ON s.conversation_id = m.conversation_id AND s.message_seq = m.seq AND s.kind = 'sentiment'
       WHERE m.chatbot_id = ?1 AND m.id IN (SELECT value FROM json_each(?2))`,
    )
    .bind(chatbotId, JSON.stringify(ids))
    .all<MessageRow>();
  return new Map(results.map((r) => [r.id, r]));
}

export interface SnippetPart {
  text: string;
  match: boolean;
}

/** A snippet from FTS5's markers as parts, so a client highlights without ever parsing HTML. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  for (const piece of snippet.split(/([\u0002\u0003])/)) {
    if (piece === OPEN) match = true;
    else if (piece === CLOSE) match = false;
    else if (piece) parts.push({ text: piece, match });
  }
  return parts;
}

/** The start of a message that matched by meaning only: no word to mark. */
export function leadingParts(content: string, max = 200): SnippetPart[] {
  const text = content.length > max ? `${content.slice(0, max).trimEnd()}…` : content;
  return [{ text, match: false }];
}
