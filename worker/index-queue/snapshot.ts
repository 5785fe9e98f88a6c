/**
 * A conversation's index snapshot: what its Durable Object hands to the index queue, and what the queue's
 * consumer writes to D1 (worker/services/conversation-index.ts), many conversations per D1 batch.
 *
 * It carries the conversation row (with its version: the index keeps the highest it was sent), the client
 * user and organization it names, analyses not yet in D1 (each with the time it was made, so an older one
 * never replaces a newer one) and messages for the full-text index. A Queue message holds at most 128 KB,
 * so a snapshot takes analyses and messages only up to INDEX_MESSAGE_BUDGET bytes; the rest follow in the
 * conversation's next snapshot, a moment later.
 */
import { z } from "zod";
import {
  averageSentiment,
  mainLanguage,
  noAttentionFacts,
  type AttentionFacts,
  type ConversationState,
  type StoredAnalysis,
} from "../../durable-objects/conversation-store";
import type { StoredMessage } from "../../durable-objects/protocol";
import { isSearchable } from "../search/feed";

/** Bytes of JSON one snapshot may take: below the Queue's 128 KB per message, with room for its envelope. */
export const INDEX_MESSAGE_BUDGET = 100 * 1024;
/** A message's text longer than this (in JSON) is cut for the search index rather than never indexed. */
const MAX_SEARCH_TEXT_BYTES = 60 * 1024;

const nullableText = z.string().nullable();
const nullableNumber = z.number().nullable();

const annotationRow = z.object({
  kind: z.enum(["sentiment", "flag", "intent", "topic", "behaviour", "resolution"]),
  label: z.string(),
  score: nullableNumber,
  confidence: nullableNumber,
  severity: nullableText,
  reason: nullableText,
  chunk: nullableText,
  status: z.enum(["accepted", "pending"]),
});
export type AnnotationRow = z.infer<typeof annotationRow>;

const snapshotAnalysis = z.object({
  seq: z.number().int().positive(),
  messageId: z.string(),
  analysedAt: z.number(),
  analyzer: z.string(),
  analyzerVersion: z.string(),
  rows: z.array(annotationRow),
});
export type SnapshotAnalysis = z.infer<typeof snapshotAnalysis>;

const snapshotMessage = z.object({ seq: z.number().int().positive(), id: z.string(), role: z.string(), content: z.string(), at: z.number() });
export type SnapshotMessage = z.infer<typeof snapshotMessage>;

const clientUser = z.object({
  id: z.string(),
  name: nullableText,
  email: nullableText,
  plan: nullableText,
  industry: nullableText,
  mrr: nullableNumber,
  signedUpAt: nullableNumber,
});
const clientOrganization = z.object({ id: z.string(), name: nullableText, plan: nullableText, industry: nullableText, mrr: nullableNumber });

export const indexSnapshot = z.object({
  conversationId: z.string().min(1),
  organizationId: z.string().min(1),
  chatbotId: z.string().min(1),
  externalId: z.string().min(1),
  version: z.number().int().nonnegative(),
  /** When the user/organization context was stated: newer statements win in D1. */
  contextAt: z.number(),
  user: clientUser.nullable(),
  organization: clientOrganization.nullable(),
  row: z.object({
    status: z.enum(["open", "ended"]),
    sessionId: nullableText,
    pageUrl: nullableText,
    referrer: nullableText,
    device: nullableText,
    country: nullableText,
    city: nullableText,
    continent: nullableText,
    timezone: nullableText,
    custom: nullableText,
    createdAt: z.number(),
    firstMessageAt: nullableNumber,
    lastMessageAt: nullableNumber,
    endedAt: nullableNumber,
    messageCount: z.number().int(),
    userMessageCount: z.number().int(),
    sentimentAvg: nullableNumber,
    resolution: nullableText,
    flags: z.array(z.string()),
    behaviours: z.array(z.string()),
    language: nullableText,
    // What the attention queue ranks and shows (durable-objects/conversation-store.ts, attentionFacts). Absent
    // from snapshots queued by an earlier version: read as null until the conversation's next flush.
    lastUserMessage: nullableText.default(null),
    lastUserMessageAt: nullableNumber.default(null),
    awaitingReplySince: nullableNumber.default(null),
    sentimentCurrent: nullableNumber.default(null),
    sentimentTrend: nullableNumber.default(null),
  }),
  /** The conversation's resolution annotation, or null (none, or reopened since). */
  resolution: z.object({ label: z.string(), reason: z.string(), analyzer: z.string(), analyzerVersion: z.string() }).nullable(),
  analyses: z.array(snapshotAnalysis),
  messages: z.array(snapshotMessage),
});
export type IndexSnapshot = z.infer<typeof indexSnapshot>;

