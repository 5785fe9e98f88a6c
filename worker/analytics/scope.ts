/**
 * A subset of a chatbot's conversations (a report widget's filters: plan, country, language, sentiment
 * label) as conditions the analytics functions add to their own queries: on the conversations table
 * directly, and on annotations through their conversation. No filters, no conditions: the queries stay
 * exactly the unfiltered ones. One filter is one segment (rollups.ts), whose hours the figures read instead
 * of the subset's raw rows; several filters together read the raw rows.
 */
import { and, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { annotations, conversations, rollupConversationLabels } from "../db/schema";
import { conversationFilters, type ConversationsTableQuery } from "./conversations-table";

export interface Scope {
  /** A condition on `conversations` rows. */
  conversations?: SQL;
  /** A condition on `annotations` rows: their conversation is in the subset. */
  annotations?: SQL;
  /** The same on `rollup_conversation_labels` rows (label-counts.ts). */
  labels?: SQL;
  /** The subset is one segment: its name, as the segment rollups key it (migration 0020's view). */
  segment?: SQL;
}

export type ScopeFilters = Pick<Partial<ConversationsTableQuery>, "plan" | "country" | "language" | "label">;

/** The segment of a single filter, named as `conversation_segments` names it (plans in lower case, as SQLite folds them). */
function segmentOf(filters: ScopeFilters): SQL | undefined {
  const set = (["plan", "country", "language", "label"] as const).filter((f) => filters[f]);
  if (set.length !== 1) return undefined;
  if (filters.plan) return sql`'plan:' || lower(${filters.plan})`;
  const [filter] = set as [keyof ScopeFilters];
  return sql`${`${filter}:${filters[filter]}`}`;
}

export function conversationScope(db: Db, chatbotId: string, filters: ScopeFilters): Scope {
  if (!filters.plan && !filters.country && !filters.language && !filters.label) return {};
  const inSubset = and(...conversationFilters(db, chatbotId, filters));
  const ids = db.select({ id: conversations.id }).from(conversations).where(inSubset);
  return {
    conversations: inSubset,
    annotations: inArray(annotations.conversationId, ids),
    labels: inArray(rollupConversationLabels.conversationId, ids),
    segment: segmentOf(filters),
  };
}
