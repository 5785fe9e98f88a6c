import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { Conversation } from "../../durable-objects/conversation";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { chatbots, clientOrganizations, clientUsers, conversations } from "../../worker/db/schema";
import { conversationStub } from "../../worker/services/conversation-stub";
import { createKey } from "../../worker/services/keys";
import { call, capture, type ErrorBody } from "../helpers/http";
import { inFreshRateWindow } from "../helpers/rate-window";
import { connect } from "../helpers/socket";
import { createTenant } from "../helpers/tenant";
import { syncIndex } from "../helpers/index-queue";

const one = (content = "Hello") => [{ role: "user", content }];

async function expectInvalid(res: Response, field: string, status = 400): Promise<ErrorBody> {
  expect(res.status).toBe(status);
  const body = (await res.json()) as ErrorBody;
  expect(body.error.requestId).toBeTruthy();
  if (field) expect(body.error.details?.map((d) => d.field)).toContain(field);
  return body;
}

describe("POST /api/v1/capture", () => {
  it("stores the messages and answers with the documented shape", async () => {
    const t = await createTenant();
    const res = await capture(t.ingestKey, {
      conversationId: "conv-1",
      messages: [
        { id: "m1", role: "user", content: "Hi, I need help with my invoice", sentAt: "2026-11-26T10:00:00Z" },
        { id: "m2", role: "assistant", content: "Sure, what is the invoice number?" },
      ],
      user: { id: "u-1", email: "ada@example.com", plan: "pro", mrr: 99 },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ ok: true, externalId: "conv-1", inserted: 2, duplicates: 0, analysisQueued: 2, warnings: [] });
    expect(body.conversationId).toMatch(/^[0-9a-f]{64}$/);

    const read = await call(`/api/v1/conversations/${body.conversationId}`, { key: t.readKey });
    expect(read.status).toBe(200);
    const detail = (await read.json()) as { data: { messages: { id: string; seq: number; sentAt: number | null }[]; user: { email: string } } };
    expect(detail.data.messages.map((m) => [m.id, m.seq])).toEqual([["m1", 1], ["m2", 2]]);
    expect(detail.data.messages[0]?.sentAt).toBe(Date.parse("2026-11-26T10:00:00Z"));
    expect(detail.data.user.email).toBe("ada@example.com");
  });

  it("stores a message id sent twice only once and counts the second as a duplicate", async () => {
    const t = await createTenant();
    const payload = { conversationId: "dup", messages: [{ id: "same", role: "user", content: "once" }] };
    const first = (await (await capture(t.ingestKey, payload)).json()) as { inserted: number; duplicates: number };
    const second = (await (await capture(t.ingestKey, payload)).json()) as { inserted: number; duplicates: number };
    expect([first.inserted, first.duplicates]).toEqual([1, 0]);
    expect([second.inserted, second.duplicates]).toEqual([0, 1]);
    const snapshot = await conversationStub(env, t.chatbotId, "dup").read(t.chatbotId, { after: 0, limit: 10 });
    expect(snapshot?.messages).toHaveLength(1);
  });

  it("keeps the first of two messages sent under one id and warns naming the id; a plain resend warns of nothing", async () => {
    const t = await createTenant();
    const send = async (content: string) =>
      (await (await capture(t.ingestKey, { conversationId: "reused", messages: [{ id: "m1", role: "user", content }, { id: "m2", role: "user", content: "the same" }] })).json()) as {
        duplicates: number;
        warnings: string[];
      };
    expect((await send("I want a refund")).warnings).toEqual([]);
    const reused = await send("Never mind, it works now");
    expect(reused.duplicates).toBe(2);
    expect(reused.warnings).toEqual(['message id "m1" is already stored with another role or text; that first message is kept (give each new message a new id)']);
    expect((await send("I want a refund")).warnings).toEqual([]);
    const snapshot = await conversationStub(env, t.chatbotId, "reused").read(t.chatbotId, { after: 0, limit: 10 });
    expect(snapshot?.messages.map((m) => m.content)).toEqual(["I want a refund", "the same"]);
  });

  it("stores half a surrogate pair alone as U+FFFD, and takes an exact resend of it as a plain duplicate over REST and the socket", async () => {
    const t = await createTenant();
    // JSON.stringify escapes the lone half ("a\ud800b"), as a client's JSON would.
    const payload = { conversationId: "lone-half", messages: [{ id: "m1", role: "user", content: "a\ud800b" }] };
    expect((await (await capture(t.ingestKey, payload)).json()) as object).toMatchObject({ inserted: 1, warnings: [] });
    expect((await (await capture(t.ingestKey, payload)).json()) as object).toMatchObject({ inserted: 0, duplicates: 1, warnings: [] });
    const socket = await connect("/api/v1/live/lone-half", { key: t.ingestKey });
    await socket.next("welcome");
    socket.send({ type: "message", ...payload.messages[0] });
    const ack = await socket.next("ack");
    expect(ack).toMatchObject({ id: "m1", duplicate: true });
    expect(ack).not.toHaveProperty("warning");
    socket.close();
    const snapshot = await conversationStub(env, t.chatbotId, "lone-half").read(t.chatbotId, { after: 0, limit: 10 });
    expect(snapshot?.messages.map((m) => m.content)).toEqual(["a\ufffdb"]);
  });

  it("writes nothing at all for a duplicate: no activity time, version, idle deadline or analysis job moves", async () => {
    const t = await createTenant();
    const payload = { conversationId: "dup-still", messages: [{ id: "same", role: "user", content: "once" }] };
    await capture(t.ingestKey, payload);
    const stub = conversationStub(env, t.chatbotId, "dup-still");
    // Analysis done and the index flushed: from here on any write would show in the object's storage.
    await syncIndex(stub);
    const storage = () =>
      runInDurableObject(stub, (_instance: Conversation, state) => ({
        state: state.storage.sql.exec("SELECT body FROM state").toArray(),
        messages: state.storage.sql.exec("SELECT * FROM messages").toArray(),
        jobs: state.storage.sql.exec("SELECT * FROM analysis_jobs").toArray(),
      }));
    // …and what the object holds in memory, which reads and the index see while it lives.
    const live = async () => (await stub.read(t.chatbotId, { after: 0, limit: 10 }))?.state;
    const before = await storage();
    const liveBefore = await live();
    expect(before.messages).toHaveLength(1);
    expect(before.jobs).toEqual([]);
    const again = (await (await capture(t.ingestKey, payload)).json()) as { inserted: number; duplicates: number; analysisQueued: number };
    expect(again).toMatchObject({ inserted: 0, duplicates: 1, analysisQueued: 0 });
    expect(await storage()).toEqual(before);
    expect(await live()).toEqual(liveBefore);
  });

  it("upserts the client organization, user and session into the D1 index in one batch", async () => {
    const t = await createTenant();
    await capture(
      t.ingestKey,
      {
        conversationId: "ctx",
        messages: one(),
        user: { id: "u-7", name: "Grace", email: "grace@navy.mil", plan: "enterprise", mrr: 1200 },
        organization: { id: "o-7", name: "Navy", plan: "enterprise", industry: "defense", mrr: 50_000 },
        session: { id: "s-1", pageUrl: "https://shop.example/pricing", referrer: "https://google.com/", device: "tablet" },
        custom: { cohort: "beta", seats: 12 },
      },
      { "cf-ipcountry": "DE" },
    );
    await syncIndex(conversationStub(env, t.chatbotId, "ctx"));
    const db = createDb(env.DB);
    const row = await db.select().from(conversations).where(eq(conversations.chatbotId, t.chatbotId)).get();
    const user = await db.select().from(clientUsers).where(eq(clientUsers.chatbotId, t.chatbotId)).get();
    const org = await db.select().from(clientOrganizations).where(eq(clientOrganizations.chatbotId, t.chatbotId)).get();
    expect(org).toMatchObject({ externalId: "o-7", plan: "enterprise", industry: "defense", mrr: 50_000 });
    expect(user).toMatchObject({ externalId: "u-7", email: "grace@navy.mil", mrr: 1200, clientOrganizationId: org?.id });
    expect(row).toMatchObject({
      externalId: "ctx",
      clientUserId: user?.id,
      clientOrganizationId: org?.id,
      sessionId: "s-1",
      pageUrl: "https://shop.example/pricing",
      device: "tablet",
      country: "DE",
      messageCount: 1,
      custom: { cohort: "beta", seats: 12 },
    });
  });

  it("takes geolocation and device from the end user's forwarded headers, not the calling server's", async () => {
    const t = await createTenant();
    await capture(
      t.ingestKey,
      {
        conversationId: "fwd",
        messages: one(),
        headers: { "CF-IPCountry": "JP", "User-Agent": "Mozilla/5.0 (Linux; Android 14; SM-X700) AppleWebKit/537.36 Safari/537.36" },
      },
      { "cf-ipcountry": "US", "user-agent": "node" },
    );
    const snapshot = await conversationStub(env, t.chatbotId, "fwd").read(t.chatbotId, { after: 0, limit: 1 });
    expect(snapshot?.state.session).toMatchObject({ country: "JP", device: "tablet" });
  });

  it("drops the edge's city and time zone when the SDK states another country", async () => {
    const t = await createTenant();
    await capture(
      t.ingestKey,
      { conversationId: "moved", messages: one(), session: { country: "GB" } },
      { "cf-ipcountry": "US", "cf-ipcity": "Austin", "cf-timezone": "America/Chicago" },
    );
    const snapshot = await conversationStub(env, t.chatbotId, "moved").read(t.chatbotId, { after: 0, limit: 1 });
    expect(snapshot?.state.session.country).toBe("GB");
    expect(snapshot?.state.session.city).toBeUndefined();
    expect(snapshot?.state.session.timezone).toBeUndefined();
  });

  it("keeps a stated country's place whole: a later request from elsewhere adds no city, continent or time zone", async () => {
    const t = await createTenant();
    await capture(t.ingestKey, { conversationId: "stated", messages: one(), session: { country: "GB" } }, { "cf-ipcountry": "GB" });
    await capture(t.ingestKey, { conversationId: "stated", messages: one("again") }, { "cf-ipcountry": "US", "cf-ipcity": "Austin", "cf-ipcontinent": "NA", "cf-timezone": "America/Chicago" });
    const snapshot = await conversationStub(env, t.chatbotId, "stated").read(t.chatbotId, { after: 0, limit: 1 });
    expect(snapshot?.state.session).toMatchObject({ country: "GB" });
    expect(snapshot?.state.session.city).toBeUndefined();
    expect(snapshot?.state.session.continent).toBeUndefined();
    expect(snapshot?.state.session.timezone).toBeUndefined();
    // The same country's edge still fills in the place.
    await capture(t.ingestKey, { conversationId: "stated", messages: one("from London") }, { "cf-ipcountry": "GB", "cf-ipcity": "London", "cf-timezone": "Europe/London" });
    const later = await conversationStub(env, t.chatbotId, "stated").read(t.chatbotId, { after: 0, limit: 1 });
    expect(later?.state.session).toMatchObject({ country: "GB", city: "London", timezone: "Europe/London" });
  });

  it("names the length, not the scheme, when a page URL is too long", async () => {
    const t = await createTenant();
    const long = `https://example.com/${"x".repeat(2048)}`;
    const res = await capture(t.ingestKey, { conversationId: "long-url", messages: one(), session: { pageUrl: long } });
    const body = await expectInvalid(res, "session.pageUrl");
    expect(body.error.message).toContain("at most 2048 characters");
    expect(body.error.message).not.toContain("http(s)");
  });

  it("accepts the deprecated userId and metadata aliases with warnings", async () => {
    const t = await createTenant();
    const res = await capture(t.ingestKey, { conversationId: "alias", messages: one(), userId: "legacy-user", metadata: { source: "v1" } });
    const body = (await res.json()) as { warnings: string[] };
    expect(res.status).toBe(200);
    expect(body.warnings).toHaveLength(2);
    const snapshot = await conversationStub(env, t.chatbotId, "alias").read(t.chatbotId, { after: 0, limit: 1 });
    expect(snapshot?.state.user?.id).toBe("legacy-user");
    expect(snapshot?.state.custom).toEqual({ source: "v1" });
  });

  it("turns a pending chatbot active on its first capture", async () => {
    const t = await createTenant();
    await capture(t.ingestKey, { conversationId: "first", messages: one() });
    // The status update runs after the answer (waitUntil): poll D1 until it lands.
    await expect.poll(async () => (await createDb(env.DB).select().from(chatbots).where(eq(chatbots.id, t.chatbotId)).get())?.status).toBe("active");
  });

  it("refuses capture into an archived chatbot with a clear error", async () => {
    const t = await createTenant();
    await createDb(env.DB).update(chatbots).set({ status: "archived" }).where(eq(chatbots.id, t.chatbotId));
    const res = await capture(t.ingestKey, { conversationId: "late", messages: one() });
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorBody).error.code).toBe("chatbot_archived");
  });

  it("refuses to end a conversation of an archived chatbot as it refuses capture, leaving the conversation open", async () => {
    const t = await createTenant();
    await capture(t.ingestKey, { conversationId: "archived-end", messages: one() });
    await createDb(env.DB).update(chatbots).set({ status: "archived" }).where(eq(chatbots.id, t.chatbotId));
    const res = await call("/api/v1/capture/end", { method: "POST", key: t.ingestKey, json: { conversationId: "archived-end" } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorBody).error.code).toBe("chatbot_archived");
    const snapshot = await conversationStub(env, t.chatbotId, "archived-end").read(t.chatbotId, { after: 0, limit: 1 });
    expect(snapshot?.state.status).toBe("open");
  });

  it("refuses a __proto__ custom key naming custom.__proto__, over REST and in a socket's context frame, where it was dropped without a word", async () => {
    const t = await createTenant();
    // JSON.parse makes "__proto__" an own key, as a client's JSON does; JSON.stringify sends it on.
    const custom = JSON.parse('{"__proto__": "x", "cohort": "beta"}') as Record<string, string>;
    const res = await capture(t.ingestKey, { conversationId: "proto", messages: one(), custom });
    const body = await expectInvalid(res, "custom.__proto__");
    expect(body.error.message).toBe("custom.__proto__: is not a name a custom field can take");
    const socket = await connect("/api/v1/live/proto", { key: t.ingestKey });
    await socket.next("welcome");
    socket.send({ type: "context", custom });
    expect(await socket.next("error")).toMatchObject({ code: "invalid_frame", details: [{ field: "custom.__proto__", message: "is not a name a custom field can take" }] });
    socket.send({ type: "context", custom: { cohort: "beta" } });
    await socket.next("context_saved");
    socket.close();
  });

  describe("validation", () => {
    const cases: [string, string, unknown][] = [
      ["a missing conversationId", "conversationId", { messages: one() }],
      ["a conversationId with spaces", "conversationId", { conversationId: "a b", messages: one() }],
      ["no messages", "messages", { conversationId: "c", messages: [] }],
      ["more than 100 messages", "messages", { conversationId: "c", messages: Array.from({ length: 101 }, () => one()[0]) }],
      ["an unknown role", "messages.0.role", { conversationId: "c", messages: [{ role: "robot", content: "x" }] }],
      ["empty content", "messages.0.content", { conversationId: "c", messages: [{ role: "user", content: "" }] }],
      ["content over 32 KB", "messages.0.content", { conversationId: "c", messages: [{ role: "user", content: "é".repeat(16_385) }] }],
      ["a malformed sentAt", "messages.0.sentAt", { conversationId: "c", messages: [{ role: "user", content: "x", sentAt: "yesterday" }] }],
      // Past what a Date holds (8.64e15 ms): it could never be shown or exported.
      ["a sentAt no date can hold", "messages.0.sentAt", { conversationId: "c", messages: [{ role: "user", content: "x", sentAt: 9e15 }] }],
      ["a user createdAt no date can hold", "user.createdAt", { conversationId: "c", messages: one(), user: { id: "u", createdAt: 9e15 } }],
      ["a user without id", "user.id", { conversationId: "c", messages: one(), user: { email: "a@b.co" } }],
      ["a malformed email", "user.email", { conversationId: "c", messages: one(), user: { id: "u", email: "nope" } }],
      ["a negative MRR", "organization.mrr", { conversationId: "c", messages: one(), organization: { id: "o", mrr: -5 } }],
      ["an unknown device", "session.device", { conversationId: "c", messages: one(), session: { device: "fridge" } }],
      ["a malformed page URL", "session.pageUrl", { conversationId: "c", messages: one(), session: { pageUrl: "not a url" } }],
      [
        "more than 50 custom fields",
        "custom",
        { conversationId: "c", messages: one(), custom: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])) },
      ],
      ["a nested custom value", "custom.deep", { conversationId: "c", messages: one(), custom: { deep: { a: 1 } } }],
    ];
    for (const [what, field, payload] of cases) {
      it(`answers 400 naming ${field} for ${what}`, async () => {
        const t = await createTenant();
        await expectInvalid(await capture(t.ingestKey, payload), field);
      });
    }

    it("names the two forms a time may take, whatever form it was given in", async () => {
      const t = await createTenant();
      for (const sentAt of ["2026-11-20T09:30:00", "yesterday", -5, 1.5, true]) {
        const body = await expectInvalid(await capture(t.ingestKey, { conversationId: "c", messages: [{ role: "user", content: "x", sentAt }] }), "messages.0.sentAt");
        expect(body.error.message, String(sentAt)).toBe("messages.0.sentAt: must be ISO-8601 with its offset (2026-11-20T09:30:00Z) or whole epoch milliseconds");
      }
    });

    it("answers 400 invalid_json for a body that is not JSON", async () => {
      const t = await createTenant();
      const res = await call("/api/v1/capture", { method: "POST", key: t.ingestKey, headers: { "content-type": "application/json" }, body: "{oops" });
      const body = await expectInvalid(res, "", 400);
      expect(body.error.code).toBe("invalid_json");
    });

    it("answers 415 for a body that is not declared as JSON", async () => {
      const t = await createTenant();
      const res = await call("/api/v1/capture", { method: "POST", key: t.ingestKey, headers: { "content-type": "text/plain" }, body: "{}" });
      expect(res.status).toBe(415);
      expect(((await res.json()) as ErrorBody).error.code).toBe("unsupported_media_type");
    });

    it("answers 413 for a body over 1 MB", async () => {
      const t = await createTenant();
      const big = JSON.stringify({ conversationId: "c", messages: one("x".repeat(1_100_000)) });
      const res = await call("/api/v1/capture", { method: "POST", key: t.ingestKey, headers: { "content-type": "application/json" }, body: big });
      expect(res.status).toBe(413);
    });

    it("writes nothing when any message of the batch is invalid", async () => {
      const t = await createTenant();
      await capture(t.ingestKey, { conversationId: "atomic", messages: [{ role: "user", content: "fine" }, { role: "user", content: "" }] });
      const snapshot = await conversationStub(env, t.chatbotId, "atomic").read(t.chatbotId, { after: 0, limit: 10 });
      expect(snapshot).toBeNull();
    });
  });

  it("answers 429 with Retry-After once a key exceeds its rate limit", async () => {
    const t = await createTenant();
    await inFreshRateWindow();
    // The test configuration limits capture to 25 requests a minute per key (vitest.config.ts).
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 40 && !limited; i++) {
      const res = await capture(t.ingestKey, { conversationId: `rl-${i}`, messages: one() });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.slice(0, 25)).toEqual(Array(25).fill(200));
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await limited!.json()) as ErrorBody).error.code).toBe("rate_limited");
    // Up to 20 s waiting for a fresh rate window, then the requests.
  }, 45_000);

  it("counts the capture rate limit per key: a second ingest key of the same chatbot is not limited by the first", async () => {
    const t = await createTenant();
    const second = (await createKey(createDb(env.DB), { organizationId: t.organizationId, chatbotId: t.chatbotId, kind: "ingest", name: "second" })).secret;
    await inFreshRateWindow();
    // Exhaust the first key (25 a minute in the test configuration, vitest.config.ts).
    const first: number[] = [];
    for (let i = 0; i < 26; i++) first.push((await capture(t.ingestKey, { conversationId: `k1-${i}`, messages: one() })).status);
    expect(first.filter((s) => s === 200)).toHaveLength(25);
    expect(first.at(-1)).toBe(429);
    // The same chatbot's other ingest key, on the same capture limiter, still has its whole budget.
    for (let i = 0; i < 25; i++) expect((await capture(second, { conversationId: `k2-${i}`, messages: one() })).status, `request ${i + 1} of the second key`).toBe(200);
    expect((await capture(second, { conversationId: "k2-over", messages: one() })).status).toBe(429);
    // Up to 20 s waiting for a fresh rate window, then the requests.
  }, 45_000);
});
