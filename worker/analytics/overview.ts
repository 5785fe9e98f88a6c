/**
 * The dashboard's KPIs (SPEC §7), each with its value in the previous period of equal length.
 *
 * What each figure counts, and over which clock:
 * - conversations, messages, resolution rate: conversations *created* in the range (the index holds a
 *   conversation's message count, not each message's time, so messages are those of these conversations);
 * - average sentiment: every user message's sentiment annotation *analysed* in the range (analysis runs
 *   within milliseconds of the message, so this is message time), each message weighing the same;
 * - analysed today: messages given a sentiment since 00:00 in `timeZone` (UTC unless asked; time-zone.ts), against
 *   the 24 hours before, up to the same time;
 * - MRR at risk: mrr-at-risk.ts (the one definition the KPI, Insights, reports and the breakdown share).
 *
 * Unscoped (the dashboard, unfiltered report widgets) or scoped to one segment (a widget with one filter),
 * every figure comes from the hourly rollups plus the raw rows of the partial hours at the ranges' edges
 * (rollup-reads.ts), except MRR at risk (see mrr-at-risk.ts); several filters read the subset's raw rows.
 */
import { and, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { annotations, conversations } from "../db/schema";
import { absoluteTrend, checkPeriod, DAY_MS, rangeFields, rangeView, relativeTrend, resolveRange, round, roundOrNull, type Period, type Range } from "./params";
import { z } from "zod";
import { mrrAtRiskTotal, totalOf } from "./mrr-at-risk";
import { startOfDay, timeZone } from "./time-zone";
import { annotationFacts, conversationFacts, END_OF_TIME } from "./rollup-reads";
import { readsRollups, type Scope } from "./scope";

export const overviewQuery = z
  .object({
    ...rangeFields,
    /** The zone whose midnight starts "today" for `analysedToday` (the dashboard sends the viewer's). */
    timeZone: timeZone.optional(),
  })
  .superRefine(checkPeriod);
export type OverviewQuery = z.infer<typeof overviewQuery>;

const num = (v: unknown): number => Number(v ?? 0);

/** `scope` narrows every figure to a subset of conversations (report widgets); the dashboard's overview passes none. */
export async function overview(db: Db, chatbotId: string, q: OverviewQuery, now: number, scope: Scope = {}) {
  const range = resolveRange(q, now);
  const { from, to, previous } = range;
  const zone = q.timeZone ?? "UTC";
  const todayFrom = startOfDay(now, zone);
  const yesterday: Period = { from: todayFrom - DAY_MS, to: now - DAY_MS };
  const current = sql`${conversations.createdAt} >= ${from}`;
  const inPrevious = sql`${conversations.createdAt} < ${from}`;
  const sentimentNow = sql`${annotations.createdAt} >= ${from}`;

  const fromHours = readsRollups(scope);
  const [conversationFigures, sentimentFigures, analysed, atRiskNow, atRiskBefore] = fromHours ? await fromRollups(db, chatbotId, range, todayFrom, yesterday, scope) : await db.batch([
    // Both periods in one pass over the (chatbot_id, created_at) index.
    db
      .select({
        conversations: sql<number>`sum(${current})`.mapWith(num),
        messages: sql<number>`sum(CASE WHEN ${current} THEN ${conversations.messageCount} ELSE 0 END)`.mapWith(num),
        judged: sql<number>`sum(${current} AND ${conversations.resolution} IS NOT NULL)`.mapWith(num),
        resolved: sql<number>`sum(${current} AND ${conversations.resolution} = 'fully_resolved')`.mapWith(num),
        previousConversations: sql<number>`sum(${inPrevious})`.mapWith(num),
        previousMessages: sql<number>`sum(CASE WHEN ${inPrevious} THEN ${conversations.messageCount} ELSE 0 END)`.mapWith(num),
        previousJudged: sql<number>`sum(${inPrevious} AND ${conversations.resolution} IS NOT NULL)`.mapWith(num),
        previousResolved: sql<number>`sum(${inPrevious} AND ${conversations.resolution} = 'fully_resolved')`.mapWith(num),
      })
      .from(conversations)
      .where(and(eq(conversations.chatbotId, chatbotId), gte(conversations.createdAt, previous.from), lt(conversations.createdAt, to), scope.conversations)),
    db
      .select({
        average: sql<number | null>`avg(CASE WHEN ${sentimentNow} THEN ${annotations.score} END)`,
        previousAverage: sql<number | null>`avg(CASE WHEN NOT ${sentimentNow} THEN ${annotations.score} END)`,
      })
      .from(annotations)
      .where(and(eq(annotations.chatbotId, chatbotId), eq(annotations.kind, "sentiment"), gte(annotations.createdAt, previous.from), lt(annotations.createdAt, to), scope.annotations)),
    db
      .select({
        today: sql<number>`sum(${annotations.createdAt} >= ${todayFrom})`.mapWith(num),
        yesterday: sql<number>`sum(${annotations.createdAt} < ${yesterday.to})`.mapWith(num),
      })
      .from(annotations)
      .where(and(eq(annotations.chatbotId, chatbotId), eq(annotations.kind, "sentiment"), gte(annotations.createdAt, yesterday.from), scope.annotations)),
    mrrAtRiskTotal(db, chatbotId, range, scope),
    mrrAtRiskTotal(db, chatbotId, previous, scope),
  ]);

  const c = conversationFigures[0];
  const s = sentimentFigures[0];
  const a = analysed[0];
  const rate = (resolved: number, judged: number) => (judged ? round(resolved / judged, 4) : null);
  return {
    range: rangeView(range),
    today: { from: todayFrom, to: now, previousFrom: yesterday.from, previousTo: yesterday.to },
    timeZone: zone,
    kpis: {
      conversations: relativeTrend(c?.conversations ?? 0, c?.previousConversations ?? 0),
      messages: relativeTrend(c?.messages ?? 0, c?.previousMessages ?? 0),
      averageSentiment: absoluteTrend(roundOrNull(s?.average), roundOrNull(s?.previousAverage)),
      analysedToday: relativeTrend(a?.today ?? 0, a?.yesterday ?? 0),
      resolutionRate: absoluteTrend(rate(c?.resolved ?? 0, c?.judged ?? 0), rate(c?.previousResolved ?? 0, c?.previousJudged ?? 0)),
      mrrAtRisk: relativeTrend(totalOf(atRiskNow).mrr, totalOf(atRiskBefore).mrr),
    },
  };
}

/** The same figures as the raw queries above, from the rollups (of the scope's segment, if any: whole hours) and the edge hours' raw rows. */
function fromRollups(db: Db, chatbotId: string, range: Range, todayFrom: number, yesterday: Period, scope: Scope) {
  const { from, to, previous } = range;
  const { segment } = scope;
  const both = { from: previous.from, to };
  const byConversation = conversationFacts(chatbotId, both, "all", [from], segment);
  const byResolution = conversationFacts(chatbotId, both, "resolution", [from], segment);
  const sentiment = annotationFacts(chatbotId, "sentiment", both, [from], undefined, segment);
  // "Analysed today" has no upper bound, like the raw query: the end of time, on the hour.
  const sinceYesterday = annotationFacts(chatbotId, "sentiment", { from: yesterday.from, to: END_OF_TIME }, [yesterday.to, todayFrom], undefined, segment);
  const current = sql`at >= ${from}`;
  // Every figure aliased: D1 batch rows are keyed by column name, and some expressions differ only in a parameter.
  const sumOf = (column: string, when: SQL, alias: string) => sql<number>`coalesce(sum(CASE WHEN ${when} THEN ${sql.raw(column)} END), 0)`.mapWith(num).as(alias);
  const isAll = sql`kind = 'all'`;
  const isJudged = sql`kind = 'resolution'`;
  const isResolved = sql`kind = 'resolution' AND value = 'fully_resolved'`;
  return db.batch([
    db
      .select({
        conversations: sumOf("conversations", sql`${isAll} AND ${current}`, "conversations"),
        messages: sumOf("messages", sql`${isAll} AND ${current}`, "messages"),
        judged: sumOf("conversations", sql`${isJudged} AND ${current}`, "judged"),
        resolved: sumOf("conversations", sql`${isResolved} AND ${current}`, "resolved"),
        previousConversations: sumOf("conversations", sql`${isAll} AND NOT ${current}`, "previousConversations"),
        previousMessages: sumOf("messages", sql`${isAll} AND NOT ${current}`, "previousMessages"),
        previousJudged: sumOf("conversations", sql`${isJudged} AND NOT ${current}`, "previousJudged"),
        previousResolved: sumOf("conversations", sql`${isResolved} AND NOT ${current}`, "previousResolved"),
      })
      .from(sql`(SELECT 'all' AS kind, * FROM ${byConversation} UNION ALL SELECT 'resolution', * FROM ${byResolution})`),
    db
      .select({
        average: sql<number | null>`sum(CASE WHEN ${current} THEN score_sum END) / sum(CASE WHEN ${current} THEN scored END)`.as("average"),
        previousAverage: sql<number | null>`sum(CASE WHEN NOT ${current} THEN score_sum END) / sum(CASE WHEN NOT ${current} THEN scored END)`.as("previous_average"),
      })
      .from(sentiment),
    db
      .select({ today: sumOf("annotations", sql`at >= ${todayFrom}`, "today"), yesterday: sumOf("annotations", sql`at < ${yesterday.to}`, "yesterday") })
      .from(sinceYesterday),
    mrrAtRiskTotal(db, chatbotId, range, scope),
    mrrAtRiskTotal(db, chatbotId, previous, scope),
  ]);
}
