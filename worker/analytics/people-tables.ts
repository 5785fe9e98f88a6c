/**
 * The dashboard's users and organizations tables (SPEC §7): each client user or organization with its
 * plan, industry and MRR as the SDK last stated them, and from its conversations (all time) how many
 * there are, their average sentiment (the mean of the conversations' averages) and the last activity —
 * read from the per-owner rollups rather than grouping every conversation.
 */
import { and, asc, count, desc, eq, gt, gte, lte, or, sql, type AnyColumn, type SQL, type SQLWrapper } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { clientOrganizations, clientUsers, rollupClientOrganizations, rollupClientUsers } from "../db/schema";
import { aliased, likePattern, orderField, pageFields, pagination, roundOrNull, shortFilter } from "./params";
import { queryNumber } from "../schemas/common";

export const PEOPLE_SORTS = ["lastActivity", "conversations", "sentiment", "mrr", "name", "createdAt"] as const;

const mrrBound = queryNumber(z.coerce.number().nonnegative());

/** The users and organizations tables' filters and sort, without the page: the export takes the same. */
const peopleFields = {
  q: shortFilter.optional(),
  plan: shortFilter.optional(),
  industry: shortFilter.optional(),
  mrrMin: mrrBound.optional(),
  mrrMax: mrrBound.optional(),
  sort: z.enum(PEOPLE_SORTS).default("lastActivity"),
  order: orderField,
};

export function checkMrr(q: { mrrMin?: number; mrrMax?: number }, ctx: z.RefinementCtx): void {
  if (q.mrrMin !== undefined && q.mrrMax !== undefined && q.mrrMin > q.mrrMax) {
    ctx.addIssue({ code: "custom", path: ["mrrMin"], message: "must not be above `mrrMax`" });
  }
}

export const usersFilterFields = {
  ...peopleFields,
  /** Users of this client organization (its external id). */
  organization: shortFilter.optional(),
};
export const organizationsFilterFields = peopleFields;

export const usersTableQuery = z.object({ ...pageFields, ...usersFilterFields }).superRefine(checkMrr);
export type UsersTableQuery = z.infer<typeof usersTableQuery>;

export const organizationsTableQuery = z.object({ ...pageFields, ...organizationsFilterFields }).superRefine(checkMrr);
export type OrganizationsTableQuery = z.infer<typeof organizationsTableQuery>;

const u = clientUsers;
const o = clientOrganizations;

/**
 * Per-user or per-organization figures of the chatbot's conversations, all time, from their rollups
 * (rollup_client_users / rollup_client_organizations, kept by triggers as conversations are written): the
 * same count, mean of averages and last activity a GROUP BY over every conversation would give.
 */
function activity(db: Db, chatbotId: string, owner: "user" | "organization") {
  const t = owner === "user" ? rollupClientUsers : rollupClientOrganizations;
  const key = owner === "user" ? rollupClientUsers.clientUserId : rollupClientOrganizations.clientOrganizationId;
  return db
    .select({
      ownerId: sql<string>`${key}`.as("owner_id"),
      conversations: sql<number>`${t.conversations}`.as("conversations"),
      sentiment: sql<number | null>`CASE WHEN ${t.scored} > 0 THEN ${t.sentimentSum} / ${t.scored} END`.as("sentiment"),
      lastActivity: sql<number | null>`${t.lastActivity}`.as("last_activity"),
    })
    .from(t)
    // A row emptied by its conversations moving away counts as no row.
    .where(and(eq(t.chatbotId, chatbotId), gt(t.conversations, 0)))
    .as("activity");
}

type Stats = ReturnType<typeof activity>;

function order(q: { sort: (typeof PEOPLE_SORTS)[number]; order: "asc" | "desc" }, stats: Stats, columns: { name: AnyColumn; mrr: AnyColumn; createdAt: AnyColumn; id: AnyColumn }): SQL[] {
  const direction = q.order === "asc" ? asc : desc;
  // Rows without the figure (no conversation, no MRR, no name) go last whichever the order.
  const nullsLast = (expr: SQLWrapper) => [sql`${expr} IS NULL`, direction(expr)];
  const by: Record<(typeof PEOPLE_SORTS)[number], SQL[]> = {
    lastActivity: nullsLast(stats.lastActivity),
    conversations: [direction(sql`coalesce(${stats.conversations}, 0)`)],
    sentiment: nullsLast(stats.sentiment),
    mrr: nullsLast(columns.mrr),
    name: nullsLast(sql`${columns.name} COLLATE NOCASE`),
    createdAt: [direction(columns.createdAt)],
  };
  return [...by[q.sort], direction(columns.id)];
}

function commonFilters(q: { plan?: string; industry?: string; mrrMin?: number; mrrMax?: number }, t: { plan: AnyColumn; industry: AnyColumn; mrr: AnyColumn }): SQL[] {
  const where: SQL[] = [];
  if (q.plan) where.push(sql`${t.plan} = ${q.plan} COLLATE NOCASE`);
  if (q.industry) where.push(sql`${t.industry} = ${q.industry} COLLATE NOCASE`);
  if (q.mrrMin !== undefined) where.push(gte(t.mrr, q.mrrMin));
  if (q.mrrMax !== undefined) where.push(lte(t.mrr, q.mrrMax));
  return where;
}

const like = (column: unknown, pattern: string) => sql`${column} LIKE ${pattern} ESCAPE '\\'`;

