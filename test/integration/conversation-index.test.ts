/**
 * The D1 index is written from each conversation's Durable Object, in whatever order concurrent flushes
 * land: an older snapshot never overwrites a newer one — the conversation row by its version, the client
 * user and organization by when their context was stated.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { clientOrganizations, clientUsers, conversations } from "../../worker/db/schema";
import { flushConversationIndex } from "../../worker/services/conversation-index";
import { conversationStub } from "../../worker/services/conversation-stub";
import { capture } from "../helpers/http";
import { createTenant } from "../helpers/tenant";

const db = createDb(env.DB);

/** A captured, flushed conversation and the snapshot its object holds. */
async function flushed() {
  const t = await createTenant();
  await capture(t.ingestKey, {
    conversationId: "guarded",
    messages: [{ role: "user", content: "hello" }, { role: "assistant", content: "hi" }],
    user: { id: "u-1", name: "Current name", plan: "pro" },
    organization: { id: "o-1", name: "Current org", mrr: 500 },
  });
  const stub = conversationStub(env, t.chatbotId, "guarded");
  await stub.syncNow();
  const snapshot = await stub.read(t.chatbotId, { after: 0, limit: 1 });
  if (!snapshot) throw new Error("the conversation was not stored");
  const row = async () => (await db.select().from(conversations).where(eq(conversations.id, snapshot.state.conversationId)).get())!;
  return { t, state: snapshot.state, row };
}

describe("the conversation index's version guard", () => {
  it("keeps the newer conversation row when an older snapshot flushes after it", async () => {
    const { state, row } = await flushed();
    const current = await row();
    expect(current).toMatchObject({ indexVersion: state.version, messageCount: 2 });
    await flushConversationIndex(env.DB, { ...state, version: state.version - 1, messageCount: 1, status: "ended" });
    expect(await row()).toEqual(current);
    // The same snapshot again (a retried flush) changes nothing either.
    await flushConversationIndex(env.DB, { ...state, messageCount: 1 });
    expect(await row()).toEqual(current);
  });

  it("applies a newer snapshot, so the guard above is about order and not a frozen row", async () => {
    const { state, row } = await flushed();
    await flushConversationIndex(env.DB, { ...state, version: state.version + 1, messageCount: 3 });
    expect(await row()).toMatchObject({ indexVersion: state.version + 1, messageCount: 3 });
  });

  it("keeps the newer client user and organization when context stated earlier flushes later", async () => {
    const { t, state } = await flushed();
    const older = {
      ...state,
      version: state.version + 1,
      contextAt: (state.contextAt ?? state.createdAt) - 60_000,
      user: { ...state.user!, name: "Old name" },
      organization: { ...state.organization!, name: "Old org" },
    };
    await flushConversationIndex(env.DB, older);
    const user = await db.select().from(clientUsers).where(eq(clientUsers.chatbotId, t.chatbotId)).get();
    const org = await db.select().from(clientOrganizations).where(eq(clientOrganizations.chatbotId, t.chatbotId)).get();
    expect(user?.name).toBe("Current name");
    expect(org?.name).toBe("Current org");
    // While context stated later does replace them.
    await flushConversationIndex(env.DB, { ...older, version: state.version + 2, contextAt: (state.contextAt ?? state.createdAt) + 60_000, user: { ...state.user!, name: "New name" } });
    expect((await db.select().from(clientUsers).where(eq(clientUsers.chatbotId, t.chatbotId)).get())?.name).toBe("New name");
  });
});
