/**
 * The dashboard's conversations table (SPEC §7): search, filters, sort and pages over the D1 index.
 *
 * A conversation's plan, industry and MRR are its client organization's, or its user's when it has no
 * organization (B2B chatbots speak of the account; B2C ones only know the user); filters and sort use
 * the same values the rows show.
 */
import { and, asc, count, desc, eq, gte, inArray, isNull, lt, lte, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { z } from "zod";
import { countryCode, DEVICES } from "../../durable-objects/protocol";
import { SENTIMENT_LABELS, SENTIMENT_THRESHOLDS, sentimentLabel, type SentimentLabel } from "../analysis/labels";
import { languageCode } from "../analysis/language";
import type { Db } from "../db/client";
import { clientOrganizations, clientUsers, conversationLabels, conversations, conversationTriage, labels, TRIAGE_STATUSES } from "../db/schema";
import { HOUR_MS } from "./rollups";
import { aliased, checkRangeOrder, likePattern, orderField, pageFields, pagination, rangeFields, roundOrNull, shortFilter, slugList } from "./params";
import { queryNumber } from "../schemas/common";

export const CONVERSATION_SORTS = ["createdAt", "lastMessageAt", "messageCount", "sentiment", "mrr"] as const;

const sentimentBound = queryNumber(z.coerce.number().min(-1).max(1));
const mrrBound = queryNumber(z.coerce.number().nonnegative());

/** The table's filters and sort, without the page: the export (worker/export/) takes the same. */
export const conversationsFilterFields = {
  /** Creation time; no default here: the table lists every conversation unless asked. */
  ...rangeFields,
  /** Searches the conversation's external id, the user's external id, email and name, the organization's name. */
  q: shortFilter.optional(),
  plan: shortFilter.optional(),
  industry: shortFilter.optional(),
  device: z.enum(DEVICES).optional(),
  country: countryCode.optional(),
  status: z.enum(["open", "ended"]).optional(),
  /** The conversation's main language: an ISO 639-1 code, or `und` (none of its user messages could be told). */
  language: languageCode.optional(),
  /** The sentiment label of the conversation's average sentiment (SPEC §5 bands). */
  label: z.enum(SENTIMENT_LABELS).optional(),
  sentimentMin: sentimentBound.optional(),
  sentimentMax: sentimentBound.optional(),
  mrrMin: mrrBound.optional(),
  mrrMax: mrrBound.optional(),
  /** Conversations that raised every one of these flags (each one the chatbot has: services/filter-references.ts). */
  flags: slugList.optional(),
  /** The client user's external id. */
  user: shortFilter.optional(),
  /** The client organization's external id. */
  organization: shortFilter.optional(),
  /** The triage status (README, Acting on conversations); `open` includes conversations nobody has triaged. */
  triageStatus: z.enum(TRIAGE_STATUSES).optional(),
  /** A member id of the organization, `me` (the member calling; keys cannot) or `unassigned`: checked by services/filter-references.ts. */
  assignee: shortFilter.optional(),
  /** Conversations carrying this label of the chatbot (`lbl_…`): checked by services/filter-references.ts. */
  labelId: shortFilter.optional(),
  sort: z.enum(CONVERSATION_SORTS).default("lastMessageAt"),
  order: orderField,
};

export const conversationsTableQuery = z.object({ ...pageFields, ...conversationsFilterFields }).superRefine(checkRangeOrder).superRefine(checkBounds);
export type ConversationsTableQuery = z.infer<typeof conversationsTableQuery>;

/** Min above max is a mistake worth naming rather than an empty table. */
export function checkBounds(q: { sentimentMin?: number; sentimentMax?: number; mrrMin?: number; mrrMax?: number }, ctx: z.RefinementCtx): void {
  if (q.sentimentMin !== undefined && q.sentimentMax !== undefined && q.sentimentMin > q.sentimentMax) {
    ctx.addIssue({ code: "custom", path: ["sentimentMin"], message: "must not be above `sentimentMax`" });
  }
  if (q.mrrMin !== undefined && q.mrrMax !== undefined && q.mrrMin > q.mrrMax) {
    ctx.addIssue({ code: "custom", path: ["mrrMin"], message: "must not be above `mrrMax`" });
  }
}

const u = clientUsers;
const o = clientOrganizations;
const c = conversations;
const t = conversationTriage;
const cl = conversationLabels;
/** The conversation row's SQLite rowid (the table has a text primary key, so rowid is its own column). */
const rowid = sql<number>`${c}.rowid`;

export const effectivePlan = sql<string | null>`coalesce(${o.plan}, ${u.plan})`;
export const effectiveIndustry = sql<string | null>`coalesce(${o.industry}, ${u.industry})`;
export const effectiveMrr = sql<number | null>`coalesce(${o.mrr}, ${u.mrr})`;

/** Conversations whose average sentiment has `label`, with the same inclusive edges as sentimentLabel(). */
export function sentimentLabelIs(label: SentimentLabel): SQL {
  const t = SENTIMENT_THRESHOLDS;
  const avg = c.sentimentAvg;
  switch (label) {
    case "very_negative":
      return sql`${avg} <= ${t.veryNegativeMax}`;
    case "negative":
      return sql`(${avg} > ${t.veryNegativeMax} AND ${avg} <= ${t.negativeMax})`;
    case "neutral":
      return sql`(${avg} > ${t.negativeMax} AND ${avg} < ${t.positiveMin})`;
    case "positive":
      return sql`(${avg} >= ${t.positiveMin} AND ${avg} < ${t.veryPositiveMin})`;
    case "very_positive":
      return sql`${avg} >= ${t.veryPositiveMin}`;
  }
}

/**
 * Filters on a client user's or organization's fields become id lists from those (much smaller) tables,
 * so filtering and counting conversations never joins every row; only the page's rows are joined.
 * Reports (worker/reports/data.ts) scope their widgets with the same conditions.
 */
export function conversationFilters(db: Db, chatbotId: string, q: Partial<ConversationsTableQuery>): SQL[] {
  const where: SQL[] = [eq(c.chatbotId, chatbotId)];
  if (q.from !== undefined) where.push(gte(c.createdAt, q.from));
  if (q.to !== undefined) where.push(lt(c.createdAt, q.to));
  if (q.device) where.push(eq(c.device, q.device));
  if (q.country) where.push(eq(c.country, q.country));
  if (q.status) where.push(eq(c.status, q.status));
  if (q.language) where.push(eq(c.language, q.language));
  if (q.label) where.push(sentimentLabelIs(q.label));
  if (q.sentimentMin !== undefined) where.push(gte(c.sentimentAvg, q.sentimentMin));
  if (q.sentimentMax !== undefined) where.push(lte(c.sentimentAvg, q.sentimentMax));
  for (const flag of q.flags ?? []) where.push(sql`EXISTS (SELECT 1 FROM json_each(${c.flags}) WHERE json_each.value = ${flag})`);

  const usersWhere = (condition: SQL | undefined) => inArray(c.clientUserId, db.select({ id: u.id }).from(u).where(and(eq(u.chatbotId, chatbotId), condition)));
  const orgsWhere = (condition: SQL | undefined) =>
    inArray(c.clientOrganizationId, db.select({ id: o.id }).from(o).where(and(eq(o.chatbotId, chatbotId), condition)));
  /** coalesce(organization's value, user's value) satisfies `test`, without the join. */
  const effective = (orgColumn: AnyColumn, userColumn: AnyColumn, test: (column: AnyColumn) => SQL) =>
    or(orgsWhere(test(orgColumn)), and(or(isNull(c.clientOrganizationId), orgsWhere(isNull(orgColumn))), usersWhere(test(userColumn))))!;

  if (q.q) {
    const p = likePattern(q.q);
    const like = (column: AnyColumn) => sql`${column} LIKE ${p} ESCAPE '\\'`;
    where.push(or(like(c.externalId), usersWhere(or(like(u.externalId), like(u.email), like(u.name))), orgsWhere(like(o.name)))!);
  }
  if (q.plan) where.push(effective(o.plan, u.plan, (column) => sql`${column} = ${q.plan} COLLATE NOCASE`));
  if (q.industry) where.push(effective(o.industry, u.industry, (column) => sql`${column} = ${q.industry} COLLATE NOCASE`));
  if (q.mrrMin !== undefined) where.push(effective(o.mrr, u.mrr, (column) => gte(column, q.mrrMin)));
  if (q.mrrMax !== undefined) where.push(effective(o.mrr, u.mrr, (column) => lte(column, q.mrrMax)));
  if (q.user) where.push(usersWhere(eq(u.externalId, q.user)));
  if (q.organization) where.push(orgsWhere(eq(o.externalId, q.organization)));
  // Triage lives in its own tables; each filter is an id list of this chatbot's rows there (their indexes).
  const triaged = (condition: SQL) => sql`${c.id} IN (SELECT ${t.conversationId} FROM ${t} WHERE ${t.chatbotId} = ${chatbotId} AND ${condition})`;
  if (q.triageStatus === "open") where.push(sql`NOT ${triaged(sql`${t.status} <> 'open'`)}`);
  else if (q.triageStatus) where.push(triaged(eq(t.status, q.triageStatus)));
  if (q.assignee === UNASSIGNED) where.push(sql`NOT ${triaged(sql`${t.assigneeId} IS NOT NULL`)}`);
  else if (q.assignee) where.push(triaged(eq(t.assigneeId, q.assignee)));
  if (q.labelId) {
    where.push(sql`${c.id} IN (SELECT ${cl.conversationId} FROM ${cl} WHERE ${cl.labelId} = ${q.labelId} AND ${cl.chatbotId} = ${chatbotId})`);
  }
  return where;
}

export const UNASSIGNED = "unassigned";
/** The member calling; the routes read it as their id (services/filter-references.ts) before the filters are built. */
export const ASSIGNED_TO_ME = "me";

/**
 * Most recently active first, over a range of creation times that reaches the present (within the hour): the
 * page is the first rows of the (chatbot_id, last_message_at) index read backwards, where the creation-time
 * index — the one the planner picks, having no statistics — would sort every conversation of the range first
 * (at 1,000,000 conversations, 7 days: 1 ms against ~250 ms). A range that ended earlier keeps that index, as
 * reading backwards would pass every conversation active since.
 */
const recentFirst = (q: Partial<ConversationsTableQuery>) =>
  q.sort === "lastMessageAt" && q.order === "desc" && (q.from !== undefined || q.to !== undefined) && (q.to === undefined || q.to >= Date.now() - HOUR_MS);

/** The same filters with the creation-time range written so that no index serves it (a unary `+`). */
function recentFirstFilters(db: Db, chatbotId: string, q: Partial<ConversationsTableQuery>): SQL[] {
  return [
    ...conversationFilters(db, chatbotId, { ...q, from: undefined, to: undefined }),
    ...(q.from !== undefined ? [sql`+${c.createdAt} >= ${q.from}`] : []),
    ...(q.to !== undefined ? [sql`+${c.createdAt} < ${q.to}`] : []),
  ];
}

/** The sorts that no index serves (sentiment and MRR sort NULLs last by expression; message count has no index). */
const SORTS_VISITING_EVERY_ROW = new Set<(typeof CONVERSATION_SORTS)[number]>(["sentiment", "messageCount", "mrr"]);

/**
 * The table's row query (filters, sort, one window of rows) and its row view; the export pages through it too.
 * The window's ids are found first, from the filters and sort keys alone, and only its rows are joined to their
 * owners, triage and labels: joined before the cut, every row the sort saw paid for them (at 1,000,000
 * conversations, all of them sorted by sentiment: 1.0 s of SQL, 0.4 s this way).
 */
export function conversationRowsQuery(db: Db, chatbotId: string, q: Omit<ConversationsTableQuery, "page" | "limit">, limit: number, offset: number) {
  const filter = and(...(recentFirst(q) ? recentFirstFilters(db, chatbotId, q) : conversationFilters(db, chatbotId, q)));
  const direction = q.order === "asc" ? asc : desc;
  const sortBy: Record<(typeof CONVERSATION_SORTS)[number], SQL[]> = {
    createdAt: [direction(c.createdAt)],
    // Newest first reads the (chatbot_id, last_message_at) index backwards, where a conversation without
    // a message (NULL) already sorts last; oldest first has to say so.
    lastMessageAt: q.order === "desc" ? [desc(c.lastMessageAt)] : [sql`${c.lastMessageAt} IS NULL`, asc(c.lastMessageAt)],
    messageCount: [direction(c.messageCount)],
    // Conversations without a sentiment or an MRR go last whichever the order, as above.
    sentiment: [sql`${c.sentimentAvg} IS NULL`, direction(c.sentimentAvg)],
    mrr: [sql`${effectiveMrr} IS NULL`, direction(effectiveMrr)],
  };
  // Ties go in rowid order, which every index holds: the window is then picked from an index alone wherever
  // one has the filters' and sort's columns (the id would be a table read for every matching row).
  const order = [...sortBy[q.sort], direction(rowid)];

  // A sort no index holds visits every matching row anyway, so the window counts them as it goes (the table's
  // total without a second pass); an index-served sort stops at the window, and counting would read every row.
  const total = SORTS_VISITING_EVERY_ROW.has(q.sort) ? sql<number>`count(*) OVER ()` : sql<number | null>`NULL`;
  // Only the MRR sort needs the owners to pick the window.
  const candidates = db.select({ rowid: rowid.as("conversation_rowid"), total: total.as("matching_total") }).from(c);
  const window = (q.sort === "mrr" ? candidates.leftJoin(u, eq(u.id, c.clientUserId)).leftJoin(o, eq(o.id, c.clientOrganizationId)) : candidates)
    .where(filter)
    .orderBy(...order)
    .limit(limit)
    .offset(offset)
    .as("window");

  return db
    .select({
      id: c.id,
      externalId: c.externalId,
      status: c.status,
      createdAt: c.createdAt,
      lastMessageAt: c.lastMessageAt,
      messageCount: c.messageCount,
      sentimentAvg: c.sentimentAvg,
      flags: c.flags,
      device: c.device,
      country: c.country,
      language: c.language,
      userExternalId: aliased(u.externalId, "user_external_id"),
      userName: aliased(u.name, "user_name"),
      userEmail: aliased(u.email, "user_email"),
      organizationExternalId: aliased(o.externalId, "organization_external_id"),
      organizationName: aliased(o.name, "organization_name"),
      plan: sql<string | null>`${effectivePlan}`.as("effective_plan"),
      industry: sql<string | null>`${effectiveIndustry}`.as("effective_industry"),
      mrr: sql<number | null>`${effectiveMrr}`.as("effective_mrr"),
      lastUserMessage: c.lastUserMessage,
      lastUserMessageAt: c.lastUserMessageAt,
      triageStatus: aliased(t.status, "triage_status"),
      assigneeId: aliased(t.assigneeId, "triage_assignee_id"),
      total: window.total,
      labels: sql<string>`(SELECT json_group_array(json_object('id', l.id, 'name', l.name, 'color', l.color))
        FROM ${cl} AS x JOIN ${labels} AS l ON l.id = x.label_id WHERE x.conversation_id = ${c.id})`.as("label_list"),
    })
    .from(window)
    .innerJoin(c, sql`${rowid} = ${window.rowid}`)
    .leftJoin(u, eq(u.id, c.clientUserId))
    .leftJoin(o, eq(o.id, c.clientOrganizationId))
    .leftJoin(t, eq(t.conversationId, c.id))
    .orderBy(...order);
}

/** How many conversations the table's filters match. */
export const conversationCountQuery = (db: Db, chatbotId: string, q: Omit<ConversationsTableQuery, "page" | "limit">) =>
  db.select({ total: count() }).from(c).where(and(...conversationFilters(db, chatbotId, q)));

type ConversationRowRecord = Awaited<ReturnType<typeof conversationRowsQuery>>[number];

export const conversationRowView = (r: ConversationRowRecord) => ({
  id: r.id,
  externalId: r.externalId,
  status: r.status,
  user: r.userExternalId === null ? null : { externalId: r.userExternalId, name: r.userName, email: r.userEmail },
  organization: r.organizationExternalId === null ? null : { externalId: r.organizationExternalId, name: r.organizationName },
  plan: r.plan,
  industry: r.industry,
  mrr: r.mrr,
  device: r.device,
  country: r.country,
  language: r.language,
  messageCount: r.messageCount,
  sentiment: r.sentimentAvg === null ? null : { average: roundOrNull(r.sentimentAvg), label: sentimentLabel(r.sentimentAvg) },
  flags: r.flags ?? [],
  lastMessageAt: r.lastMessageAt,
  createdAt: r.createdAt,
  lastUserMessage: r.lastUserMessage === null ? null : { text: r.lastUserMessage, at: r.lastUserMessageAt },
  triage: { status: r.triageStatus ?? "open", assigneeId: r.assigneeId },
  labels: JSON.parse(r.labels) as { id: string; name: string; color: string }[],
});
export type ConversationRow = ReturnType<typeof conversationRowView>;

export async function conversationsTable(db: Db, chatbotId: string, q: ConversationsTableQuery) {
  const offset = (q.page - 1) * q.limit;
  if (SORTS_VISITING_EVERY_ROW.has(q.sort)) {
    const rows = await conversationRowsQuery(db, chatbotId, q, q.limit, offset);
    // An empty page past the first says nothing of the total: only then is it counted on its own.
    const total = rows[0]?.total ?? (offset === 0 ? 0 : await countConversations(db, chatbotId, q));
    return { data: rows.map(conversationRowView), pagination: pagination(q.page, q.limit, total) };
  }
  const [rows, totals] = await db.batch([conversationRowsQuery(db, chatbotId, q, q.limit, offset), conversationCountQuery(db, chatbotId, q)]);
  return { data: rows.map(conversationRowView), pagination: pagination(q.page, q.limit, totals[0]?.total ?? 0) };
}

const countConversations = async (db: Db, chatbotId: string, q: ConversationsTableQuery) => (await conversationCountQuery(db, chatbotId, q))[0]?.total ?? 0;
