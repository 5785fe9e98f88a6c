/**
 * Reading a period from the rollups (worker/analytics/rollups.ts): whole UTC days from the daily tables where
 * a table has them, the other whole hours from the hourly ones, the partial hours at the period's edges (and at
 * a cut inside it, where a current period meets its previous one) from the raw rows. Each function returns one
 * subquery whose rows have the same columns either way, so the endpoints aggregate them with one SUM without
 * knowing where a row came from. A rollup row's `at` is the start of its hour or day, inside the same period as
 * every raw row of that hour or day (a day holding a cut is read by the hour).
 */
import { sql, type SQL } from "drizzle-orm";
import { HOUR_MS, splitByDay, splitByHour, type HourSplit, type LabelKind } from "./rollups";
import { DAY_MS, type Period } from "./params";
import type { Scope, Segment } from "./scope";

/** 275,760 years after 1970 (the largest JavaScript date), a whole number of hours: a period with no end. */
export const END_OF_TIME = 8_640_000_000_000_000;

const inRange = (column: "hour" | "day", r: { from: number; to: number }, exclude: readonly number[]): SQL => {
  const out = exclude.filter((x) => x >= r.from && x < r.to);
  const range = sql`${sql.raw(column)} >= ${r.from} AND ${sql.raw(column)} < ${r.to}`;
  return out.length ? sql`${range} AND ${sql.raw(column)} NOT IN (${sql.join(out.map((x) => sql`${x}`), sql`, `)})` : range;
};

/**
 * The finest rows a caller groups by: "day" (the default) when it groups by UTC day or coarser, or not by
 * time, and compares rows only with its cuts; "hour" for a series by the hour or by another zone's days.
 */
export type Grain = "hour" | "day";

/**
 * An hourly rollup's rows over a split's whole hours, `columns` after `at` (the start of the row's hour, or of
 * its day when read from the daily copy, `_days` for `_hours`: whole days there at the "day" grain, the hours
 * around them here). Every part of one read is a separate SELECT, each a range of the table's key.
 */
function rolledUp(table: string, columns: SQL, where: SQL, split: HourSplit, cuts: readonly number[], grain: Grain): SQL[] {
  const byDay = grain === "day" ? splitByDay(split, cuts) : { days: { from: 0, to: 0 }, excludeDays: [], hours: [split.rollup] };
  const hourly = (r: { from: number; to: number }) =>
    sql`SELECT hour * ${sql.raw(String(HOUR_MS))} AS at, ${columns} FROM ${sql.raw(table)} WHERE ${where} AND ${inRange("hour", r, split.exclude)}`;
  const parts = byDay.hours.map(hourly);
  if (byDay.days.from < byDay.days.to) {
    parts.unshift(sql`SELECT day * ${sql.raw(String(DAY_MS))} AS at, ${columns} FROM ${sql.raw(table.replace(/_hours$/, "_days"))} WHERE ${where} AND ${inRange("day", byDay.days, byDay.excludeDays)}`);
  }
  // No whole hour at all: one empty read keeps the union's first part (and its column names) in place.
  return parts.length ? parts : [hourly(split.rollup)];
}

/** D1 compiles at most five terms in one compound SELECT (its SQLite limit): a longer union nests, five at a time. */
const COMPOUND_TERMS = 5;
function unionAll(parts: readonly SQL[]): SQL {
  if (parts.length <= COMPOUND_TERMS) return sql.join([...parts], sql` UNION ALL `);
  const nested: SQL[] = [];
  for (let i = 0; i < parts.length; i += COMPOUND_TERMS) nested.push(sql`SELECT * FROM (${sql.join(parts.slice(i, i + COMPOUND_TERMS), sql` UNION ALL `)})`);
  return unionAll(nested);
}

/** A split's whole hours, for the hourly tables without a daily copy (flags per owner). */
const hours = (split: HourSplit): SQL => inRange("hour", split.rollup, split.exclude);

const inList = (column: SQL, values: readonly string[]): SQL => sql`${column} IN (${sql.join(values.map((v) => sql`${v}`), sql`, `)})`;

/** `band` of a conversation's average sentiment, as the rollups store it (sentiment.ts BANDS). */
const BAND = sql.raw(
  "CASE WHEN sentiment_avg IS NULL THEN 'unscored' WHEN sentiment_avg > 0.2 THEN 'satisfied' WHEN sentiment_avg < -0.2 THEN 'dissatisfied' ELSE 'neutral' END",
);

export type ConversationDimension = "all" | "resolution" | "band" | "language";

const RAW_VALUE: Record<ConversationDimension, SQL> = {
  all: sql.raw("''"),
  resolution: sql.raw("resolution"),
  band: BAND,
  language: sql.raw("coalesce(language, '')"),
};

/**
 * The edge hours' raw rows of a segment (a report widget's one filter, scope.ts): their conversation satisfies
 * the filter, checked on its row found by key (the report tests hold that condition equal to the segments the
 * rollups keep). Not for rows of `conversations` itself, which take `segment.members` directly: inside this
 * EXISTS, `conversations.id` would name the inner table's own row.
 */
