import { abortAllDurableObjects, runInDurableObject } from "cloudflare:test";
import type { Conversation } from "../../durable-objects/conversation";
import { runDueAnalysis } from "../../durable-objects/conversation-analysis";
import type { ConversationStore } from "../../durable-objects/conversation-store";
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { setAiForTests } from "../../worker/analysis/run";
import { createDb } from "../../worker/db/client";
import { annotations, conversations } from "../../worker/db/schema";
import { conversationStub } from "../../worker/services/conversation-stub";
import { FakeAi, wellFormed } from "../helpers/fake-ai";
import { call, capture } from "../helpers/http";
import { connect } from "../helpers/socket";
import { createTenant, type Tenant } from "../helpers/tenant";
import { syncIndex } from "../helpers/index-queue";

afterEach(() => setAiForTests(null));

const db = () => createDb(env.DB);

async function captureAndSync(t: Tenant, conversationId: string, messages: { role: string; content: string }[]) {
  const res = (await (await capture(t.ingestKey, { conversationId, messages })).json()) as { conversationId: string };
  await syncIndex(conversationStub(env, t.chatbotId, conversationId));
  return res.conversationId;
}

async function annotationsOf(conversationId: string) {
  return db().select().from(annotations).where(eq(annotations.conversationId, conversationId)).orderBy(annotations.messageSeq, annotations.kind);
}

async function configure(t: Tenant, patch: unknown) {
  const res = await call("/api/v1/analysis/config", { method: "PATCH", key: t.adminKey, json: patch });
  expect(res.status).toBe(200);
}

