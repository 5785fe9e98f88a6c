/**
 * Writes index snapshots (worker/index-queue/snapshot.ts) of many conversations to D1 in ONE batch — one
 * round-trip, one transaction — with multi-row upserts: each table's rows go as one JSON parameter read
 * with json_each, so a statement's size does not grow with its bound parameters (D1 allows 100 a query)
 * and the number of statements does not grow with the conversations. Called by the index queue's
 * consumer, never per message.
 *
 * Every write is guarded so an older snapshot never overwrites a newer one, whatever order snapshots
 * arrive in (a Queue redelivers out of order): within a batch, a conversation's snapshots are merged
 * first (its highest version, each message's latest analysis); in D1, the conversation row by version,
 * the client user and organization by when their context was stated, a message's annotations by when
 * they were analysed, the resolution by the conversation's version. Search rows are written once.
 */
import type { AnnotationRow, IndexSnapshot, SnapshotAnalysis, SnapshotMessage } from "../index-queue/snapshot";
import { newId } from "./ids";

/** A JSON parameter stays well under D1's 2 MB per value; larger sets go as several statements. */
const JSON_PARAM_BYTES = 512 * 1024;

/** What one write touched: the rollups and the embeddings follow from it. */
export interface IndexWrite {
  /** The merged snapshots written, one per conversation. */
  conversations: IndexSnapshot[];
  /** Messages newly given to the search index, with their conversation. */
  messages: { snapshot: IndexSnapshot; message: SnapshotMessage }[];
}

/**
 * Merges `snapshots` per conversation and writes them all in one D1 batch. Throws when D1 does; the
 * caller (the queue) retries the whole batch, which is safe: every statement is idempotent.
 */
