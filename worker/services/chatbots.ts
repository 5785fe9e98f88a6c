import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { chatbots, conversations } from "../db/schema";
import { ApiError, notFound } from "../errors";
import { conversationStubById } from "./conversation-stub";
import { newId } from "./ids";
import { closeChatbotSockets, purgeLive } from "./live-sockets";
import { nameText } from "../schemas/names";

export interface ChatbotState {
  chatbotStatus: "pending" | "active" | "archived";
  chatbotId: string;
}

/** Capture into an archived chatbot is refused; the first capture turns a pending one active. */
export function assertCapturable(scope: ChatbotState): void {
  if (scope.chatbotStatus === "archived") {
    throw new ApiError("chatbot_archived", "this chatbot is archived and no longer accepts messages; unarchive it in Settings");
  }
}

export async function markActive(db: Db, scope: ChatbotState): Promise<void> {
  if (scope.chatbotStatus !== "pending") return;
  await db
    .update(chatbots)
    .set({ status: "active", activatedAt: Date.now() })
    .where(and(eq(chatbots.id, scope.chatbotId), eq(chatbots.status, "pending")));
}

export const chatbotBody = z.object({
  name: nameText(120),
  idleTimeoutMinutes: z.number().int().min(1).max(24 * 60).default(30),
}).strict();

export const chatbotPatch = z.object({
  name: nameText(120).optional(),
  idleTimeoutMinutes: z.number().int().min(1).max(24 * 60).optional(),
  /** Archiving refuses capture; unarchiving makes it active again. */
  status: z.enum(["active", "archived"]).optional(),
}).strict();

/**
 * The status "active" asks for: an archived chatbot back to active once a first capture activated it (or the
 * index holds a conversation of it), to pending otherwise; any other as it is.
 */
const unarchived = sql<"pending" | "active">`CASE WHEN ${chatbots.status} <> 'archived' THEN ${chatbots.status}
  WHEN ${chatbots.activatedAt} IS NOT NULL OR EXISTS (SELECT 1 FROM ${conversations} WHERE ${conversations.chatbotId} = ${chatbots.id}) THEN 'active'
  ELSE 'pending' END`;

export function chatbotView(c: typeof chatbots.$inferSelect) {
  return { id: c.id, organizationId: c.organizationId, name: c.name, status: c.status, idleTimeoutMinutes: c.idleTimeoutMinutes, createdAt: c.createdAt };
}

export async function listChatbots(db: Db, organizationId: string) {
  const rows = await db.select().from(chatbots).where(eq(chatbots.organizationId, organizationId)).orderBy(asc(chatbots.createdAt));
  return rows.map(chatbotView);
}

export async function createChatbot(db: Db, organizationId: string, input: z.infer<typeof chatbotBody>) {
  const row = { id: newId("cb"), organizationId, name: input.name, status: "pending" as const, idleTimeoutMinutes: input.idleTimeoutMinutes, createdAt: Date.now(), activatedAt: null };
  await db.insert(chatbots).values(row);
  return chatbotView(row);
}

/**
 * Applies the fields given; a patch without any (`{}`) changes nothing and answers the chatbot as it is.
 * `status: "active"` means "not archived": it unarchives, and a chatbot that has had no message yet is `pending`
 * then, as before (only its first message makes it active; the capture that does so also sets it directly).
 */
export async function updateChatbot(db: Db, organizationId: string, chatbotId: string, patch: z.infer<typeof chatbotPatch>) {
  const scoped = and(eq(chatbots.id, chatbotId), eq(chatbots.organizationId, organizationId));
  const changes = Object.values(patch).some((v) => v !== undefined);
  const set = patch.status === "active" ? { ...patch, status: unarchived } : patch;
  const row = changes ? (await db.update(chatbots).set(set).where(scoped).returning())[0] : await db.select().from(chatbots).where(scoped).get();
  if (!row) throw notFound("chatbot");
  return chatbotView(row);
}

/**
 * After archiving: closes every open socket of the chatbot's conversations — found in the socket registry,
 * so those with no message yet too — and capture stops there (a reconnect is refused). For waitUntil.
 */
export function disconnectChatbot(env: Env, chatbotId: string): Promise<void> {
  return closeChatbotSockets(env, chatbotId);
}

/**
 * Deletes a chatbot: D1 cascades to its keys, conversations, client users and organizations,
 * annotations, workflows and runs; each conversation's Durable Object is emptied afterwards — those in
 * the index and those with a socket open (the socket registry), empty ones included. A conversation that
 * is in neither (captured a moment before, not yet indexed) erases itself when its index write finds
 * the chatbot gone.
 */
export async function deleteChatbot(env: Env, db: Db, organizationId: string, chatbotId: string): Promise<() => Promise<void>> {
  const owned = await db.select({ id: chatbots.id }).from(chatbots).where(and(eq(chatbots.id, chatbotId), eq(chatbots.organizationId, organizationId))).get();
  if (!owned) throw notFound("chatbot");
  const ids = await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.chatbotId, chatbotId));
  await db.delete(chatbots).where(eq(chatbots.id, chatbotId));
  // Returned for waitUntil: emptying the objects can take a while and must not hold the answer.
  return () => purgeChatbot(env, chatbotId, ids.map((r) => r.id));
}

/**
 * Empties the Durable Objects of a chatbot whose D1 rows are gone: every conversation with a socket open
 * (the socket registry: their sockets close with 4004, the chatbot's viewers too), then each indexed one —
 * its messages, analyses and vectors.
 */
export async function purgeChatbot(env: Env, chatbotId: string, conversationIds: readonly string[]): Promise<void> {
  await purgeLive(env, chatbotId);
  for (const id of conversationIds) await conversationStubById(env, id)?.destroy(chatbotId).catch(() => undefined);
}
