/**
 * Full-text search over what users and assistants wrote: fed by each conversation's index flush, ranked
 * by bm25, filtered, paginated, scoped to one chatbot, and emptied when a conversation or its chatbot goes.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, capture, type ErrorBody } from "../helpers/http";
import { createTenant, type Tenant } from "../helpers/tenant";
import { conversationStub } from "../../worker/services/conversation-stub";
import type { SearchResult } from "../../worker/search/service";
import { as, memberIn } from "../helpers/member";
import { createDb } from "../../worker/db/client";
import { createKey } from "../../worker/services/keys";
import { syncIndex } from "../helpers/index-queue";

/** Captures one conversation and waits until its index flush (and so its search rows) reached D1. */
async function converse(t: Tenant, conversationId: string, messages: { role: "user" | "assistant"; content: string }[], extra: Record<string, unknown> = {}) {
  const res = await capture(t.ingestKey, { conversationId, messages, ...extra });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  const stub = conversationStub(env, t.chatbotId, conversationId);
  await syncIndex(stub);
  // Analysis runs in the same pass and its findings flush in the next one.
  await syncIndex(stub);
}

/** A read key of the tenant's chatbot, fresh per call: the tests' read limit (25 a minute) is per key. */
async function readKey(tenant: Tenant): Promise<string> {
  return (await createKey(createDb(env.DB), { organizationId: tenant.organizationId, chatbotId: tenant.chatbotId, kind: "read", name: "search" })).secret;
}

async function search(t: Tenant, query: Record<string, string | number>): Promise<SearchResult> {
  const res = await searchResponse(t, query);
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body as SearchResult;
}

async function searchResponse(t: Tenant, query: Record<string, string | number>, key?: string): Promise<Response> {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  return call(`/api/v1/search?${qs}`, { key: key ?? (await readKey(t)) });
}

const contents = (r: SearchResult) => r.data.map((h) => h.snippet.map((p) => p.text).join(""));

let t: Tenant;
let other: Tenant;

beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  await converse(
    t,
    "export-1",
    [
      { role: "user", content: "I cannot find the export button anywhere in the reports page" },
      { role: "assistant", content: "The export button sits in the top right corner of every report." },
    ],
    { user: { id: "u-ann", name: "Ann Example", email: "ann@example.com", plan: "pro" } },
  );
  await converse(
    t,
    "billing-1",
    [
      { role: "user", content: "This is terrible, I hate it. You charged me twice and nobody answers, I want to cancel my subscription" },
      { role: "assistant", content: "I am sorry about the double charge; I have refunded it." },
    ],
    { user: { id: "u-bob", name: "Bob Sample", plan: "free" } },
  );
  await converse(t, "ranking-1", [{ role: "user", content: "invoice invoice invoice: where are my invoices, the invoice page is empty" }]);
  await converse(t, "ranking-2", [{ role: "user", content: "a question about an invoice and also about the weather, the garden, the roses and many other things besides" }]);
  await converse(other, "secret-1", [{ role: "user", content: "our confidential zebrafruit launch plan is attached" }]);
});