describe("analysis with the embedded analyzer", () => {
  it("annotates a user message and keeps the conversation aggregates in D1", async () => {
    const t = await createTenant();
    const id = await captureAndSync(t, "emb-1", [{ role: "user", content: "This is useless, I want to cancel my subscription right now!" }]);
    const rows = await annotationsOf(id);
    const sentiment = rows.find((r) => r.kind === "sentiment");
    expect(sentiment?.score).toBeLessThan(-0.2);
    expect(sentiment?.analyzer).toBe("embedded");
    expect(rows.filter((r) => r.kind === "flag").map((r) => r.label)).toContain("churn_risk");
    const row = await db().select().from(conversations).where(eq(conversations.id, id)).get();
    expect(row?.sentimentAvg).toBe(sentiment?.score);
    expect(row?.flags).toContain("churn_risk");
  });

  it("sends an annotation frame to every socket of the conversation", async () => {
    const t = await createTenant();
    const sender = await connect("/api/v1/live/emb-frames", { key: t.ingestKey });
    const viewer = await connect("/api/v1/live/emb-frames", { key: t.ingestKey });
    await sender.next("welcome");
    await viewer.next("welcome");
    sender.send({ type: "message", id: "happy", role: "user", content: "Thank you so much, this is perfect!" });
    await sender.next("ack");
    const [a, b] = await Promise.all([sender.next("annotation"), viewer.next("annotation")]);
    expect(a).toMatchObject({ messageId: "happy", seq: 1, analyzer: "embedded" });
    expect(a.analysis.sentiment?.score).toBeGreaterThan(0.2);
    expect(b).toEqual(a);
    sender.close();
    viewer.close();
  });

  it("shows each message's analysis in the read API", async () => {
    const t = await createTenant();
    const id = await captureAndSync(t, "emb-read", [
      { role: "user", content: "I love it" },
      { role: "system", content: "session started" },
    ]);
    const body = (await (await call(`/api/v1/conversations/${id}`, { key: t.readKey })).json()) as {
      data: { messages: { analysis: { analysis: { sentiment?: { label: string } } } | null }[] };
    };
    expect(body.data.messages[0]?.analysis?.analysis.sentiment?.label).toMatch(/positive/);
    expect(body.data.messages[1]?.analysis).toBeNull(); // system messages are not analysed
    const aggregates = (body.data as unknown as { aggregates: { sentimentAvg: number } }).aggregates;
    expect(aggregates.sentimentAvg).toBeGreaterThan(0.2);
  });

  it("sets the resolution when a conversation ends and clears it when a message reopens it", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/emb-end", { key: t.ingestKey });
    await socket.next("welcome");
    socket.send({ type: "message", id: "q", role: "user", content: "How do I export my data?" });
    socket.send({ type: "message", id: "a", role: "assistant", content: "Go to Settings, then Export." });
    socket.send({ type: "message", id: "t", role: "user", content: "That worked, thanks!" });
    await socket.take("ack", 3);
    socket.send({ type: "end" });
    const resolution = await socket.next("resolution");
    expect(resolution.resolution).toBe("fully_resolved");
    const stub = conversationStub(env, t.chatbotId, "emb-end");
    await syncIndex(stub);
    const row = await db().select().from(conversations).where(eq(conversations.externalId, "emb-end")).get();
    expect(row?.resolution).toBe("fully_resolved");

    socket.send({ type: "message", id: "again", role: "user", content: "Actually it broke again" });
    await socket.next("ack");
    await syncIndex(stub);
    const reopened = await db().select().from(conversations).where(eq(conversations.externalId, "emb-end")).get();
    expect(reopened).toMatchObject({ status: "open", resolution: null });
    socket.close();
  });

  it("resumes analysis written down before an eviction that lands while the AI call is in flight", async () => {
    const t = await createTenant();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // The first call hangs until released: the object goes away while it is pending.
    const before = new FakeAi(async () => (await gate, { response: wellFormed }));
    setAiForTests(before);
    await capture(t.ingestKey, { conversationId: "evicted", messages: [{ id: "m", role: "user", content: "please cancel my plan" }] });
    const stub = conversationStub(env, t.chatbotId, "evicted");
    const interrupted = stub.syncNow().catch((error: unknown) => error);
    await expect.poll(() => before.calls.length).toBe(1);
    // Torn down abruptly, as an eviction or crash mid-call would (a graceful eviction waits for the call).
    await abortAllDurableObjects();
    // The answer after waking differs, so the stored result shows which call produced it.
    const after = { ...wellFormed, sentiment: { score: -0.31, chunk: "cancel", reason: "after eviction" } };
    const again = new FakeAi(() => ({ response: after }));
    setAiForTests(again);
    release();
    expect(await interrupted).toBeInstanceOf(Error);
    // A new stub wakes a new instance, which finds the job still written down and runs it.
    const woken = conversationStub(env, t.chatbotId, "evicted");
    await syncIndex(woken);
    const snapshot = await woken.read(t.chatbotId, { after: 0, limit: 10 });
    expect(snapshot?.messages[0]?.analysis?.analysis.sentiment).toMatchObject({ score: -0.31, reason: "after eviction" });
    expect(snapshot?.state.aggregates.sentimentCount).toBe(1);
    expect(before.calls).toHaveLength(1);
    expect(again.calls.length).toBeGreaterThan(0);
  });

  it("retries a job that cannot run yet with a doubling backoff, and analyses the message once it can", async () => {
    const t = await createTenant();
    // A stored configuration that cannot even be read: the job fails before any analyzer runs.
    await env.DB.prepare("INSERT INTO analysis_configs (chatbot_id, organization_id, config, updated_at) VALUES (?, ?, ?, ?)")
      .bind(t.chatbotId, t.organizationId, "{not json", Date.now())
      .run();
    await capture(t.ingestKey, { conversationId: "backoff", messages: [{ id: "m", role: "user", content: "thanks, that solved it" }] });
    const stub = conversationStub(env, t.chatbotId, "backoff");
    // The attempt made right after the capture has failed too; from here the job is driven by hand.
    await syncIndex(stub);
    const job = "SELECT analysis_attempts AS attempts, analysis_due_at AS due_at FROM messages";
    const waits = await runInDurableObject(stub, async (instance: Conversation, state) => {
      // With the alarm out of the way and the count started afresh, so each failure is counted exactly once.
      await state.storage.deleteAlarm();
      state.storage.sql.exec("UPDATE messages SET analysis_attempts = 0");
      const store = (instance as unknown as { store: ConversationStore }).store;
      const host = { store, env, broadcast: () => undefined, publish: () => undefined, urgent: () => undefined };
      const seen: { attempts: number; wait: number }[] = [];
      for (let i = 0; i < 4; i++) {
        state.storage.sql.exec("UPDATE messages SET analysis_due_at = 0"); // the previous wait is over
        store.expectDueJobs(); // as the alarm's pass does: a retried job is in storage only
        const started = Date.now();
        expect(await runDueAnalysis(host, store.state!)).toBe(false);
        const row = state.storage.sql.exec<{ attempts: number; due_at: number }>(job).one();
        seen.push({ attempts: row.attempts, wait: row.due_at - started });
      }
      return seen;
    });
    expect(waits.map((w) => w.attempts)).toEqual([1, 2, 3, 4]);
    waits.forEach((w, i) => expect(w.wait, `wait after attempt ${i + 1}`).toBeGreaterThanOrEqual(1_000 * 2 ** i));
    waits.slice(1).forEach((w, i) => expect(w.wait, `wait after attempt ${i + 2} grows`).toBeGreaterThan(waits[i]!.wait));
    // Readable again: the waiting job runs and the message is analysed once.
    await env.DB.prepare("DELETE FROM analysis_configs WHERE chatbot_id = ?").bind(t.chatbotId).run();
    await runInDurableObject(stub, (_instance: Conversation, state) => state.storage.sql.exec("UPDATE messages SET analysis_due_at = 0"));
    await syncIndex(stub);
    const snapshot = await stub.read(t.chatbotId, { after: 0, limit: 10 });
    expect(snapshot?.messages[0]?.analysis?.analysis.sentiment?.score).toBeGreaterThan(0);
    expect(snapshot?.state.aggregates.sentimentCount).toBe(1);
    expect(await runInDurableObject(stub, (_instance: Conversation, state) => state.storage.sql.exec(job).one())).toMatchObject({ due_at: null });
  });
});

