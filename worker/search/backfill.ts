/**
 * The semantic back-fill: embeds the user messages that were in the search index before semantic search
 * was switched on (or whose embedding failed in the flush). It walks search_messages in id order, one
 * batch (one AI call, one Vectorize upsert) at a time, and records the last id done in D1 after each
 * batch — so a run cut short (a timeout, an AI error, a deploy) resumes at the next batch, and a batch
 * done twice only upserts the same vectors again. Driven by the Worker's cron trigger while it has work.
 */
import { upsertEmbeddings } from "./embed";
import { EMBED_BATCH, type Semantic } from "./semantic";

export interface BackfillProgress {
  afterId: number;
  untilId: number;
  embedded: number;
  done: boolean;
}

/** Batches one run does at most (a cron invocation's time is bounded). */
export const BACKFILL_BATCHES_PER_RUN = 20;

export async function runBackfill(db: D1Database, semantic: Semantic, batches = BACKFILL_BATCHES_PER_RUN, batchSize = EMBED_BATCH): Promise<BackfillProgress> {
  const now = Date.now();
  // The first run fixes where the back-fill ends: later messages are embedded by their own flush.
  await db
    .prepare("INSERT INTO search_backfill (id, after_id, until_id, updated_at) VALUES (1, 0, (SELECT coalesce(max(id), 0) FROM search_messages), ?) ON CONFLICT (id) DO NOTHING")
    .bind(now)
    .run();
  const job = (await db.prepare("SELECT after_id AS afterId, until_id AS untilId, done_at AS doneAt FROM search_backfill WHERE id = 1").first<{ afterId: number; untilId: number; doneAt: number | null }>())!;
  let { afterId } = job;
  let embedded = 0;
  if (job.doneAt !== null) return { afterId, untilId: job.untilId, embedded, done: true };

  for (let i = 0; i < batches; i++) {
    const { results } = await db
      .prepare(
        `SELECT id, organization_id AS organizationId, chatbot_id AS chatbotId, conversation_id AS conversationId, seq, content, at
         FROM search_messages WHERE id > ?1 AND id <= ?2 AND role = 'user' ORDER BY id LIMIT ?3`,
      )
      .bind(afterId, job.untilId, batchSize)
      .all<{ id: number; organizationId: string; chatbotId: string; conversationId: string; seq: number; content: string; at: number }>();
    if (!results.length) {
      await db.prepare("UPDATE search_backfill SET after_id = ?1, done_at = ?2, updated_at = ?2 WHERE id = 1").bind(job.untilId, Date.now()).run();
      return { afterId: job.untilId, untilId: job.untilId, embedded, done: true };
    }
    // Throws on an AI or Vectorize failure: the recorded progress stays at the last whole batch.
    await upsertEmbeddings(semantic, results);
    afterId = results[results.length - 1]!.id;
    embedded += results.length;
    await db.prepare("UPDATE search_backfill SET after_id = max(after_id, ?1), updated_at = ?2 WHERE id = 1").bind(afterId, Date.now()).run();
  }
  return { afterId, untilId: job.untilId, embedded, done: false };
}
