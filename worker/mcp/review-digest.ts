/**
 * The review digest: what a person (or an assistant) reviewing a chatbot reads first about one time window.
 * Headline figures with their change against the previous window of equal length, the flags, intents and
 * assistant behaviours that were most common (each with its previous-window count), what frustrated or
 * confused users said most often, and a handful of conversations worth opening, each with why it was chosen.
 *
 * Built from the dashboard's own analytics (overview, insights, assistant), so its figures are the ones the
 * dashboard shows for the same range; only the per-label trends and the picks are queried here. Plain
 * domain function: no MCP or Hono imports.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { assistantPerformance } from "../analytics/assistant";
import { insights } from "../analytics/insights";
import { labelCounts } from "../analytics/label-counts";
import { overview } from "../analytics/overview";
import { checkPeriod, rangeFields, relativeTrend, resolveRange, type Range } from "../analytics/params";
import type { LabelKind } from "../analytics/rollups";
import type { Db } from "../db/client";
import { annotations, conversations } from "../db/schema";

export const reviewDigestQuery = z.object(rangeFields).superRefine(checkPeriod);
export type ReviewDigestQuery = z.infer<typeof reviewDigestQuery>;

export const DIGEST_TOP = 5;
/** Flags whose conversations are picked as representative, most raised first. */
const PICKED_FLAGS = 3;
/** Behaviours that are not a problem; every other one an assistant shows is listed as an issue. */
const NOT_ISSUES = new Set(["helpful", "other"]);

const a = annotations;
const c = conversations;

/** Every label of one kind seen in the window, most seen first, with its trend against the window before. */
async function labelTrends(db: Db, chatbotId: string, kind: LabelKind, range: Range) {
  const rows = await labelCounts(db, chatbotId, kind, { from: range.previous.from, to: range.to }, { since: range.from });
  return rows.filter((r) => r.annotations > 0).map((r) => ({ label: r.label, ...relativeTrend(r.annotations, r.previousAnnotations), conversations: r.conversations }));
}

const pickedColumns = {
  id: c.id,
  externalId: c.externalId,
  status: c.status,
  createdAt: c.createdAt,
  lastMessageAt: c.lastMessageAt,
  messageCount: c.messageCount,
  sentimentAvg: c.sentimentAvg,
  resolution: c.resolution,
  flags: c.flags,
};

/** The conversation created in the window with the lowest average sentiment. */
function mostNegative(db: Db, chatbotId: string, range: Range) {
  return db
    .select(pickedColumns)
    .from(c)
    .where(and(eq(c.chatbotId, chatbotId), gte(c.createdAt, range.from), lt(c.createdAt, range.to), isNotNull(c.sentimentAvg)))
    .orderBy(asc(c.sentimentAvg), desc(c.createdAt))
    .limit(1);
}

/** A conversation that raised `flag` in the window: the unhappiest (unscored last), then the latest. */
function raisedFlag(db: Db, chatbotId: string, range: Range, flag: string) {
  return db
    .select(pickedColumns)
    .from(c)
    .where(
      and(
        eq(c.chatbotId, chatbotId),
        inArray(
          c.id,
          db
            .select({ id: a.conversationId })
            .from(a)
            .where(and(eq(a.chatbotId, chatbotId), eq(a.kind, "flag"), eq(a.label, flag), gte(a.createdAt, range.from), lt(a.createdAt, range.to))),
        ),
      ),
    )
    .orderBy(sql`${c.sentimentAvg} IS NULL`, asc(c.sentimentAvg), desc(c.lastMessageAt))
    .limit(1);
}

type Picked = Awaited<ReturnType<typeof mostNegative>>[number];

export async function reviewDigest(db: Db, chatbotId: string, q: ReviewDigestQuery, now: number) {
  const range = resolveRange(q, now);
  const [summary, found, assistant, flags, intents, behaviours] = await Promise.all([
    overview(db, chatbotId, q, now),
    insights(db, chatbotId, q, now),
    assistantPerformance(db, chatbotId, q, now),
    labelTrends(db, chatbotId, "flag", range),
    labelTrends(db, chatbotId, "intent", range),
    labelTrends(db, chatbotId, "behaviour", range),
  ]);

  const pickedFlags = flags.slice(0, PICKED_FLAGS).map((f) => f.label);
  const [negative, ...byFlag] = await Promise.all([mostNegative(db, chatbotId, range), ...pickedFlags.map((flag) => raisedFlag(db, chatbotId, range, flag))]);
  // One entry per conversation, with every reason it was picked for.
  const picks = new Map<string, { reasons: string[]; conversation: Picked }>();
  const pick = (row: Picked | undefined, reason: string) => {
    if (!row) return;
    const entry = picks.get(row.id) ?? { reasons: [], conversation: row };
    entry.reasons.push(reason);
    picks.set(row.id, entry);
  };
  pick(negative?.[0], "lowest average sentiment");
  pickedFlags.forEach((flag, i) => pick(byFlag[i]?.[0], `raised ${flag}`));
  const hallucination = assistant.hallucinations.recent[0];
  if (hallucination) {
    // Read only when not picked already (scoped like every pick, though the id comes from this chatbot's rows).
    const picked = picks.get(hallucination.conversationId)?.conversation;
    const [row] = picked ? [picked] : await db.select(pickedColumns).from(c).where(and(eq(c.chatbotId, chatbotId), eq(c.id, hallucination.conversationId)));
    pick(row, "latest hallucination");
  }

  const { analysedToday: _today, ...headline } = summary.kpis;
  return {
    range: summary.range,
    headline,
    topFlags: flags.slice(0, DIGEST_TOP).map(({ label, ...trend }) => ({ flag: label, ...trend })),
    topIntents: intents.slice(0, DIGEST_TOP).map(({ label, ...trend }) => ({ intent: label, ...trend })),
    topIssues: {
      assistantBehaviours: behaviours
        .filter((b) => !NOT_ISSUES.has(b.label))
        .slice(0, DIGEST_TOP)
        .map(({ label, ...trend }) => ({ behaviour: label, ...trend })),
      hallucinations: { total: assistant.hallucinations.total, bySeverity: assistant.hallucinations.bySeverity },
      unresolved: assistant.resolutions.outcomes.find((o) => o.resolution === "unresolved") ?? null,
      userFrustrations: found.topFrustrations.map((f) => ({ flag: f.flag, conversations: f.conversations, saidMostOften: f.topChunks })),
    },
    representativeConversations: [...picks.values()].map(({ reasons, conversation }) => ({ reasons, ...conversation, flags: conversation.flags ?? [] })),
  };
}
