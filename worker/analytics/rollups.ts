/**
 * Rollups: the analytics endpoints' summaries of the raw index rows (tables `rollup_*`, worker/db/schema.ts).
 *
 * Hourly UTC buckets per chatbot (quarter-hours for messages):
 * - `rollup_conversation_hours` — conversations created in the hour (and their messages), in total and by
 *   resolution, sentiment band and main language;
 * - `rollup_annotation_hours` — annotations analysed in the hour by kind, label and severity, with the sum
 *   and count of their scores (resolution annotations and intents not accepted are left out: no endpoint
 *   counts them by analysis time);
 * - `rollup_organization_flag_hours` — flags raised in the hour per client organization, and
 *   `rollup_user_flag_hours` the same per client user for conversations without an organization (revenue
 *   signals and MRR at risk count each owner once per period);
 * - `rollup_conversation_labels` — per conversation and label (flags, topics, behaviours, accepted intents),
 *   when it first appeared, and `rollup_label_first_hours` counting those by that hour: distinct
 *   conversations per label, each conversation in the period where it first raised the label;
 * - `rollup_message_quarters` — messages by the UTC quarter-hour they arrived (as the search index receives
 *   them): "messages today" from any zone's midnight (today.ts).
 * All time, per owner: `rollup_client_users` / `rollup_client_organizations` — conversations, scored
 * conversations and the sum of their average sentiments, last activity.
 * Per segment — one value of one report-widget filter (`plan:pro`, `country:DE`, `language:fr`,
 * `label:negative`; the view `conversation_segments` names a conversation's, migration 0020) — the same hours:
 * `rollup_segment_conversation_hours` (every dimension above), `rollup_segment_annotation_hours` (sentiments,
 * flags, topics and accepted intents, without severity) and `rollup_segment_label_first_hours` (flags, topics,
 * intents), and `rollup_segment_owner_flag_hours`, flags per owner (the conversation's organization, else its
 * user: MRR at risk; migration 0021). A conversation changing segment (its sentiment label, language, country
 * or owner, or its owner's plan) takes its figures, annotations, labels and flags with it, so a segment's hours
 * always equal the figures of the conversations in it now — what the raw filter would count.
 * Per UTC day: `rollup_conversation_days`, `rollup_annotation_days`, `rollup_label_first_days` and the three
 * segment tables' `_days` — each row the sum of its day's hour rows, kept so by triggers on the hourly table
 * (migration 0022) — so a range of weeks reads its whole days there and hours only around them (`splitByDay`).
 *
 * How they stay exact: SQLite triggers (migrations 0012_rollups, 0015, 0016, 0017, 0019, 0020, 0021 and 0022) apply every insert, update and
 * delete of a conversation, annotation or search message (for the label hours, of a conversation's label row;
 * for the segments, of a client user or organization, whose plan is its conversations') to the rollups in the same statement's transaction — subtract what the old row contributed, add what
 * the new one does. So whoever writes the index (the index
 * queue's consumer, many conversations' snapshots per batch: worker/index-queue/) keeps
 * them right without doing anything: a snapshot the version guard rejects changes no row and so no rollup,
 * a redelivered one rewrites the same rows, a late update to an earlier hour moves that hour's counts.
 * The cost is a few small upserts per row written, inside the writer's own transaction (no extra D1
 * round trip), independent of how much history a bucket holds — as long as every trigger statement finds its
 * rollup rows by their whole key: a condition SQLite cannot turn into key lookups (an OR over dimensions, a
 * column that is not a key prefix) reads every rollup row of the chatbot instead (0019 fixed four such). One rule for writers: never rely on
 * `INSERT OR REPLACE` to replace a row — SQLite deletes the old row without firing delete triggers
 * (unless recursive triggers are on, which they are not by default), so the old row would stay counted;
 * delete first (as the index writer does) or upsert with ON CONFLICT DO UPDATE.
 *
 * `rebuildRollups` recomputes a chatbot's rollups from the raw rows (GROUP BY over them): the same
 * figures as the migration's back-fill, for a repair or to check the triggers (test/integration/rollups.test.ts).
 */
import { DAY_MS, type Period } from "./params";

export const HOUR_MS = 3_600_000;
/** The messages rollup's bucket: every time zone's midnight falls on one. */
export const QUARTER_MS = 900_000;

/** The kinds counted per conversation and label (intents too, accepted ones only): see `labelFacts`. */
export const LABEL_KINDS = ["flag", "topic", "behaviour", "intent"] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];

