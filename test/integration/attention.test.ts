/**
 * The attention queue (GET /analytics/attention): its ranking against the documented score computed here in
 * plain JS over seeded rows, a second tenant's copy that must never show, triage that takes a conversation
 * out until the user writes again (through real captures and the index queue), and the route's edges.
 */
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { clientOrganizations, clientUsers, conversations, conversationTriage } from "../../worker/db/schema";
import { conversationStub } from "../../worker/services/conversation-stub";
import { createKey } from "../../worker/services/keys";
import { call, capture, type ErrorBody } from "../helpers/http";
import { syncIndex } from "../helpers/index-queue";
import { createTenant, type Tenant } from "../helpers/tenant";

const db = createDb(env.DB);
const MIN = 60_000;

interface Row {
  id: string;
  externalId: string;
  score: number;
  reasons: { kind: string; points: number; flag?: string; value?: number }[];
  lastUserMessage: { text: string; at: number } | null;
  sentiment: { current: number; label: string; trend: number | null } | null;
  triage: { status: string; assigneeId: string | null };
  plan: string | null;
  mrr: number | null;
  organization: { externalId: string; name: string | null } | null;
}
interface Queue {
  at: number;
  total: number;
  conversations: Row[];
}

interface Seed {
  key: string;
  status: "open" | "ended";
  lastAgoMin: number;
  current: number | null;
  trend: number | null;
  flags: string[];
  /** Minutes the user has been waiting for a reply (null: answered). */
  waitingMin: number | null;
  org: "big" | "small" | null;
  userMrr: number | null;
}

/** Waiting times sit half a minute past the minute, so a request a few seconds later counts the same minutes. */
const SEEDS: Seed[] = [
  { key: "furious-big", status: "open", lastAgoMin: 2, current: -0.8, trend: -0.6, flags: ["churn_risk", "frustrated_user"], waitingMin: null, org: "big", userMrr: 10 },
  { key: "furious-free", status: "open", lastAgoMin: 2, current: -0.8, trend: -0.6, flags: ["churn_risk", "frustrated_user"], waitingMin: null, org: null, userMrr: 0 },
  { key: "waiting", status: "open", lastAgoMin: 12, current: 0.1, trend: null, flags: [], waitingMin: 12.5, org: "small", userMrr: null },
  { key: "long-wait", status: "open", lastAgoMin: 50, current: null, trend: null, flags: [], waitingMin: 45.5, org: null, userMrr: 99 },
  { key: "urgent-ended", status: "ended", lastAgoMin: 300, current: -0.3, trend: null, flags: ["urgent_request"], waitingMin: 300.5, org: null, userMrr: null },
  { key: "worsening", status: "open", lastAgoMin: 1, current: 0.1, trend: -0.45, flags: [], waitingMin: null, org: "small", userMrr: null },
  { key: "happy", status: "open", lastAgoMin: 1, current: 0.7, trend: -0.3, flags: ["buying_signal"], waitingMin: null, org: "big", userMrr: null },
  { key: "just-asked", status: "open", lastAgoMin: 0, current: 0.2, trend: null, flags: [], waitingMin: 0.2, org: "big", userMrr: null },
  { key: "yesterday", status: "ended", lastAgoMin: 25 * 60, current: -0.9, trend: null, flags: ["churn_risk"], waitingMin: null, org: "big", userMrr: null },
  { key: "reviewed", status: "open", lastAgoMin: 20, current: -0.7, trend: null, flags: ["frustrated_user"], waitingMin: null, org: "big", userMrr: null },
  { key: "reviewed-then-wrote", status: "open", lastAgoMin: 3, current: -0.5, trend: null, flags: [], waitingMin: null, org: null, userMrr: null },
  { key: "escalated", status: "open", lastAgoMin: 4, current: -0.4, trend: null, flags: [], waitingMin: null, org: null, userMrr: null },
];
const ORG_MRR = { big: 4200, small: 300 };

/** The README's formula, written again from its text. */
function expectedScore(s: Seed): number {
  let trouble = 0;
  if (s.current !== null && s.current < 0) trouble += Math.round(-s.current * 40);
  if (s.trend !== null && s.trend < 0 && s.current !== null && s.current < 0.2) trouble += Math.min(20, Math.round(-s.trend * 20));
  if (s.flags.includes("churn_risk")) trouble += 30;
  if (s.flags.includes("frustrated_user")) trouble += 25;
  if (s.flags.includes("urgent_request")) trouble += 20;
  if (s.status === "open" && s.waitingMin !== null && s.waitingMin >= 1) trouble += Math.min(30, Math.floor(s.waitingMin));
  const mrr = s.org ? ORG_MRR[s.org] : (s.userMrr ?? 0);
  return Math.round(trouble * (1 + Math.min(mrr, 1000) / 1000));
}

