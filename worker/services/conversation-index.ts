/**
 * Writes a conversation's index row — and the client organization and user it names — to D1 in one
 * batch (one round-trip, one transaction). Called by the conversation's Durable Object from its
 * alarm, never per message. Every upsert is guarded so an older snapshot never overwrites a newer one,
 * whatever order concurrent conversations flush in.
 */
import type { ConversationState } from "../../durable-objects/conversation-store";
import { newId } from "./ids";

export async function flushConversationIndex(db: D1Database, s: ConversationState, now = Date.now()): Promise<void> {
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
  statements.push(
    db
      .prepare(
        `INSERT INTO conversations (id, organization_id, chatbot_id, external_id, client_user_id, client_organization_id, status,
           session_id, page_url, referrer, device, country, city, continent, timezone, custom,
           created_at, first_message_at, last_message_at, ended_at, message_count, user_message_count, index_version)
         VALUES (?1, ?2, ?3, ?4,
           (SELECT id FROM client_users WHERE chatbot_id = ?3 AND external_id = ?5),
           (SELECT id FROM client_organizations WHERE chatbot_id = ?3 AND external_id = ?6),
           ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)
         ON CONFLICT (id) DO UPDATE SET
           client_user_id = excluded.client_user_id, client_organization_id = excluded.client_organization_id,
           status = excluded.status, session_id = excluded.session_id, page_url = excluded.page_url,
           referrer = excluded.referrer, device = excluded.device, country = excluded.country, city = excluded.city,
           continent = excluded.continent, timezone = excluded.timezone, custom = excluded.custom,
           first_message_at = excluded.first_message_at, last_message_at = excluded.last_message_at,
           ended_at = excluded.ended_at, message_count = excluded.message_count,
           user_message_count = excluded.user_message_count, index_version = excluded.index_version
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
      ),
  );

  await db.batch(statements);
}