const band = (column: string) =>
  `CASE WHEN ${column} IS NULL THEN 'unscored' WHEN ${column} > 0.2 THEN 'satisfied' WHEN ${column} < -0.2 THEN 'dissatisfied' ELSE 'neutral' END`;

/** The tables holding a segment's rows: the hourly ones first, whose deletes count out of the daily ones after. */
export const SEGMENT_ROLLUP_TABLES = [
  "rollup_segment_conversation_hours",
  "rollup_segment_annotation_hours",
  "rollup_segment_label_first_hours",
  "rollup_segment_owner_flag_hours",
  "rollup_segment_conversation_days",
  "rollup_segment_annotation_days",
  "rollup_segment_label_first_days",
] as const;

/**
 * Inserts counting into the four segment rollups every conversation of `source` — a subquery of
 * (conversation_id, chatbot_id, segment) rows of the view `conversation_segments` — with its annotations,
 * labels and flags: the rebuild's (every segment of a chatbot) and a new filter combination's back-fill (one).
 * CROSS JOIN keeps the planner from reordering: the source's conversations drive, each joined by its key.
 */
export const segmentRollupInserts = (source: string): string[] => [
  `INSERT INTO rollup_segment_conversation_hours (chatbot_id, segment, dimension, hour, value, conversations, messages)
   SELECT s.chatbot_id, s.segment, d.dimension, c.created_at / ${HOUR_MS},
     CASE d.dimension WHEN 'all' THEN '' WHEN 'band' THEN ${band("c.sentiment_avg")} WHEN 'language' THEN coalesce(c.language, '') ELSE c.resolution END,
     count(*), sum(c.message_count)
   FROM ${source} AS s CROSS JOIN conversations AS c ON c.id = s.conversation_id
     CROSS JOIN (SELECT 'all' AS dimension UNION ALL SELECT 'band' UNION ALL SELECT 'language' UNION ALL SELECT 'resolution') AS d
   WHERE (d.dimension != 'resolution' OR c.resolution IS NOT NULL) GROUP BY 1, 2, 3, 4, 5`,
  `INSERT INTO rollup_segment_annotation_hours (chatbot_id, segment, kind, hour, label, annotations, scored, score_sum)
   SELECT s.chatbot_id, s.segment, a.kind, a.created_at / ${HOUR_MS}, a.label, count(*), count(a.score), coalesce(sum(a.score), 0)
   FROM ${source} AS s CROSS JOIN annotations AS a ON a.conversation_id = s.conversation_id
   WHERE (a.kind IN ('sentiment', 'flag', 'topic') OR (a.kind = 'intent' AND a.status = 'accepted')) GROUP BY 1, 2, 3, 4, 5`,
  `INSERT INTO rollup_segment_label_first_hours (chatbot_id, segment, kind, hour, label, conversations)
   SELECT s.chatbot_id, s.segment, l.kind, l.first_at / ${HOUR_MS}, l.label, count(*)
   FROM ${source} AS s CROSS JOIN rollup_conversation_labels AS l ON l.conversation_id = s.conversation_id
   WHERE l.kind IN ('flag', 'topic', 'intent') GROUP BY 1, 2, 3, 4, 5`,
  `INSERT INTO rollup_segment_owner_flag_hours (chatbot_id, segment, label, hour, owner_kind, owner_id, annotations)
   SELECT s.chatbot_id, s.segment, a.label, a.created_at / ${HOUR_MS}, CASE WHEN c.client_organization_id IS NOT NULL THEN 'organization' ELSE 'user' END,
     coalesce(c.client_organization_id, c.client_user_id), count(*)
   FROM ${source} AS s CROSS JOIN conversations AS c ON c.id = s.conversation_id CROSS JOIN annotations AS a ON a.conversation_id = c.id
   WHERE a.kind = 'flag' AND coalesce(c.client_organization_id, c.client_user_id) IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6`,
];