async function seed(t: Tenant, now: number): Promise<Record<string, string>> {
  const base = { organizationId: t.organizationId, chatbotId: t.chatbotId };
  const ids: Record<string, string> = {};
  for (const [key, mrr] of Object.entries(ORG_MRR)) {
    await db.insert(clientOrganizations).values({ ...base, id: `corg_${t.chatbotId}_${key}`, externalId: key, name: `${key} corp`, plan: key === "big" ? "enterprise" : "pro", mrr, createdAt: now, updatedAt: now });
  }
  for (const s of SEEDS) {
    const id = `conv_${t.chatbotId}_${s.key}`;
    ids[s.key] = id;
    const userId = `cusr_${t.chatbotId}_${s.key}`;
    await db.insert(clientUsers).values({ ...base, id: userId, externalId: `u-${s.key}`, name: s.key, mrr: s.userMrr, plan: "free", clientOrganizationId: s.org ? `corg_${t.chatbotId}_${s.org}` : null, createdAt: now, updatedAt: now });
    const last = now - s.lastAgoMin * MIN;
    await db.insert(conversations).values({
      ...base,
      id,
      externalId: s.key,
      clientUserId: userId,
      clientOrganizationId: s.org ? `corg_${t.chatbotId}_${s.org}` : null,
      status: s.status,
      createdAt: last - 30 * MIN,
      firstMessageAt: last - 30 * MIN,
      lastMessageAt: last,
      endedAt: s.status === "ended" ? last : null,
      messageCount: 4,
      userMessageCount: 2,
      flags: s.flags,
      sentimentCurrent: s.current,
      sentimentTrend: s.trend,
      lastUserMessage: `last words of ${s.key}`,
      lastUserMessageAt: last,
      awaitingReplySince: s.waitingMin === null ? null : now - s.waitingMin * MIN,
    });
  }
  const triage = (key: string, status: "reviewed" | "escalated", statusAt: number) =>
    db.insert(conversationTriage).values({ ...base, conversationId: ids[key]!, status, statusAt, updatedAt: statusAt });
  await triage("reviewed", "reviewed", now - 10 * MIN); // after its last user message (20 min ago)
  await triage("reviewed-then-wrote", "reviewed", now - 10 * MIN); // before its last user message (3 min ago)
  await triage("escalated", "escalated", now - 10 * MIN);
  return ids;
}

const queueOf = async (t: Tenant, query = "") => (await (await call(`/api/v1/analytics/attention${query}`, { key: t.readKey })).json()) as { data: Queue };

describe("the attention queue", () => {
  let mine: Tenant;
  let theirs: Tenant;
  let ids: Record<string, string>;
  let queue: Queue;

  beforeAll(async () => {
    mine = await createTenant();
    theirs = await createTenant();
    const now = Date.now();
    ids = await seed(mine, now);
    await seed(theirs, now);
    queue = (await queueOf(mine)).data;
  });

  it("ranks conversations by the documented score, highest first", () => {
    const inQueue = SEEDS.filter((s) => !["happy", "just-asked", "yesterday", "reviewed"].includes(s.key));
    // Ties: the more recent last user message first.
    const expected = inQueue
      .map((s) => ({ externalId: s.key, score: expectedScore(s), ago: s.lastAgoMin }))
      .sort((a, b) => b.score - a.score || a.ago - b.ago)
      .map(({ externalId, score }) => ({ externalId, score }));
    expect(queue.conversations.map((r) => ({ externalId: r.externalId, score: r.score }))).toEqual(expected);
    expect(queue.total).toBe(inQueue.length);
  });

  it("puts a frustrated high-MRR conversation above the same conversation without MRR", () => {
    const order = queue.conversations.map((r) => r.externalId);
    expect(order[0]).toBe("furious-big");
    expect(order.indexOf("furious-big")).toBeLessThan(order.indexOf("furious-free"));
  });

  it("gives the reasons as the score's parts, which add up to the score", () => {
    for (const row of queue.conversations) expect(row.reasons.reduce((sum, r) => sum + r.points, 0)).toBe(row.score);
    const top = queue.conversations[0]!;
    expect(top.reasons).toEqual([
      { kind: "mrr", value: 4200, points: 99 },
      { kind: "sentiment", value: -0.8, points: 32 },
      { kind: "flag", flag: "churn_risk", points: 30 },
      { kind: "flag", flag: "frustrated_user", points: 25 },
      { kind: "trend", value: -0.6, points: 12 },
    ]);
    const waiting = queue.conversations.find((r) => r.externalId === "long-wait")!;
    expect(waiting.reasons).toContainEqual({ kind: "waiting", value: 30, points: 30 });
    // Whole minutes: 12.5 minutes waited are 12 points, and the MRR's share is a whole number too.
    expect(queue.conversations.find((r) => r.externalId === "waiting")!.reasons).toEqual([
      { kind: "waiting", value: 12, points: 12 },
      { kind: "mrr", value: 300, points: 4 },
    ]);
    for (const row of queue.conversations) for (const r of row.reasons) expect(Number.isInteger(r.points)).toBe(true);
  });

  it("shows each row's user, organization, plan, MRR, last user message and sentiment", () => {
    const top = queue.conversations[0]!;
    expect(top).toMatchObject({
      id: ids["furious-big"],
      organization: { externalId: "big", name: "big corp" },
      plan: "enterprise",
      mrr: 4200,
      lastUserMessage: { text: "last words of furious-big" },
      sentiment: { current: -0.8, label: "very_negative", trend: -0.6 },
      triage: { status: "open", assigneeId: null },
    });
  });

  it("leaves out happy, just-answered and day-old conversations", () => {
    const keys = queue.conversations.map((r) => r.externalId);
    for (const key of ["happy", "just-asked", "yesterday"]) expect(keys).not.toContain(key);
  });

  it("leaves out a reviewed conversation unless the user wrote after the review", () => {
    const keys = queue.conversations.map((r) => r.externalId);
    expect(keys).not.toContain("reviewed");
    expect(keys).toContain("reviewed-then-wrote");
    expect(queue.conversations.find((r) => r.externalId === "escalated")?.triage.status).toBe("escalated");
  });

  it("never shows another tenant's conversations", () => {
    expect(queue.conversations.every((r) => Object.values(ids).includes(r.id))).toBe(true);
  });

  it("answers the first `limit` rows with the total", async () => {
    const { data } = await queueOf(mine, "?limit=2");
    expect(data.conversations.map((r) => r.externalId)).toEqual(queue.conversations.slice(0, 2).map((r) => r.externalId));
    expect(data.total).toBe(queue.total);
  });

  it("answers 400 naming limit when it is out of range", async () => {
    const res = await call("/api/v1/analytics/attention?limit=0", { key: mine.readKey });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.details?.[0]?.field).toBe("limit");
  });

  it("answers 401 without a key and 403 with an ingest key", async () => {
    expect((await call("/api/v1/analytics/attention")).status).toBe(401);
    expect((await call("/api/v1/analytics/attention", { key: mine.ingestKey })).status).toBe(403);
  });
});

