/**
 * The dashboard's KPIs (SPEC §7), each with its value in the previous period of equal length.
 *
 * What each figure counts, and over which clock:
 * - conversations, messages, resolution rate: conversations *created* in the range (the index holds a
 *   conversation's message count, not each message's time, so messages are those of these conversations);
 * - average sentiment: every user message's sentiment annotation *analysed* in the range (analysis runs
 *   within milliseconds of the message, so this is message time), each message weighing the same;
 * - analysed today: messages given a sentiment since 00:00 UTC, against yesterday up to the same time of day;
 * - MRR at risk: the MRR of every client organization with a churn_risk or frustrated_user flag raised in
 *   the range, each organization counted once.
 */
import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { annotations, clientOrganizations, conversations } from "../db/schema";
import { absoluteTrend, checkRangeOrder, DAY_MS, rangeFields, rangeView, relativeTrend, resolveRange, round, roundOrNull, type Period } from "./params";
import { z } from "zod";
import type { Scope } from "./scope";

export const overviewQuery = z.object(rangeFields).superRefine(checkRangeOrder);
export type OverviewQuery = z.infer<typeof overviewQuery>;

export const AT_RISK_FLAGS = ["churn_risk", "frustrated_user"] as const;

const num = (v: unknown): number => Number(v ?? 0);

/** `scope` narrows every figure to a subset of conversations (report widgets); the dashboard's overview passes none. */
export async function overview(db: Db, chatbotId: string, q: OverviewQuery, now: number, scope: Scope = {}) {
  const range = resolveRange(q, now);
  const { from, to, previous } = range;
  const todayFrom = Math.floor(now / DAY_MS) * DAY_MS;
  const yesterday: Period = { from: todayFrom - DAY_MS, to: now - DAY_MS };
  const current = sql`${conversations.createdAt} >= ${from}`;
  const inPrevious = sql`${conversations.createdAt} < ${from}`;
  const sentimentNow = sql`${annotations.createdAt} >= ${from}`;

  const [conversationFigures, sentimentFigures, analysed, atRiskNow, atRiskBefore] = await db.batch([
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
    atRiskMrr(db, chatbotId, range, scope),
    atRiskMrr(db, chatbotId, previous, scope),
  ]);

  const c = conversationFigures[0];
  const s = sentimentFigures[0];
  const a = analysed[0];
  const rate = (resolved: number, judged: number) => (judged ? round(resolved / judged, 4) : null);
  return {
    range: rangeView(range),
    today: { from: todayFrom, to: now, previousFrom: yesterday.from, previousTo: yesterday.to },
    kpis: {
      conversations: relativeTrend(c?.conversations ?? 0, c?.previousConversations ?? 0),
      messages: relativeTrend(c?.messages ?? 0, c?.previousMessages ?? 0),
      averageSentiment: absoluteTrend(roundOrNull(s?.average), roundOrNull(s?.previousAverage)),
      analysedToday: relativeTrend(a?.today ?? 0, a?.yesterday ?? 0),
      resolutionRate: absoluteTrend(rate(c?.resolved ?? 0, c?.judged ?? 0), rate(c?.previousResolved ?? 0, c?.previousJudged ?? 0)),
      mrrAtRisk: relativeTrend(round(atRiskNow[0]?.mrr ?? 0, 2), round(atRiskBefore[0]?.mrr ?? 0, 2)),
    },
  };
}

/** Sum of MRR of the distinct client organizations behind a churn_risk or frustrated_user flag raised in the period. */
function atRiskMrr(db: Db, chatbotId: string, period: Period, scope: Scope) {
  const flagged = db
    .select({ id: conversations.clientOrganizationId })
    .from(annotations)
    .innerJoin(conversations, eq(conversations.id, annotations.conversationId))
    .where(
      and(
        eq(annotations.chatbotId, chatbotId),
        eq(annotations.kind, "flag"),
        inArray(annotations.label, [...AT_RISK_FLAGS]),
        gte(annotations.createdAt, period.from),
        lt(annotations.createdAt, period.to),
        eq(conversations.chatbotId, chatbotId),
        scope.conversations,
      ),
    );
  return db
    .select({ mrr: sql<number>`coalesce(sum(${clientOrganizations.mrr}), 0)`.mapWith(num) })
    .from(clientOrganizations)
    .where(and(eq(clientOrganizations.chatbotId, chatbotId), inArray(clientOrganizations.id, flagged)));
}