/** The statements of a rebuild, `?1` the chatbot: clear, then GROUP BY the raw rows. */
const REBUILD = [
  "DELETE FROM rollup_conversation_hours WHERE chatbot_id = ?1",
  "DELETE FROM rollup_annotation_hours WHERE chatbot_id = ?1",
  "DELETE FROM rollup_organization_flag_hours WHERE chatbot_id = ?1",
  "DELETE FROM rollup_user_flag_hours WHERE chatbot_id = ?1",
  "DELETE FROM rollup_message_quarters WHERE chatbot_id = ?1",
  "DELETE FROM rollup_client_users WHERE chatbot_id = ?1",
  "DELETE FROM rollup_client_organizations WHERE chatbot_id = ?1",
  "DELETE FROM rollup_conversation_labels WHERE chatbot_id = ?1",
  // Each daily table after its hourly one, whose deletes its triggers have just counted out; the inserts below
  // count the days back in.
  "DELETE FROM rollup_conversation_days WHERE chatbot_id = ?1",
  "DELETE FROM rollup_annotation_days WHERE chatbot_id = ?1",
  `INSERT INTO rollup_conversation_hours (chatbot_id, dimension, hour, value, conversations, messages)
   SELECT chatbot_id, dimension, hour, value, count(*), sum(messages) FROM (
     SELECT chatbot_id, 'all' AS dimension, created_at / ${HOUR_MS} AS hour, '' AS value, message_count AS messages FROM conversations WHERE chatbot_id = ?1
     UNION ALL SELECT chatbot_id, 'resolution', created_at / ${HOUR_MS}, resolution, message_count FROM conversations WHERE chatbot_id = ?1 AND resolution IS NOT NULL
     UNION ALL SELECT chatbot_id, 'band', created_at / ${HOUR_MS}, ${band("sentiment_avg")}, message_count FROM conversations WHERE chatbot_id = ?1
     UNION ALL SELECT chatbot_id, 'language', created_at / ${HOUR_MS}, coalesce(language, ''), message_count FROM conversations WHERE chatbot_id = ?1
   ) GROUP BY chatbot_id, dimension, hour, value`,
  `INSERT INTO rollup_annotation_hours (chatbot_id, kind, hour, label, severity, annotations, scored, score_sum)
   SELECT chatbot_id, kind, created_at / ${HOUR_MS}, label, coalesce(severity, ''), count(*), count(score), coalesce(sum(score), 0)
   FROM annotations WHERE chatbot_id = ?1 AND kind != 'resolution' AND (kind != 'intent' OR status = 'accepted')
   GROUP BY chatbot_id, kind, created_at / ${HOUR_MS}, label, coalesce(severity, '')`,
  `INSERT INTO rollup_organization_flag_hours (chatbot_id, label, client_organization_id, hour, annotations)
   SELECT a.chatbot_id, a.label, c.client_organization_id, a.created_at / ${HOUR_MS}, count(*)
   FROM annotations a JOIN conversations c ON c.id = a.conversation_id AND c.chatbot_id = a.chatbot_id
   WHERE a.chatbot_id = ?1 AND a.kind = 'flag' AND c.client_organization_id IS NOT NULL
   GROUP BY a.chatbot_id, a.label, c.client_organization_id, a.created_at / ${HOUR_MS}`,
  `INSERT INTO rollup_user_flag_hours (chatbot_id, label, hour, client_user_id, annotations)
   SELECT a.chatbot_id, a.label, a.created_at / ${HOUR_MS}, c.client_user_id, count(*)
   FROM annotations a JOIN conversations c ON c.id = a.conversation_id AND c.chatbot_id = a.chatbot_id
   WHERE a.chatbot_id = ?1 AND a.kind = 'flag' AND c.client_organization_id IS NULL AND c.client_user_id IS NOT NULL
   GROUP BY a.chatbot_id, a.label, a.created_at / ${HOUR_MS}, c.client_user_id`,
  `INSERT INTO rollup_conversation_labels (conversation_id, kind, label, chatbot_id, first_at, annotations)
   SELECT conversation_id, kind, label, chatbot_id, min(created_at), count(*) FROM annotations
   WHERE chatbot_id = ?1 AND (kind IN ('flag', 'topic', 'behaviour') OR (kind = 'intent' AND status = 'accepted'))
   GROUP BY conversation_id, kind, label`,
  // After the labels: with the triggers in place, their inserts above have counted the hours already.
  "DELETE FROM rollup_label_first_hours WHERE chatbot_id = ?1",
  "DELETE FROM rollup_label_first_days WHERE chatbot_id = ?1",
  `INSERT INTO rollup_label_first_hours (chatbot_id, kind, hour, label, conversations)
   SELECT chatbot_id, kind, first_at / ${HOUR_MS}, label, count(*) FROM rollup_conversation_labels WHERE chatbot_id = ?1
   GROUP BY chatbot_id, kind, first_at / ${HOUR_MS}, label`,
  `INSERT INTO rollup_message_quarters (chatbot_id, quarter, role, messages)
   SELECT chatbot_id, at / ${QUARTER_MS}, role, count(*) FROM search_messages WHERE chatbot_id = ?1 GROUP BY chatbot_id, at / ${QUARTER_MS}, role`,
  ...(["client_user_id", "client_organization_id"] as const).map(
    (key) => `INSERT INTO rollup_${key === "client_user_id" ? "client_users" : "client_organizations"} (${key}, chatbot_id, conversations, scored, sentiment_sum, last_activity)
     SELECT ${key}, chatbot_id, count(*), count(sentiment_avg), coalesce(sum(sentiment_avg), 0), max(coalesce(last_message_at, created_at))
     FROM conversations WHERE chatbot_id = ?1 AND ${key} IS NOT NULL GROUP BY chatbot_id, ${key}`,
  ),
  // Per segment (the view conversation_segments, migration 0020), last: the label inserts above have moved these too.
  ...SEGMENT_ROLLUP_TABLES.map((table) => `DELETE FROM ${table} WHERE chatbot_id = ?1`),
  ...segmentRollupInserts("(SELECT * FROM conversation_segments WHERE chatbot_id = ?1)"),
];