describe("analysis with Workers AI", () => {
  it("stores a well-formed answer as annotations from one call per message", async () => {
    const ai = new FakeAi(() => ({ response: wellFormed }));
    setAiForTests(ai);
    const t = await createTenant();
    const id = await captureAndSync(t, "ai-ok", [{ role: "user", content: "I want to cancel my subscription" }]);
    expect(ai.calls).toHaveLength(1);
    expect(ai.calls[0]?.inputs.response_format).toMatchObject({ type: "json_schema" });
    const rows = await annotationsOf(id);
    expect(rows.map((r) => [r.kind, r.label, r.analyzer])).toEqual(
      expect.arrayContaining([
        ["sentiment", "very_negative", "workers-ai"],
        ["flag", "churn_risk", "workers-ai"],
        ["intent", "cancellation", "workers-ai"],
      ]),
    );
    expect(rows.find((r) => r.kind === "sentiment")?.score).toBe(-0.72);
  });

  it("accepts an answer given as JSON text", async () => {
    setAiForTests(new FakeAi(() => ({ response: JSON.stringify(wellFormed) })));
    const t = await createTenant();
    const id = await captureAndSync(t, "ai-text", [{ role: "user", content: "cancel please" }]);
    const rows = await annotationsOf(id);
    expect(rows.map((r) => r.kind)).toEqual(expect.arrayContaining(["sentiment", "flag", "intent"]));
    expect(rows.filter((r) => r.analyzer !== "workers-ai")).toEqual([]);
  });

  for (const [what, answer] of [
    ["malformed", () => ({ response: "{not json" })],
    ["schema-violating", () => ({ response: { ...wellFormed, sentiment: { score: 7, chunk: "", reason: "" } } })],
    ["failing", () => Promise.reject(new Error("3040: capacity exceeded"))],
  ] as const) {
    it(`retries a ${what} answer, then falls back to the embedded analyzer and says so`, async () => {
      const ai = new FakeAi(answer);
      setAiForTests(ai);
      const t = await createTenant();
      const id = await captureAndSync(t, `ai-${what}`, [{ role: "user", content: "This is terrible and I am furious" }]);
      expect(ai.calls).toHaveLength(3);
      const rows = await annotationsOf(id);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((r) => r.analyzer !== "embedded")).toEqual([]);
      const snapshot = await conversationStub(env, t.chatbotId, `ai-${what}`).read(t.chatbotId, { after: 0, limit: 1 });
      expect(snapshot?.messages[0]?.analysis).toMatchObject({ analyzer: "embedded", fallback: true });
    });
  }

  it("puts the chatbot's custom definitions, prompts and company description into the call", async () => {
    const ai = new FakeAi(() => ({ response: wellFormed }));
    setAiForTests(ai);
    const t = await createTenant();
    await configure(t, {
      companyDescription: "Acme sells rocket skates to coyotes.",
      customFlags: [{ slug: "safety_concern", name: "Safety concern", description: "mentions injuries or dangerous malfunctions" }],
      customIntents: [{ slug: "refund_request", name: "Refund request", description: "wants their money back" }],
      prompts: { sentiment: "Judge sentiment like a cartoon physicist would." },
    });
    await captureAndSync(t, "ai-prompt", [{ role: "user", content: "my skates exploded" }]);
    const prompt = ai.systemPrompt();
    expect(prompt).toContain("Acme sells rocket skates to coyotes.");
    expect(prompt).toContain("safety_concern: Safety concern — mentions injuries or dangerous malfunctions");
    expect(prompt).toContain("refund_request");
    expect(prompt).toContain("Judge sentiment like a cartoon physicist would.");
  });

  it("produces no annotation of a kind that is switched off, while the kinds left on are stored from the same call", async () => {
    const frustrated = { slug: "frustrated_user", confidence: 0.9, reason: "angry words", chunk: "cancel it" };
    const ai = new FakeAi(() => ({ response: { ...wellFormed, flags: [...wellFormed.flags, frustrated] } }));
    setAiForTests(ai);
    const t = await createTenant();
    await configure(t, { sentiment: false, flags: { churn_risk: false }, intent: false });
    const id = await captureAndSync(t, "ai-off", [{ role: "user", content: "cancel it" }]);
    // The analysis did run (so the absences below are the switches, not a job that never ran).
    expect(ai.calls.length).toBeGreaterThan(0);
    const rows = await annotationsOf(id);
    expect(rows.map((r) => [r.kind, r.label, r.analyzer])).toEqual([["flag", "frustrated_user", "workers-ai"]]);
  });

  it("lands low-confidence intents as pending candidates that become a suggestion an admin can approve once they recur", async () => {
    setAiForTests(new FakeAi(() => ({ response: { ...wellFormed, intent: { slug: "warranty_claim", confidence: 0.2, reason: "asks about warranty" } } })));
    const t = await createTenant();
    const id = await captureAndSync(t, "ai-pending", [{ role: "user", content: "is my skate under warranty?" }]);
    expect((await annotationsOf(id)).find((r) => r.kind === "intent")).toMatchObject({ label: "warranty_claim", status: "pending", chunk: "is my skate under warranty?" });
    const list = async () => (await (await call("/api/v1/analysis/suggestions", { key: t.readKey })).json()) as { data: { slug: string; occurrences: number; example: string }[] };
    // One message is no suggestion yet: the phrasing has to recur across conversations.
    expect((await list()).data).toEqual([]);
    await captureAndSync(t, "ai-pending", [{ role: "user", content: "does the warranty cover the wheels?" }]);
    await captureAndSync(t, "ai-pending-2", [{ role: "user", content: "warranty for a broken board" }]);
    expect((await list()).data).toEqual([expect.objectContaining({ slug: "warranty_claim", occurrences: 3, example: expect.stringContaining("warranty") })]);
    const approved = await call("/api/v1/analysis/suggestions/warranty_claim/approve", {
      method: "POST",
      key: t.adminKey,
      json: { name: "Warranty claim", description: "asks whether a product is covered by warranty" },
    });
    expect(approved.status).toBe(200);
    const config = (await (await call("/api/v1/analysis/config", { key: t.readKey })).json()) as { data: { customIntents: { slug: string }[] } };
    expect(config.data.customIntents.map((i) => i.slug)).toContain("warranty_claim");
    const row = await db().select().from(annotations).where(and(eq(annotations.conversationId, id), eq(annotations.kind, "intent"))).get();
    expect(row?.status).toBe("accepted");
  });

  it("translates a message in another language and keeps the original", async () => {
    const ai = new FakeAi((c) =>
      c.model.includes("m2m100") ? { translated_text: "I want to cancel" } : { response: { ...wellFormed, language: "fr" } },
    );
    setAiForTests(ai);
    const t = await createTenant();
    await configure(t, { primaryLanguage: "en", autoTranslate: true });
    const id = await captureAndSync(t, "ai-fr", [{ role: "user", content: "Je veux résilier" }]);
    const detail = (await (await call(`/api/v1/conversations/${id}`, { key: t.readKey })).json()) as {
      data: { messages: { content: string; analysis: { translation?: string; language?: string } }[] };
    };
    expect(detail.data.messages[0]).toMatchObject({ content: "Je veux résilier", analysis: { translation: "I want to cancel", language: "fr" } });
    expect(ai.calls.find((c) => c.model.includes("m2m100"))?.inputs).toMatchObject({ source_lang: "fr", target_lang: "en" });
  });
});