describe("full-text search", () => {
  it("finds a message by a word it contains, with the word marked in its snippet", async () => {
    const r = await search(t, { q: "export" });
    expect(r.data.map((h) => h.conversationExternalId).sort()).toEqual(["export-1", "export-1"]);
    const hit = r.data.find((h) => h.role === "user")!;
    expect(hit.snippet).toContainEqual({ text: "export", match: true });
    expect(hit.snippet.filter((p) => p.match).map((p) => p.text)).toEqual(["export"]);
    expect(hit).toMatchObject({ seq: 1, user: { externalId: "u-ann", name: "Ann Example", email: "ann@example.com" }, matchedBy: ["fulltext"] });
    expect(hit.messageId).toEqual(expect.any(String));
  });

  it("matches a quoted phrase only where its words stand together", async () => {
    expect(contents(await search(t, { q: '"export button"' }))).toHaveLength(2);
    expect(contents(await search(t, { q: '"button export"' }))).toEqual([]);
    // Unquoted, the same two words match wherever both occur.
    expect(contents(await search(t, { q: "button export" }))).toHaveLength(2);
  });

  it("matches a prefix ending in a star", async () => {
    const r = await search(t, { q: "refund*" });
    expect(contents(r)).toEqual([expect.stringContaining("refunded")]);
    expect(contents(await search(t, { q: "refund" }))).toEqual([]);
  });

  it("ranks the message where the word weighs most first (bm25)", async () => {
    const r = await search(t, { q: "invoice" });
    expect(r.data.map((h) => h.conversationExternalId)).toEqual(["ranking-1", "ranking-2"]);
    expect(r.data[0]!.score).toBeGreaterThan(r.data[1]!.score);
  });

  it("filters by role", async () => {
    const users = await search(t, { q: "export", role: "user" });
    expect(users.data.map((h) => h.role)).toEqual(["user"]);
    const assistants = await search(t, { q: "export", role: "assistant" });
    expect(assistants.data.map((h) => h.role)).toEqual(["assistant"]);
  });

  it("filters by the time the message arrived", async () => {
    const all = await search(t, { q: "export" });
    const at = Math.min(...all.data.map((h) => h.at));
    expect((await search(t, { q: "export", from: at })).data).toHaveLength(2);
    expect((await search(t, { q: "export", to: at })).data).toEqual([]);
    expect((await search(t, { q: "export", from: new Date(at + 3_600_000).toISOString() })).data).toEqual([]);
  });

  it("filters by the message's own sentiment and flags, and shows its sentiment", async () => {
    const angry = await search(t, { q: "charged", sentiment: "very_negative" });
    const negative = await search(t, { q: "charged", sentiment: "negative" });
    const found = [...angry.data, ...negative.data];
    expect(found).toHaveLength(1);
    expect(found[0]!.sentiment?.label).toMatch(/negative/);
    expect((await search(t, { q: "charged", sentiment: "positive" })).data).toEqual([]);

    expect((await search(t, { q: "charged", flag: "churn_risk" })).data.map((h) => h.conversationExternalId)).toEqual(["billing-1"]);
    expect((await search(t, { q: "export", flag: "churn_risk" })).data).toEqual([]);
  });

  it("filters by the conversation's language and the client's plan", async () => {
    expect((await search(t, { q: "export", language: "en" })).data).toHaveLength(2);
    expect((await search(t, { q: "export", language: "de" })).data).toEqual([]);
    expect((await search(t, { q: "export", plan: "PRO" })).data).toHaveLength(2);
    expect((await search(t, { q: "export", plan: "free" })).data).toEqual([]);
  });

  it("pages through hits with hasMore", async () => {
    const first = await search(t, { q: "invoice", limit: 1 });
    const second = await search(t, { q: "invoice", limit: 1, page: 2 });
    expect(first.pagination).toEqual({ page: 1, limit: 1, hasMore: true });
    expect(second.pagination).toEqual({ page: 2, limit: 1, hasMore: false });
    expect([...first.data, ...second.data].map((h) => h.conversationExternalId)).toEqual(["ranking-1", "ranking-2"]);
  });

  it("says semantic search is off where Workers AI is not configured, and still answers", async () => {
    const r = await search(t, { q: "export" });
    expect(r.semantic).toEqual({ enabled: false, reason: expect.stringContaining("Workers AI"), used: false });
  });
});

describe("search across tenants", () => {
  it("never matches another tenant's words, with a key or a member session", async () => {
    expect((await search(t, { q: "zebrafruit" })).data).toEqual([]);
    expect((await search(other, { q: "zebrafruit" })).data).toHaveLength(1);
    const member = await memberIn(t.organizationId, "member");
    const mine = await as(member, `/api/v1/chatbots/${t.chatbotId}/search?q=zebrafruit`);
    expect(((await mine.json()) as SearchResult).data).toEqual([]);
    const theirs = await as(member, `/api/v1/chatbots/${other.chatbotId}/search?q=zebrafruit`);
    expect(theirs.status).toBe(404);
  });

  it("answers 401 without a key and 403 with an ingest key", async () => {
    expect((await call("/api/v1/search?q=export")).status).toBe(401);
    expect((await searchResponse(t, { q: "export" }, t.ingestKey)).status).toBe(403);
  });
});

