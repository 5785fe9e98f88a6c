/**
 * Intents the analyzer suggested below the 0.35 confidence bar (SPEC §5) wait as `pending`
 * annotations until a person approves (the intent joins the chatbot's list) or rejects them.
 */
import { and, count, desc, eq, max, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { annotations } from "../db/schema";
import { notFound } from "../errors";
import { updateConfig, loadConfig } from "../analysis/config";

export async function listSuggestions(db: Db, chatbotId: string) {
  const rows = await db
    .select({
      slug: annotations.label,
      occurrences: count(),
      lastSeenAt: max(annotations.createdAt),
      example: sql<string | null>`max(${annotations.reason})`,
    })
    .from(annotations)
    .where(and(eq(annotations.chatbotId, chatbotId), eq(annotations.kind, "intent"), eq(annotations.status, "pending")))
    .groupBy(annotations.label)
    .orderBy(desc(count()));
  return rows;
}

async function setStatus(db: Db, chatbotId: string, slug: string, status: "accepted" | "rejected"): Promise<number> {
  const updated = await db
    .update(annotations)
    .set({ status })
    .where(and(eq(annotations.chatbotId, chatbotId), eq(annotations.kind, "intent"), eq(annotations.label, slug), eq(annotations.status, "pending")))
    .returning({ id: annotations.id });
  if (!updated.length) throw notFound("pending intent suggestion");
  return updated.length;
}

export async function approveSuggestion(
  db: Db,
  scope: { organizationId: string; chatbotId: string },
  slug: string,
  definition: { name: string; description: string },
) {
  const accepted = await setStatus(db, scope.chatbotId, slug, "accepted");
  const config = await loadConfig(db, scope.chatbotId);
  const customIntents = [...config.customIntents.filter((i) => i.slug !== slug), { slug, ...definition }];
  return { accepted, config: await updateConfig(db, scope, { customIntents }) };
}

export async function rejectSuggestion(db: Db, chatbotId: string, slug: string) {
  return { rejected: await setStatus(db, chatbotId, slug, "rejected") };
}