const utf8 = new TextEncoder();
const bytes = (value: unknown) => utf8.encode(JSON.stringify(value)).length;

/** One row per finding: the sentiment, each flag, the intent, each topic, each behaviour. */
export function annotationRows({ analysis: a }: Pick<StoredAnalysis, "analysis">): AnnotationRow[] {
  const row = (r: Pick<AnnotationRow, "kind" | "label"> & Partial<AnnotationRow>): AnnotationRow => ({
    score: null,
    confidence: null,
    severity: null,
    reason: null,
    chunk: null,
    status: "accepted",
    ...r,
  });
  const rows: AnnotationRow[] = [];
  if (a.sentiment) rows.push(row({ kind: "sentiment", label: a.sentiment.label, score: a.sentiment.score, reason: a.sentiment.reason, chunk: a.sentiment.chunk }));
  for (const f of a.flags) rows.push(row({ kind: "flag", label: f.slug, confidence: f.confidence, severity: f.severity ?? null, reason: f.reason, chunk: f.chunk ?? null }));
  if (a.intent) {
    // A pending intent's chunk is its message: the example a suggestion shows.
    const i = a.intent;
    rows.push(row({ kind: "intent", label: i.slug, confidence: i.confidence, reason: i.reason, chunk: i.chunk ?? null, status: i.pending ? "pending" : "accepted" }));
  }
  for (const t of a.topics) rows.push(row({ kind: "topic", label: t.slug, confidence: t.confidence, reason: t.reason }));
  for (const b of a.behaviours) rows.push(row({ kind: "behaviour", label: b.slug, confidence: b.confidence, severity: b.severity ?? null, reason: b.reason, chunk: b.chunk ?? null }));
  return rows;
}

/**
 * The snapshot's fixed part: the conversation row (with `facts`, read from the messages when the snapshot
 * is built), its user and organization, its resolution.
 */
export function conversationSnapshot(s: ConversationState, facts: AttentionFacts = noAttentionFacts()): IndexSnapshot {
  const u = s.user;
  const o = s.organization;
  const agg = s.aggregates;
  const r = agg.resolution;
  return {
    conversationId: s.conversationId,
    organizationId: s.organizationId,
    chatbotId: s.chatbotId,
    externalId: s.externalId,
    version: s.version,
    contextAt: s.contextAt ?? s.createdAt,
    user: u
      ? { id: u.id, name: u.name ?? null, email: u.email ?? null, plan: u.plan ?? null, industry: u.industry ?? null, mrr: u.mrr ?? null, signedUpAt: u.createdAt ?? null }
      : null,
    organization: o ? { id: o.id, name: o.name ?? null, plan: o.plan ?? null, industry: o.industry ?? null, mrr: o.mrr ?? null } : null,
    row: {
      status: s.status,
      sessionId: s.session.id ?? null,
      pageUrl: s.session.pageUrl ?? null,
      referrer: s.session.referrer ?? null,
      device: s.session.device ?? null,
      country: s.session.country ?? null,
      city: s.session.city ?? null,
      continent: s.session.continent ?? null,
      timezone: s.session.timezone ?? null,
      custom: Object.keys(s.custom).length ? JSON.stringify(s.custom) : null,
      createdAt: s.createdAt,
      firstMessageAt: s.firstMessageAt,
      lastMessageAt: s.lastMessageAt,
      endedAt: s.endedAt,
      messageCount: s.messageCount,
      userMessageCount: s.userMessageCount,
      sentimentAvg: averageSentiment(agg),
      resolution: r?.resolution ?? null,
      flags: agg.flags,
      behaviours: agg.behaviours,
      language: mainLanguage(agg),
      ...facts,
    },
    resolution: r ? { label: r.resolution, reason: r.reason, analyzer: r.analyzer, analyzerVersion: r.analyzerVersion } : null,
    analyses: [],
    messages: [],
  };
}

