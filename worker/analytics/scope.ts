/**
 * A subset of a chatbot's conversations (a report widget's filters: plan, country, language, sentiment
 * label) as conditions the analytics functions add to their own queries: on the conversations table
 * directly, and on annotations through their conversation. No filters, no conditions: the queries stay
 * exactly the unfiltered ones.
 */
import { and, inArray, type SQL } from "drizzle-orm";
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
}

export type ScopeFilters = Pick<Partial<ConversationsTableQuery>, "plan" | "country" | "language" | "label">;

export function conversationScope(db: Db, chatbotId: string, filters: ScopeFilters): Scope {
  if (!filters.plan && !filters.country && !filters.language && !filters.label) return {};
  const inSubset = and(...conversationFilters(db, chatbotId, filters));
  const ids = db.select({ id: conversations.id }).from(conversations).where(inSubset);
  return {
    conversations: inSubset,
    annotations: inArray(annotations.conversationId, ids),
    labels: inArray(rollupConversationLabels.conversationId, ids),
  };
}
