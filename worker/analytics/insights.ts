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
import { and, eq, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { annotations, clientOrganizations, clientUsers, conversations, FLAG_TEXTS_INDEX } from "../db/schema";
import { effectiveIndustry, effectivePlan } from "./conversations-table";
import { labelCounts, type LabelCount } from "./label-counts";
import { mrrAtRiskTotal, totalOf } from "./mrr-at-risk";
import { raisedFlag } from "./rollup-reads";
import type { Scope } from "./scope";
import { checkPeriod, rangeFields, rangeView, resolveRange, round, roundOrNull, type Period } from "./params";

export const insightsQuery = z.object(rangeFields).superRefine(checkPeriod);
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

/** `kind = 'flag'` as a literal: a bound value cannot show SQLite that the flag texts' partial index applies. */
const flagsIn = (chatbotId: string, period: Period, flags: readonly string[]) =>
  and(eq(a.chatbotId, chatbotId), sql`${a.kind} = 'flag'`, inArray(a.label, [...flags]), gte(a.createdAt, period.from), lt(a.createdAt, period.to));

/**
 * The most common chunks and reasons per frustration flag, compared without case or surrounding spaces (shown
 * in one of the forms written): the range's flags read once from the index that holds their texts, then the
 * top few per text kind and flag through a window over the grouped counts.
 */
function topTexts(db: Db, chatbotId: string, period: Period) {
  const texts = (part: TextPart) => {
    const column = sql.raw(part);
    return sql`SELECT label, ${part} AS part, trim(${column}) AS text FROM flagged WHERE trim(coalesce(${column}, '')) != ''`;
  };
  return db
    .select({ part: sql<TextPart>`part`, label: sql<string>`label`, text: sql<string>`text`, count: sql<number>`n`.mapWith(Number) })
    .from(
      sql`(WITH flagged AS MATERIALIZED (SELECT ${a.label}, ${a.chunk}, ${a.reason} FROM ${a} INDEXED BY ${sql.raw(FLAG_TEXTS_INDEX)}
             WHERE ${flagsIn(chatbotId, period, FRUSTRATION_FLAGS)}),
             texts AS (${texts("chunk")} UNION ALL ${texts("reason")})
           SELECT part, label, text, n, rank FROM (
             SELECT part, label, min(text) AS text, count(*) AS n,
                    row_number() OVER (PARTITION BY part, label ORDER BY count(*) DESC, lower(text)) AS rank
             FROM texts GROUP BY part, label, lower(text))
           WHERE rank <= ${TOP_TEXTS})`,
    )
    .orderBy(sql`part`, sql`label`, sql`rank`);
}

type TextPart = "chunk" | "reason";

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
 * Sentiment of the range's scored conversations by device and by country in one statement, from the
 * (chatbot, created_at, …) index alone (it carries both): grouped by the pair once, then by each.
 */
function placeSegments(db: Db, chatbotId: string, period: Period) {
  const top = (segment: "device" | "country") => {
    const column = sql.raw(segment);
    // Largest segments first; the unknown (null) one last among equals.
    return sql`SELECT ${segment} AS segment, ${column} AS value, sum(s) / sum(n) AS average, sum(n) AS conversations,
      row_number() OVER (ORDER BY sum(n) DESC, ${column} IS NULL, ${column}) AS position FROM places GROUP BY ${column}`;
  };
  return db
    .select({
      segment: sql<"device" | "country">`segment`,
      value: sql<string | null>`value`,
      averageSentiment: sql<number>`average`,
      conversations: sql<number>`conversations`.mapWith(Number),
    })
    .from(
      sql`(WITH places AS MATERIALIZED (
             SELECT device, country, count(*) AS n, sum(sentiment_avg) AS s FROM ${c} WHERE ${scoredIn(chatbotId, period)} GROUP BY 1, 2)
           SELECT * FROM (${top("device")} UNION ALL ${top("country")}) WHERE position <= ${TOP_SEGMENT_VALUES})`,
    )
    .orderBy(sql`segment`, sql`position`);
}

/**
 * What the range's scored conversations say per owner, in one statement: sentiment by plan and by industry
 * (the organization's, or the user's without one) and the users whose conversations average lowest. The
 * conversations are grouped by owner pair once — at 1,000,000 conversations a week's ~77,000 become ~20,000
 * owners, each looked up once instead of once per conversation — and that set is MATERIALIZED so every part
 * reads it (without the hint SQLite inlines a CTE into each arm of the UNION ALL). The ten lowest users are
 * picked with their id for ties, and only they are joined to their organization.
 */
function ownerFigures(db: Db, chatbotId: string, period: Period) {
  // Grouped without regard to case, as the plan and industry filters match (`Pro` and `pro` are one segment,
  // shown in the form that sorts first).
  const top = (segment: "plan" | "industry") => {
    const column = sql.raw(segment);
    return sql`SELECT ${segment} AS part, min(${column}) AS value, sum(s) / sum(n) AS average, sum(n) AS conversations,
      row_number() OVER (ORDER BY sum(n) DESC, min(${column}) IS NULL, min(${column})) AS position,
      NULL, NULL, NULL, NULL, NULL, NULL, NULL
      FROM attributed GROUP BY ${column} COLLATE NOCASE`;
  };
  const lowestUsers = sql`SELECT 'user', NULL, average, n, row_number() OVER (ORDER BY average, ${u.externalId}),
      ${u.externalId}, ${u.name}, ${u.email}, ${u.plan}, ${u.mrr}, ${o.externalId}, ${o.name}
    FROM (SELECT uid, sum(s) / sum(n) AS average, sum(n) AS n FROM owners WHERE uid IS NOT NULL GROUP BY uid) AS by_user
    JOIN ${u} ON ${u.id} = by_user.uid LEFT JOIN ${o} ON ${o.id} = ${u.clientOrganizationId}
    ORDER BY average, ${u.externalId} LIMIT ${TOP_USERS}`;
  return db
    .select({
      part: sql<"plan" | "industry" | "user">`part`,
      value: sql<string | null>`value`,
      averageSentiment: sql<number>`average`,
      conversations: sql<number>`conversations`.mapWith(Number),
      externalId: sql<string>`external_id`,
      name: sql<string | null>`name`,
      email: sql<string | null>`email`,
      plan: sql<string | null>`user_plan`,
      mrr: sql<number | null>`mrr`,
      organizationExternalId: sql<string | null>`organization_external_id`,
      organizationName: sql<string | null>`organization_name`,
    })
    .from(
      sql`(WITH owners AS MATERIALIZED (
             SELECT client_user_id AS uid, client_organization_id AS oid, count(*) AS n, sum(sentiment_avg) AS s FROM ${c}
             WHERE ${scoredIn(chatbotId, period)} GROUP BY 1, 2),
           attributed AS MATERIALIZED (
             SELECT ${effectivePlan} AS plan, ${effectiveIndustry} AS industry, owners.n, owners.s FROM owners
             LEFT JOIN ${u} ON ${u.id} = owners.uid LEFT JOIN ${o} ON ${o.id} = owners.oid),
           parts (part, value, average, conversations, position, external_id, name, email, user_plan, mrr, organization_external_id, organization_name) AS (
             ${top("plan")} UNION ALL ${top("industry")} UNION ALL SELECT * FROM (${lowestUsers}))
           SELECT * FROM parts WHERE part = 'user' OR position <= ${TOP_SEGMENT_VALUES})`,
    )
    .orderBy(sql`part`, sql`position`);
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

  const [owners, flagCounts, texts, revenueOrgs, intents, atRisk, places] = await db.batch([
    ownerFigures(db, chatbotId, range),
    labelCounts(db, chatbotId, "flag", range),
    topTexts(db, chatbotId, range),
    revenueMrr(db, chatbotId, range),
    topIntents(db, chatbotId, range),
    mrrAtRiskTotal(db, chatbotId, range),
    placeSegments(db, chatbotId, range),
  ]);

  const counted = (flag: string) => {
    const row = flagCounts.find((f) => f.label === flag);
    return { signals: row?.annotations ?? 0, conversations: row?.conversations ?? 0 };
  };
  const topOf = (part: TextPart, flag: string) =>
    texts.filter((r) => r.part === part && r.label === flag).map((r) => ({ text: r.text, count: r.count }));

  const segmentRows = (rows: { value: string | null; averageSentiment: number; conversations: number }[]) =>
    rows.map((r) => ({ value: r.value, averageSentiment: roundOrNull(r.averageSentiment), conversations: r.conversations }));

  return {
    range: rangeView(range),
    mostDissatisfiedUsers: owners.filter((r) => r.part === "user").map((r) => ({
      externalId: r.externalId,
      name: r.name,
      email: r.email,
      plan: r.plan,
      mrr: r.mrr,
      organization: r.organizationExternalId === null ? null : { externalId: r.organizationExternalId, name: r.organizationName },
      averageSentiment: roundOrNull(r.averageSentiment),
      scoredConversations: r.conversations,
    })),
    topFrustrations: FRUSTRATION_FLAGS.map((flag) => ({
      flag,
      ...counted(flag),
      topChunks: topOf("chunk", flag),
      topReasons: topOf("reason", flag),
    })),
    revenueSignals: REVENUE_FLAGS.map((flag) => {
      const money = revenueOrgs.find((r) => r.flag === flag);
      return { flag, ...counted(flag), organizations: money?.organizations ?? 0, mrr: round(money?.mrr ?? 0, 2) };
    }),
    topIntents: intents.map(intentRow),
    mrrAtRisk: totalOf(atRisk),
    sentimentBySegment: {
      plan: segmentRows(owners.filter((r) => r.part === "plan")),
      industry: segmentRows(owners.filter((r) => r.part === "industry")),
      device: segmentRows(places.filter((r) => r.segment === "device")),
      country: segmentRows(places.filter((r) => r.segment === "country")),
    },
  };
}