const inSegment = (conversationId: string, segment: Segment | undefined): SQL =>
  segment ? sql` AND EXISTS (SELECT 1 FROM conversations WHERE conversations.id = ${sql.raw(conversationId)} AND ${segment.members})` : sql``;

/**
 * Conversations created in the period by one dimension: rows (at, value, conversations, messages), grouped
 * by UTC day or coarser (or not by time). Resolution rows only for judged conversations; language "" for none
 * yet. `segment`: those of one segment only.
 */
export function conversationFacts(chatbotId: string, period: Period, dimension: ConversationDimension, cuts: readonly number[] = [], segment?: Segment): SQL {
  const split = splitByHour(period, cuts);
  const parts = [
    ...(segment
      ? rolledUp("rollup_segment_conversation_hours", sql`value, conversations, messages`, sql`chatbot_id = ${chatbotId} AND segment = ${segment.name} AND dimension = ${dimension}`, split, cuts, "day")
      : rolledUp("rollup_conversation_hours", sql`value, conversations, messages`, sql`chatbot_id = ${chatbotId} AND dimension = ${dimension}`, split, cuts, "day")),
    ...split.raw.map(
      (r) => sql`SELECT created_at AS at, ${RAW_VALUE[dimension]} AS value, 1 AS conversations, message_count AS messages FROM conversations
                 WHERE chatbot_id = ${chatbotId} AND created_at >= ${r.from} AND created_at < ${r.to}${dimension === "resolution" ? sql` AND resolution IS NOT NULL` : sql``}${segment ? sql` AND ${segment.members}` : sql``}`,
    ),
  ];
  return sql`(${unionAll(parts)})`;
}

/**
 * Annotations of one kind analysed in the period (intents: accepted ones only): rows (at, label, severity,
 * annotations, scored, score_sum), severity "" for none. `segment`: those of one segment's conversations only
 * (severity always "": the segment rollups do not keep it). `grain`: "hour" for a caller grouping by hour.
 */
export function annotationFacts(
  chatbotId: string,
  kind: "sentiment" | "flag" | "intent" | "topic" | "behaviour",
  period: Period,
  cuts: readonly number[] = [],
  labels?: readonly string[],
  segment?: Segment,
  grain: Grain = "day",
): SQL {
  const split = splitByHour(period, cuts);
  const labelIn = labels ? sql` AND ${inList(sql.raw("label"), labels)}` : sql``;
  const parts = [
    ...(segment
      ? rolledUp("rollup_segment_annotation_hours", sql`label, '' AS severity, annotations, scored, score_sum`, sql`chatbot_id = ${chatbotId} AND segment = ${segment.name} AND kind = ${kind}${labelIn}`, split, cuts, grain)
      : rolledUp("rollup_annotation_hours", sql`label, severity, annotations, scored, score_sum`, sql`chatbot_id = ${chatbotId} AND kind = ${kind}${labelIn}`, split, cuts, grain)),
    ...split.raw.map(
      (r) => sql`SELECT created_at AS at, label, ${segment ? sql`''` : sql`coalesce(severity, '')`} AS severity, 1 AS annotations, score IS NOT NULL AS scored, coalesce(score, 0) AS score_sum
                 FROM annotations WHERE chatbot_id = ${chatbotId} AND kind = ${kind} AND created_at >= ${r.from} AND created_at < ${r.to}${labelIn}${kind === "intent" ? sql` AND status = 'accepted'` : sql``}${inSegment("annotations.conversation_id", segment)}`,
    ),
  ];
  return sql`(${unionAll(parts)})`;
}

/**
 * A condition on `client_organizations` (aliased `o`): the organization raised one of `labels` in the
 * period (a flag of one of its conversations). Probed per organization on the rollup's primary key.
 */
export function raisedFlag(chatbotId: string, labels: readonly string[], period: Period): SQL {
  const split = splitByHour(period);
  const inRollup = sql`EXISTS (SELECT 1 FROM rollup_organization_flag_hours f
    WHERE f.chatbot_id = ${chatbotId} AND f.client_organization_id = o.id AND ${inList(sql.raw("f.label"), labels)} AND ${hours(split)} AND f.annotations > 0)`;
  if (!split.raw.length) return inRollup;
  const raw = split.raw.map(
    (r) => sql`SELECT c.client_organization_id FROM annotations a JOIN conversations c ON c.id = a.conversation_id AND c.chatbot_id = ${chatbotId}
               WHERE a.chatbot_id = ${chatbotId} AND a.kind = 'flag' AND ${inList(sql.raw("a.label"), labels)} AND a.created_at >= ${r.from} AND a.created_at < ${r.to}`,
  );
  return sql`(${inRollup} OR o.id IN (${unionAll(raw)}))`;
}

/**
 * The owners — (kind, owner_id), each once — whose conversations in one segment raised one of `labels` in the
 * period: from the segment's flag rollup per owner, read by label and hour, and the edge hours' raw rows of the
 * segment. The owner is the conversation's organization, else its user.
 */
