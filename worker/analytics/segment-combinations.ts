/**
 * Filter combinations as segments (migration 0023): a report widget filtered on two or more of plan, country,
 * language and label reads its combination's rollups, as a widget with one filter reads that filter's, once
 * the combination is registered. Saving or deleting a report registers the combinations the chatbot's reports
 * use and drops those they no longer do; registering one back-fills its rollups from the raw rows in the same
 * transaction, and from then on the triggers count every write into it as into any segment. Each costs the
 * chatbot's writes a little (a conversation's figures, annotations and labels are counted once more for each
 * combination it matches), so a chatbot keeps at most `MAX_COMBINATIONS`; a widget whose combination is not
 * registered reads the raw rows of its subset.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { segmentCombinations } from "../db/schema";
import { SEGMENT_ROLLUP_TABLES, segmentRollupInserts } from "./rollups";
import type { ScopeFilters } from "./scope";

export const MAX_COMBINATIONS = 20;

/** A report widget's filters, in the order a combination's name lists them. */
export const SEGMENT_FILTERS = ["plan", "country", "language", "label"] as const;

/** SQLite's `lower()`, which folds ASCII letters only: the triggers compare plans with it. */
const sqliteLower = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

/**
 * The segment of two or more filters as the rollups name it (`plan:pro&country:DE`, the filters present in the
 * order plan, country, language, label), and the values the triggers match; undefined for fewer than two.
 */
export function combinationOf(filters: ScopeFilters) {
  const values = { plan: filters.plan ? sqliteLower(filters.plan) : null, country: filters.country ?? null, language: filters.language ?? null, label: filters.label ?? null };
  const parts = SEGMENT_FILTERS.flatMap((k) => (values[k] ? [`${k}:${values[k]}`] : []));
  return parts.length < 2 ? undefined : { segment: parts.join("&"), ...values };
}

/** The combinations a chatbot has registered, by segment name. */
export async function registeredCombinations(db: Db, chatbotId: string): Promise<Set<string>> {
  const rows = await db.select({ segment: segmentCombinations.segment }).from(segmentCombinations).where(eq(segmentCombinations.chatbotId, chatbotId));
  return new Set(rows.map((r) => r.segment));
}

/**
 * Makes the chatbot's registered combinations those among `filterSets` (every widget of every report it has):
 * a combination no report uses any more is dropped with its rollup rows (it would cost every write and serve
 * no read), and each new one is registered with its back-fill in one batch — one transaction, so no write lands
 * between the two to be counted twice or not at all; a combination another request registered meanwhile fails
 * its insert and is skipped. Up to `MAX_COMBINATIONS`; the rest read raw rows.
 */
export async function syncCombinations(db: Db, chatbotId: string, filterSets: readonly ScopeFilters[], now = Date.now()): Promise<void> {
  const wanted = new Map(filterSets.flatMap((f) => {
    const c = combinationOf(f);
    return c ? [[c.segment, c] as const] : [];
  }));
  const have = await registeredCombinations(db, chatbotId);
  const d1 = db.$client;
  for (const segment of have) {
    if (wanted.has(segment)) continue;
    await d1.batch([
      d1.prepare("DELETE FROM segment_combinations WHERE chatbot_id = ?1 AND segment = ?2").bind(chatbotId, segment),
      ...SEGMENT_ROLLUP_TABLES.map((table) => d1.prepare(`DELETE FROM ${table} WHERE chatbot_id = ?1 AND segment = ?2`).bind(chatbotId, segment)),
    ]);
    have.delete(segment);
  }
  let room = MAX_COMBINATIONS - have.size;
  for (const c of wanted.values()) {
    if (have.has(c.segment)) continue;
    if (room-- <= 0) return;
    // Its conversations found once (a pass over the chatbot's), listed for the four inserts, the list emptied.
    const backFill = [
      "INSERT INTO segment_backfill (conversation_id) SELECT conversation_id FROM conversation_combinations WHERE chatbot_id = ?1 AND segment = ?2",
      ...segmentRollupInserts("(SELECT conversation_id, ?1 AS chatbot_id, ?2 AS segment FROM segment_backfill)"),
    ];
    try {
      await d1.batch([
        d1.prepare("INSERT INTO segment_combinations (chatbot_id, segment, plan, country, language, label, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
          .bind(chatbotId, c.segment, c.plan, c.country, c.language, c.label, now),
        ...backFill.map((sql) => d1.prepare(sql).bind(chatbotId, c.segment)),
        d1.prepare("DELETE FROM segment_backfill"),
      ]);
    } catch (error) {
      if (!/UNIQUE constraint failed/.test(String(error))) throw error;
    }
  }
}
