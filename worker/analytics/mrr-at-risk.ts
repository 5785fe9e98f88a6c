/**
 * MRR at risk: the one definition behind the overview's KPI, Insights, the reports' `mrr_at_risk` widget and
 * the breakdown endpoint (README "Analytics").
 *
 * Who is at risk in a period: every client organization — or client user, for a conversation without an
 * organization — one of whose conversations raised a `churn_risk` or `frustrated_user` flag in the period
 * (a flag annotation analysed in it: the conversation was open then, and is open now or ended since).
 * Each is counted once however many conversations or flags it had, with its MRR (the organization's; the
 * user's when the conversation has no organization — the same rule as a conversation's MRR in the
 * conversations table). Conversations with neither a user nor an organization have no MRR and no one to
 * name, so they are left out. The figure is the sum of those MRRs; the breakdown lists the same owners, so
 * its rows add up to the figure.
 *
 * The figure comes from the flag rollups per organization and per user without one (rollup-reads.ts
 * `raisedFlag`, `usersRaisingFlag`), so it costs the number of owners, not of flags. The breakdown, which
 * counts each owner's flagged conversations, and any figure narrowed by a report widget's filters read the
 * raw rows (the flag annotations through their (chatbot, kind, label, time, conversation) index, then their
 * conversations).
 */
