/**
 * The D1 index is written by the index queue's consumer, many conversations per D1 batch, in whatever
 * order snapshots arrive (a Queue redelivers out of order): an older snapshot never overwrites a newer
 * one — the conversation row by its version, the client user and organization by when their context was
 * stated, a message's annotations by when they were analysed — within one batch as across batches.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ConversationState } from "../../durable-objects/conversation-store";
import { createDb } from "../../worker/db/client";
import { annotations, clientOrganizations, clientUsers, conversations } from "../../worker/db/schema";
import { conversationSnapshot, type IndexSnapshot } from "../../worker/index-queue/snapshot";
import { writeIndexBatch } from "../../worker/services/conversation-index";
import { conversationStub } from "../../worker/services/conversation-stub";
import { capture } from "../helpers/http";
import { syncIndex } from "../helpers/index-queue";
import { createTenant } from "../helpers/tenant";

const db = createDb(env.DB);
afterEach(() => vi.restoreAllMocks());

/** A captured, indexed conversation and the state its object holds. */
async function flushed(externalId = "guarded", t?: Awaited<ReturnType<typeof createTenant>>) {
  t ??= await createTenant();
  await capture(t.ingestKey, {
    conversationId: externalId,
    messages: [{ role: "user", content: "hello" }, { role: "assistant", content: "hi" }],
    user: { id: "u-1", name: "Current name", plan: "pro" },
    organization: { id: "o-1", name: "Current org", mrr: 500 },
  });
  const stub = conversationStub(env, t.chatbotId, externalId);
  await syncIndex(stub);
  const snapshot = await stub.read(t.chatbotId, { after: 0, limit: 1 });
  if (!snapshot) throw new Error("the conversation was not stored");
  const row = async () => (await db.select().from(conversations).where(eq(conversations.id, snapshot.state.conversationId)).get())!;
  return { t, state: snapshot.state, row };
}

describe("the last user message's preview", () => {
  it("is its first 300 characters, an emoji at the cut kept whole", async () => {
    const t = await createTenant();
    const content = `${"x".repeat(299)}😀 and more words after the cut`;
    await capture(t.ingestKey, { conversationId: "preview", messages: [{ role: "user", content }] });
    const stub = conversationStub(env, t.chatbotId, "preview");
    await syncIndex(stub);
    const row = await db.select().from(conversations).where(eq(conversations.externalId, "preview")).all();
    expect(row.find((r) => r.chatbotId === t.chatbotId)?.lastUserMessage).toBe(`${"x".repeat(299)}😀`);
  });
});

const write = (...states: ConversationState[]) => writeIndexBatch(env.DB, states.map((s) => conversationSnapshot(s)));

/** A snapshot carrying one analysis of message 1: a sentiment with `label`, analysed at `analysedAt`. */
function withAnalysis(state: ConversationState, label: string, analysedAt: number): IndexSnapshot {
  return {
    ...conversationSnapshot(state),
    analyses: [
      {
        seq: 1,
        messageId: "m-1",
        analysedAt,
        analyzer: "embedded",
        analyzerVersion: "test",
        rows: [{ kind: "sentiment", label, score: 0.5, confidence: null, severity: null, reason: "r", chunk: null, status: "accepted" }],
      },
    ],
  };
}

