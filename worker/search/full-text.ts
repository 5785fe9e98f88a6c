/**
 * The SQL of search: full-text matches ranked by bm25, and the filters every hit must pass — the same
 * filters whether a hit came from FTS5 or from Vectorize. Every query is scoped to one chatbot, inside the
 * FTS5 index itself (migration 0011: a `scope` column holding the chatbot's and the role's tokens).
 *
 * Ordering rule (README "Search"): a chatbot's matches, newest first, are cut into windows of
 * RANK_WINDOW; each window is ordered by bm25 (ties: newer first), and pages run through the first
 * window, then the second. So a search ranks a bounded set — bm25 over every match of a common word
 * took seconds over a million messages — and a page is the same page on every request.
 */
import type { D1Queryable } from "../db/read-session";
import type { SearchQuery } from "./query";
import { firstChars } from "../text-cut";

/** Matches ranked together: the newest this many of the chatbot's (a page reaches at most 2,500 deep). */
export const RANK_WINDOW = 2_000;
/**
 * Filters FTS5 cannot apply (time, sentiment, flags, language, plan) are checked on the newest this many
 * matches of the words, so a filter that passes almost nothing never walks every match of a common word.
 */
export const FILTER_REACH = 20_000;

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

/** The FTS5 token naming one chatbot in the `scope` column: `c` and the id's UTF-8 bytes in hex (one token whatever the id holds). */
export function chatbotToken(chatbotId: string): string {
  return `c${[...new TextEncoder().encode(chatbotId)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** `match` (an FTS5 expression from query.ts, every term quoted) in the chatbot's messages, of one role if asked. */
export function scopedMatch(chatbotId: string, role: Filters["role"], match: string): string {
  return `scope : "${chatbotToken(chatbotId)}"${role ? ` AND scope : "r${role}"` : ""} AND content : (${match})`;
}

/**
 * Ids of the chatbot's matches in the ordering rule's order (see the top of this file), `limit` from
 * `offset`. One statement per window the page touches (one, or two at a window's edge), in one batch.
 */
export async function fullTextHits(db: D1Queryable, chatbotId: string, match: string, f: Filters, limit: number, offset: number): Promise<number[]> {
  const scoped = scopedMatch(chatbotId, f.role, match);
  const words = `content : (${match})`;
  const filters = filterSql({ ...f, role: undefined }, 6);
  const statements: D1PreparedStatement[] = [];
  for (let w = Math.floor(offset / RANK_WINDOW); w * RANK_WINDOW < offset + limit; w++) {
    const from = Math.max(0, offset - w * RANK_WINDOW);
    const to = Math.min(RANK_WINDOW, offset + limit - w * RANK_WINDOW);
    statements.push(db.prepare(windowSql(filters.sql)).bind(scoped, words, w * RANK_WINDOW, to - from, from, ...filters.params));
  }
  const results = await db.batch<{ id: number }>(statements);
  return results.flatMap((r) => r.results.map((row) => row.id));
}

/**
 * One window, ranked: ?1 the scoped expression, ?2 the words alone, ?3 the window's start among the
 * matches (newest first), ?4/?5 how many of its ranked ids from where; filters outside FTS5 from ?6.
 *
 * `recent` walks the index newest first (FTS5 keeps rowid order) and stops after RANK_WINDOW ids. With
 * filters outside FTS5 it walks at most FILTER_REACH matches (a subquery SQLite materializes in that order
 * and scans in that order, so the LIMIT keeps the newest that pass; an ORDER BY there would join and sort
 * all FILTER_REACH rows every time) and checks each against search_messages. bm25 runs in a second pass
 * over the words alone, bounded to the window's rowid range: bm25 counts the rows holding each phrase of
 * its expression across the index, and without the scope tokens there is nothing as large as "every
 * message of this chatbot" to count. `+rowid IN` keeps SQLite from driving that pass by the id list (one
 * FTS5 restart, and one count, per id).
 */
function windowSql(filters: string): string {
  const recent = filters
    ? `recent AS (SELECT r.id AS id FROM
         (SELECT rowid AS id FROM search_messages_fts WHERE search_messages_fts MATCH ?1 ORDER BY rowid DESC LIMIT ${FILTER_REACH}) r
         JOIN search_messages m ON m.id = r.id
         WHERE 1${filters}
         LIMIT ${RANK_WINDOW} OFFSET ?3)`
    : `recent AS (SELECT rowid AS id FROM search_messages_fts WHERE search_messages_fts MATCH ?1 ORDER BY rowid DESC LIMIT ${RANK_WINDOW} OFFSET ?3)`;
  return `WITH ${recent}
    SELECT search_messages_fts.rowid AS id FROM search_messages_fts
    WHERE search_messages_fts MATCH ?2
      AND search_messages_fts.rowid >= (SELECT min(id) FROM recent) AND search_messages_fts.rowid <= (SELECT max(id) FROM recent)
      AND +search_messages_fts.rowid IN (SELECT id FROM recent)
    ORDER BY bm25(search_messages_fts), search_messages_fts.rowid DESC
    LIMIT ?4 OFFSET ?5`;
}

/** The ids of the chatbot's messages among `keys` (conversation id, seq) that pass the filters. */
export async function idsOfMessages(db: D1Queryable, chatbotId: string, keys: readonly { conversationId: string; seq: number }[], f: Filters): Promise<Map<string, number>> {
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

/** FTS5's marked snippets of the messages `ids` (already the chatbot's): rows of { id, snippet }. */
function snippetsStatement(db: D1Queryable, match: string, ids: readonly number[]): D1PreparedStatement {
  // `rowid IN` drives this one: FTS5 seeks each id (snippets count nothing across the index).
  return db
    .prepare(
      `SELECT rowid AS id, snippet(search_messages_fts, 0, ?2, ?3, '…', ${SNIPPET_TOKENS}) AS snippet FROM search_messages_fts
       WHERE search_messages_fts MATCH ?1 AND rowid IN (SELECT value FROM json_each(?4))`,
    )
    .bind(`content : (${match})`, OPEN, CLOSE, JSON.stringify(ids));
}

/** The messages of a page by id, with their conversation, client user and sentiment (the chatbot's only). */
function messageRowsStatement(db: D1Queryable, chatbotId: string, ids: readonly number[]): D1PreparedStatement {
  return db
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
    .bind(chatbotId, JSON.stringify(ids));
}

/**
 * What a page shows of its hits, in one round trip: each message's row by id, and FTS5's marked snippet
 * for those of `snippetIds` (the hits the words matched).
 */
export async function pageOf(db: D1Queryable, chatbotId: string, match: string, ids: readonly number[], snippetIds: readonly number[] = ids): Promise<{ rows: Map<number, MessageRow>; snippets: Map<number, string> }> {
  if (!ids.length) return { rows: new Map(), snippets: new Map() };
  const statements = [messageRowsStatement(db, chatbotId, ids), ...(snippetIds.length ? [snippetsStatement(db, match, snippetIds)] : [])];
  const [rows, marked] = await db.batch<Record<string, unknown>>(statements);
  return {
    rows: new Map((rows!.results as unknown as MessageRow[]).map((r) => [r.id, r])),
    snippets: new Map(((marked?.results ?? []) as unknown as { id: number; snippet: string }[]).map((r) => [r.id, r.snippet])),
  };
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
  const text = content.length > max ? `${firstChars(content, max).trimEnd()}…` : content;
  return [{ text, match: false }];
}
