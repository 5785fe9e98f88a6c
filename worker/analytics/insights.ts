/**
 * User insights (SPEC §7) over a date range: most dissatisfied users, top frustrations, revenue signals,
 * top intents, MRR at risk (mrr-at-risk.ts, the overview's figure), sentiment by segment.
 *
 * Conversation-level figures (dissatisfied users, segments) use conversations created in the range and
 * their average sentiment; message-level ones (flags, intents) use annotations analysed in the range, and
 * their conversations are those where the flag or intent first appeared in the range (label-counts.ts).
 * Plan and industry of a segment are the organization's, or the user's without one, as in the
 * conversations table.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, lte, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { annotations, clientOrganizations, clientUsers, conversations } from "../db/schema";
import { effectiveIndustry, effectivePlan } from "./conversations-table";
import { labelCounts, type LabelCount } from "./label-counts";
import { mrrAtRiskTotal, totalOf } from "./mrr-at-risk";
import { raisedFlag } from "./rollup-reads";
import type { Scope } from "./scope";
import { aliased, checkRangeOrder, rangeFields, rangeView, resolveRange, round, roundOrNull, type Period } from "./params";

export const insightsQuery = z.object(rangeFields).superRefine(checkRangeOrder);
export type InsightsQuery = z.infer<typeof insightsQuery>;

export const FRUSTRATION_FLAGS = ["frustrated_user", "confused_user"] as const;
export const REVENUE_FLAGS = ["churn_risk", "buying_signal"] as const;

const TOP_USERS = 10;
const TOP_TEXTS = 5;
const TOP_INTENTS = 10;
const TOP_SEGMENT_VALUES = 20;

const a = annotations;
const c = conversations;
const u = clientUsers;
const o = clientOrganizations;

const flagsIn = (chatbotId: string, period: Period, flags: readonly string[]) =>
  and(eq(a.chatbotId, chatbotId), eq(a.kind, "flag"), inArray(a.label, [...flags]), gte(a.createdAt, period.from), lt(a.createdAt, period.to));

/**
 * The most common texts (chunk or reason) per flag, compared without case or surrounding spaces
 * (shown in one of the forms written); the top few per flag through a window over the grouped counts.
 */
function topTexts(db: Db, chatbotId: string, period: Period, column: typeof a.chunk | typeof a.reason) {
  const key = sql`lower(trim(${column}))`;
  const ranked = db
    .select({
      label: aliased(a.label, "label"),
      text: sql<string>`min(trim(${column}))`.as("text"),
      count: sql<number>`count(*)`.as("n"),
      rank: sql<number>`row_number() OVER (PARTITION BY ${a.label} ORDER BY count(*) DESC, ${key})`.as("rank"),
    })
    .from(a)
    .where(and(flagsIn(chatbotId, period, FRUSTRATION_FLAGS), sql`trim(coalesce(${column}, '')) != ''`))
    .groupBy(a.label, key)
    .as("ranked");
  return db
    .select({ label: ranked.label, text: ranked.text, count: sql<number>`${ranked.count}`.mapWith(Number) })
    .from(ranked)
    .where(lte(ranked.rank, TOP_TEXTS))
    .orderBy(asc(ranked.label), asc(ranked.rank));
}

/** Each organization once per flag, however many of its conversations raised it, with its MRR (from the organization-flag rollups). */
function revenueMrr(db: Db, chatbotId: string, period: Period) {
  const perFlag = REVENUE_FLAGS.map(
    (flag) => sql`SELECT ${flag} AS flag, count(*) AS organizations, coalesce(sum(o.mrr), 0) AS mrr FROM client_organizations o
                  WHERE o.chatbot_id = ${chatbotId} AND ${raisedFlag(chatbotId, [flag], period)}`,
  );
  return db
    .select({ flag: sql<string>`flag`, organizations: sql<number>`organizations`.mapWith(Number), mrr: sql<number>`mrr`.mapWith(Number) })
    .from(sql`(${sql.join(perFlag, sql` UNION ALL `)})`);
}

