/**
 * Embedding new user messages for semantic search, from the conversation's index flush: one AI call
 * (a batch) and one Vectorize upsert per flush, after the D1 snapshot is written — never on the way to
 * an acknowledgement — then one D1 update marking them embedded. A failure is logged and the messages
 * stay unmarked, so the back-fill (backfill.ts) embeds them on its next run; the conversation's own work
 * never waits on a retry.
 */
import type { ConversationState } from "../../durable-objects/conversation-store";
import type { StoredMessage } from "../../durable-objects/protocol";
import { embed, semanticOf, vectorId, type Semantic } from "./semantic";

/** What a vector carries: enough to scope a query to one chatbot and find the message again. */
export interface MessageRef {
  organizationId: string;
  chatbotId: string;
  conversationId: string;
  seq: number;
  content: string;
  at: number;
}

/** Embeds the user messages among `messages` when semantic search is on; never throws. */
export async function embedMessages(env: Env, s: ConversationState, messages: readonly StoredMessage[]): Promise<void> {
  const semantic = semanticOf(env);
  const refs = messages
    .filter((m) => m.role === "user")
    .map((m) => ({ organizationId: s.organizationId, chatbotId: s.chatbotId, conversationId: s.conversationId, seq: m.seq, content: m.content, at: m.receivedAt }));
  if (!semantic || !refs.length) return;
  try {
    await upsertEmbeddings(semantic, refs);
  } catch (error) {
    console.error("message embedding failed; the back-fill will retry", { conversationId: s.conversationId, error: String(error) });
    return;
  }
  try {
    await env.DB.prepare("UPDATE search_messages SET embedded = 1 WHERE conversation_id = ?1 AND seq IN (SELECT value FROM json_each(?2))")
      .bind(s.conversationId, JSON.stringify(refs.map((r) => r.seq)))
      .run();
  } catch (error) {
    // The vectors are stored; the back-fill will only upsert the same ones again.
    console.error("marking messages embedded failed", { conversationId: s.conversationId, error: String(error) });
  }
}

/** Embeds and stores the messages (user messages only: what people asked is what search looks for). */
export async function upsertEmbeddings(semantic: Semantic, refs: readonly MessageRef[]): Promise<void> {
  if (!refs.length) return;
  const values = await embed(semantic.ai, refs.map((r) => r.content));
  await semantic.vectors.upsert(
    refs.map((r, i) => ({
      id: vectorId(r.conversationId, r.seq),
      values: values[i]!,
      metadata: { organizationId: r.organizationId, chatbotId: r.chatbotId, conversationId: r.conversationId, seq: r.seq, at: r.at },
    })),
  );
}

/** Marks search_messages rows (by id) as having their vector. */
export async function markEmbedded(db: D1Database, ids: readonly number[]): Promise<void> {
  if (!ids.length) return;
  await db.prepare("UPDATE search_messages SET embedded = 1 WHERE id IN (SELECT value FROM json_each(?1))").bind(JSON.stringify(ids)).run();
}

/** Vectorize takes at most this many ids per delete call. */
const DELETE_BATCH = 500;

/**
 * Deletes a conversation's vectors (its user messages'), as the conversation is erased; never throws.
 * Their ids are known from the conversation alone, so no D1 row needs to survive for this.
 */
export async function forgetMessages(env: Env, conversationId: string, userSeqs: readonly number[]): Promise<void> {
  const semantic = semanticOf(env);
  if (!semantic || !userSeqs.length) return;
  const ids = userSeqs.map((seq) => vectorId(conversationId, seq));
  try {
    for (let i = 0; i < ids.length; i += DELETE_BATCH) await semantic.vectors.deleteByIds(ids.slice(i, i + DELETE_BATCH));
  } catch (error) {
    // Left behind, a vector is never shown (every semantic hit is looked up in D1 first), only stored.
    console.error("deleting a conversation's vectors failed", { conversationId, error: String(error) });
  }
}
