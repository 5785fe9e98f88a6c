/**
 * Counts by day and by label that the fixed pages do not show but report widgets do: conversations
 * started per UTC day, user messages per sentiment label, flags raised (in the range and the period
 * before), topics, and conversations per main language. Clocks as in the overview: conversation figures
 * by creation time, annotation figures by analysis time.
 */
import { and, asc, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { annotations, conversations } from "../db/schema";
import { DAY_MS, type Range } from "./params";
import { annotationFacts, conversationFacts } from "./rollup-reads";
import type { Scope } from "./scope";
import { bucketStart, bucketStarts } from "./sentiment";

const a = annotations;
const c = conversations;

export const TOP_TOPICS = 20;

const annotationsOf = (chatbotId: string, kind: (typeof a.kind.enumValues)[number], from: number, to: number, scope: Scope) =>
  and(eq(a.chatbotId, chatbotId), eq(a.kind, kind), gte(a.createdAt, from), lt(a.createdAt, to), scope.annotations);

export async function distributions(db: Db, chatbotId: string, range: Range, scope: Scope = {}) {
  const starts = bucketStarts(range, "day");
  // The divisor inlined as an integer literal, so SQLite divides integers and groups by whole days.
  const day = sql<number>`${c.createdAt} / ${sql.raw(String(DAY_MS))}`;
  const conversationsIn = and(eq(c.chatbotId, chatbotId), gte(c.createdAt, range.from), lt(c.createdAt, range.to), scope.conversations);
  const now = sql`${a.createdAt} >= ${range.from}`;

  const unscoped = !scope.conversations && !scope.annotations;
  // Unscoped, the day volumes, sentiment labels and languages come from the rollups (rollup-reads.ts); the
  // flag and topic figures count distinct conversations over the range, which sums of hours cannot give.
  const factDay = sql<number>`at / ${sql.raw(String(DAY_MS))}`;
  const languageFacts = conversationFacts(chatbotId, range, "language");
  const [byDay, labels, flags, topics, languages] = await db.batch([
    unscoped
      ? db.select({ day: factDay.mapWith(Number), conversations: sql<number>`sum(conversations)`.mapWith(Number) }).from(conversationFacts(chatbotId, range, "all")).groupBy(factDay)
      : db.select({ day: day.mapWith(Number), conversations: sql<number>`count(*)`.mapWith(Number) }).from(c).where(conversationsIn).groupBy(day),
    unscoped
      ? db
          .select({ label: sql<string>`label`, messages: sql<number>`sum(annotations)`.mapWith(Number) })
          .from(annotationFacts(chatbotId, "sentiment", range))
          .groupBy(sql`label`)
          .having(sql`sum(annotations) > 0`)
      : db
          .select({ label: a.label, messages: sql<number>`count(*)`.mapWith(Number) })
          .from(a)
          .where(annotationsOf(chatbotId, "sentiment", range.from, range.to, scope))
          .groupBy(a.label),
    // Both periods in one pass over the (chatbot_id, kind, label, created_at, conversation_id) index.
    db
      .select({
        flag: a.label,
        signals: sql<number>`sum(${now})`.mapWith(Number),
        conversations: sql<number>`count(DISTINCT CASE WHEN ${now} THEN ${a.conversationId} END)`.mapWith(Number),
        previousSignals: sql<number>`sum(NOT ${now})`.mapWith(Number),
        previousConversations: sql<number>`count(DISTINCT CASE WHEN NOT ${now} THEN ${a.conversationId} END)`.mapWith(Number),
      })
      .from(a)
      .where(annotationsOf(chatbotId, "flag", range.previous.from, range.to, scope))
      .groupBy(a.label),
    db
      .select({ topic: a.label, messages: sql<number>`count(*)`.mapWith(Number), conversations: sql<number>`count(DISTINCT ${a.conversationId})`.mapWith(Number) })
      .from(a)
      .where(annotationsOf(chatbotId, "topic", range.from, range.to, scope))
      .groupBy(a.label)
      .orderBy(desc(sql`count(*)`), asc(a.label))
      .limit(TOP_TOPICS),
    unscoped
      ? db
          // The rollups hold "no language yet" as "": back to null, and ordered where null sorts (first among equals).
          .select({ language: sql<string | null>`nullif(value, '')`, conversations: sql<number>`sum(conversations)`.mapWith(Number) })
          .from(languageFacts)
          .groupBy(sql`value`)
          .having(sql`sum(conversations) > 0`)
          .orderBy(desc(sql`sum(conversations)`), asc(sql`nullif(value, '')`))
      : db
          .select({ language: c.language, conversations: sql<number>`count(*)`.mapWith(Number) })
          .from(c)
          .where(conversationsIn)
          .groupBy(c.language)
          .orderBy(desc(sql`count(*)`), asc(c.language)),
  ]);

  const perDay = new Map<number, number>();
  for (const r of byDay) {
    const start = bucketStart(r.day * DAY_MS, "day");
    perDay.set(start, (perDay.get(start) ?? 0) + r.conversations);
  }
  return {
    volume: starts.map((start) => ({ start, conversations: perDay.get(start) ?? 0 })),
    sentimentLabels: labels,
    flags,
    topics,
    languages,
  };
}