export async function writeIndexBatch(db: D1Database, snapshots: readonly IndexSnapshot[], now = Date.now()): Promise<IndexWrite> {
  const merged = mergeSnapshots(snapshots);
  if (!merged.length) return { conversations: [], messages: [] };
  const statements: D1PreparedStatement[] = [];
  const each = (sql: string, rows: unknown[]) => {
    for (const chunk of jsonChunks(rows)) statements.push(db.prepare(sql).bind(chunk));
  };

  // Client organizations and users: per (chatbot, external id) the most recently stated context.
  const orgs = latestBy(
    merged.filter((s) => s.organization),
    (s) => `${s.chatbotId}\n${s.organization!.id}`,
  ).map((s) => ({ newId: newId("corg"), org: s.organizationId, bot: s.chatbotId, ...s.organization!, at: s.contextAt, firstAt: s.firstStatedAt }));
  each(
    `INSERT INTO client_organizations (id, organization_id, chatbot_id, external_id, name, plan, industry, mrr, created_at, updated_at)
     SELECT j.value ->> 'newId', j.value ->> 'org', j.value ->> 'bot', j.value ->> 'id', j.value ->> 'name', j.value ->> 'plan',
       j.value ->> 'industry', j.value ->> 'mrr', j.value ->> 'firstAt', j.value ->> 'at'
     FROM json_each(?1) AS j WHERE true
     ON CONFLICT (chatbot_id, external_id) DO UPDATE SET
       name = coalesce(excluded.name, name), plan = coalesce(excluded.plan, plan),
       industry = coalesce(excluded.industry, industry), mrr = coalesce(excluded.mrr, mrr),
       updated_at = excluded.updated_at
     WHERE excluded.updated_at >= client_organizations.updated_at`,
    orgs,
  );

  const users = latestBy(
    merged.filter((s) => s.user),
    (s) => `${s.chatbotId}\n${s.user!.id}`,
  ).map((s) => ({ newId: newId("cusr"), org: s.organizationId, bot: s.chatbotId, orgExternal: s.organization?.id ?? null, ...s.user!, at: s.contextAt, firstAt: s.firstStatedAt }));
  each(
    `INSERT INTO client_users (id, organization_id, chatbot_id, external_id, client_organization_id, name, email, plan, industry, mrr, signed_up_at, created_at, updated_at)
     SELECT j.value ->> 'newId', j.value ->> 'org', j.value ->> 'bot', j.value ->> 'id',
       (SELECT id FROM client_organizations WHERE chatbot_id = j.value ->> 'bot' AND external_id = j.value ->> 'orgExternal'),
       j.value ->> 'name', j.value ->> 'email', j.value ->> 'plan', j.value ->> 'industry', j.value ->> 'mrr',
       j.value ->> 'signedUpAt', j.value ->> 'firstAt', j.value ->> 'at'
     FROM json_each(?1) AS j WHERE true
     ON CONFLICT (chatbot_id, external_id) DO UPDATE SET
       client_organization_id = coalesce(excluded.client_organization_id, client_organization_id),
       name = coalesce(excluded.name, name), email = coalesce(excluded.email, email),
       plan = coalesce(excluded.plan, plan), industry = coalesce(excluded.industry, industry),
       mrr = coalesce(excluded.mrr, mrr), signed_up_at = coalesce(excluded.signed_up_at, signed_up_at),
       updated_at = excluded.updated_at
     WHERE excluded.updated_at >= client_users.updated_at`,
    users,
  );

  each(
    `INSERT INTO conversations (id, organization_id, chatbot_id, external_id, client_user_id, client_organization_id, status,
       session_id, page_url, referrer, device, country, city, continent, timezone, custom,
       created_at, first_message_at, last_message_at, ended_at, message_count, user_message_count, index_version,
       sentiment_avg, resolution, flags, behaviours, language,
       last_user_message, last_user_message_at, awaiting_reply_since, sentiment_current, sentiment_trend)
     SELECT j.value ->> 'conversationId', j.value ->> 'organizationId', j.value ->> 'chatbotId', j.value ->> 'externalId',
       (SELECT id FROM client_users WHERE chatbot_id = j.value ->> 'chatbotId' AND external_id = j.value ->> 'userExternal'),
       (SELECT id FROM client_organizations WHERE chatbot_id = j.value ->> 'chatbotId' AND external_id = j.value ->> 'orgExternal'),
       j.value ->> 'status', j.value ->> 'sessionId', j.value ->> 'pageUrl', j.value ->> 'referrer', j.value ->> 'device',
       j.value ->> 'country', j.value ->> 'city', j.value ->> 'continent', j.value ->> 'timezone', j.value ->> 'custom',
       j.value ->> 'createdAt', j.value ->> 'firstMessageAt', j.value ->> 'lastMessageAt', j.value ->> 'endedAt',
       j.value ->> 'messageCount', j.value ->> 'userMessageCount', j.value ->> 'version',
       j.value ->> 'sentimentAvg', j.value ->> 'resolution', j.value -> 'flags', j.value -> 'behaviours', j.value ->> 'language',
       j.value ->> 'lastUserMessage', j.value ->> 'lastUserMessageAt', j.value ->> 'awaitingReplySince',
       j.value ->> 'sentimentCurrent', j.value ->> 'sentimentTrend'
     FROM json_each(?1) AS j WHERE true
     ON CONFLICT (id) DO UPDATE SET
       client_user_id = excluded.client_user_id, client_organization_id = excluded.client_organization_id,
       status = excluded.status, session_id = excluded.session_id, page_url = excluded.page_url,
       referrer = excluded.referrer, device = excluded.device, country = excluded.country, city = excluded.city,
       continent = excluded.continent, timezone = excluded.timezone, custom = excluded.custom,
       first_message_at = excluded.first_message_at, last_message_at = excluded.last_message_at,
       ended_at = excluded.ended_at, message_count = excluded.message_count,
       user_message_count = excluded.user_message_count, index_version = excluded.index_version,
       sentiment_avg = excluded.sentiment_avg, resolution = excluded.resolution, flags = excluded.flags,
       behaviours = excluded.behaviours, language = excluded.language,
       last_user_message = excluded.last_user_message, last_user_message_at = excluded.last_user_message_at,
       awaiting_reply_since = excluded.awaiting_reply_since, sentiment_current = excluded.sentiment_current,
       sentiment_trend = excluded.sentiment_trend
     WHERE excluded.index_version > conversations.index_version`,
    merged.map((s) => ({
      conversationId: s.conversationId,
      organizationId: s.organizationId,
      chatbotId: s.chatbotId,
      externalId: s.externalId,
      userExternal: s.user?.id ?? null,
      orgExternal: s.organization?.id ?? null,
      version: s.version,
      ...s.row,
    })),
  );

  // A message's annotations are replaced by a newer analysis only: the rows of an older one (a
  // redelivered snapshot) are neither deleted nor written over the newer ones. The same analysis again (a
  // redelivery, a reindex) rewrites its rows in place and keeps what the team decided since: a suggested
  // intent accepted under a name of theirs, or rejected, stays so. Upserts, not INSERT OR REPLACE, so the
  // rollup triggers see every change (worker/analytics/rollups.ts).
  const analysed = merged.flatMap((s) => s.analyses.map((a) => ({ c: s.conversationId, s: a.seq, t: a.analysedAt })));
  each(
    `DELETE FROM annotations WHERE id IN (
       SELECT a.id FROM json_each(?1) AS j
       JOIN annotations AS a ON a.conversation_id = j.value ->> 'c' AND a.message_seq = j.value ->> 's'
       WHERE a.created_at < j.value ->> 't')`,
    analysed,
  );
  const sameAnalysis = "annotations.created_at = excluded.created_at";
  each(
    `INSERT INTO annotations (id, organization_id, chatbot_id, conversation_id, message_seq, message_id, kind, label,
       score, confidence, severity, reason, chunk, status, analyzer, analyzer_version, created_at)
     SELECT j.value ->> 'id', j.value ->> 'org', j.value ->> 'bot', j.value ->> 'c', j.value ->> 's', j.value ->> 'messageId',
       j.value ->> 'kind', j.value ->> 'label', j.value ->> 'score', j.value ->> 'confidence', j.value ->> 'severity',
       j.value ->> 'reason', j.value ->> 'chunk', j.value ->> 'status', j.value ->> 'analyzer', j.value ->> 'analyzerVersion', j.value ->> 't'
     FROM json_each(?1) AS j
     WHERE NOT EXISTS (SELECT 1 FROM annotations AS a WHERE a.conversation_id = j.value ->> 'c' AND a.message_seq = j.value ->> 's' AND a.created_at > j.value ->> 't')
     ON CONFLICT (id) DO UPDATE SET
       message_id = excluded.message_id, kind = excluded.kind, score = excluded.score, confidence = excluded.confidence,
       severity = excluded.severity, reason = excluded.reason, chunk = excluded.chunk, analyzer = excluded.analyzer,
       analyzer_version = excluded.analyzer_version, created_at = excluded.created_at,
       label = CASE WHEN ${sameAnalysis} AND annotations.kind = 'intent' THEN annotations.label ELSE excluded.label END,
       status = CASE WHEN ${sameAnalysis} AND annotations.kind = 'intent' THEN annotations.status ELSE excluded.status END`,
    merged.flatMap((s) => s.analyses.flatMap((a) => a.rows.map((row, i) => annotationJson(s, a, row, i)))),
  );

  // The resolution follows the conversation row: written only by the snapshot whose version D1 now holds.
  const newest = `SELECT j.value ->> 'c' FROM json_each(?1) AS j JOIN conversations AS c ON c.id = j.value ->> 'c' WHERE c.index_version = j.value ->> 'v'`;
  each(`DELETE FROM annotations WHERE kind = 'resolution' AND conversation_id IN (${newest})`, merged.map((s) => ({ c: s.conversationId, v: s.version })));
  each(
    `INSERT OR REPLACE INTO annotations (id, organization_id, chatbot_id, conversation_id, message_seq, message_id, kind, label,
       reason, status, analyzer, analyzer_version, created_at)
     SELECT 'ann_' || (j.value ->> 'c') || '_resolution', j.value ->> 'org', j.value ->> 'bot', j.value ->> 'c', NULL, NULL,
       'resolution', j.value ->> 'label', j.value ->> 'reason', 'accepted', j.value ->> 'analyzer', j.value ->> 'analyzerVersion', j.value ->> 't'
     FROM json_each(?1) AS j JOIN conversations AS c ON c.id = j.value ->> 'c' WHERE c.index_version = j.value ->> 'v'`,
    merged
      .filter((s) => s.resolution)
      .map((s) => ({ c: s.conversationId, v: s.version, org: s.organizationId, bot: s.chatbotId, ...s.resolution!, t: s.row.endedAt ?? now })),
  );

  // Full-text search (worker/search/feed.ts): message content never changes, so a message indexed once is left alone.
  const messages = merged.flatMap((snapshot) => snapshot.messages.map((message) => ({ snapshot, message })));
  each(
    `INSERT INTO search_messages (organization_id, chatbot_id, conversation_id, seq, message_id, role, content, at)
     SELECT j.value ->> 'org', j.value ->> 'bot', j.value ->> 'c', j.value ->> 'seq', j.value ->> 'id', j.value ->> 'role', j.value ->> 'content', j.value ->> 'at'
     FROM json_each(?1) AS j WHERE true
     ON CONFLICT (conversation_id, seq) DO NOTHING`,
    messages.map(({ snapshot: s, message: m }) => ({ org: s.organizationId, bot: s.chatbotId, c: s.conversationId, ...m })),
  );

  await db.batch(statements);
  return { conversations: merged, messages };
}

