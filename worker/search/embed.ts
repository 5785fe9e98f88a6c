/**
 * Embedding new user messages for semantic search, from the conversation's index flush: one AI call
 * (a batch) and one Vectorize upsert per flush, after the D1 snapshot is written — never on the way to
 * an acknowledgement. A failure is logged and left to the back-fill (backfill.ts), which re-embeds from
 * the D1 index; the conversation's own work never waits on a retry.
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