export function segmentFlagOwners(chatbotId: string, labels: readonly string[], period: Period, segment: Segment): SQL {
  const split = splitByHour(period);
  const parts = [
    sql`SELECT owner_kind AS kind, owner_id FROM rollup_segment_owner_flag_hours
        WHERE chatbot_id = ${chatbotId} AND segment = ${segment.name} AND ${inList(sql.raw("label"), labels)} AND ${hours(split)} AND annotations > 0`,
    ...split.raw.map(
      (r) => sql`SELECT CASE WHEN c.client_organization_id IS NOT NULL THEN 'organization' ELSE 'user' END, coalesce(c.client_organization_id, c.client_user_id)
                 FROM annotations a JOIN conversations c ON c.id = a.conversation_id AND c.chatbot_id = ${chatbotId}
                 WHERE a.chatbot_id = ${chatbotId} AND a.kind = 'flag' AND ${inList(sql.raw("a.label"), labels)} AND a.created_at >= ${r.from} AND a.created_at < ${r.to}
                   AND coalesce(c.client_organization_id, c.client_user_id) IS NOT NULL${inSegment("a.conversation_id", segment)}`,
    ),
  ];
  return sql`(SELECT DISTINCT kind, owner_id FROM (${unionAll(parts)}))`;
}

/**
 * The client users (ids, possibly repeated) whose conversations without an organization raised one of `labels`
 * in the period: from the users' flag rollup, read by label and hour, and the edge hours' raw rows.
 */
export function usersRaisingFlag(chatbotId: string, labels: readonly string[], period: Period): SQL {
  const split = splitByHour(period);
  const parts = [
    sql`SELECT client_user_id FROM rollup_user_flag_hours
        WHERE chatbot_id = ${chatbotId} AND ${inList(sql.raw("label"), labels)} AND ${hours(split)} AND annotations > 0`,
    ...split.raw.map(
      (r) => sql`SELECT c.client_user_id FROM annotations a JOIN conversations c ON c.id = a.conversation_id AND c.chatbot_id = ${chatbotId}
                 WHERE a.chatbot_id = ${chatbotId} AND a.kind = 'flag' AND ${inList(sql.raw("a.label"), labels)} AND a.created_at >= ${r.from} AND a.created_at < ${r.to}
                   AND c.client_organization_id IS NULL AND c.client_user_id IS NOT NULL`,
    ),
  ];
  return unionAll(parts);
}

/**
 * The two sides of a per-label count (label-counts.ts) for one kind over the period: `annotations`, rows
 * (at, label, annotations) of the annotations analysed in it; `firstSeen`, rows (at, label, conversations) of
 * the conversations whose label first appeared in it (`rollup_conversation_labels`). Narrowed by a report
 * widget's one filter (`scope.segment`), both read that segment's rollups; by several, the raw rows of the subset.
 */
export function labelFacts(chatbotId: string, kind: LabelKind, period: Period, cuts: readonly number[], scope: Scope = {}): { annotations: SQL; firstSeen: SQL } {
  // Assistant behaviours have no segment rollups (no report widget filters them): raw, as several filters are.
  const segment = kind === "behaviour" ? undefined : scope.segment;
  if (!scope.annotations || !scope.labels || segment) {
    const split = splitByHour(period, cuts);
    const firstSeen = [
      ...(segment
        ? rolledUp("rollup_segment_label_first_hours", sql`label, conversations`, sql`chatbot_id = ${chatbotId} AND segment = ${segment.name} AND kind = ${kind}`, split, cuts, "day")
        : rolledUp("rollup_label_first_hours", sql`label, conversations`, sql`chatbot_id = ${chatbotId} AND kind = ${kind}`, split, cuts, "day")),
      ...split.raw.map(
        (r) => sql`SELECT first_at AS at, label, 1 AS conversations FROM rollup_conversation_labels
                   WHERE chatbot_id = ${chatbotId} AND kind = ${kind} AND first_at >= ${r.from} AND first_at < ${r.to}${inSegment("rollup_conversation_labels.conversation_id", segment)}`,
      ),
    ];
    return { annotations: annotationFacts(chatbotId, kind, period, cuts, undefined, segment), firstSeen: sql`(${unionAll(firstSeen)})` };
  }
  return {
    annotations: sql`(SELECT created_at AS at, label, 1 AS annotations FROM annotations
      WHERE chatbot_id = ${chatbotId} AND kind = ${kind} AND created_at >= ${period.from} AND created_at < ${period.to}
        ${kind === "intent" ? sql`AND status = 'accepted'` : sql``} AND ${scope.annotations})`,
    firstSeen: sql`(SELECT first_at AS at, label, 1 AS conversations FROM rollup_conversation_labels
      WHERE chatbot_id = ${chatbotId} AND kind = ${kind} AND first_at >= ${period.from} AND first_at < ${period.to} AND ${scope.labels})`,
  };
}