describe("the attention queue fed by real conversations", () => {
  it("takes a frustrated message in, lets a review take it out, and a later user message bring it back", async () => {
    const t = await createTenant();
    const read = (await createKey(db, { organizationId: t.organizationId, chatbotId: t.chatbotId, kind: "read", name: "attention" })).secret;
    const stub = conversationStub(env, t.chatbotId, "angry-1");
    const externalIds = async () => ((await (await call("/api/v1/analytics/attention", { key: read })).json()) as { data: Queue }).data.conversations.map((r) => r.externalId);

    await capture(t.ingestKey, {
      conversationId: "angry-1",
      messages: [{ id: "m1", role: "user", content: "This is useless, I am furious and I want to cancel my subscription!" }],
      user: { id: "u1", mrr: 50 },
      organization: { id: "o1", name: "Analytical Engines", plan: "enterprise", mrr: 4200 },
    });
    await syncIndex(stub);
    const row = (await db.select().from(conversations).where(and(eq(conversations.chatbotId, t.chatbotId), eq(conversations.externalId, "angry-1"))).get())!;
    expect(row.lastUserMessage).toBe("This is useless, I am furious and I want to cancel my subscription!");
    expect(row.awaitingReplySince).toBe(row.lastUserMessageAt);
    expect(row.sentimentCurrent).toBeLessThan(0);
    expect(await externalIds()).toEqual(["angry-1"]);

    await db.insert(conversationTriage).values({ conversationId: row.id, organizationId: t.organizationId, chatbotId: t.chatbotId, status: "reviewed", statusAt: Date.now(), updatedAt: Date.now() });
    expect(await externalIds()).toEqual([]);

    await capture(t.ingestKey, { conversationId: "angry-1", messages: [{ id: "m2", role: "user", content: "Still broken. Terrible, I am leaving for a competitor." }] });
    await syncIndex(stub);
    expect(await externalIds()).toEqual(["angry-1"]);
  });

  it("indexes the last user message, the reply that ends the wait and the sentiment's trend", async () => {
    const t = await createTenant();
    const stub = conversationStub(env, t.chatbotId, "trend-1");
    const long = "I love this product, it is wonderful. ".repeat(20);
    await capture(t.ingestKey, {
      conversationId: "trend-1",
      messages: [
        { id: "m1", role: "user", content: long },
        { id: "m2", role: "assistant", content: "Glad to hear it!" },
        { id: "m3", role: "user", content: "Now it is broken and useless, this is terrible." },
        { id: "m4", role: "assistant", content: "Sorry about that." },
      ],
    });
    await syncIndex(stub);
    const row = (await db.select().from(conversations).where(and(eq(conversations.chatbotId, t.chatbotId), eq(conversations.externalId, "trend-1"))).get())!;
    expect(row.lastUserMessage).toBe("Now it is broken and useless, this is terrible.");
    expect(row.awaitingReplySince).toBeNull();
    expect(row.sentimentCurrent).toBeLessThan(0);
    expect(row.sentimentTrend).toBeLessThan(0);

    await capture(t.ingestKey, { conversationId: "trend-1", messages: [{ id: "m5", role: "user", content: long }] });
    await syncIndex(stub);
    const after = (await db.select().from(conversations).where(and(eq(conversations.chatbotId, t.chatbotId), eq(conversations.externalId, "trend-1"))).get())!;
    expect(after.lastUserMessage).toBe(long.slice(0, 300));
    expect(after.awaitingReplySince).toBe(after.lastUserMessageAt);
  });
});
