import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { forgetConfig } from "../../durable-objects/conversation-analysis";
import { createDb } from "../../worker/db/client";
import { conversations } from "../../worker/db/schema";
import { conversationStub } from "../../worker/services/conversation-stub";
import { call, capture, type ErrorBody } from "../helpers/http";
import { connect } from "../helpers/socket";
import { createTenant, type Tenant } from "../helpers/tenant";
import { syncIndex } from "../helpers/index-queue";

interface ListBody {
  data: { externalId: string; session: { country: string | null; device: string | null }; user: { externalId: string } | null }[];
  pagination: { page: number; limit: number; total: number; hasMore: boolean };
}

const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148";
const DESKTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126 Safari/537.36";

/** A fixed past instant; seeded rows are stamped a second apart from it, in the order given. */
const T0 = Date.UTC(2026, 0, 5);

/**
 * Captures conversations, flushes each to the D1 index, then stamps row i with T0 + i seconds (created
 * and last message): distinct, known times for a stable order, without waiting for the clock to move.
 */
async function seed(t: Tenant, rows: { id: string; user?: string; country: string; ua: string }[], start = 0): Promise<void> {
  for (const [i, row] of rows.entries()) {
    await capture(
      t.ingestKey,
      { conversationId: row.id, messages: [{ role: "user", content: `hello from ${row.id}` }], user: row.user ? { id: row.user } : undefined },
      { "cf-ipcountry": row.country, "user-agent": row.ua },
    );
    await syncIndex(conversationStub(env, t.chatbotId, row.id));
    const at = T0 + (start + i) * 1000;
    await createDb(env.DB)
      .update(conversations)
      .set({ createdAt: at, lastMessageAt: at })
      .where(and(eq(conversations.chatbotId, t.chatbotId), eq(conversations.externalId, row.id)));
  }
}

const list = async (t: Tenant, query = "") => (await (await call(`/api/v1/conversations${query}`, { key: t.readKey })).json()) as ListBody;