/** Recomputes one chatbot's rollups from its raw rows, in one batch (one transaction). */
export async function rebuildRollups(d1: D1Database, chatbotId: string): Promise<void> {
  await d1.batch(REBUILD.map((s) => d1.prepare(s).bind(chatbotId)));
}

/** The rebuild as SQL text for `wrangler d1 execute` (the benchmarks' seeding), the chatbot inlined. */
export function rebuildRollupsSql(chatbotId: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(chatbotId)) throw new Error(`not a plain id: ${chatbotId}`);
  return REBUILD.map((s) => s.replaceAll("?1", `'${chatbotId}'`) + ";").join("\n");
}

/**
 * How a period splits for reading: whole hours come from rollups, and the hours holding an edge that is
 * not on the hour — the period's ends and any `cuts` inside it (where a current period meets its previous
 * one) — from the raw rows, limited to the period. `rollup` is a half-open range of hour numbers and
 * `exclude` the raw hours inside it; `raw` the millisecond ranges read raw (at most one per edge hour).
 */
export interface HourSplit {
  rollup: { from: number; to: number };
  exclude: number[];
  raw: Period[];
}

export function splitByHour(period: Period, cuts: readonly number[] = []): HourSplit {
  const edges = [period.from, period.to, ...cuts].filter((t) => t >= period.from && t <= period.to && t % HOUR_MS !== 0);
  const rawHours = [...new Set(edges.map((t) => Math.floor(t / HOUR_MS)))].sort((x, y) => x - y);
  const raw = rawHours
    .map((h) => ({ from: Math.max(period.from, h * HOUR_MS), to: Math.min(period.to, (h + 1) * HOUR_MS) }))
    .filter((r) => r.from < r.to);
  const from = Math.ceil(period.from / HOUR_MS);
  const to = Math.floor(period.to / HOUR_MS);
  return { rollup: { from, to: Math.max(from, to) }, exclude: rawHours.filter((h) => h >= from && h < to), raw };
}


/**
 * How a split's whole hours divide further for the tables with a daily copy: whole UTC days from the daily
 * rollups, and from the hourly ones the hours around them and every hour of a day holding a cut (a day row
 * would put its whole day on one side of it). `days` is a half-open range of day numbers; `hours` the
 * half-open hour ranges read hourly, in order, `split.exclude` still read raw.
 */
export interface DaySplit {
  days: { from: number; to: number };
  excludeDays: number[];
  hours: { from: number; to: number }[];
}

export function splitByDay(split: HourSplit, cuts: readonly number[] = []): DaySplit {
  const { from, to } = split.rollup;
  const days = { from: Math.ceil(from / 24), to: Math.max(Math.ceil(from / 24), Math.floor(to / 24)) };
  if (days.from === days.to) return { days, excludeDays: [], hours: from < to ? [{ from, to }] : [] };
  const excludeDays = [...new Set(cuts.filter((t) => t > days.from * DAY_MS && t < days.to * DAY_MS && t % DAY_MS !== 0).map((t) => Math.floor(t / DAY_MS)))].sort((x, y) => x - y);
  const hours: { from: number; to: number }[] = [];
  for (const r of [{ from, to: days.from * 24 }, ...excludeDays.map((d) => ({ from: d * 24, to: d * 24 + 24 })), { from: days.to * 24, to }]) {
    const last = hours.at(-1);
    if (r.from >= r.to) continue;
    if (last && last.to === r.from) last.to = r.to;
    else hours.push({ ...r });
  }
  return { days, excludeDays, hours };
}
