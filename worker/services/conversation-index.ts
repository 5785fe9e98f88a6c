/**
 * Writes a conversation's index row — and the client organization and user it names — to D1 in one
 * batch (one round-trip, one transaction). Called by the conversation's Durable Object from its
 * alarm, never per message. Every upsert is guarded so an older snapshot never overwrites a newer one,
 * whatever order concurrent conversations flush in.
 */
import { averageSentiment, mainLanguage, type ConversationState, type StoredAnalysis } from "../../durable-objects/conversation-store";
import type { StoredMessage } from "../../durable-objects/protocol";
import { searchRows } from "../search/feed";
import { newId } from "./ids";

/**
 * Also writes the analyses given (their annotations replace whatever D1 held for those messages), the
 * conversation's resolution and the messages given to the full-text index (worker/search/feed.ts), in
 * the same batch.
 */
export async function flushConversationIndex(
  db: D1Database,
  s: ConversationState,
  analyses: readonly StoredAnalysis[] = [],
  now = Date.now(),
  messages: readonly StoredMessage[] = [],
): Promise<void> {
  const statements: D1PreparedStatement[] = [];
  const contextAt = s.contextAt ?? s.createdAt;

  if (s.organization) {
    const o = s.organization;
    statements.push(
      db
        .prepare(
          `INSERT INTO client_organizations (id, organization_id, chatbot_id, external_id, name, plan, industry, mrr, created_at, updated_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
           ON CONFLICT (chatbot_id, external_id) DO UPDATE SET
             name = coalesce(excluded.name, name), plan = coalesce(excluded.plan, plan),
             industry = coalesce(excluded.industry, industry), mrr = coalesce(excluded.mrr, mrr),
             updated_at = excluded.updated_at
           WHERE excluded.updated_at >= client_organizations.updated_at`,
        )
        .bind(newId("corg"), s.organizationId, s.chatbotId, o.id, o.name ?? null, o.plan ?? null, o.industry ?? null, o.mrr ?? null, now, contextAt),
    );
  }

  if (s.user) {
    const u = s.user;
    statements.push(
      db
        .prepare(
          `INSERT INTO client_users (id, organization_id, chatbot_id, external_id, client_organization_id, name, email, plan, industry, mrr, signed_up_at, created_at, updated_at)
           VALUES (?1, ?2, ?3, ?4, (SELECT id FROM client_organizations WHERE chatbot_id = ?3 AND external_id = ?5), ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
           ON CONFLICT (chatbot_id, external_id) DO UPDATE SET
             client_organization_id = coalesce(excluded.client_organization_id, client_organization_id),
             name = coalesce(excluded.name, name), email = coalesce(excluded.email, email),
             plan = coalesce(excluded.plan, plan), industry = coalesce(excluded.industry, industry),
             mrr = coalesce(excluded.mrr, mrr), signed_up_at = coalesce(excluded.signed_up_at, signed_up_at),
             updated_at = excluded.updated_at
           WHERE excluded.updated_at >= client_users.updated_at`,
        )
        .bind(
          newId("cusr"),
          s.organizationId,
          s.chatbotId,
          u.id,
          s.organization?.id ?? null,
          u.name ?? null,
          u.email ?? null,
          u.plan ?? null,
          u.industry ?? null,
          u.mrr ?? null,
          u.createdAt ?? null,
          now,
          contextAt,
        ),
    );
  }

  const session = s.session;
  const agg = s.aggregates;
  statements.push(
    db
      .prepare(
        `INSERT INTO conversations (id, organization_id, chatbot_id, external_id, client_user_id, client_organization_id, status,
           session_id, page_url, referrer, device, country, city, continent, timezone, custom,
           created_at, first_message_at, last_message_at, ended_at, message_count, user_message_count, index_version,
           sentiment_avg, resolution, flags, behaviours, language)
         VALUES (?1, ?2, ?3, ?4,
           (SELECT id FROM client_users WHERE chatbot_id = ?3 AND external_id = ?5),
           (SELECT id FROM client_organizations WHERE chatbot_id = ?3 AND external_id = ?6),
           ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)
         ON CONFLICT (id) DO UPDATE SET
           client_user_id = excluded.client_user_id, client_organization_id = excluded.client_organization_id,
           status = excluded.status, session_id = excluded.session_id, page_url = excluded.page_url,
           referrer = excluded.referrer, device = excluded.device, country = excluded.country, city = excluded.city,
           continent = excluded.continent, timezone = excluded.timezone, custom = excluded.custom,
           first_message_at = excluded.first_message_at, last_message_at = excluded.last_message_at,
           ended_at = excluded.ended_at, message_count = excluded.message_count,
           user_message_count = excluded.user_message_count, index_version = excluded.index_version,
           sentiment_avg = excluded.sentiment_avg, resolution = excluded.resolution, flags = excluded.flags,
           behaviours = excluded.behaviours, language = excluded.language
         WHERE excluded.index_version > conversations.index_version`,
      )
      .bind(
        s.conversationId,
        s.organizationId,
        s.chatbotId,
        s.externalId,
        s.user?.id ?? null,
        s.organization?.id ?? null,
        s.status,
        session.id ?? null,
        session.pageUrl ?? null,
        session.referrer ?? null,
        session.device ?? null,
        session.country ?? null,
        session.city ?? null,
        session.continent ?? null,
        session.timezone ?? null,
        Object.keys(s.custom).length ? JSON.stringify(s.custom) : null,
        s.createdAt,
        s.firstMessageAt,
        s.lastMessageAt,
        s.endedAt,
        s.messageCount,
        s.userMessageCount,
        s.version,
        averageSentiment(agg),
        agg.resolution?.resolution ?? null,
        JSON.stringify(agg.flags),
        JSON.stringify(agg.behaviours),
        mainLanguage(agg),
      ),
  );

  for (const analysis of analyses) {
    statements.push(
      db.prepare("DELETE FROM annotations WHERE conversation_id = ? AND message_seq = ?").bind(s.conversationId, analysis.seq),
      ...annotationRows(analysis).map((row, i) => insertAnnotation(db, s, `${analysis.seq}_${i}`, row, analysis)),
    );
  }
  statements.push(db.prepare("DELETE FROM annotations WHERE conversation_id = ? AND kind = 'resolution'").bind(s.conversationId));
  if (agg.resolution) {
    const r = agg.resolution;
    statements.push(
      insertAnnotation(db, s, "resolution", { kind: "resolution", label: r.resolution, reason: r.reason }, { seq: null, messageId: null, analyzer: r.analyzer, analyzerVersion: r.analyzerVersion }),
    );
  }

  statements.push(...searchRows(db, s, messages));

  await db.batch(statements);
}

