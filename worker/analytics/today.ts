/**
 * The live feed's "today" counters, read from the index rather than counted from every message's event
 * (which would cost the chatbot's feed object a call per message, watched or not):
 * - messages today: the quarter-hour messages rollup since midnight in the zone — whole buckets, since every
 *   zone's midnight falls on a quarter-hour;
 * - analysed today: user messages given a sentiment since that midnight, as the overview's KPI counts them
 *   (hourly rollups, the midnight hour's raw rows when it is not on the hour).
 * As fresh as the index: a second or two behind the conversations.
 */
import { and, eq, gte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { rollupMessageQuarters } from "../db/schema";
import { QUARTER_MS } from "./rollups";
import { annotationFacts, END_OF_TIME } from "./rollup-reads";
import { localDay, startOfDay } from "./time-zone";

export interface TodayCounts {
  /** The zone's calendar day counted, YYYY-MM-DD. */
  day: string;
  timeZone: string;
  messagesToday: number;
  analysedToday: number;
}

/**
 * Today's counts for a chatbot, today starting at midnight in `timeZone` (an IANA name the caller validated).
 * @example await todayCounts(createDb(env.DB), "cb_123", "Europe/Paris", Date.now())
 */
export async function todayCounts(db: Db, chatbotId: string, timeZone: string, now: number): Promise<TodayCounts> {
  const midnight = startOfDay(now, timeZone);
  const total = sql<number>`coalesce(sum(messages), 0)`.mapWith(Number);
  const [[messages], [analysed]] = await db.batch([
    db
      .select({ n: total })
      .from(rollupMessageQuarters)
      .where(and(eq(rollupMessageQuarters.chatbotId, chatbotId), gte(rollupMessageQuarters.quarter, Math.floor(midnight / QUARTER_MS)))),
    db.select({ n: sql<number>`coalesce(sum(annotations), 0)`.mapWith(Number) }).from(annotationFacts(chatbotId, "sentiment", { from: midnight, to: END_OF_TIME })),
  ]);
  return { day: localDay(now, timeZone), timeZone, messagesToday: messages?.n ?? 0, analysedToday: analysed?.n ?? 0 };
}
