/**
 * Reading conversations: lists come from the D1 index (kept current by each conversation's Durable
 * Object within about a second); one conversation comes from its Durable Object, the source of truth.
 */
import { and, count, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { averageSentiment, mainLanguage, type ConversationState } from "../../durable-objects/conversation-store";
import type { AnalysedMessage } from "../../durable-objects/conversation";
import { countryCode, DEVICES } from "../../durable-objects/protocol";
import { languageCode } from "../analysis/language";
import { checkRangeOrder, rangeFields } from "../analytics/params";
import type { Db } from "../db/client";
import { withSettledIntents } from "./settled-intents";
import { clientOrganizations, clientUsers, conversations } from "../db/schema";
import { queryNumber } from "../schemas/common";

export const listQuery = z.object({
  page: queryNumber(z.coerce.number().int().min(1).default(1)),
  limit: queryNumber(z.coerce.number().int().min(1).max(100).default(20)),
  /** Created in [from, to): `from` inclusive, `to` exclusive, as every range of the API (ISO-8601 or epoch ms). */
  ...rangeFields,
  /** The client user's external id, as the SDK sent it. */
  user: z.string().min(1).max(128).optional(),
  country: countryCode.optional(),
  device: z.enum(DEVICES).optional(),
  status: z.enum(["open", "ended"]).optional(),
  externalId: z.string().min(1).max(128).optional(),
  /** The conversation's main language: an ISO 639-1 code, or `und`. */
  language: languageCode.optional(),
}).superRefine(checkRangeOrder);
export type ListQuery = z.infer<typeof listQuery>;

export interface Page<T> {
  data: T[];
  pagination: { page: number; limit: number; total: number; hasMore: boolean };
}

export async function listConversations(db: Db, chatbotId: string, q: ListQuery): Promise<Page<ReturnType<typeof rowView>>> {
  const where: SQL[] = [eq(conversations.chatbotId, chatbotId)];
  if (q.from !== undefined) where.push(gte(conversations.createdAt, q.from));
  if (q.to !== undefined) where.push(lt(conversations.createdAt, q.to));
  if (q.country) where.push(eq(conversations.country, q.country));
  if (q.device) where.push(eq(conversations.device, q.device));
  if (q.status) where.push(eq(conversations.status, q.status));
  if (q.externalId) where.push(eq(conversations.externalId, q.externalId));
  if (q.language) where.push(eq(conversations.language, q.language));
  if (q.user) where.push(eq(clientUsers.externalId, q.user));
  const filter = and(...where);

  const [rows, [totals]] = await Promise.all([
    db
      .select({ c: conversations, u: clientUsers, o: clientOrganizations })
      .from(conversations)
      .leftJoin(clientUsers, eq(clientUsers.id, conversations.clientUserId))
      .leftJoin(clientOrganizations, eq(clientOrganizations.id, conversations.clientOrganizationId))
      .where(filter)
      // The (chatbot_id, last_message_at) index serves this order; conversations without messages
      // (a socket opened, nothing said) sort last, as SQLite puts NULLs last in descending order.
      .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
      .limit(q.limit)
      .offset((q.page - 1) * q.limit),
    db
      .select({ total: count() })
      .from(conversations)
      .leftJoin(clientUsers, eq(clientUsers.id, conversations.clientUserId))
      .where(filter),
  ]);
  const total = totals?.total ?? 0;
  return {
    data: rows.map(rowView),
    pagination: { page: q.page, limit: q.limit, total, hasMore: q.page * q.limit < total },
  };
}

type ConversationRow = typeof conversations.$inferSelect;
type UserRow = typeof clientUsers.$inferSelect;
type OrgRow = typeof clientOrganizations.$inferSelect;

function rowView({ c, u, o }: { c: ConversationRow; u: UserRow | null; o: OrgRow | null }) {
  return {
    id: c.id,
    externalId: c.externalId,
    status: c.status,
    createdAt: c.createdAt,
    firstMessageAt: c.firstMessageAt,
    lastMessageAt: c.lastMessageAt,
    endedAt: c.endedAt,
    messageCount: c.messageCount,
    userMessageCount: c.userMessageCount,
    language: c.language,
    session: {
      id: c.sessionId,
      pageUrl: c.pageUrl,
      referrer: c.referrer,
      device: c.device,
      country: c.country,
      city: c.city,
      continent: c.continent,
      timezone: c.timezone,
    },
    custom: c.custom ?? {},
    user: u ? userView(u) : null,
    organization: o ? organizationView(o) : null,
    aggregates: { sentimentAvg: c.sentimentAvg, resolution: c.resolution, flags: c.flags ?? [], behaviours: c.behaviours ?? [] },
  };
}

const userView = (u: UserRow) => ({
  id: u.id,
  externalId: u.externalId,
  name: u.name,
  email: u.email,
  plan: u.plan,
  industry: u.industry,
  mrr: u.mrr,
  signedUpAt: u.signedUpAt,
});

const organizationView = (o: OrgRow) => ({
  id: o.id,
  externalId: o.externalId,
  name: o.name,
  plan: o.plan,
  industry: o.industry,
  mrr: o.mrr,
});

/** The API view of a conversation as its Durable Object knows it. */
export function conversationView(s: ConversationState) {
  return {
    id: s.conversationId,
    externalId: s.externalId,
    status: s.status,
    createdAt: s.createdAt,
    firstMessageAt: s.firstMessageAt,
    lastMessageAt: s.lastMessageAt,
    endedAt: s.endedAt,
    endReason: s.endReason,
    messageCount: s.messageCount,
    userMessageCount: s.userMessageCount,
    lastSeq: s.lastSeq,
    language: mainLanguage(s.aggregates),
    // Every field named, null where unknown, as the conversation list (read from D1) has them.
    session: { id: null, pageUrl: null, referrer: null, device: null, country: null, city: null, continent: null, timezone: null, ...s.session },
    custom: s.custom,
    aggregates: {
      sentimentAvg: averageSentiment(s.aggregates),
      resolution: s.aggregates.resolution?.resolution ?? null,
      resolutionReason: s.aggregates.resolution?.reason ?? null,
      flags: s.aggregates.flags,
      behaviours: s.aggregates.behaviours,
    },
  };
}

/** One conversation with its messages, plus the client user and organization rows D1 holds for it. */
export async function conversationDetail(db: Db, s: ConversationState, messages: AnalysedMessage[], limit: number) {
  const [user, organization, settled] = await Promise.all([
    s.user
      ? db.select().from(clientUsers).where(and(eq(clientUsers.chatbotId, s.chatbotId), eq(clientUsers.externalId, s.user.id))).get()
      : undefined,
    s.organization
      ? db
          .select()
          .from(clientOrganizations)
          .where(and(eq(clientOrganizations.chatbotId, s.chatbotId), eq(clientOrganizations.externalId, s.organization.id)))
          .get()
      : undefined,
    withSettledIntents(db, s.chatbotId, s.conversationId, messages),
  ]);
  const last = messages[messages.length - 1];
  return {
    ...conversationView(s),
    // D1 may be a moment behind the Durable Object; the context it last stated fills the gap.
    user: user ? userView(user) : s.user ? { id: null, externalId: s.user.id, ...omitId(s.user) } : null,
    organization: organization
      ? organizationView(organization)
      : s.organization
        ? { id: null, externalId: s.organization.id, ...omitId(s.organization) }
        : null,
    messages: settled,
    // A full page that ends at the conversation's last message is the last page.
    messagesPage: { limit, nextAfter: messages.length === limit && last && last.seq < s.lastSeq ? last.seq : null },
  };
}

function omitId<T extends { id: string }>(value: T): Omit<T, "id"> {
  const { id: _id, ...rest } = value;
  return rest;
}