/** The range's scored conversations: what the dissatisfied users and every segment group. */
const scoredIn = (chatbotId: string, period: Period) =>
  and(eq(c.chatbotId, chatbotId), gte(c.createdAt, period.from), lt(c.createdAt, period.to), isNotNull(c.sentimentAvg));

/**
 * Sentiment of the range's scored conversations by device or by country, from the (chatbot, created_at, …)
 * index alone (it carries both).
 */
function segment(db: Db, chatbotId: string, period: Period, value: typeof c.device | typeof c.country) {
  return db
    .select({ value, averageSentiment: sql<number>`avg(${c.sentimentAvg})`, conversations: sql<number>`count(*)`.mapWith(Number) })
    .from(c)
    .where(scoredIn(chatbotId, period))
    .groupBy(value)
    // Largest segments first; the unknown (null) one last among equals.
    .orderBy(desc(sql`count(*)`), asc(sql`${value} IS NULL`), asc(value))
    .limit(TOP_SEGMENT_VALUES);
}

/**
 * The same by plan and by industry (the organization's, or the user's without one), in one statement: the
 * range's conversations grouped by owner pair first — at 1,000,000 conversations a week's ~77,000 become
 * ~20,000 owners, each looked up once instead of once per conversation — and that set MATERIALIZED so both
 * groupings read it (without the hint SQLite inlines a CTE into each arm of the UNION ALL).
 */
function ownerSegments(db: Db, chatbotId: string, period: Period) {
  // Grouped without regard to case, as the plan and industry filters match (`Pro` and `pro` are one segment,
  // shown in the form that sorts first).
  const top = (segment: "plan" | "industry") => {
    const column = sql.raw(segment);
    return sql`SELECT * FROM (SELECT ${segment} AS segment, min(${column}) AS value, sum(s) / sum(n) AS average, sum(n) AS conversations FROM attributed
      GROUP BY ${column} COLLATE NOCASE ORDER BY sum(n) DESC, value IS NULL, value LIMIT ${TOP_SEGMENT_VALUES})`;
  };
  return db
    .select({
      segment: sql<"plan" | "industry">`segment`,
      value: sql<string | null>`value`,
      averageSentiment: sql<number>`average`,
      conversations: sql<number>`conversations`.mapWith(Number),
    })
    .from(
      sql`(WITH owners AS MATERIALIZED (
             SELECT client_user_id AS uid, client_organization_id AS oid, count(*) AS n, sum(sentiment_avg) AS s FROM ${c}
             WHERE ${scoredIn(chatbotId, period)} GROUP BY 1, 2),
           attributed AS MATERIALIZED (
             SELECT ${effectivePlan} AS plan, ${effectiveIndustry} AS industry, owners.n, owners.s FROM owners
             LEFT JOIN ${u} ON ${u.id} = owners.uid LEFT JOIN ${o} ON ${o.id} = owners.oid)
           ${top("plan")} UNION ALL ${top("industry")})`,
    );
}

/**
 * The users whose scored conversations of the range average lowest: grouped per user from the index first,
 * the ten lowest picked with the user's id for ties, and only those ten joined to their organization.
 */
function mostDissatisfiedUsers(db: Db, chatbotId: string, period: Period) {
  const byUser = db
    .select({ userId: aliased(c.clientUserId, "user_id"), average: sql<number>`avg(${c.sentimentAvg})`.as("user_average"), scored: sql<number>`count(*)`.as("user_scored") })
    .from(c)
    .where(and(scoredIn(chatbotId, period), isNotNull(c.clientUserId)))
    .groupBy(c.clientUserId)
    .as("by_user");
  const lowest = db
    .select({
      externalId: u.externalId,
      name: u.name,
      email: u.email,
      plan: u.plan,
      mrr: u.mrr,
      organizationId: aliased(u.clientOrganizationId, "user_organization_id"),
      average: byUser.average,
      scored: byUser.scored,
    })
    .from(byUser)
    .innerJoin(u, eq(u.id, byUser.userId))
    .orderBy(asc(byUser.average), asc(u.externalId))
    .limit(TOP_USERS)
    .as("lowest");
  return db
    .select({
      externalId: lowest.externalId,
      name: lowest.name,
      email: lowest.email,
      plan: lowest.plan,
      mrr: lowest.mrr,
      organizationExternalId: aliased(o.externalId, "organization_external_id"),
      organizationName: aliased(o.name, "organization_name"),
      averageSentiment: sql<number>`${lowest.average}`.mapWith(Number),
      scoredConversations: sql<number>`${lowest.scored}`.mapWith(Number),
    })
    .from(lowest)
    .leftJoin(o, eq(o.id, lowest.organizationId))
    .orderBy(asc(lowest.average), asc(lowest.externalId));
}

