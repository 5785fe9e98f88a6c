/**
 * The index queue's consumer: conversations hand their index snapshots to the queue (Conversation.flush)
 * and this writes each delivered batch — up to 100 snapshots, from any conversations — to D1 in one
 * `batch()` (writeIndexBatch), so D1 write transactions grow with batches, not with conversations.
 *
 * Nothing is lost: a batch D1 refuses is retried whole (every statement is idempotent and guarded by
 * version), with backoff; after max_retries it goes to the dead-letter queue, whose consumer writes each
 * snapshot on its own and, for one that still fails, asks its conversation to send everything again later.
 * A snapshot of a chatbot deleted meanwhile is dropped and its conversation erased, as the delete would have.
 */
import type { ChatbotLive } from "../../durable-objects/chatbot-live";
import type { Conversation } from "../../durable-objects/conversation";
import { feedShardName, feedShardOf } from "../../durable-objects/feed-shards";
import { watched } from "../../durable-objects/live-watch";
import { writeIndexBatch } from "../services/conversation-index";
import { conversationStubById } from "../services/conversation-stub";
import { embedMessages } from "../search/embed";
import { indexSnapshot, type IndexSnapshot } from "./snapshot";

export const INDEX_QUEUE = "openbat-index";
const MAX_RETRY_DELAY_S = 60;

interface Delivery {
  message: Message<unknown>;
  snapshot: IndexSnapshot;
}

export async function handleIndexQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const deliveries: Delivery[] = [];
  for (const message of batch.messages) {
    const parsed = indexSnapshot.safeParse(message.body);
    if (parsed.success) deliveries.push({ message, snapshot: parsed.data });
    else {
      // Not a snapshot, and retrying will not make it one.
      console.error("unreadable index snapshot dropped", { queue: batch.queue, id: message.id });
      message.ack();
    }
  }
  if (!deliveries.length) return;
  if (batch.queue.endsWith("-dlq")) return settleDeadLetters(env, deliveries);
  try {
    const kept = await dropOrphans(env, deliveries);
    const written = await writeIndexBatch(env.DB, kept.map((d) => d.snapshot));
    for (const d of kept) d.message.ack();
    await tellViewers(env, written.conversations);
    await embedMessages(env, written.messages);
  } catch (error) {
    console.error("index batch write failed; retrying", { snapshots: deliveries.length, error: String(error) });
    for (const { message } of deliveries) message.retry({ delaySeconds: Math.min(MAX_RETRY_DELAY_S, 2 ** message.attempts) });
  }
}

/**
 * One call per watched chatbot of the batch to its live feed (ChatbotLive.indexed), so dashboards re-read
 * what changed once it is in D1; nobody watching, no call (live-watch.ts, the mark read afresh). The call goes
 * to the feed shard of the chatbot's first conversation in the batch, so these calls spread over the shards like
 * the conversations' own events (one object taking every batch was the busiest of the feed). A view, not a
 * record: a failed call is logged, the batch stays written.
 */
async function tellViewers(env: Env, written: readonly IndexSnapshot[]): Promise<void> {
  const byChatbot = new Map<string, string[]>();
  for (const s of written) byChatbot.set(s.chatbotId, [...(byChatbot.get(s.chatbotId) ?? []), s.conversationId]);
  const ns = env.CHATBOT_LIVE as DurableObjectNamespace<ChatbotLive>;
  await Promise.all(
    [...byChatbot].map(async ([chatbotId, ids]) => {
      // Read fresh (once per chatbot per batch): a viewer who just joined must hear of every row written.
      if (!(await watched(env.DB, chatbotId, { fresh: true }))) return;
      await ns
        .get(ns.idFromName(feedShardName(chatbotId, feedShardOf(ids[0]!))))
        .indexed(ids)
        .catch((error: unknown) => console.error("telling the live feed what was indexed failed", { chatbotId, error: String(error) }));
    }),
  );
}

/**
 * Snapshots whose chatbot is gone (deleted after they were sent) can never be written (foreign keys):
 * acknowledged, and their conversations erased. Returns the others.
 */
async function dropOrphans(env: Env, deliveries: Delivery[]): Promise<Delivery[]> {
  const ids = [...new Set(deliveries.map((d) => d.snapshot.chatbotId))];
  const { results } = await env.DB.prepare("SELECT id FROM chatbots WHERE id IN (SELECT value FROM json_each(?1))").bind(JSON.stringify(ids)).all<{ id: string }>();
  const existing = new Set(results.map((r) => r.id));
  const kept: Delivery[] = [];
  for (const d of deliveries) {
    if (existing.has(d.snapshot.chatbotId)) {
      kept.push(d);
      continue;
    }
    await conversationOf(env, d.snapshot)
      ?.destroy(d.snapshot.chatbotId)
      .catch((error: unknown) => console.error("erasing a deleted chatbot's conversation failed", { conversationId: d.snapshot.conversationId, error: String(error) }));
    d.message.ack();
  }
  return kept;
}

/**
 * Dead letters: each snapshot alone, so one D1 cannot take does not hold back the rest. One that still
 * fails is not dropped: its conversation is told to send its whole index again (Conversation.reindex).
 */
async function settleDeadLetters(env: Env, deliveries: Delivery[]): Promise<void> {
  for (const d of await dropOrphans(env, deliveries).catch(() => deliveries)) {
    try {
      await writeIndexBatch(env.DB, [d.snapshot]);
      d.message.ack();
      await tellViewers(env, [d.snapshot]);
      continue;
    } catch (error) {
      console.error("index snapshot failed again from the dead-letter queue; its conversation will resend", {
        conversationId: d.snapshot.conversationId,
        error: String(error),
      });
    }
    try {
      await conversationOf(env, d.snapshot)?.reindex(d.snapshot.chatbotId);
      d.message.ack();
    } catch (error) {
      console.error("asking a conversation to resend its index failed", { conversationId: d.snapshot.conversationId, error: String(error) });
      d.message.retry({ delaySeconds: MAX_RETRY_DELAY_S });
    }
  }
}

function conversationOf(env: Env, s: IndexSnapshot): DurableObjectStub<Conversation> | null {
  return conversationStubById(env, s.conversationId);
}
