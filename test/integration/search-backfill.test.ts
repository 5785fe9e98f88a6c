/**
 * The semantic back-fill embeds the user messages that have no vector yet — indexed before semantic
 * search was on, or whose embedding failed at their flush — batch by batch, marking each batch in D1:
 * cut short, the next run takes what is left.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { runBackfill } from "../../worker/search/backfill";
import { setSemanticForTests, vectorId } from "../../worker/search/semantic";
import { conversationStub } from "../../worker/services/conversation-stub";
import { fakeSemantic } from "../helpers/fake-semantic";
import { capture } from "../helpers/http";
import { createTenant, type Tenant } from "../helpers/tenant";
import { syncIndex } from "../helpers/index-queue";

afterEach(() => setSemanticForTests(null));

/** Every message indexed so far counts as settled (the default leaves the last five minutes to the flush). */
const settled = () => ({ arrivedBefore: Date.now() + 1_000 });

async function converse(t: Tenant, conversationId: string, messages: { role: "user" | "assistant"; content: string }[]): Promise<string> {
  expect((await capture(t.ingestKey, { conversationId, messages })).status).toBeLessThan(300);
  const stub = conversationStub(env, t.chatbotId, conversationId);
  await syncIndex(stub);
  return (await stub.read(t.chatbotId, { after: 0, limit: 1 }))!.state.conversationId;
}

async function unembedded(t: Tenant): Promise<number> {
  return (await env.DB.prepare("SELECT count(*) AS n FROM search_messages WHERE chatbot_id = ? AND role = 'user' AND embedded = 0").bind(t.chatbotId).first<{ n: number }>())!.n;
}

describe("the semantic back-fill", () => {
  it("embeds every earlier user message exactly once across an interrupted run and the run that resumes it", async () => {
    // Indexed while semantic search was off: nothing embedded yet.
    const t = await createTenant();
    const messages = Array.from({ length: 7 }, (_, i) => [
      { role: "user" as const, content: `old question ${i} about the export` },
      { role: "assistant" as const, content: `old answer ${i}` },
    ]).flat();
    const conversationId = await converse(t, "old", messages);
    const userSeqs = [1, 3, 5, 7, 9, 11, 13];
    expect(await unembedded(t)).toBe(7);

    const semantic = fakeSemantic();
    semantic.ai.failOnCall = 2; // the third batch fails, as a model outage would
    await expect(runBackfill(env.DB, semantic, { batches: 10, batchSize: 2, ...settled() })).rejects.toThrow("AI unavailable");
    expect(semantic.vectors.upserted).toEqual(userSeqs.slice(0, 4).map((seq) => vectorId(conversationId, seq)));
    expect(await unembedded(t)).toBe(3);

    // A message embedded by its own flush is marked there, and the back-fill leaves it alone.
    setSemanticForTests(semantic);
    await converse(t, "new", [{ role: "user", content: "a new question" }]);
    setSemanticForTests(null);
    expect(await unembedded(t)).toBe(3);
    const afterFlush = semantic.vectors.upserted.length;

    semantic.ai.failOnCall = null;
    expect(await runBackfill(env.DB, semantic, { batches: 10, batchSize: 2, ...settled() })).toEqual({ embedded: 3, done: true });
    expect(semantic.vectors.upserted.slice(afterFlush)).toEqual(userSeqs.slice(4).map((seq) => vectorId(conversationId, seq)));
    expect(await unembedded(t)).toBe(0);

    // Done stays done: no model call, no upsert.
    const calls = semantic.ai.calls.length;
    expect(await runBackfill(env.DB, semantic, { batches: 10, batchSize: 2, ...settled() })).toEqual({ embedded: 0, done: true });
    expect(semantic.ai.calls.length).toBe(calls);
    // Every user message, the old and the new, has its vector once; no assistant message has one.
    expect(semantic.vectors.upserted.length).toBe(new Set(semantic.vectors.upserted).size);
    expect(semantic.vectors.vectors.size).toBe(8);
  });

  it("retries a message whose embedding failed at its flush", async () => {
    const t = await createTenant();
    const semantic = fakeSemantic();
    semantic.ai.failOnCall = 0; // the flush's one call fails
    setSemanticForTests(semantic);
    const conversationId = await converse(t, "unlucky", [{ role: "user", content: "my invoice is wrong" }]);
    setSemanticForTests(null);
    expect(semantic.vectors.vectors.size).toBe(0);
    expect(await unembedded(t)).toBe(1);

    expect(await runBackfill(env.DB, semantic, settled())).toEqual({ embedded: 1, done: true });
    expect([...semantic.vectors.vectors.keys()]).toEqual([vectorId(conversationId, 1)]);
    expect(await unembedded(t)).toBe(0);
  });

  it("leaves a message of the last five minutes to its own flush", async () => {
    const t = await createTenant();
    await converse(t, "fresh", [{ role: "user", content: "just asked" }]);
    const semantic = fakeSemantic();
    expect(await runBackfill(env.DB, semantic)).toEqual({ embedded: 0, done: true });
    expect(semantic.ai.calls).toEqual([]);
    expect(await unembedded(t)).toBe(1);
  });
});