import { and, eq, gte, inArray, isNotNull, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { annotations, clientOrganizations, clientUsers, conversations } from "../db/schema";
import { checkPeriod, pageFields, pagination, rangeFields, rangeView, resolveRange, round, type Period } from "./params";
import { raisedFlag, segmentFlagOwners, usersRaisingFlag } from "./rollup-reads";
import type { Scope } from "./scope";
import { queryNumber } from "../schemas/common";

export const AT_RISK_FLAGS = ["churn_risk", "frustrated_user"] as const;

export const mrrAtRiskQuery = z
  .object({ ...rangeFields, ...pageFields, limit: queryNumber(z.coerce.number().int().min(1).max(100).default(50)) })
  .superRefine(checkPeriod);
export type MrrAtRiskQuery = z.infer<typeof mrrAtRiskQuery>;

const a = annotations;
const c = conversations;

/**
 * One row per (owner, flagged conversation, flag): owner kind and id, from the conversation. `scope`
 * narrows to a subset of conversations (a report widget's filters).
 */
function flaggedConversations(db: Db, chatbotId: string, period: Period, scope: Scope) {
  return db
    .select({
      kind: sql<"organization" | "user">`CASE WHEN ${c.clientOrganizationId} IS NOT NULL THEN 'organization' ELSE 'user' END`.as("owner_kind"),
      ownerId: sql<string>`coalesce(${c.clientOrganizationId}, ${c.clientUserId})`.as("owner_id"),
      conversationId: sql<string>`${a.conversationId}`.as("flagged_conversation_id"),
      label: sql<string>`${a.label}`.as("flag"),
      at: sql<number>`${a.createdAt}`.as("flagged_at"),
    })
    .from(a)
    .innerJoin(c, and(eq(c.id, a.conversationId), eq(c.chatbotId, chatbotId)))
    .where(
      and(
        eq(a.chatbotId, chatbotId),
        eq(a.kind, "flag"),
        inArray(a.label, [...AT_RISK_FLAGS]),
        gte(a.createdAt, period.from),
        lt(a.createdAt, period.to),
        or(isNotNull(c.clientOrganizationId), isNotNull(c.clientUserId)),
        scope.conversations,
      ),
    )
    .as("flagged");
}

/** Each owner once: its flagged conversations per flag, its latest flag (and that conversation), its MRR. */
function owners(db: Db, chatbotId: string, period: Period, scope: Scope) {
  const f = flaggedConversations(db, chatbotId, period, scope);
  const perFlag = (flag: string, alias: string) => sql<number>`count(DISTINCT CASE WHEN ${f.label} = ${flag} THEN ${f.conversationId} END)`.mapWith(Number).as(alias);
  return db
    .select({
      kind: sql<"organization" | "user">`${f.kind}`.as("kind"),
      ownerId: sql<string>`${f.ownerId}`.as("owner_id"),
      conversations: sql<number>`count(DISTINCT ${f.conversationId})`.mapWith(Number).as("conversations"),
      churnRisk: perFlag("churn_risk", "churn_risk"),
      frustratedUser: perFlag("frustrated_user", "frustrated_user"),
      // SQLite gives the bare column of the row holding the one max(): the conversation flagged last.
      lastFlaggedAt: sql<number>`max(${f.at})`.mapWith(Number).as("last_flagged_at"),
      latestConversationId: sql<string>`${f.conversationId}`.as("latest_conversation_id"),
    })
    .from(f)
    .groupBy(sql`${f.kind}`, sql`${f.ownerId}`)
    .as("owners");
}

/** The figure's columns over one row per owner, given that row's kind and MRR. */
const ownerTotals = (kind: SQL, mrr: SQL) => ({
  mrr: sql<number>`coalesce(sum(coalesce(${mrr}, 0)), 0)`.mapWith(Number).as("mrr"),
  organizations: sql<number>`coalesce(sum(${kind} = 'organization'), 0)`.mapWith(Number).as("organizations"),
  users: sql<number>`coalesce(sum(${kind} = 'user'), 0)`.mapWith(Number).as("users"),
});

/**
 * `{ mrr, organizations, users }` for the period, as one query (for a D1 batch). Unscoped, the owners come
 * from the flag rollups (organizations probed one by one, users read by flag and hour); with a report
 * widget's one filter, from its segment's flags per owner and hour; with several, from the raw rows of the subset.
 */
export function mrrAtRiskTotal(db: Db, chatbotId: string, period: Period, scope: Scope = {}) {
  if (scope.segment) {
    const owners = sql`(SELECT f.kind AS kind, coalesce(o.mrr, u.mrr) AS mrr FROM ${segmentFlagOwners(chatbotId, AT_RISK_FLAGS, period, scope.segment)} AS f
      LEFT JOIN client_organizations o ON f.kind = 'organization' AND o.id = f.owner_id AND o.chatbot_id = ${chatbotId}
      LEFT JOIN client_users u ON f.kind = 'user' AND u.id = f.owner_id AND u.chatbot_id = ${chatbotId})`;
    return db.select(ownerTotals(sql`kind`, sql`mrr`)).from(owners);
  }
  if (!scope.conversations) {
    const owners = sql`(SELECT 'organization' AS kind, o.mrr AS mrr FROM client_organizations o
        WHERE o.chatbot_id = ${chatbotId} AND ${raisedFlag(chatbotId, AT_RISK_FLAGS, period)}
      UNION ALL SELECT 'user', u.mrr FROM client_users u
        WHERE u.chatbot_id = ${chatbotId} AND u.id IN (${usersRaisingFlag(chatbotId, AT_RISK_FLAGS, period)}))`;
    return db.select(ownerTotals(sql`kind`, sql`mrr`)).from(owners);
  }
  const o = owners(db, chatbotId, period, scope);
  return db
    .select(ownerTotals(sql`${o.kind}`, sql`coalesce(${clientOrganizations.mrr}, ${clientUsers.mrr})`))
    .from(o)
    .leftJoin(clientOrganizations, and(sql`${o.kind} = 'organization'`, eq(clientOrganizations.id, o.ownerId), eq(clientOrganizations.chatbotId, chatbotId)))
    .leftJoin(clientUsers, and(sql`${o.kind} = 'user'`, eq(clientUsers.id, o.ownerId), eq(clientUsers.chatbotId, chatbotId)));
}

/** The summed figure, rounded to cents as every MRR the API answers. */
export const totalOf = (rows: { mrr: number; organizations: number; users: number }[]) => {
  const r = rows[0] ?? { mrr: 0, organizations: 0, users: 0 };
  return { mrr: round(r.mrr, 2), organizations: r.organizations, users: r.users };
};

/** The breakdown: who (organization or user), how much (MRR), why (flags, conversations), most MRR first. */
export async function mrrAtRiskBreakdown(db: Db, chatbotId: string, q: MrrAtRiskQuery, now: number) {
  const range = resolveRange(q, now);
  const o = owners(db, chatbotId, range, {});
  const mrr = sql<number | null>`coalesce(${clientOrganizations.mrr}, ${clientUsers.mrr})`;
  const name = sql<string | null>`coalesce(${clientOrganizations.name}, ${clientUsers.name}, ${clientUsers.email})`;
  const externalId = sql<string>`coalesce(${clientOrganizations.externalId}, ${clientUsers.externalId})`;
  const [total, rows] = await db.batch([
    mrrAtRiskTotal(db, chatbotId, range),
    db
      .select({
        kind: o.kind,
        externalId: externalId.as("external_id"),
        name: name.as("name"),
        email: sql<string | null>`${clientUsers.email}`.as("email"),
        plan: sql<string | null>`coalesce(${clientOrganizations.plan}, ${clientUsers.plan})`.as("plan"),
        mrr: mrr.as("mrr"),
        conversations: o.conversations,
        churnRisk: o.churnRisk,
        frustratedUser: o.frustratedUser,
        lastFlaggedAt: o.lastFlaggedAt,
        latestConversationId: o.latestConversationId,
      })
      .from(o)
      .leftJoin(clientOrganizations, and(sql`${o.kind} = 'organization'`, eq(clientOrganizations.id, o.ownerId), eq(clientOrganizations.chatbotId, chatbotId)))
      .leftJoin(clientUsers, and(sql`${o.kind} = 'user'`, eq(clientUsers.id, o.ownerId), eq(clientUsers.chatbotId, chatbotId)))
      .orderBy(sql`coalesce(${mrr}, 0) DESC`, sql`${name} IS NULL`, name, externalId)
      .limit(q.limit)
      .offset((q.page - 1) * q.limit),
  ]);
  const t = totalOf(total);
  return {
    data: {
      range: rangeView(range),
      definition: DEFINITION,
      total: t,
      rows: rows.map((r) => ({
        kind: r.kind,
        externalId: r.externalId,
        name: r.name,
        email: r.email,
        plan: r.plan,
        mrr: r.mrr,
        conversations: r.conversations,
        flags: [
          { flag: "churn_risk" as const, conversations: r.churnRisk },
          { flag: "frustrated_user" as const, conversations: r.frustratedUser },
        ].filter((f) => f.conversations > 0),
        lastFlaggedAt: r.lastFlaggedAt,
        latestConversationId: r.latestConversationId,
      })),
    },
    pagination: pagination(q.page, q.limit, t.organizations + t.users),
  };
}

/** The sentence the dashboard's tooltip and the API's answer give. */
export const DEFINITION =
  "The MRR of every client organization — or user without one — with a conversation that raised churn_risk or frustrated_user in the range, each counted once.";
