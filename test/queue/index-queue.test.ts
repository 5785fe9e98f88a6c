/**
 * The index queue: a conversation hands its snapshot to the queue and counts it flushed only once the queue
 * took it; the consumer writes a whole delivered batch in one D1 batch, retries the batch when D1 refuses
 * it, drops snapshots of deleted chatbots, and its dead-letter consumer writes each snapshot alone or has
 * the conversation send its whole index again — nothing is lost.
 */
import { createExecutionContext, createMessageBatch, getQueueResult, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Conversation } from "../../durable-objects/conversation";
import { noAttentionFacts, type ConversationStore } from "../../durable-objects/conversation-store";
import { createDb } from "../../worker/db/client";
import { annotations, chatbots, conversations } from "../../worker/db/schema";
import worker from "../../worker/index";
import { buildSnapshot, conversationSnapshot, INDEX_MESSAGE_BUDGET, type IndexSnapshot } from "../../worker/index-queue/snapshot";
import { conversationStub } from "../../worker/services/conversation-stub";
import { capture } from "../helpers/http";
import { syncIndex } from "../helpers/index-queue";
import { createTenant, type Tenant } from "../helpers/tenant";

afterEach(() => vi.restoreAllMocks());
const db = () => createDb(env.DB);

/** Runs the Worker's queue() on `bodies`, as the Queue would deliver them to `queue` on attempt `attempts`. */
async function consume(bodies: unknown[], queue = "openbat-index", attempts = 1) {
  const batch = createMessageBatch(queue, bodies.map((body, i) => ({ id: `i-${i}-${attempts}`, timestamp: new Date(), attempts, body })));
  // The test harness records that a message was retried but not the delay asked for: spy on it.
  const retries = batch.messages.map((m) => vi.spyOn(m, "retry"));
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  const result = await getQueueResult(batch, ctx);
  return { ...result, delays: retries.flatMap((r) => r.mock.calls.map((args) => (args[0] as QueueRetryOptions | undefined)?.delaySeconds)) };
}

/** A captured and analysed conversation, its snapshot as its object would send it now, and its index row. */
async function conversation(t: Tenant, externalId: string) {
  await capture(t.ingestKey, { conversationId: externalId, messages: [{ role: "user", content: "this is terrible, I want a refund" }] });
  const stub = conversationStub(env, t.chatbotId, externalId);
  await syncIndex(stub);
  const state = (await stub.read(t.chatbotId, { after: 0, limit: 1 }))!.state;
  const row = () => db().select().from(conversations).where(eq(conversations.id, state.conversationId)).get();
  return { stub, state, row, snapshot: conversationSnapshot(state) };
}

describe("a conversation's index snapshot", () => {
  it("reaches D1 through the queue, annotations and search rows included", async () => {
    const t = await createTenant();
    const { state, row } = await conversation(t, "through-queue");
    expect(await row()).toMatchObject({ messageCount: 1, indexVersion: state.flushedVersion });
    const found = await db().select().from(annotations).where(eq(annotations.conversationId, state.conversationId));
    expect(found.map((a) => a.kind)).toContain("sentiment");
    const searched = await env.DB.prepare("SELECT content FROM search_messages WHERE conversation_id = ?").bind(state.conversationId).all();
    expect(searched.results).toEqual([{ content: "this is terrible, I want a refund" }]);
  });

  it("stays flushed-pending while the queue refuses it, and is sent once the queue takes it again", async () => {
    const t = await createTenant();
    const { stub, state } = await conversation(t, "queue-down");
    const send = vi.spyOn(env.INDEX, "send").mockRejectedValue(new Error("queue unavailable"));
    vi.spyOn(console, "error").mockImplementation(() => {});
    await capture(t.ingestKey, { conversationId: "queue-down", messages: [{ role: "user", content: "still there?" }] });
    expect(await stub.syncNow()).toEqual({ conversationId: state.conversationId, version: state.flushedVersion });
    expect(send).toHaveBeenCalled();
    const pending = await runInDurableObject(stub, (instance: Conversation) => (instance as unknown as { store: ConversationStore }).store.state!);
    expect(pending.flushedVersion).toBe(state.flushedVersion);
    expect(pending.flushAttempts).toBe(1);
    send.mockRestore();
    await syncIndex(stub);
    const row = await db().select().from(conversations).where(eq(conversations.id, state.conversationId)).get();
    expect(row?.messageCount).toBe(2);
  });

  it("carries no more than fits in one Queue message and leaves the rest for the next snapshot", async () => {
    const t = await createTenant();
    const { state } = await conversation(t, "long");
    const messages = Array.from({ length: 20 }, (_, i) => ({ id: `m-${i}`, seq: i + 1, role: "user" as const, content: "x".repeat(30_000), sentAt: null, receivedAt: 1 }));
    const built = buildSnapshot(state, [], messages, noAttentionFacts());
    expect(new TextEncoder().encode(JSON.stringify(built.snapshot)).length).toBeLessThanOrEqual(INDEX_MESSAGE_BUDGET);
    expect(built.snapshot.messages.length).toBeGreaterThan(0);
    expect(built.searchedThrough).toBe(built.snapshot.messages.at(-1)!.seq);
    expect(built.searchedThrough).toBeLessThan(20);
  });
});