/**
 * One snapshot per conversation: the highest version's row, user, organization and resolution; every
 * snapshot's analyses (per message the latest) and messages (each once).
 */
export function mergeSnapshots(snapshots: readonly IndexSnapshot[]): IndexSnapshot[] {
  const byConversation = new Map<string, IndexSnapshot[]>();
  for (const s of snapshots) byConversation.set(s.conversationId, [...(byConversation.get(s.conversationId) ?? []), s]);
  return [...byConversation.values()].map((group) => {
    const newest = group.reduce((a, b) => (b.version > a.version ? b : a));
    const analyses = new Map<number, SnapshotAnalysis>();
    const messages = new Map<number, SnapshotMessage>();
    for (const s of group) {
      for (const a of s.analyses) {
        const known = analyses.get(a.seq);
        if (!known || a.analysedAt > known.analysedAt) analyses.set(a.seq, a);
      }
      for (const m of s.messages) messages.set(m.seq, m);
    }
    const bySeq = <T extends { seq: number }>(m: Map<number, T>) => [...m.values()].sort((a, b) => a.seq - b.seq);
    return { ...newest, analyses: bySeq(analyses), messages: bySeq(messages) };
  });
}

/**
 * Per key, the snapshot that stated the context last (its values win), with when the batch first saw the key:
 * a new client user's or organization's `created_at` (first seen) is when it was first stated, not when the
 * batch was written, which can be after its last activity.
 */
