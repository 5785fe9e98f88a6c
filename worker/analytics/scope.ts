/**
 * A subset of a chatbot's conversations (a report widget's filters: plan, country, language, sentiment
 * label) as conditions the analytics functions add to their own queries: on the conversations table
 * directly, and on annotations through their conversation. No filters, no conditions: the queries stay
 * exactly the unfiltered ones. One filter is one segment (rollups.ts), whose hours the figures read instead
 * of the subset's raw rows; so are several filters together once their combination is registered
 * (segment-combinations.ts), and until then they read the raw rows.
 */
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { annotations, conversations, rollupConversationLabels } from "../db/schema";
import type { SentimentLabel } from "../analysis/labels";
import { conversationFilters, sentimentLabelIs, type ConversationsTableQuery } from "./conversations-table";
import { combinationOf, SEGMENT_FILTERS } from "./segment-combinations";

export interface Scope {
  /** A condition on `conversations` rows. */
  conversations?: SQL;
  /** A condition on `annotations` rows: their conversation is in the subset. */
  annotations?: SQL;
  /** The same on `rollup_conversation_labels` rows (label-counts.ts). */
  labels?: SQL;
  /** The subset is one segment (a single filter), whose rollups the figures read. */
  segment?: Segment;
}

export interface Segment {
  /** As the segment rollups key it (migration 0020's view `conversation_segments`). */
  name: SQL;
  /** Its conversations, as a condition on `conversations` rows: for the edge hours read raw. */
  members: SQL;
}

/** Whether a scope's figures come from rollups: unscoped, or one segment's; an unregistered combination reads the subset's raw rows. */
export const readsRollups = (scope: Scope): boolean => (!scope.conversations && !scope.annotations) || scope.segment !== undefined;

export type ScopeFilters = Pick<Partial<ConversationsTableQuery>, "plan" | "country" | "language" | "label">;

/**
 * Each filter's members by their own row — the plan looked up by the owners' keys rather than as the lists of
 * the chatbot's organizations and users on it, which cost more to build than an edge hour's rows.
 */
const MEMBERS = {
  plan: (plan: string) =>
    sql`lower(coalesce((SELECT plan FROM client_organizations WHERE id = ${conversations.clientOrganizationId}), (SELECT plan FROM client_users WHERE id = ${conversations.clientUserId}))) = lower(${plan})`,
  country: (country: string) => eq(conversations.country, country),
  language: (language: string) => eq(conversations.language, language),
  label: (label: SentimentLabel) => sentimentLabelIs(label),
};

/**
 * The segment of a single filter, named as `conversation_segments` names it (plans in lower case, as SQLite
 * folds them), or of a registered combination of several; its members by their own rows.
 */
function segmentOf(filters: ScopeFilters, registered: ReadonlySet<string>): Segment | undefined {
  const set = SEGMENT_FILTERS.flatMap((k) => (filters[k] ? [[k, filters[k]] as const] : []));
  const members = and(...set.map(([k, v]) => (k === "label" ? MEMBERS.label(v as SentimentLabel) : MEMBERS[k](v))))!;
  if (set.length === 1) {
    const [k, v] = set[0]!;
    return { name: k === "plan" ? sql`'plan:' || lower(${v})` : sql`${`${k}:${v}`}`, members };
  }
  const combination = combinationOf(filters);
  return combination && registered.has(combination.segment) ? { name: sql`${combination.segment}`, members } : undefined;
}

/** `registered`: the chatbot's registered combinations (segment-combinations.ts), for a scope of several filters. */
export function conversationScope(db: Db, chatbotId: string, filters: ScopeFilters, registered: ReadonlySet<string> = new Set()): Scope {
  if (!filters.plan && !filters.country && !filters.language && !filters.label) return {};
  const inSubset = and(...conversationFilters(db, chatbotId, filters));
  const ids = db.select({ id: conversations.id }).from(conversations).where(inSubset);
  return {
    conversations: inSubset,
    annotations: inArray(annotations.conversationId, ids),
    labels: inArray(rollupConversationLabels.conversationId, ids),
    segment: segmentOf(filters, registered),
  };
}
