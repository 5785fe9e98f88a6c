/**
 * Embedding new user messages for semantic search, from the index queue's consumer: one AI call (a batch)
 * and one Vectorize upsert per EMBED_BATCH messages of a written batch of snapshots, after the D1 batch —
 * never on the way to an acknowledgement — then one D1 update marking them embedded. A failure is logged and the messages
 * stay unmarked, so the back-fill (backfill.ts) embeds them on its next run; the conversation's own work
 * never waits on a retry.
 */
import type { IndexSnapshot, SnapshotMessage } from "../index-queue/snapshot";
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

/** User messages embedded per AI call. */
const EMBED_BATCH = 100;

/** Embeds the user messages among those a batch of snapshots gave the search index, when semantic search is on; never throws. */
export async function embedMessages(env: Env, written: readonly { snapshot: IndexSnapshot; message: SnapshotMessage }[]): Promise<void> {
  const semantic = semanticOf(env);
  const refs = written
    .filter(({ message: m }) => m.role === "user")
    .map(({ snapshot: s, message: m }) => ({ organizationId: s.organizationId, chatbotId: s.chatbotId, conversationId: s.conversationId, seq: m.seq, content: m.content, at: m.at }));
  if (!semantic || !refs.length) return;
  for (let i = 0; i < refs.length; i += EMBED_BATCH) {
    const part = refs.slice(i, i + EMBED_BATCH);
    try {
      await upsertEmbeddings(semantic, part);
    } catch (error) {
      console.error("message embedding failed; the back-fill will retry", { messages: part.length, error: String(error) });
      continue;
    }
    try {
      await env.DB.prepare(
        "UPDATE search_messages SET embedded = 1 WHERE (conversation_id, seq) IN (SELECT j.value ->> 'c', j.value ->> 's' FROM json_each(?1) AS j)",
      )
        .bind(JSON.stringify(part.map((r) => ({ c: r.conversationId, s: r.seq }))))
        .run();
    } catch (error) {
      // The vectors are stored; the back-fill will only upsert the same ones again.
      console.error("marking messages embedded failed", { messages: part.length, error: String(error) });
    }
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