describe("malformed queries", () => {
  it.each([
    ['export AND (button OR'],
    ['"export'],
    ['NEAR(export button, 2)'],
    ['content:export'],
    ['export^ -button +x'],
    ['{export button}'],
    ["export*button*"],
    ['""export""'],
    ["'; DROP TABLE search_messages; --"],
  ])("answers %j with results, never an error", async (q) => {
    const res = await searchResponse(t, { q });
    expect(res.status).toBe(200);
    expect(((await res.json()) as SearchResult).data).toEqual(expect.any(Array));
  });

  it("reads FTS5 operators as plain words", async () => {
    // Without quoting, `export OR zebra` would match the export messages; as words, OR must occur too.
    expect((await search(t, { q: "export OR button" })).data).toEqual([]);
    expect((await search(t, { q: 'NEAR "export button"' })).data).toEqual([]);
  });

  it.each([
    ["an empty query", ""],
    ["only spaces", "   "],
    ["only syntax", '"*()^:" ** -'],
    ["10 KB", "export ".repeat(1500)],
    ["a two-letter prefix", "ex*"],
  ])("answers 400 to %s", async (_name, q) => {
    const res = await searchResponse(t, { q });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.details?.[0]?.field).toBe("q");
  });

  it("answers a query holding a NUL or another control character as if it were a space", async () => {
    for (const q of ["export\u0000button", "\u0000export", "exp\u0000ort*", "export\u0007"]) {
      const res = await searchResponse(t, { q });
      expect(res.status, JSON.stringify(q)).toBe(200);
    }
  });

  it("answers 400 to a missing query and to bad filters", async () => {
    expect((await call("/api/v1/search", { key: await readKey(t) })).status).toBe(400);
    expect((await searchResponse(t, { q: "export", role: "system" })).status).toBe(400);
    expect((await searchResponse(t, { q: "export", flag: "Not A Slug" })).status).toBe(400);
    expect((await searchResponse(t, { q: "export", from: 2000, to: 1000 })).status).toBe(400);
    expect((await searchResponse(t, { q: "export", limit: 500 })).status).toBe(400);
  });
});

describe("the search index", () => {
  it("indexes a long conversation over several flushes, every message once", async () => {
    const t2 = await createTenant();
    const messages = Array.from({ length: 130 }, (_, i) => ({ role: "user" as const, content: `backlog line number${i} quokka` }));
    for (let i = 0; i < messages.length; i += 50) {
      const res = await capture(t2.ingestKey, { conversationId: "long", messages: messages.slice(i, i + 50) });
      expect(res.status).toBeLessThan(300);
    }
    const stub = conversationStub(env, t2.chatbotId, "long");
    await syncIndex(stub);
    expect(await count(t2.chatbotId)).toBe(100);
    await syncIndex(stub);
    await syncIndex(stub);
    expect(await count(t2.chatbotId)).toBe(130);
    expect((await search(t2, { q: "number129" })).data).toHaveLength(1);
  });

  it("takes a conversation's words out when its row is deleted", async () => {
    const t3 = await createTenant();
    await converse(t3, "gone", [{ role: "user", content: "a vanishing platypus message" }]);
    expect((await search(t3, { q: "platypus" })).data).toHaveLength(1);
    await env.DB.prepare("DELETE FROM conversations WHERE chatbot_id = ?").bind(t3.chatbotId).run();
    expect((await search(t3, { q: "platypus" })).data).toEqual([]);
    expect(await ftsMatches("platypus")).toBe(0);
  });

  it("takes a chatbot's words out when the chatbot is deleted", async () => {
    const t4 = await createTenant();
    await converse(t4, "doomed", [{ role: "user", content: "an axolotl about to be deleted" }]);
    expect(await ftsMatches("axolotl")).toBe(1);
    const owner = await memberIn(t4.organizationId, "owner");
    const res = await as(owner, `/api/v1/organizations/${t4.organizationId}/chatbots/${t4.chatbotId}`, { method: "DELETE" });
    expect(res.status).toBeLessThan(300);
    expect(await ftsMatches("axolotl")).toBe(0);
    expect(await count(t4.chatbotId)).toBe(0);
  });
});

async function count(chatbotId: string): Promise<number> {
  return (await env.DB.prepare("SELECT count(*) AS n FROM search_messages WHERE chatbot_id = ?").bind(chatbotId).first<{ n: number }>())!.n;
}

/** Matches in the FTS5 index itself (not through the content table), so a leftover posting would show. */
async function ftsMatches(word: string): Promise<number> {
  return (await env.DB.prepare("SELECT count(*) AS n FROM search_messages_fts WHERE search_messages_fts MATCH ?").bind(word).first<{ n: number }>())!.n;
}