const figures = (s: { conversations: number | null; sentiment: number | null; lastActivity: number | null }) => ({
  conversations: s.conversations ?? 0,
  averageSentiment: roundOrNull(s.sentiment),
  lastActivityAt: s.lastActivity,
});

type PeopleWindow<Q> = Omit<Q, "page" | "limit">;

function usersFilter(q: PeopleWindow<UsersTableQuery>, chatbotId: string): SQL | undefined {
  const where: SQL[] = [eq(u.chatbotId, chatbotId), ...commonFilters(q, u)];
  if (q.q) {
    const p = likePattern(q.q);
    where.push(or(like(u.externalId, p), like(u.name, p), like(u.email, p), like(o.name, p))!);
  }
  if (q.organization) where.push(eq(o.externalId, q.organization));
  return and(...where);
}

/** The users table's row query (filters, sort, one window of rows); the export pages through it too. */
export function userRowsQuery(db: Db, chatbotId: string, q: PeopleWindow<UsersTableQuery>, limit: number, offset: number) {
  const stats = activity(db, chatbotId, "user");
  return db
    .select({
      user: u,
      organizationExternalId: aliased(o.externalId, "organization_external_id"),
      organizationName: aliased(o.name, "organization_name"),
      conversations: stats.conversations,
      sentiment: stats.sentiment,
      lastActivity: stats.lastActivity,
    })
    .from(u)
    .leftJoin(o, eq(o.id, u.clientOrganizationId))
    .leftJoin(stats, eq(stats.ownerId, u.id))
    .where(usersFilter(q, chatbotId))
    .orderBy(...order(q, stats, u))
    .limit(limit)
    .offset(offset);
}

export const userCountQuery = (db: Db, chatbotId: string, q: PeopleWindow<UsersTableQuery>) =>
  db.select({ total: count() }).from(u).leftJoin(o, eq(o.id, u.clientOrganizationId)).where(usersFilter(q, chatbotId));

export const userRowView = (r: Awaited<ReturnType<typeof userRowsQuery>>[number]) => ({
  id: r.user.id,
  externalId: r.user.externalId,
  name: r.user.name,
  email: r.user.email,
  organization: r.organizationExternalId === null ? null : { externalId: r.organizationExternalId, name: r.organizationName },
  plan: r.user.plan,
  industry: r.user.industry,
  mrr: r.user.mrr,
  signedUpAt: r.user.signedUpAt,
  firstSeenAt: r.user.createdAt,
  ...figures(r),
});
export type UserRow = ReturnType<typeof userRowView>;

export async function usersTable(db: Db, chatbotId: string, q: UsersTableQuery) {
  const [rows, totals] = await db.batch([userRowsQuery(db, chatbotId, q, q.limit, (q.page - 1) * q.limit), userCountQuery(db, chatbotId, q)]);
  return { data: rows.map(userRowView), pagination: pagination(q.page, q.limit, totals[0]?.total ?? 0) };
}

function organizationsFilter(q: PeopleWindow<OrganizationsTableQuery>, chatbotId: string): SQL | undefined {
  const where: SQL[] = [eq(o.chatbotId, chatbotId), ...commonFilters(q, o)];
  if (q.q) {
    const p = likePattern(q.q);
    where.push(or(like(o.externalId, p), like(o.name, p))!);
  }
  return and(...where);
}

/** The organizations table's row query; the export pages through it too. */
export function organizationRowsQuery(db: Db, chatbotId: string, q: PeopleWindow<OrganizationsTableQuery>, limit: number, offset: number) {
  const stats = activity(db, chatbotId, "organization");
  return db
    .select({
      organization: o,
      // A correlated count: one probe of the client_users_org index per organization.
      users: sql<number>`(SELECT count(*) FROM ${u} WHERE ${u.clientOrganizationId} = ${o.id})`.mapWith(Number),
      conversations: stats.conversations,
      sentiment: stats.sentiment,
      lastActivity: stats.lastActivity,
    })
    .from(o)
    .leftJoin(stats, eq(stats.ownerId, o.id))
    .where(organizationsFilter(q, chatbotId))
    .orderBy(...order(q, stats, o))
    .limit(limit)
    .offset(offset);
}

export const organizationCountQuery = (db: Db, chatbotId: string, q: PeopleWindow<OrganizationsTableQuery>) =>
  db.select({ total: count() }).from(o).where(organizationsFilter(q, chatbotId));

export const organizationRowView = (r: Awaited<ReturnType<typeof organizationRowsQuery>>[number]) => ({
  id: r.organization.id,
  externalId: r.organization.externalId,
  name: r.organization.name,
  plan: r.organization.plan,
  industry: r.organization.industry,
  mrr: r.organization.mrr,
  firstSeenAt: r.organization.createdAt,
  users: r.users,
  ...figures(r),
});
export type OrganizationRow = ReturnType<typeof organizationRowView>;

export async function organizationsTable(db: Db, chatbotId: string, q: OrganizationsTableQuery) {
  const [rows, totals] = await db.batch([
    organizationRowsQuery(db, chatbotId, q, q.limit, (q.page - 1) * q.limit),
    organizationCountQuery(db, chatbotId, q),
  ]);
  return { data: rows.map(organizationRowView), pagination: pagination(q.page, q.limit, totals[0]?.total ?? 0) };
}