interface AnnotationRow {
  kind: "sentiment" | "flag" | "intent" | "topic" | "behaviour" | "resolution";
  label: string;
  score?: number;
  confidence?: number;
  severity?: string;
  reason?: string;
  chunk?: string;
  status?: "accepted" | "pending";
}

/** One row per finding: the sentiment, each flag, the intent, each topic, each behaviour. */
export function annotationRows({ analysis: a }: Pick<StoredAnalysis, "analysis">): AnnotationRow[] {
  const rows: AnnotationRow[] = [];
  if (a.sentiment) rows.push({ kind: "sentiment", label: a.sentiment.label, score: a.sentiment.score, reason: a.sentiment.reason, chunk: a.sentiment.chunk });
  for (const f of a.flags) rows.push({ kind: "flag", label: f.slug, confidence: f.confidence, severity: f.severity, reason: f.reason, chunk: f.chunk });
  if (a.intent) {
    // A pending intent's chunk is its message: the example a suggestion shows.
    rows.push({ kind: "intent", label: a.intent.slug, confidence: a.intent.confidence, reason: a.intent.reason, chunk: a.intent.chunk, status: a.intent.pending ? "pending" : "accepted" });
  }
  for (const t of a.topics) rows.push({ kind: "topic", label: t.slug, confidence: t.confidence, reason: t.reason });
  for (const b of a.behaviours) rows.push({ kind: "behaviour", label: b.slug, confidence: b.confidence, severity: b.severity, reason: b.reason, chunk: b.chunk });
  return rows;
}

function insertAnnotation(
  db: D1Database,
  s: ConversationState,
  suffix: string,
  row: AnnotationRow,
  source: { seq: number | null; messageId: string | null; analyzer: string; analyzerVersion: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT OR REPLACE INTO annotations (id, organization_id, chatbot_id, conversation_id, message_seq, message_id, kind, label,
         score, confidence, severity, reason, chunk, status, analyzer, analyzer_version, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)`,
    )
    .bind(
      // Deterministic ids: a retried flush rewrites the same rows instead of adding new ones.
      `ann_${s.conversationId}_${suffix}`,
      s.organizationId,
      s.chatbotId,
      s.conversationId,
      source.seq,
      source.messageId,
      row.kind,
      row.label,
      row.score ?? null,
      row.confidence ?? null,
      row.severity ?? null,
      row.reason ?? null,
      row.chunk ?? null,
      row.status ?? "accepted",
      source.analyzer,
      source.analyzerVersion,
      Date.now(),
    );
}