describe("analysis configuration", () => {
  it("starts from the defaults with the four prompts marked default, and reverts an edited prompt", async () => {
    const t = await createTenant();
    const initial = (await (await call("/api/v1/analysis/config", { key: t.readKey })).json()) as {
      data: { topics: boolean; effectivePrompts: Record<string, { isDefault: boolean }> };
    };
    expect(initial.data.topics).toBe(false);
    expect(Object.values(initial.data.effectivePrompts).every((p) => p.isDefault)).toBe(true);
    await configure(t, { prompts: { intent: "Pick the intent, briefly and carefully." } });
    const edited = (await (await call("/api/v1/analysis/config", { key: t.readKey })).json()) as { data: { effectivePrompts: Record<string, { isDefault: boolean; text: string }> } };
    expect(edited.data.effectivePrompts.intent).toEqual({ isDefault: false, text: "Pick the intent, briefly and carefully." });
    const reverted = await call("/api/v1/analysis/config/prompts/intent/revert", { method: "POST", key: t.adminKey });
    expect(((await reverted.json()) as { data: { effectivePrompts: Record<string, { isDefault: boolean }> } }).data.effectivePrompts.intent?.isDefault).toBe(true);
  });

  it("answers 400 naming the field for an invalid change", async () => {
    const t = await createTenant();
    const res = await call("/api/v1/analysis/config", { method: "PATCH", key: t.adminKey, json: { customFlags: [{ slug: "Bad Slug", name: "x", description: "y" }] } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { details: { field: string }[] } }).error.details[0]?.field).toBe("customFlags.0.slug");
  });

  it("lets a read key look but not change", async () => {
    const t = await createTenant();
    expect((await call("/api/v1/analysis/config", { method: "PATCH", key: t.readKey, json: { topics: true } })).status).toBe(403);
  });

  it("keeps each tenant's configuration its own", async () => {
    const a = await createTenant();
    const b = await createTenant();
    await configure(a, { topics: true, companyDescription: "tenant a" });
    const seenByB = (await (await call("/api/v1/analysis/config", { key: b.readKey })).json()) as { data: { topics: boolean; companyDescription: string } };
    expect(seenByB.data).toMatchObject({ topics: false, companyDescription: "" });
    const approve = await call("/api/v1/analysis/suggestions/anything/reject", { method: "POST", key: b.adminKey });
    expect(approve.status).toBe(404);
  });
});