describe("the conversation index's version guard", () => {
  it("keeps the newer conversation row when an older snapshot arrives after it", async () => {
    const { state, row } = await flushed();
    const current = await row();
    expect(current).toMatchObject({ indexVersion: state.version, messageCount: 2 });
    await write({ ...state, version: state.version - 1, messageCount: 1, status: "ended" });
    expect(await row()).toEqual(current);
    // The same snapshot again (a redelivery) changes nothing either.
    await write({ ...state, messageCount: 1 });
    expect(await row()).toEqual(current);
  });

  it("applies a newer snapshot, so the guard above is about order and not a frozen row", async () => {
    const { state, row } = await flushed();
    await write({ ...state, version: state.version + 1, messageCount: 3 });
    expect(await row()).toMatchObject({ indexVersion: state.version + 1, messageCount: 3 });
  });

  it("keeps the newest of one conversation's snapshots within a batch, whichever comes first in it", async () => {
    const { state, row } = await flushed();
    await write({ ...state, version: state.version + 2, messageCount: 5 }, { ...state, version: state.version + 1, messageCount: 4, status: "ended" });
    expect(await row()).toMatchObject({ indexVersion: state.version + 2, messageCount: 5, status: "open" });
  });

  it("keeps the newer client user and organization when context stated earlier arrives later", async () => {
    const { t, state } = await flushed();
    const older = {
      ...state,
      version: state.version + 1,
      contextAt: (state.contextAt ?? state.createdAt) - 60_000,
      user: { ...state.user!, name: "Old name" },
      organization: { ...state.organization!, name: "Old org" },
    };
    await write(older);
    const user = await db.select().from(clientUsers).where(eq(clientUsers.chatbotId, t.chatbotId)).get();
    const org = await db.select().from(clientOrganizations).where(eq(clientOrganizations.chatbotId, t.chatbotId)).get();
    expect(user?.name).toBe("Current name");
    expect(org?.name).toBe("Current org");
    // While context stated later does replace them.
    await write({ ...older, version: state.version + 2, contextAt: (state.contextAt ?? state.createdAt) + 60_000, user: { ...state.user!, name: "New name" } });
    expect((await db.select().from(clientUsers).where(eq(clientUsers.chatbotId, t.chatbotId)).get())?.name).toBe("New name");
  });

  it("dates a new client user and organization from when their context was first stated, not from when the batch is written", async () => {
    const { t, state } = await flushed();
    const stated = (state.contextAt ?? state.createdAt) - 3_600_000;
    const first = { ...state, version: state.version + 1, contextAt: stated, user: { ...state.user!, id: "u-new" }, organization: { ...state.organization!, id: "o-new" } };
    // Another conversation states the same user a minute later; the batch is written a day later, that one first.
    const later = { ...first, conversationId: `${state.conversationId}-2`, externalId: "guarded-2", contextAt: stated + 60_000 };
    await writeIndexBatch(env.DB, [conversationSnapshot(later), conversationSnapshot(first)], stated + 86_400_000);
    const user = (await db.select().from(clientUsers).where(eq(clientUsers.chatbotId, t.chatbotId)).all()).find((u) => u.externalId === "u-new");
    const org = (await db.select().from(clientOrganizations).where(eq(clientOrganizations.chatbotId, t.chatbotId)).all()).find((o) => o.externalId === "o-new");
    expect(user?.createdAt).toBe(stated);
    expect(org?.createdAt).toBe(stated);
  });

  it("never replaces a message's annotations with those of an older analysis, in one batch or across two", async () => {
    const { state } = await flushed();
    const labels = async () =>
      (await db.select().from(annotations).where(eq(annotations.conversationId, state.conversationId)))
        .filter((a) => a.messageSeq === 1)
        .map((a) => a.label);
    await writeIndexBatch(env.DB, [withAnalysis(state, "newer", 2_000_000_000_000), withAnalysis(state, "older", 1_900_000_000_000)]);
    expect(await labels()).toEqual(["newer"]);
    await writeIndexBatch(env.DB, [withAnalysis(state, "older", 1_900_000_000_000)]);
    expect(await labels()).toEqual(["newer"]);
    await writeIndexBatch(env.DB, [withAnalysis(state, "newest", 2_100_000_000_000)]);
    expect(await labels()).toEqual(["newest"]);
  });

  it("keeps the team's decision on a suggested intent when the same analysis arrives again, and asks anew for a newer one", async () => {
    const { state } = await flushed();
    const suggested = (label: string, analysedAt: number): IndexSnapshot => {
      const snapshot = withAnalysis(state, "positive", analysedAt);
      snapshot.analyses[0]!.rows = [{ kind: "intent", label, score: null, confidence: 0.8, severity: null, reason: "asked for a refund", chunk: null, status: "pending" }];
      return snapshot;
    };
    const intent = async () => (await db.select().from(annotations).where(eq(annotations.conversationId, state.conversationId))).filter((a) => a.kind === "intent" && a.messageSeq === 1);
    await writeIndexBatch(env.DB, [suggested("refund_request", 2_000_000_000_000)]);
    const [row] = await intent();
    expect(row).toMatchObject({ label: "refund_request", status: "pending" });
    // The team accepts it under its own name (as POST /intents/suggestions does).
    await db.update(annotations).set({ status: "accepted", label: "refunds" }).where(eq(annotations.id, row!.id));

    // A redelivered snapshot, or a reindex, carries the same analysis: the decision stands.
    await writeIndexBatch(env.DB, [suggested("refund_request", 2_000_000_000_000)]);
    expect(await intent()).toEqual([expect.objectContaining({ id: row!.id, label: "refunds", status: "accepted" })]);

    // The message analysed again: a new suggestion, pending until someone decides.
    await writeIndexBatch(env.DB, [suggested("refund_request", 2_100_000_000_000)]);
    expect(await intent()).toEqual([expect.objectContaining({ label: "refund_request", status: "pending", createdAt: 2_100_000_000_000 })]);
  });
});

describe("one D1 batch for many conversations", () => {
  it("writes every conversation of a batch in one D1 batch, with as many statements for ten conversations as for one", async () => {
    const t = await createTenant();
    const states = [];
    for (let i = 0; i < 10; i++) states.push((await flushed(`many-${i}`, t)).state);
    const batch = vi.spyOn(env.DB, "batch");
    await write(states[0]!);
    const one = batch.mock.calls[0]![0].length;
    const bumped = states.map((s) => ({ ...s, version: s.version + 1, messageCount: 7 }));
    await writeIndexBatch(env.DB, bumped.map((s) => ({ ...conversationSnapshot(s), messages: [{ seq: 9, id: `m-9-${s.conversationId}`, role: "user", content: "late words", at: 1 }] })));
    expect(batch).toHaveBeenCalledTimes(2);
    // The second batch also carries search rows (one statement more), not one statement per conversation.
    expect(batch.mock.calls[1]![0].length).toBe(one + 1);
    const rows = await db.select().from(conversations).where(eq(conversations.chatbotId, t.chatbotId));
    expect(rows.map((r) => r.messageCount)).toEqual(Array(10).fill(7));
    const searched = await env.DB.prepare("SELECT count(*) AS n FROM search_messages WHERE chatbot_id = ? AND seq = 9").bind(t.chatbotId).first<{ n: number }>();
    expect(searched?.n).toBe(10);
  });
});
