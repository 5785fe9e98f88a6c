/**
 * Sentiment over time and sentiment bands (SPEC §7).
 *
 * The series averages user messages' sentiment annotations by when they were analysed, in buckets (hour —
 * the rollups' own unit, for a day's view; day; week from Monday; month) whose days start at midnight in
 * `timeZone` (UTC unless asked), every bucket of the range present even when empty. The rollups are by
 * UTC hour, so in a zone whose offset is not whole hours (India, +05:30) the hour that holds midnight counts
 * in the day it starts in. Bands count
 * conversations created in the range by their average sentiment: satisfied > 0.2, dissatisfied < −0.2,
 * neutral in between, unscored when no message of theirs has a sentiment yet.
 */
import { and, eq, gte, isNotNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { annotations, conversations } from "../db/schema";
import { fieldError } from "../errors";
import { annotationFacts, conversationFacts } from "./rollup-reads";
import { HOUR_MS } from "./rollups";
import { startOfDay, timeZone, wallTime } from "./time-zone";
import { readsRollups, type Scope, type Segment } from "./scope";
import { checkPeriod, DAY_MS, rangeFields, rangeView, resolveRange, roundOrNull, type Range } from "./params";

export const INTERVALS = ["hour", "day", "week", "month"] as const;
export type Interval = (typeof INTERVALS)[number];

/** Enough for two and a half years by day; longer ranges ask for weeks or months. */
export const MAX_BUCKETS = 1000;

export const BANDS = { satisfiedAbove: 0.2, dissatisfiedBelow: -0.2 } as const;

export const sentimentQuery = z
  .object({
    ...rangeFields,
    interval: z
      .enum(INTERVALS)
      .default("day")
      .meta({ description: "Buckets: `hour` (UTC hours, the view of a day; a range of at most 1,000 hours), `day`, `week` (from Monday), `month`, starting at midnight in `timeZone`" }),
    timeZone: timeZone.optional().meta({ description: "The IANA zone whose midnights start the day, week and month buckets (UTC when absent; the dashboard sends the viewer's)" }),
  })
  .superRefine(checkPeriod);
export type SentimentQuery = z.infer<typeof sentimentQuery>;

/** 1970-01-05 was a Monday: weeks are counted from there. */
const MONDAY_OFFSET = 4 * DAY_MS;

/** The start of the bucket holding `t`: UTC's, or, for days, weeks and months, `zone`'s. */
export function bucketStart(t: number, interval: Interval, zone = "UTC"): number {
  if (interval === "hour") return Math.floor(t / HOUR_MS) * HOUR_MS;
  if (zone !== "UTC") return fromWall(bucketStart(wallTime(t, zone), interval), zone);
  if (interval === "day") return Math.floor(t / DAY_MS) * DAY_MS;
  if (interval === "week") return Math.floor((t - MONDAY_OFFSET) / (7 * DAY_MS)) * 7 * DAY_MS + MONDAY_OFFSET;
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

export function nextBucket(start: number, interval: Interval, zone = "UTC"): number {
  if (interval === "hour") return start + HOUR_MS;
  if (zone !== "UTC") return fromWall(nextBucket(bucketStart(wallTime(start, zone), interval), interval), zone);
  if (interval === "day") return start + DAY_MS;
  if (interval === "week") return start + 7 * DAY_MS;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** The instant a local day starts, from its midnight on the wall clock (as if UTC): asked at its local noon, never skipped. */
const fromWall = (wallMidnight: number, zone: string) => startOfDay(wallMidnight + 12 * HOUR_MS - (wallTime(wallMidnight, zone) - wallMidnight), zone);

/** Every bucket start from the one holding `from` to the one holding the range's last millisecond. */
export function bucketStarts(range: Range, interval: Interval, zone = "UTC"): number[] {
  const starts: number[] = [];
  const last = bucketStart(range.to - 1, interval, zone);
  for (let s = bucketStart(range.from, interval, zone); s <= last; s = nextBucket(s, interval, zone)) {
    starts.push(s);
    if (starts.length > MAX_BUCKETS) {
      const message = `the range holds more than ${MAX_BUCKETS} ${interval}s; use a shorter range or a longer interval`;
      throw fieldError("interval", message);
    }
  }
  return starts;
}

/** `scope` narrows the series and bands to a subset of conversations (report widgets). */
export async function sentimentOverTime(db: Db, chatbotId: string, q: SentimentQuery, now: number, scope: Scope = {}) {
  const range = resolveRange(q, now);
  const zone = q.timeZone ?? "UTC";
  const starts = bucketStarts(range, q.interval, zone);
  // Grouped in SQL by the hour for an hourly series or another zone's days, else by the UTC day (rolled up
  // into weeks or months below).
  const unit = q.interval === "hour" || zone !== "UTC" ? HOUR_MS : DAY_MS;
  const day = sql<number>`${annotations.createdAt} / ${unit}`;
  const avg = conversations.sentimentAvg;
  const fromHours = readsRollups(scope);
  const [byDay, bandRows] = fromHours ? await fromRollups(db, chatbotId, range, unit, scope.segment) : await db.batch([
    // Grouped by UTC day in SQL (integer division), rolled up into weeks or months below.
    db
      .select({ day: day.mapWith(Number), messages: sql<number>`count(*)`.mapWith(Number), sum: sql<number>`sum(${annotations.score})`.mapWith(Number) })
      .from(annotations)
      .where(
        and(
          eq(annotations.chatbotId, chatbotId),
          eq(annotations.kind, "sentiment"),
          gte(annotations.createdAt, range.from),
          lt(annotations.createdAt, range.to),
          isNotNull(annotations.score),
          scope.annotations,
        ),
      )
      .groupBy(day),
    db
      .select({
        satisfied: sql<number>`coalesce(sum(${avg} > ${BANDS.satisfiedAbove}), 0)`.mapWith(Number),
        neutral: sql<number>`coalesce(sum(${avg} >= ${BANDS.dissatisfiedBelow} AND ${avg} <= ${BANDS.satisfiedAbove}), 0)`.mapWith(Number),
        dissatisfied: sql<number>`coalesce(sum(${avg} < ${BANDS.dissatisfiedBelow}), 0)`.mapWith(Number),
        unscored: sql<number>`coalesce(sum(${avg} IS NULL), 0)`.mapWith(Number),
      })
      .from(conversations)
      .where(and(eq(conversations.chatbotId, chatbotId), gte(conversations.createdAt, range.from), lt(conversations.createdAt, range.to), scope.conversations)),
  ]);

  const totals = new Map<number, { messages: number; sum: number }>(starts.map((s) => [s, { messages: 0, sum: 0 }]));
  for (const row of byDay) {
    const bucket = totals.get(bucketStart(row.day * unit, q.interval, zone));
    if (!bucket) continue;
    bucket.messages += row.messages;
    bucket.sum += row.sum;
  }
  const bands = bandRows[0] ?? { satisfied: 0, neutral: 0, dissatisfied: 0, unscored: 0 };
  return {
    range: rangeView(range),
    interval: q.interval,
    timeZone: zone,
    series: starts.map((start) => {
      const t = totals.get(start)!;
      return { start, end: nextBucket(start, q.interval, zone), averageSentiment: t.messages ? roundOrNull(t.sum / t.messages) : null, messages: t.messages };
    }),
    bands: { ...bands, thresholds: BANDS },
  };
}

/**
 * The series and bands above from the rollups (whole hours) and the raw rows of the range's edge hours:
 * the same rows, grouped by UTC hour or day (`unit`) in SQL.
 */
function fromRollups(db: Db, chatbotId: string, range: Range, unit: number, segment?: Segment) {
  const day = sql<number>`at / ${sql.raw(String(unit))}`;
  const bands = conversationFacts(chatbotId, range, "band", [], segment);
  // Aliased: D1 batch rows are keyed by column name, and these four expressions differ only in a parameter.
  const count = (value: string) => sql<number>`coalesce(sum(CASE WHEN value = ${value} THEN conversations END), 0)`.mapWith(Number).as(value);
  return db.batch([
    db
      .select({ day: day.mapWith(Number), messages: sql<number>`sum(scored)`.mapWith(Number), sum: sql<number>`sum(score_sum)`.mapWith(Number) })
      .from(annotationFacts(chatbotId, "sentiment", range, [], undefined, segment, unit === HOUR_MS ? "hour" : "day"))
      .groupBy(day)
      .having(sql`sum(scored) > 0`),
    db.select({ satisfied: count("satisfied"), neutral: count("neutral"), dissatisfied: count("dissatisfied"), unscored: count("unscored") }).from(bands),
  ]);
}
