/**
 * The semantic back-fill embeds messages that were indexed before semantic search was on, batch by
 * batch, recording its progress in D1 after each batch: cut short, it resumes where it stopped.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { runBackfill } from "../../worker/search/backfill";
import { setSemanticForTests, vectorId } from "../../worker/search/semantic";
import { conversationStub } from "../../worker/services/conversation-stub";
import { fakeSemantic } from "../helpers/fake-semantic";
import { capture } from "../helpers/http";
import { createTenant } from "../helpers/tenant";

afterEach(() => setSemanticForTests(null));

async function progress() {
  return env.DB.prepare("SELECT after_id AS afterId, until_id AS untilId, done_at AS doneAt FROM search_backfill WHERE id = 1").first<{ afterId: number; untilId: number; doneAt: number | null }>();
}

describe("the semantic back-fill", () => {
  it("embeds every earlier user message exactly once across an interrupted run and the run that resumes it", async () => {
    // Indexed while semantic search was off: nothing embedded yet.
    const t = await createTenant();
    const messages = Array.from({ length: 7 }, (_, i) => [
      { role: "user" as const, content: `old question ${i} about the export` },
      { role: "assistant" as const, content: `old answer ${i}` },
    ]).flat();
    expect((await capture(t.ingestKey, { conversationId: "old", messages })).status).toBeLessThan(300);
    const stub = conversationStub(env, t.chatbotId, "old");
    await stub.syncNow();
    const snapshot = (await stub.read(t.chatbotId, { after: 0, limit: 1 }))!;
    const userSeqs = [1, 3, 5, 7, 9, 11, 13];

    const semantic = fakeSemantic();
    semantic.ai.failOnCall = 2; // the third batch fails, as a model outage would
    await expect(runBackfill(env.DB, semantic, 10, 2)).rejects.toThrow("AI unavailable");
    expect(semantic.vectors.upserted).toEqual(userSeqs.slice(0, 4).map((seq) => vectorId(snapshot.state.conversationId, seq)));
    const stopped = (await progress())!;
    expect(stopped.doneAt).toBeNull();

    // A message indexed after the back-fill began is the flush's to embed, not the back-fill's.
    setSemanticForTests(semantic);
    expect((await capture(t.ingestKey, { conversationId: "new", messages: [{ role: "user", content: "a new question" }] })).status).toBeLessThan(300);
    await conversationStub(env, t.chatbotId, "new").syncNow();
    setSemanticForTests(null);
    const afterFlush = semantic.vectors.upserted.length;

    semantic.ai.failOnCall = null;
    const resumed = await runBackfill(env.DB, semantic, 10, 2);
    expect(resumed).toMatchObject({ done: true, embedded: 3 });
    expect(semantic.vectors.upserted.slice(afterFlush)).toEqual(userSeqs.slice(4).map((seq) => vectorId(snapshot.state.conversationId, seq)));
    expect((await progress())!.doneAt).not.toBeNull();

    // Done stays done: no model call, no upsert.
    const calls = semantic.ai.calls.length;
    expect(await runBackfill(env.DB, semantic, 10, 2)).toMatchObject({ done: true, embedded: 0 });
    expect(semantic.ai.calls.length).toBe(calls);
    // Every user message, the old and the new, has its vector once; no assistant message has one.
    expect(semantic.vectors.upserted.length).toBe(new Set(semantic.vectors.upserted).size);
    expect(semantic.vectors.vectors.size).toBe(8);
  });
});
