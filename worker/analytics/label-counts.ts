/**
 * Per label of one kind (flags, topics, assistant behaviours, accepted intents) over a period: how many
 * annotations carry it and in how many conversations it first appeared — the "signals" and "conversations"
 * of the insights, assistant and report figures. Unfiltered, both come from rollups (rollup-reads.ts
 * `labelFacts`), so the cost follows the number of hours and labels, not of conversations; so do they for a
 * report widget with one filter (its segment's rollups), while several filters read the raw rows of the
 * widget's conversations. A conversation counts once, in
 * the period where it first raised the label: one that raised churn risk last week and again today counts
 * last week, and its annotations count in both.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import type { Period } from "./params";
import { labelFacts } from "./rollup-reads";
import type { LabelKind } from "./rollups";
import type { Scope } from "./scope";

export interface LabelCountOptions {
  scope?: Scope;
  /** Where the current period starts inside `period`: before it, the counts are the previous period's. */
  since?: number;
  /** The labels with most annotations in the current period, that many (ties by label); all when absent. */
  limit?: number;
}

export interface LabelCount {
  label: string;
  annotations: number;
  conversations: number;
  previousAnnotations: number;
  previousConversations: number;
}

/**
 * One query (for a `db.batch`) answering rows `{ label, annotations, conversations, previousAnnotations,
 * previousConversations }`, most annotations first, labels seen in either period only.
 */
export function labelCounts(db: Db, chatbotId: string, kind: LabelKind, period: Period, options: LabelCountOptions = {}) {
  const since = options.since ?? period.from;
  const facts = labelFacts(chatbotId, kind, period, options.since === undefined ? [] : [since], options.scope);
  const current = (column: string) => sql.raw(`sum(CASE WHEN at >= ${Number(since)} THEN ${column} ELSE 0 END)`);
  const previous = (column: string) => sql.raw(`sum(CASE WHEN at < ${Number(since)} THEN ${column} ELSE 0 END)`);
  const annotations = sql`(SELECT label, ${current("annotations")} AS current, ${previous("annotations")} AS previous FROM ${facts.annotations} GROUP BY label)`;
  const firstSeen = sql`(SELECT label, ${current("conversations")} AS current, ${previous("conversations")} AS previous FROM ${facts.firstSeen} GROUP BY label)`;
  return db
    .select({
      label: sql<string>`m.label`,
      annotations: sql<number>`m.current`.mapWith(Number),
      conversations: sql<number>`coalesce(f.current, 0)`.mapWith(Number),
      previousAnnotations: sql<number>`m.previous`.mapWith(Number),
      previousConversations: sql<number>`coalesce(f.previous, 0)`.mapWith(Number),
    })
    .from(sql`${annotations} AS m LEFT JOIN ${firstSeen} AS f ON f.label = m.label`)
    // Rollup hours emptied by a re-analysis stay as zeros: a label with nothing left in either period is gone.
    .where(sql`m.current > 0 OR m.previous > 0`)
    .orderBy(sql`m.current DESC`, sql`m.label`)
    .limit(options.limit ?? -1);
}
