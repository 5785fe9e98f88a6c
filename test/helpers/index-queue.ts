import { env } from "cloudflare:workers";
import { vi } from "vitest";
import type { Conversation } from "../../durable-objects/conversation";

/**
 * Runs a conversation's pending work now (Conversation.syncNow: analysis, then its index snapshot handed to
 * the index queue) and waits until the queue's consumer — the real one, running in the test Worker — has
 * written that snapshot to D1: the conversation row's index_version reaches the version sent. The tests'
 * index queue delivers at once (vitest.config.ts: maxBatchTimeout 0), so this waits for the delivery, not a timer.
 */
export async function syncIndex(stub: DurableObjectStub<Conversation>): Promise<void> {
  const sent = await stub.syncNow();
  if (!sent) return; // no message yet: nothing is indexed
  // vi.waitFor rather than expect.poll: helpers also run in beforeAll.
  await vi.waitFor(
    async () => {
      const row = await env.DB.prepare("SELECT index_version AS version FROM conversations WHERE id = ?").bind(sent.conversationId).first<{ version: number }>();
      if (!row || row.version < sent.version) throw new Error(`index of ${sent.conversationId} at ${row?.version ?? "none"}, waiting for ${sent.version}`);
    },
    { timeout: 15_000, interval: 10 },
  );
}
