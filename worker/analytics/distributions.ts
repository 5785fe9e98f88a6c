/**
 * Counts by day and by label that the fixed pages do not show but report widgets do: conversations
 * started per UTC day, user messages per sentiment label, flags raised (in the range and the period
 * before), topics, and conversations per main language. Clocks as in the overview: conversation figures
 * by creation time, annotation figures by analysis time, and a flag's or topic's conversations by the time it
 * first appeared in each (label-counts.ts).
 */
import { and, asc, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { annotations, conversations } from "../db/schema";
import { DAY_MS, type Range } from "./params";
import { labelCounts } from "./label-counts";
import { annotationFacts, conversationFacts } from "./rollup-reads";
import { readsRollups, type Scope } from "./scope";
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

  // Unscoped or on one segment, every figure comes from the rollups (rollup-reads.ts; flags and topics through
  // label-counts.ts); with several filters, from the raw rows of the subset.
  const fromHours = readsRollups(scope);
  const { segment } = scope;
  const factDay = sql<number>`at / ${sql.raw(String(DAY_MS))}`;
  const languageFacts = conversationFacts(chatbotId, range, "language", [], segment);
  const [byDay, labels, flags, topics, languages] = await db.batch([
    fromHours
      ? db.select({ day: factDay.mapWith(Number), conversations: sql<number>`sum(conversations)`.mapWith(Number) }).from(conversationFacts(chatbotId, range, "all", [], segment)).groupBy(factDay)
      : db.select({ day: day.mapWith(Number), conversations: sql<number>`count(*)`.mapWith(Number) }).from(c).where(conversationsIn).groupBy(day),
    fromHours
      ? db
          .select({ label: sql<string>`label`, messages: sql<number>`sum(annotations)`.mapWith(Number) })
          .from(annotationFacts(chatbotId, "sentiment", range, [], undefined, segment))
          .groupBy(sql`label`)
          .having(sql`sum(annotations) > 0`)
      : db
          .select({ label: a.label, messages: sql<number>`count(*)`.mapWith(Number) })
          .from(a)
          .where(annotationsOf(chatbotId, "sentiment", range.from, range.to, scope))
          .groupBy(a.label),
    labelCounts(db, chatbotId, "flag", { from: range.previous.from, to: range.to }, { scope, since: range.from }),
    labelCounts(db, chatbotId, "topic", range, { scope, limit: TOP_TOPICS }),
    fromHours
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
    flags: flags.map((f) => ({ flag: f.label, signals: f.annotations, conversations: f.conversations, previousSignals: f.previousAnnotations, previousConversations: f.previousConversations })),
    topics: topics.map((t) => ({ topic: t.label, messages: t.annotations, conversations: t.conversations })),
    languages,
  };
}