describe("GET /api/v1/conversations", () => {
  it("lists newest first with pagination", async () => {
    const t = await createTenant();
    await seed(t, ["a", "b", "c", "d", "e"].map((id) => ({ id, country: "FR", ua: DESKTOP })));
    const first = await list(t, "?limit=2");
    expect(first.data.map((c) => c.externalId)).toEqual(["e", "d"]);
    expect(first.pagination).toEqual({ page: 1, limit: 2, total: 5, hasMore: true });
    const last = await list(t, "?limit=2&page=3");
    expect(last.data.map((c) => c.externalId)).toEqual(["a"]);
    expect(last.pagination.hasMore).toBe(false);
  });

  it("filters by user, country and device", async () => {
    const t = await createTenant();
    await seed(t, [
      { id: "fr-desk", user: "alice", country: "FR", ua: DESKTOP },
      { id: "fr-phone", user: "bob", country: "FR", ua: IPHONE },
      { id: "us-phone", user: "alice", country: "US", ua: IPHONE },
    ]);
    expect((await list(t, "?user=alice")).data.map((c) => c.externalId).sort()).toEqual(["fr-desk", "us-phone"]);
    expect((await list(t, "?country=fr")).data.map((c) => c.externalId).sort()).toEqual(["fr-desk", "fr-phone"]);
    expect((await list(t, "?device=mobile&country=FR")).data.map((c) => c.externalId)).toEqual(["fr-phone"]);
    expect((await list(t, "?user=alice")).pagination.total).toBe(2);
  });

  it("filters by creation date", async () => {
    const t = await createTenant();
    // Created at T0, T0 + 1 s and T0 + 2 s: `from` includes the row exactly on it, `to` does not (as in Analytics).
    await seed(t, ["old", "edge", "new"].map((id) => ({ id, country: "FR", ua: DESKTOP })));
    const edge = T0 + 1000;
    expect((await list(t, `?from=${edge}`)).data.map((c) => c.externalId)).toEqual(["new", "edge"]);
    expect((await list(t, `?from=${edge + 1}`)).data.map((c) => c.externalId)).toEqual(["new"]);
    expect((await list(t, `?to=${new Date(edge + 500).toISOString()}`)).data.map((c) => c.externalId)).toEqual(["edge", "old"]);
    expect((await list(t, `?from=${edge - 500}&to=${edge + 500}`)).data.map((c) => c.externalId)).toEqual(["edge"]);
    expect((await list(t, `?to=${edge}`)).data.map((c) => c.externalId)).toEqual(["old"]);
    expect((await list(t, `?from=${edge}&to=${edge + 1}`)).data.map((c) => c.externalId)).toEqual(["edge"]);
    // A date alone is that day's midnight UTC: the three were created in the first seconds of 2026-01-05.
    expect((await list(t, "?from=2026-01-05")).data.map((c) => c.externalId)).toEqual(["new", "edge", "old"]);
    expect((await list(t, "?to=2026-01-05")).data).toEqual([]);
    expect((await list(t, "?from=2026-01-04&to=2026-01-06")).pagination.total).toBe(3);
  });

  it("never lists another tenant's conversations", async () => {
    const mine = await createTenant();
    const theirs = await createTenant();
    await seed(theirs, [{ id: "theirs", country: "FR", ua: DESKTOP }]);
    expect((await list(mine)).data).toEqual([]);
  });

  it("answers 400 naming the parameter for an invalid query", async () => {
    const t = await createTenant();
    for (const [query, field] of [
      ["?limit=500", "limit"],
      ["?page=0", "page"],
      ["?device=fridge", "device"],
      ["?country=France", "country"],
      ["?from=yesterday", "from"],
      [`?from=${T0}&to=${T0}`, "from"],
      ["?to=2026-02-30", "to"],
    ]) {
      const res = await call(`/api/v1/conversations${query}`, { key: t.readKey });
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as ErrorBody).error.details?.[0]?.field).toBe(field);
    }
  });

  it("needs a read or admin key", async () => {
    const t = await createTenant();
    expect((await call("/api/v1/conversations", { key: t.ingestKey })).status).toBe(403);
    expect((await call("/api/v1/conversations", { key: t.adminKey })).status).toBe(200);
    expect((await call("/api/v1/conversations")).status).toBe(401);
  });
});

