/**
 * Semantic search with a fake Workers AI model and a fake Vectorize index: user messages are embedded
 * from the index flush, a query is embedded the same way, and its nearest messages are merged with the
 * full-text hits by reciprocal-rank fusion — scoped to the chatbot and filtered like full-text hits.
 */
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { RRF_K } from "../../worker/search/fusion";
import { EMBEDDING_MODEL, setSemanticForTests } from "../../worker/search/semantic";
import type { SearchResult } from "../../worker/search/service";
import { conversationStub } from "../../worker/services/conversation-stub";
import { createKey } from "../../worker/services/keys";
import { deleteChatbot } from "../../worker/services/chatbots";
import { fakeSemantic } from "../helpers/fake-semantic";
import { call, capture } from "../helpers/http";
import { createTenant, type Tenant } from "../helpers/tenant";
import { syncIndex } from "../helpers/index-queue";

const semantic = fakeSemantic();
let t: Tenant;
let other: Tenant;

async function converse(tenant: Tenant, conversationId: string, messages: { role: "user" | "assistant"; content: string }[]) {
  const res = await capture(tenant.ingestKey, { conversationId, messages });
  expect(res.status).toBeLessThan(300);
  await syncIndex(conversationStub(env, tenant.chatbotId, conversationId));
}

async function search(tenant: Tenant, query: Record<string, string>): Promise<SearchResult> {
  const key = (await createKey(createDb(env.DB), { organizationId: tenant.organizationId, chatbotId: tenant.chatbotId, kind: "read", name: "s" })).secret;
  const res = await call(`/api/v1/search?${new URLSearchParams(query)}`, { key });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body as SearchResult;
}

const text = (hit: SearchResult["data"][number]) => hit.snippet.map((p) => p.text).join("");

beforeAll(async () => {
  setSemanticForTests(semantic);
  t = await createTenant();
  other = await createTenant();
  await converse(t, "a", [
    { role: "user", content: "where can I download my data as a csv" },
    { role: "assistant", content: "Click the export button at the top right of the page." },
  ]);
  await converse(t, "b", [{ role: "user", content: "the export button is missing" }]);
  await converse(t, "c", [{ role: "user", content: "export of the garden roses" }]);
  await converse(other, "x", [{ role: "user", content: "their export button is secret" }]);
});

afterAll(() => setSemanticForTests(null));

describe("embedding from the index flush", () => {
  it("embeds every user message once, with its chatbot and conversation, and never an assistant's", async () => {
    const mine = [...semantic.vectors.vectors.values()].filter((v) => v.metadata?.chatbotId === t.chatbotId);
    expect(mine.map((v) => v.metadata?.seq)).toEqual([1, 1, 1]);
    expect(mine.every((v) => v.metadata?.organizationId === t.organizationId && typeof v.metadata?.conversationId === "string")).toBe(true);
    expect(semantic.ai.calls.flat()).not.toContain("Click the export button at the top right of the page.");
    // One call per flush, each carrying that flush's user messages; each message embedded once.
    expect(new Set(semantic.vectors.upserted).size).toBe(semantic.vectors.upserted.length);
  });
});

describe("merged search", () => {
  it("ranks by reciprocal-rank fusion: found by both first, then by either, with a plain snippet for a match by meaning", async () => {
    const before = semantic.ai.calls.length;
    const r = await search(t, { q: "export button" });
    expect(semantic.ai.calls.slice(before)).toEqual([["export button"]]);
    expect(r.semantic).toEqual({ enabled: true, model: EMBEDDING_MODEL, used: true });

    const fulltext = await search(t, { q: "export button", mode: "fulltext" });
    expect(fulltext.semantic.used).toBe(false);
    const ftsRank = (id: string) => fulltext.data.findIndex((h) => h.conversationExternalId === id && h.role === (id === "a" ? "assistant" : "user")) + 1;
    expect(ftsRank("a")).toBeGreaterThan(0);
    expect(ftsRank("b")).toBeGreaterThan(0);

    const [both, textOnly, ...meaningOnly] = r.data;
    // "the export button is missing": in both lists, and the nearest vector.
    expect(both).toMatchObject({ conversationExternalId: "b", matchedBy: ["fulltext", "semantic"] });
    expect(both!.score).toBeCloseTo(1 / (RRF_K + ftsRank("b")) + 1 / (RRF_K + 1), 6);
    // The assistant's answer has both words but no vector (assistant messages are not embedded).
    expect(textOnly).toMatchObject({ conversationExternalId: "a", role: "assistant", matchedBy: ["fulltext"] });
    expect(textOnly!.score).toBeCloseTo(1 / (RRF_K + ftsRank("a")), 6);
    // Neither has the word "button"; "download … csv" has no word of the query at all.
    expect(meaningOnly.map((h) => h.conversationExternalId).sort()).toEqual(["a", "c"]);
    expect(meaningOnly.map((h) => h.matchedBy)).toEqual([["semantic"], ["semantic"]]);
    expect(meaningOnly.map((h) => h.score)).toEqual([expect.closeTo(1 / (RRF_K + 2), 6), expect.closeTo(1 / (RRF_K + 3), 6)]);
    const download = meaningOnly.find((h) => h.conversationExternalId === "a")!;
    expect(download.snippet).toEqual([{ text: "where can I download my data as a csv", match: false }]);
    expect(r.data).toHaveLength(4);
  });

  it("finds a message by meaning when no word of the query is in it", async () => {
    const r = await search(t, { q: "extract" });
    expect(r.data.map(text)).toContain("where can I download my data as a csv");
    expect((await search(t, { q: "extract", mode: "fulltext" })).data).toEqual([]);
  });

  it("never returns another chatbot's message, even when the vector index hands one back", async () => {
    semantic.vectors.honoursFilter = false;
    try {
      const r = await search(t, { q: "export button" });
      expect(r.data.map(text).join(" ")).not.toContain("secret");
      expect(r.data.every((h) => ["a", "b", "c"].includes(h.conversationExternalId))).toBe(true);
    } finally {
      semantic.vectors.honoursFilter = true;
    }
  });

  it("applies the filters to matches by meaning too", async () => {
    const assistants = await search(t, { q: "export button", role: "assistant" });
    expect(assistants.data.map((h) => h.role)).toEqual(["assistant"]);
    const later = await search(t, { q: "export button", from: String(Date.now() + 60_000) });
    expect(later.data).toEqual([]);
  });
});

describe("deleting", () => {
  it("deletes a chatbot's vectors with the chatbot, and no other chatbot's", async () => {
    const doomed = await createTenant();
    await converse(doomed, "d1", [
      { role: "user", content: "please export my invoices" },
      { role: "assistant", content: "Done." },
      { role: "user", content: "and cancel the plan" },
    ]);
    await converse(doomed, "d2", [{ role: "user", content: "a csv download please" }]);
    const ofChatbot = (chatbotId: string) => [...semantic.vectors.vectors.values()].filter((v) => v.metadata?.chatbotId === chatbotId);
    expect(ofChatbot(doomed.chatbotId)).toHaveLength(3);
    const othersBefore = ofChatbot(t.chatbotId).length;

    const purge = await deleteChatbot(env, createDb(env.DB), doomed.organizationId, doomed.chatbotId);
    await purge();
    expect(ofChatbot(doomed.chatbotId)).toEqual([]);
    expect(ofChatbot(t.chatbotId)).toHaveLength(othersBefore);
    // Asked by id: the user messages' (seq 1 and 3 of d1, 1 of d2), never the assistant's.
    expect(semantic.vectors.deleted.filter((id) => id.endsWith(":2"))).toEqual([]);
  });
});