function analysisEntry(a: StoredAnalysis): SnapshotAnalysis {
  return { seq: a.seq, messageId: a.messageId, analysedAt: a.analysedAt, analyzer: a.analyzer, analyzerVersion: a.analyzerVersion, rows: annotationRows(a) };
}

function messageEntry(m: StoredMessage): SnapshotMessage {
  return { seq: m.seq, id: m.id, role: m.role, content: m.content, at: m.receivedAt };
}

/** The whole snapshot of `s` with every analysis and searchable message given, whatever its size (tests, tools). */
export function indexSnapshotOf(
  s: ConversationState,
  analyses: readonly StoredAnalysis[] = [],
  messages: readonly StoredMessage[] = [],
  facts: AttentionFacts = noAttentionFacts(),
): IndexSnapshot {
  return { ...conversationSnapshot(s, facts), analyses: analyses.map(analysisEntry), messages: messages.filter(isSearchable).map(messageEntry) };
}

export interface BuiltSnapshot<A> {
  snapshot: IndexSnapshot;
  /** The analyses given that the snapshot carries (a prefix): only these may be marked flushed. */
  analyses: A[];
  /** The seq up to which the messages given were considered (a prefix; null when none was). */
  searchedThrough: number | null;
}

/**
 * The snapshot of `s` with as many of `analyses` and `messages` (both oldest first) as fit in
 * INDEX_MESSAGE_BUDGET bytes: at least the conversation row, always.
 */
export function buildSnapshot<A extends { analysis: StoredAnalysis }>(
  s: ConversationState,
  analyses: readonly A[],
  messages: readonly StoredMessage[],
  facts: AttentionFacts,
): BuiltSnapshot<A> {
  const snapshot = conversationSnapshot(s, facts);
  let size = bytes(snapshot);
  const taken: A[] = [];
  for (const item of analyses) {
    const a = item.analysis;
    const entry = analysisEntry(a);
    let n = bytes(entry) + 1;
    if (size + n > INDEX_MESSAGE_BUDGET && !taken.length) {
      // One analysis too large on its own (chunks quoting a long message several times): its quotes are
      // cut, so the flush moves on instead of stalling on it.
      entry.rows = entry.rows.map((r) => ({ ...r, chunk: r.chunk?.slice(0, 1024) ?? null, reason: r.reason?.slice(0, 1024) ?? null }));
      n = bytes(entry) + 1;
    }
    if (size + n > INDEX_MESSAGE_BUDGET) break;
    snapshot.analyses.push(entry);
    taken.push(item);
    size += n;
  }
  let searchedThrough: number | null = null;
  for (const m of messages) {
    if (isSearchable(m)) {
      const entry = messageEntry(m);
      let n = bytes(entry) + 1;
      if (n > MAX_SEARCH_TEXT_BYTES) {
        // Only text full of characters JSON escapes gets here (content is at most 32 KB): cut rather than stall the flush.
        entry.content = entry.content.slice(0, Math.floor(entry.content.length * (MAX_SEARCH_TEXT_BYTES / n) * 0.9));
        n = bytes(entry) + 1;
      }
      if (size + n > INDEX_MESSAGE_BUDGET) break;
      snapshot.messages.push(entry);
      size += n;
    }
    searchedThrough = m.seq;
  }
  return { snapshot, analyses: taken, searchedThrough };
}