describe("GET /api/v1/conversations/:id", () => {
  it("returns the conversation with its messages, session and client context", async () => {
    const t = await createTenant();
    const res = await capture(
      t.ingestKey,
      {
        conversationId: "detail",
        messages: [
          { id: "q", role: "user", content: "Where is my order?" },
          { id: "a", role: "assistant", content: "It ships tomorrow." },
        ],
        user: { id: "u1", name: "Ada", plan: "pro" },
        organization: { id: "o1", name: "Analytical Engines", mrr: 420 },
        session: { pageUrl: "https://shop.example/orders", referrer: "https://shop.example/" },
      },
      { "cf-ipcountry": "GB", "user-agent": DESKTOP },
    );
    const { conversationId } = (await res.json()) as { conversationId: string };
    const detail = (await (await call(`/api/v1/conversations/${conversationId}`, { key: t.readKey })).json()) as { data: Record<string, unknown> };
    expect(detail.data).toMatchObject({
      id: conversationId,
      externalId: "detail",
      status: "open",
      messageCount: 2,
      session: { country: "GB", device: "desktop", pageUrl: "https://shop.example/orders", referrer: "https://shop.example/" },
      user: { externalId: "u1", name: "Ada", plan: "pro" },
      organization: { externalId: "o1", name: "Analytical Engines", mrr: 420 },
      messages: [
        { id: "q", seq: 1, role: "user", content: "Where is my order?" },
        { id: "a", seq: 2, role: "assistant", content: "It ships tomorrow." },
      ],
    });
    // The detail names every session field as the list does: null where unknown (no session id was sent).
    await syncIndex(conversationStub(env, t.chatbotId, "detail"));
    const [listed] = (await list(t)).data;
    expect(Object.keys(detail.data.session as object).sort()).toEqual(Object.keys(listed?.session ?? {}).sort());
    expect(detail.data.session).toMatchObject({ id: null, city: null });
  });

  it("pages through long conversations by sequence number", async () => {
    const t = await createTenant();
    const messages = Array.from({ length: 30 }, (_, i) => ({ id: `m${i + 1}`, role: "user", content: `n${i + 1}` }));
    const { conversationId } = (await (await capture(t.ingestKey, { conversationId: "long", messages })).json()) as { conversationId: string };
    const page = (await (await call(`/api/v1/conversations/${conversationId}?limit=10&after=10`, { key: t.readKey })).json()) as {
      data: { messages: { seq: number }[]; messagesPage: { nextAfter: number | null } };
    };
    expect(page.data.messages.map((m) => m.seq)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(page.data.messagesPage.nextAfter).toBe(20);
    // A full page that ends at the last message is the last: no next page to ask for.
    const last = (await (await call(`/api/v1/conversations/${conversationId}?limit=10&after=20`, { key: t.readKey })).json()) as typeof page;
    expect(last.data.messages.map((m) => m.seq)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
    expect(last.data.messagesPage.nextAfter).toBeNull();
  });

  it("answers 404 for an id that is not a conversation id", async () => {
    const t = await createTenant();
    expect((await call("/api/v1/conversations/not-an-id", { key: t.readKey })).status).toBe(404);
  });
});

describe("POST /api/v1/capture/end", () => {
  it("ends a conversation explicitly", async () => {
    const t = await createTenant();
    await capture(t.ingestKey, { conversationId: "to-end", messages: [{ role: "user", content: "bye" }] });
    const res = await call("/api/v1/capture/end", { method: "POST", key: t.ingestKey, json: { conversationId: "to-end" } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { status: string; endReason: string } }).data).toMatchObject({ status: "ended", endReason: "explicit" });
  });

  it("answers with the resolution the embedded analyzer judged, and the same when ended again", async () => {
    const t = await createTenant();
    await capture(t.ingestKey, {
      conversationId: "judged-end",
      messages: [
        { role: "user", content: "I want to cancel, this is useless" },
        { role: "assistant", content: "OK" },
      ],
    });
    // The chatbot's config read from D1 again, as after its cache expired: the judging then waits on I/O.
    forgetConfig(t.chatbotId);
    type Ended = { data: { endedAt: number; aggregates: { resolution: string | null; resolutionReason: string | null } } };
    const end = async () => (await (await call("/api/v1/capture/end", { method: "POST", key: t.ingestKey, json: { conversationId: "judged-end" } })).json()) as Ended;
    const first = await end();
    expect(first.data.aggregates.resolution).not.toBeNull();
    expect(first.data.aggregates.resolutionReason).toEqual(expect.any(String));
    expect(await end()).toEqual(first);
  });

  it("answers 404 for a conversation that was never captured", async () => {
    const t = await createTenant();
    const res = await call("/api/v1/capture/end", { method: "POST", key: t.ingestKey, json: { conversationId: "never" } });
    expect(res.status).toBe(404);
  });

  it("answers 404 for a conversation a socket opened but nobody wrote in: an empty conversation is not one", async () => {
    const t = await createTenant();
    const socket = await connect("/api/v1/live/opened-only", { key: t.ingestKey });
    await socket.next("welcome");
    socket.close();
    const res = await call("/api/v1/capture/end", { method: "POST", key: t.ingestKey, json: { conversationId: "opened-only" } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.code).toBe("not_found");
  });
});

describe("unknown routes", () => {
  it("answer 404 in the error envelope", async () => {
    const res = await call("/api/v1/nothing-here");
    expect(res.status).toBe(404);
    const body = (await res.json()) as ErrorBody;
    expect(body.error).toMatchObject({ code: "not_found" });
    expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
  });
});
