/**
 * Reading a period from the rollups (worker/analytics/rollups.ts): whole hours from the hourly tables, the
 * partial hours at the period's edges (and at a cut inside it, where a current period meets its previous
 * one) from the raw rows. Each function returns one subquery whose rows have the same columns either way,
 * so the endpoints aggregate them with one SUM without knowing where a row came from. A rollup row's `at`
 * is the start of its hour, inside the same period as every raw row of that hour.
 */
import { sql, type SQL } from "drizzle-orm";
import { HOUR_MS, splitByHour, type HourSplit, type LabelKind } from "./rollups";
import type { Period } from "./params";
import type { Scope, Segment } from "./scope";

/** 275,760 years after 1970 (the largest JavaScript date), a whole number of hours: a period with no end. */
export const END_OF_TIME = 8_640_000_000_000_000;

const hours = (split: HourSplit): SQL => {
  const range = sql`hour >= ${split.rollup.from} AND hour < ${split.rollup.to}`;
  return split.exclude.length ? sql`${range} AND hour NOT IN (${sql.join(split.exclude.map((h) => sql`${h}`), sql`, `)})` : range;
};

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
 * Conversations created in the period by one dimension: rows (at, value, conversations, messages).
 * Resolution rows only for judged conversations; language "" for none yet. `segment`: those of one segment only.
 */
export function conversationFacts(chatbotId: string, period: Period, dimension: ConversationDimension, cuts: readonly number[] = [], segment?: Segment): SQL {
  const split = splitByHour(period, cuts);
  const parts = [
    segment
      ? sql`SELECT hour * ${sql.raw(String(HOUR_MS))} AS at, value, conversations, messages FROM rollup_segment_conversation_hours
            WHERE chatbot_id = ${chatbotId} AND segment = ${segment.name} AND dimension = ${dimension} AND ${hours(split)}`
      : sql`SELECT hour * ${sql.raw(String(HOUR_MS))} AS at, value, conversations, messages FROM rollup_conversation_hours
            WHERE chatbot_id = ${chatbotId} AND dimension = ${dimension} AND ${hours(split)}`,
    ...split.raw.map(
      (r) => sql`SELECT created_at AS at, ${RAW_VALUE[dimension]} AS value, 1 AS conversations, message_count AS messages FROM conversations
                 WHERE chatbot_id = ${chatbotId} AND created_at >= ${r.from} AND created_at < ${r.to}${dimension === "resolution" ? sql` AND resolution IS NOT NULL` : sql``}${segment ? sql` AND ${segment.members}` : sql``}`,
    ),
  ];
  return sql`(${sql.join(parts, sql` UNION ALL `)})`;
}

/**
 * Annotations of one kind analysed in the period (intents: accepted ones only): rows (at, label, severity,
 * annotations, scored, score_sum), severity "" for none. `segment`: those of one segment's conversations only
 * (severity always "": the segment rollups do not keep it).
 */
export function annotationFacts(
  chatbotId: string,
  kind: "sentiment" | "flag" | "intent" | "topic" | "behaviour",
  period: Period,
  cuts: readonly number[] = [],
  labels?: readonly string[],
  segment?: Segment,
): SQL {
  const split = splitByHour(period, cuts);
  const labelIn = labels ? sql` AND ${inList(sql.raw("label"), labels)}` : sql``;
  const parts = [
    segment
      ? sql`SELECT hour * ${sql.raw(String(HOUR_MS))} AS at, label, '' AS severity, annotations, scored, score_sum FROM rollup_segment_annotation_hours
            WHERE chatbot_id = ${chatbotId} AND segment = ${segment.name} AND kind = ${kind} AND ${hours(split)}${labelIn}`
      : sql`SELECT hour * ${sql.raw(String(HOUR_MS))} AS at, label, severity, annotations, scored, score_sum FROM rollup_annotation_hours
            WHERE chatbot_id = ${chatbotId} AND kind = ${kind} AND ${hours(split)}${labelIn}`,
    ...split.raw.map(
      (r) => sql`SELECT created_at AS at, label, ${segment ? sql`''` : sql`coalesce(severity, '')`} AS severity, 1 AS annotations, score IS NOT NULL AS scored, coalesce(score, 0) AS score_sum
                 FROM annotations WHERE chatbot_id = ${chatbotId} AND kind = ${kind} AND created_at >= ${r.from} AND created_at < ${r.to}${labelIn}${kind === "intent" ? sql` AND status = 'accepted'` : sql``}${inSegment("annotations.conversation_id", segment)}`,
    ),
  ];
  return sql`(${sql.join(parts, sql` UNION ALL `)})`;
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
  return sql`(${inRollup} OR o.id IN (${sql.join(raw, sql` UNION ALL `)}))`;
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
  return sql`(SELECT DISTINCT kind, owner_id FROM (${sql.join(parts, sql` UNION ALL `)}))`;
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
  return sql.join(parts, sql` UNION ALL `);
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
      segment
        ? sql`SELECT hour * ${sql.raw(String(HOUR_MS))} AS at, label, conversations FROM rollup_segment_label_first_hours
              WHERE chatbot_id = ${chatbotId} AND segment = ${segment.name} AND kind = ${kind} AND ${hours(split)}`
        : sql`SELECT hour * ${sql.raw(String(HOUR_MS))} AS at, label, conversations FROM rollup_label_first_hours
              WHERE chatbot_id = ${chatbotId} AND kind = ${kind} AND ${hours(split)}`,
      ...split.raw.map(
        (r) => sql`SELECT first_at AS at, label, 1 AS conversations FROM rollup_conversation_labels
                   WHERE chatbot_id = ${chatbotId} AND kind = ${kind} AND first_at >= ${r.from} AND first_at < ${r.to}${inSegment("rollup_conversation_labels.conversation_id", segment)}`,
      ),
    ];
    return { annotations: annotationFacts(chatbotId, kind, period, cuts, undefined, segment), firstSeen: sql`(${sql.join(firstSeen, sql` UNION ALL `)})` };
  }
  return {
    annotations: sql`(SELECT created_at AS at, label, 1 AS annotations FROM annotations
      WHERE chatbot_id = ${chatbotId} AND kind = ${kind} AND created_at >= ${period.from} AND created_at < ${period.to}
        ${kind === "intent" ? sql`AND status = 'accepted'` : sql``} AND ${scope.annotations})`,
    firstSeen: sql`(SELECT first_at AS at, label, 1 AS conversations FROM rollup_conversation_labels
      WHERE chatbot_id = ${chatbotId} AND kind = ${kind} AND first_at >= ${period.from} AND first_at < ${period.to} AND ${scope.labels})`,
  };
}