describe("the index queue's consumer", () => {
  it("writes a batch of several conversations' snapshots in one D1 batch and acknowledges them all", async () => {
    const t = await createTenant();
    const a = await conversation(t, "batch-a");
    const b = await conversation(t, "batch-b");
    const batch = vi.spyOn(env.DB, "batch");
    const bump = (s: IndexSnapshot, n: number): IndexSnapshot => ({ ...s, version: s.version + 1, row: { ...s.row, messageCount: n } });
    const result = await consume([bump(a.snapshot, 11), bump(b.snapshot, 12), { not: "a snapshot" }]);
    expect(batch).toHaveBeenCalledTimes(1);
    expect(result.explicitAcks.sort()).toEqual(["i-0-1", "i-1-1", "i-2-1"]);
    expect((await a.row())?.messageCount).toBe(11);
    expect((await b.row())?.messageCount).toBe(12);
  });

  it("retries every snapshot of a batch D1 refused, with a growing delay", async () => {
    const t = await createTenant();
    const a = await conversation(t, "refused");
    vi.spyOn(env.DB, "batch").mockRejectedValue(new Error("D1 unavailable"));
    vi.spyOn(console, "error").mockImplementation(() => {});
    const result = await consume([{ ...a.snapshot, version: a.snapshot.version + 1 }], "openbat-index", 3);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(["i-0-3"]);
    expect(result.delays).toEqual([8]);
    expect((await a.row())?.indexVersion).toBe(a.state.flushedVersion);
  });

  it("drops the snapshot of a chatbot deleted meanwhile and erases its conversation", async () => {
    const t = await createTenant();
    const a = await conversation(t, "orphan");
    await db().delete(chatbots).where(eq(chatbots.id, t.chatbotId));
    const result = await consume([a.snapshot]);
    expect(result.explicitAcks).toEqual(["i-0-1"]);
    expect(await a.stub.read(t.chatbotId, { after: 0, limit: 1 })).toBeNull();
  });

  it("from the dead-letter queue, has a conversation whose snapshot still fails send its whole index again", async () => {
    const t = await createTenant();
    const a = await conversation(t, "dead-letter");
    // The index lost this conversation's annotations and search rows: only a full resend brings them back.
    await db().delete(annotations).where(eq(annotations.conversationId, a.state.conversationId));
    await env.DB.prepare("DELETE FROM search_messages WHERE conversation_id = ?").bind(a.state.conversationId).run();
    const batch = vi.spyOn(env.DB, "batch").mockRejectedValueOnce(new Error("D1 refuses this one"));
    vi.spyOn(console, "error").mockImplementation(() => {});
    const result = await consume([a.snapshot], "openbat-index-dlq");
    expect(result.explicitAcks).toEqual(["i-0-1"]);
    batch.mockRestore();
    await syncIndex(a.stub);
    const found = await db().select().from(annotations).where(eq(annotations.conversationId, a.state.conversationId));
    expect(found.map((x) => x.kind)).toContain("sentiment");
    const searched = await env.DB.prepare("SELECT count(*) AS n FROM search_messages WHERE conversation_id = ?").bind(a.state.conversationId).first<{ n: number }>();
    expect(searched?.n).toBe(1);
  });
});