function latestBy(snapshots: readonly IndexSnapshot[], key: (s: IndexSnapshot) => string): (IndexSnapshot & { firstStatedAt: number })[] {
  const out = new Map<string, IndexSnapshot & { firstStatedAt: number }>();
  for (const s of snapshots) {
    const k = key(s);
    const known = out.get(k);
    const firstStatedAt = Math.min(known?.firstStatedAt ?? s.contextAt, s.contextAt);
    out.set(k, !known || s.contextAt >= known.contextAt ? { ...s, firstStatedAt } : { ...known, firstStatedAt });
  }
  return [...out.values()];
}

function annotationJson(s: IndexSnapshot, a: SnapshotAnalysis, row: AnnotationRow, i: number) {
  return {
    // Deterministic ids: a redelivered snapshot rewrites the same rows instead of adding new ones.
    id: `ann_${s.conversationId}_${a.seq}_${i}`,
    org: s.organizationId,
    bot: s.chatbotId,
    c: s.conversationId,
    s: a.seq,
    messageId: a.messageId,
    analyzer: a.analyzer,
    analyzerVersion: a.analyzerVersion,
    t: a.analysedAt,
    ...row,
  };
}

/** `rows` as JSON arrays of at most JSON_PARAM_BYTES each (none for no rows). */
function jsonChunks(rows: readonly unknown[]): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const row of rows) {
    const text = JSON.stringify(row);
    if (current.length && size + text.length + 1 > JSON_PARAM_BYTES) {
      chunks.push(`[${current.join(",")}]`);
      current = [];
      size = 2;
    }
    current.push(text);
    size += text.length + 1;
  }
  if (current.length) chunks.push(`[${current.join(",")}]`);
  return chunks;
}
