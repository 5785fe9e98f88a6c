/**
 * Assistant performance (SPEC §7) over a date range: how often each behaviour was seen in assistant
 * messages analysed in the range, how conversations created in the range were resolved, and the most
 * recent hallucinations with what the analyzer said about them.
 *
 * Behaviours (with the conversations each first appeared in: label-counts.ts), resolutions and hallucination
 * severities come from the rollups (plus the raw rows of the range's edge hours); the recent hallucinations
 * read the annotations index (the newest 20 rows).
 */
import { and, asc, desc, eq, gte, isNotNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { BEHAVIOURS, RESOLUTIONS } from "../analysis/labels";
import type { Db } from "../db/client";
import { annotations, conversations } from "../db/schema";
import { labelCounts } from "./label-counts";
import { aliased, checkPeriod, rangeFields, rangeView, resolveRange, round, type Period } from "./params";
import { annotationFacts, conversationFacts } from "./rollup-reads";
import { readsRollups, type Scope } from "./scope";

export const assistantQuery = z.object(rangeFields).superRefine(checkPeriod);
export type AssistantQuery = z.infer<typeof assistantQuery>;

export const RECENT_HALLUCINATIONS = 20;

const a = annotations;
const c = conversations;

/** Conversations created in the period by their resolution (those not judged yet left out). */
export function resolutionCounts(db: Db, chatbotId: string, period: Period, scope: Scope = {}) {
  if (readsRollups(scope)) {
    return db
      .select({ resolution: sql<string | null>`value`, count: sql<number>`sum(conversations)`.mapWith(Number) })
      .from(conversationFacts(chatbotId, period, "resolution", [], scope.segment))
      .groupBy(sql`value`)
      .having(sql`sum(conversations) > 0`);
  }
  return db
    .select({ resolution: c.resolution, count: sql<number>`count(*)`.mapWith(Number) })
    .from(c)
    .where(and(eq(c.chatbotId, chatbotId), gte(c.createdAt, period.from), lt(c.createdAt, period.to), isNotNull(c.resolution), scope.conversations))
    .groupBy(c.resolution);
}

/** Every resolution with its count and share of the judged ones, in a fixed order. */
export function resolutionOutcomes(rows: { resolution: string | null; count: number }[]) {
  const judged = rows.reduce((sum, r) => sum + r.count, 0);
  return {
    judged,
    outcomes: RESOLUTIONS.map((resolution) => {
      const count = rows.find((r) => r.resolution === resolution)?.count ?? 0;
      return { resolution, count, share: judged ? round(count / judged, 4) : null };
    }),
  };
}

export async function assistantPerformance(db: Db, chatbotId: string, q: AssistantQuery, now: number) {
  const range = resolveRange(q, now);
  const behaviourWhere = and(eq(a.chatbotId, chatbotId), eq(a.kind, "behaviour"), gte(a.createdAt, range.from), lt(a.createdAt, range.to));
  const hallucinating = and(behaviourWhere, eq(a.label, "hallucinating"));

  const [behaviourCounts, resolutionRows, recent, severities] = await db.batch([
    labelCounts(db, chatbotId, "behaviour", range),
    resolutionCounts(db, chatbotId, range),
    db
      .select({
        conversationId: a.conversationId,
        externalId: aliased(c.externalId, "external_id"),
        messageSeq: a.messageSeq,
        messageId: a.messageId,
        severity: a.severity,
        reason: a.reason,
        chunk: a.chunk,
        analyzedAt: a.createdAt,
      })
      .from(a)
      .innerJoin(c, and(eq(c.id, a.conversationId), eq(c.chatbotId, chatbotId)))
      .where(hallucinating)
      .orderBy(desc(a.createdAt), asc(a.id))
      .limit(RECENT_HALLUCINATIONS),
    // From the rollups and the edge hours' raw rows; "" is their stand-in for no severity.
    db
      .select({ severity: sql<"low" | "medium" | "high" | null>`nullif(severity, '')`, count: sql<number>`sum(annotations)`.mapWith(Number) })
      .from(annotationFacts(chatbotId, "behaviour", range, [], ["hallucinating"]))
      .groupBy(sql`severity`)
      .having(sql`sum(annotations) > 0`),
  ]);

  // Every known behaviour and resolution is listed, seen or not, so a chart keeps its axis.
  const known = new Set<string>(BEHAVIOURS);
  const behaviourRows = behaviourCounts.map((r) => ({ behaviour: r.label, count: r.annotations, conversations: r.conversations }));
  const behaviours = [
    ...BEHAVIOURS.map((behaviour) => behaviourRows.find((r) => r.behaviour === behaviour) ?? { behaviour, count: 0, conversations: 0 }),
    ...behaviourRows.filter((r) => !known.has(r.behaviour)),
  ].sort((x, y) => y.count - x.count || (x.behaviour < y.behaviour ? -1 : x.behaviour > y.behaviour ? 1 : 0));
  const bySeverity = { low: 0, medium: 0, high: 0, unspecified: 0 };
  for (const s of severities) bySeverity[s.severity ?? "unspecified"] += s.count;

  return {
    range: rangeView(range),
    behaviours,
    resolutions: resolutionOutcomes(resolutionRows),
    hallucinations: {
      total: severities.reduce((sum, s) => sum + s.count, 0),
      bySeverity,
      recent,
    },
  };
}
