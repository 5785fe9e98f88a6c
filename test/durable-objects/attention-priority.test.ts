/**
 * A conversation that raises an attention flag (churn_risk, frustrated_user, urgent_request) for the first
 * time is indexed through the priority queue, taken at once, so the attention queue shows it within a
 * second; everything else keeps the index queue's batching. Which queue a flush used is recorded by
 * standing in for both producers on the conversation's object.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Conversation } from "../../durable-objects/conversation";
import { raisesAttention } from "../../durable-objects/conversation-analysis";
import { conversationStub } from "../../worker/services/conversation-stub";
import { capture } from "../helpers/http";
import { createTenant } from "../helpers/tenant";

describe("which queue carries a conversation's index", () => {
  it("counts only a flag the attention queue weighs, and only the first time the conversation raises it", () => {
    expect(raisesAttention([], [{ slug: "frustrated_user" }])).toBe(true);
    expect(raisesAttention(["frustrated_user"], [{ slug: "frustrated_user" }])).toBe(false);
    expect(raisesAttention(["frustrated_user"], [{ slug: "frustrated_user" }, { slug: "churn_risk" }])).toBe(true);
    expect(raisesAttention([], [{ slug: "urgent_request" }])).toBe(true);
    expect(raisesAttention([], [{ slug: "buying_signal" }, { slug: "confused_user" }])).toBe(false);
    expect(raisesAttention([], [])).toBe(false);
  });

  it("sends the flush after a first frustration to the priority queue, and the ones after to the index queue", async () => {
    const t = await createTenant();
    const stub = conversationStub(env, t.chatbotId, "priority-1");
    const sent: { queue: string; version: number }[] = [];
    const say = async (content: string) => {
      const res = await capture(t.ingestKey, { conversationId: "priority-1", messages: [{ role: "user", content }] });
      expect(res.status).toBe(200);
      await stub.syncNow();
    };

    await say("Hi, where do I change my billing address?");
    // From here on this object's producers record what they are sent.
    await runInDurableObject(stub, (instance: Conversation) => {
      const recorder = (queue: string) => ({ send: async (body: { version: number }) => void sent.push({ queue, version: body.version }) });
      const self = instance as unknown as { env: Env };
      self.env = { ...self.env, INDEX: recorder("index"), INDEX_PRIORITY: recorder("priority") } as unknown as Env;
    });

    await say("This is useless and I am really frustrated, nothing works!");
    await say("Still frustrated: this is useless.");
    await say("OK, and I want to cancel my subscription.");
    await say("Thanks for the help.");
    expect(sent.map((s) => s.queue)).toEqual(["priority", "index", "priority", "index"]);
    // Each flush carried a newer snapshot than the one before.
    expect(sent.map((s) => s.version)).toEqual([...sent.map((s) => s.version)].sort((a, b) => a - b));
  });
});
