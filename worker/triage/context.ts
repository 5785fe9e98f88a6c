/**
 * Who acts and on what: every triage action names its actor (a member, or an admin key by its name) and
 * checks that the conversation is one of the caller's chatbot's before anything is read or written.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { apiKeys, conversations, members } from "../db/schema";
import { notFound } from "../errors";
import type { KeyScope } from "../services/keys";

export type Scope = Pick<KeyScope, "organizationId" | "chatbotId" | "keyId" | "memberId">;

export interface Actor {
  /** The member; null when an API key acts. */
  id: string | null;
  name: string;
}

export async function actorOf(db: Db, scope: Scope): Promise<Actor> {
  if (scope.memberId) {
    const member = await db.select({ name: members.name }).from(members).where(eq(members.id, scope.memberId)).get();
    return { id: scope.memberId, name: member?.name ?? "A member" };
  }
  const key = await db
    .select({ name: apiKeys.name })
    .from(apiKeys)
    .where(and(eq(apiKeys.id, scope.keyId), eq(apiKeys.chatbotId, scope.chatbotId)))
    .get();
  return { id: null, name: `API key ${key?.name ?? scope.keyId}` };
}

/**
 * The conversation as the D1 index holds it, or 404 — also for another chatbot's conversation. A
 * conversation is in the index from its first message (about a second later); before that it cannot be
 * acted on, as the triage rows refer to its index row.
 */
export async function requireConversation(db: Db, chatbotId: string, conversationId: string): Promise<{ id: string; externalId: string }> {
  const row = await db
    .select({ id: conversations.id, externalId: conversations.externalId })
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.chatbotId, chatbotId)))
    .get();
  if (!row) throw notFound("conversation");
  return row;
}
