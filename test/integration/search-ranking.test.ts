/**
 * The full-text ordering rule over more matches than one ranking window: the chatbot's matches, newest
 * first, cut into windows of RANK_WINDOW; each window by bm25 (ties: newer first); pages run through the
 * windows in turn — so every page is a slice of one fixed order, whichever window edge it straddles.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { chatbots } from "../../worker/db/schema";
import { createDb } from "../../worker/db/client";
import { FILTER_REACH, fullTextHits, RANK_WINDOW } from "../../worker/search/full-text";
import { createTenant, type Tenant } from "../helpers/tenant";

const MINE = RANK_WINDOW + 100;
let t: Tenant;
let twin: string;
/** How often "kiwi" occurs in each of my messages, by search_messages id (every message is four words long). */
const kiwis = new Map<number, number>();

/** `n` messages in one conversation of `chatbotId`, message i saying "kiwi" (i % 3) + 1 times in four words. */
async function seed(chatbotId: string, conversationId: string, n: number, at: number) {
  await env.DB.prepare(
    `INSERT INTO conversations (id, organization_id, chatbot_id, external_id, status, created_at, message_count, flags, behaviours, index_version)
     VALUES (?1, ?2, ?3, ?1, 'ended', ?4, ?5, '[]', '[]', 1)`,
  )
    .bind(conversationId, t.organizationId, chatbotId, at, n)
    .run();
  await env.DB.prepare(
    `INSERT INTO search_messages (organization_id, chatbot_id, conversation_id, seq, message_id, role, content, at)
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?4)
     SELECT ?1, ?2, ?3, i, 'm' || i, 'user', substr('kiwi kiwi kiwi ', 1, 5 * (i % 3 + 1)) || substr('x x x ', 1, 2 * (3 - i % 3)), ?5 + i FROM n`,
  )
    .bind(t.organizationId, chatbotId, conversationId, n, at)
    .run();
}

beforeAll(async () => {
  t = await createTenant();
  // A chatbot whose id starts with mine, with newer matches of the same word: never mine, and never
  // taking a place in my windows.
  twin = `${t.chatbotId}_twin`;
  await createDb(env.DB).insert(chatbots).values({ id: twin, organizationId: t.organizationId, name: "Twin" });
  await seed(t.chatbotId, `conv_${t.chatbotId}`, MINE, 1_700_000_000_000);
  await seed(twin, `conv_${twin}`, 50, 1_800_000_000_000);
  const { results } = await env.DB.prepare("SELECT id, content FROM search_messages WHERE chatbot_id = ?").bind(t.chatbotId).all<{ id: number; content: string }>();
  for (const r of results) kiwis.set(r.id, r.content.split(" ").filter((w) => w === "kiwi").length);
});

describe("the full-text ordering rule", () => {
  it("ranks the newest window by bm25 (newer first on a tie), then the older matches the same way", async () => {
    const all = await fullTextHits(env.DB, t.chatbotId, '"kiwi"', {}, MINE + 50, 0);
    expect(all).toHaveLength(MINE);
    expect(new Set(all)).toEqual(new Set(kiwis.keys()));
    const newestFirst = [...kiwis.keys()].sort((a, b) => b - a);
    const byRule = (ids: number[]) => [...ids].sort((a, b) => kiwis.get(b)! - kiwis.get(a)! || b - a);
    expect(all.slice(0, RANK_WINDOW)).toEqual(byRule(newestFirst.slice(0, RANK_WINDOW)));
    expect(all.slice(RANK_WINDOW)).toEqual(byRule(newestFirst.slice(RANK_WINDOW)));
  });

  it("gives every page as a slice of that order, across a window's edge too", async () => {
    const all = await fullTextHits(env.DB, t.chatbotId, '"kiwi"', {}, MINE, 0);
    for (const [limit, offset] of [
      [20, 0],
      [30, RANK_WINDOW - 10],
      [50, RANK_WINDOW],
      [50, MINE - 20],
    ] as const) {
      expect(await fullTextHits(env.DB, t.chatbotId, '"kiwi"', {}, limit, offset)).toEqual(all.slice(offset, offset + limit));
    }
  });

  it("orders filtered matches by the same rule: the newest that pass fill the first window", async () => {
    expect(FILTER_REACH).toBeGreaterThan(MINE);
    const late = 1_700_000_000_000 + 50;
    const filtered = await fullTextHits(env.DB, t.chatbotId, '"kiwi"', { from: late }, MINE, 0);
    const { results } = await env.DB.prepare("SELECT id FROM search_messages WHERE chatbot_id = ? AND at >= ?").bind(t.chatbotId, late).all<{ id: number }>();
    // Message i arrived at base + i: from base + 50 on, seq 50 to MINE — more than one window.
    expect(results.length).toBe(MINE - 49);
    expect(results.length).toBeGreaterThan(RANK_WINDOW);
    const passing = results.map((r) => r.id).sort((a, b) => b - a);
    const byRule = (ids: number[]) => [...ids].sort((a, b) => kiwis.get(b)! - kiwis.get(a)! || b - a);
    expect(filtered.slice(0, RANK_WINDOW)).toEqual(byRule(passing.slice(0, RANK_WINDOW)));
    expect(filtered.slice(RANK_WINDOW)).toEqual(byRule(passing.slice(RANK_WINDOW)));
  });
});