/**
 * Accepted intents of user messages analysed in the period, most frequent first (pending suggestions are not
 * counted); `intentRow` gives each its answer's shape.
 */
export function topIntents(db: Db, chatbotId: string, period: Period, scope: Scope = {}, limit = TOP_INTENTS) {
  return labelCounts(db, chatbotId, "intent", period, { scope, limit });
}

export const intentRow = (r: LabelCount) => ({ intent: r.label, count: r.annotations, conversations: r.conversations });

export async function insights(db: Db, chatbotId: string, q: InsightsQuery, now: number) {
  const range = resolveRange(q, now);

  const [dissatisfied, flagCounts, chunks, reasons, revenueOrgs, intents, atRisk, ownerSegmentRows, devices, countries] = await db.batch([
    mostDissatisfiedUsers(db, chatbotId, range),
    labelCounts(db, chatbotId, "flag", range),
    topTexts(db, chatbotId, range, a.chunk),
    topTexts(db, chatbotId, range, a.reason),
    revenueMrr(db, chatbotId, range),
    topIntents(db, chatbotId, range),
    mrrAtRiskTotal(db, chatbotId, range),
    ownerSegments(db, chatbotId, range),
    segment(db, chatbotId, range, c.device),
    segment(db, chatbotId, range, c.country),
  ]);

  const counted = (flag: string) => {
    const row = flagCounts.find((f) => f.label === flag);
    return { signals: row?.annotations ?? 0, conversations: row?.conversations ?? 0 };
  };
  const texts = (rows: { label: string; text: string; count: number }[], flag: string) =>
    rows.filter((r) => r.label === flag).map((r) => ({ text: r.text, count: r.count }));

  const segmentRows = (rows: { value: string | null; averageSentiment: number; conversations: number }[]) =>
    rows.map((r) => ({ value: r.value, averageSentiment: roundOrNull(r.averageSentiment), conversations: r.conversations }));

  return {
    range: rangeView(range),
    mostDissatisfiedUsers: dissatisfied.map((r) => ({
      externalId: r.externalId,
      name: r.name,
      email: r.email,
      plan: r.plan,
      mrr: r.mrr,
      organization: r.organizationExternalId === null ? null : { externalId: r.organizationExternalId, name: r.organizationName },
      averageSentiment: roundOrNull(r.averageSentiment),
      scoredConversations: r.scoredConversations,
    })),
    topFrustrations: FRUSTRATION_FLAGS.map((flag) => ({
      flag,
      ...counted(flag),
      topChunks: texts(chunks, flag),
      topReasons: texts(reasons, flag),
    })),
    revenueSignals: REVENUE_FLAGS.map((flag) => {
      const money = revenueOrgs.find((r) => r.flag === flag);
      return { flag, ...counted(flag), organizations: money?.organizations ?? 0, mrr: round(money?.mrr ?? 0, 2) };
    }),
    topIntents: intents.map(intentRow),
    mrrAtRisk: totalOf(atRisk),
    sentimentBySegment: {
      plan: segmentRows(ownerSegmentRows.filter((r) => r.segment === "plan")),
      industry: segmentRows(ownerSegmentRows.filter((r) => r.segment === "industry")),
      device: segmentRows(devices),
      country: segmentRows(countries),
    },
  };
}
