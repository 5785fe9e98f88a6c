/**
 * A message whose intent was a pending candidate keeps it so in its conversation's object; approving or
 * rejecting the suggestion it belongs to is recorded in D1 (the annotation's status, and on approval the
 * suggestion's slug: worker/services/intent-suggestions.ts). Messages leave for the API with that decision
 * applied: approved, the intent is the message's own (no longer pending); rejected, the message has none.
 */
import { and, between, eq, ne } from "drizzle-orm";
import type { AnalysedMessage } from "../../durable-objects/conversation";
import type { Db } from "../db/client";
import { annotations } from "../db/schema";

const isPending = (m: AnalysedMessage) => m.analysis?.analysis.intent?.pending === true;

export async function withSettledIntents(db: Db, chatbotId: string, conversationId: string, messages: AnalysedMessage[]): Promise<AnalysedMessage[]> {
  const pending = messages.filter(isPending).map((m) => m.seq);
  if (!pending.length) return messages;
  // A range of seqs rather than a list: a page may hold more pending messages than D1 takes bound parameters.
  const settled = await db
    .select({ seq: annotations.messageSeq, status: annotations.status, slug: annotations.label })
    .from(annotations)
    .where(
      and(
        eq(annotations.chatbotId, chatbotId),
        eq(annotations.conversationId, conversationId),
        between(annotations.messageSeq, Math.min(...pending), Math.max(...pending)),
        eq(annotations.kind, "intent"),
        ne(annotations.status, "pending"),
      ),
    );
  if (!settled.length) return messages;
  const decisions = new Map(settled.map((s) => [s.seq, s]));
  return messages.map((m) => {
    const decision = isPending(m) ? decisions.get(m.seq) : undefined;
    if (!decision || !m.analysis) return m;
    const { intent, ...rest } = m.analysis.analysis;
    // Approved, the intent is a person's decision: the candidate's confidence and "no intent reached …" reason are gone.
    const approved = { ...intent!, slug: decision.slug, pending: false, confidence: 1, reason: `Approved from the suggested intents as "${decision.slug}".` };
    const analysis = decision.status === "accepted" ? { ...rest, intent: approved } : rest;
    return { ...m, analysis: { ...m.analysis, analysis } };
  });
}
