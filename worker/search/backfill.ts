/**
 * The semantic back-fill: embeds the user messages in the search index that have no vector yet — those
 * indexed before semantic search was switched on and those whose embedding failed at their flush
 * (embed.ts leaves them at `embedded = 0`). It takes them in id order, one batch (one AI call, one
 * Vectorize upsert) at a time, and marks each batch done in D1 right after its upsert; the state is
 * per message, so a run cut short (a timeout, an AI error, a deploy) leaves the rest for the next run,
 * and a batch done twice only upserts the same vectors again. Driven by the Worker's cron trigger.
 */
import { markEmbedded, upsertEmbeddings } from "./embed";
import { EMBED_BATCH, type Semantic } from "./semantic";

export interface BackfillProgress {
  /** Messages embedded by this run. */
  embedded: number;
  /** Nothing was left to embed when the run ended. */
  done: boolean;
}

/** Batches one run does at most (a cron invocation's time is bounded). */
export const BACKFILL_BATCHES_PER_RUN = 20;
/**
 * Messages younger than this are left to their own flush, which embeds them about a second after they
 * arrive: the back-fill would otherwise race it and embed them twice.
 */
export const SETTLE_MS = 5 * 60_000;

export interface BackfillOptions {
  batches?: number;
  batchSize?: number;
  /** Only messages that arrived before this instant (ms); default: SETTLE_MS ago. */
  arrivedBefore?: number;
}

export async function runBackfill(db: D1Database, semantic: Semantic, options: BackfillOptions = {}): Promise<BackfillProgress> {
  const { batches = BACKFILL_BATCHES_PER_RUN, batchSize = EMBED_BATCH, arrivedBefore = Date.now() - SETTLE_MS } = options;
  let embedded = 0;
  for (let i = 0; i < batches; i++) {
    // The partial index search_messages_unembedded (migration 0011) holds exactly these rows, in id order.
    const { results } = await db
      .prepare(
        `SELECT id, organization_id AS organizationId, chatbot_id AS chatbotId, conversation_id AS conversationId, seq, content, at
         FROM search_messages WHERE role = 'user' AND embedded = 0 AND at < ?1 ORDER BY id LIMIT ?2`,
      )
      .bind(arrivedBefore, batchSize)
      .all<{ id: number; organizationId: string; chatbotId: string; conversationId: string; seq: number; content: string; at: number }>();
    // Throws on an AI or Vectorize failure: the batches before it are marked, this one and the rest wait.
    await upsertEmbeddings(semantic, results);
    await markEmbedded(db, results.map((r) => r.id));
    embedded += results.length;
    if (results.length < batchSize) return { embedded, done: true };
  }
  return { embedded, done: false };
}
