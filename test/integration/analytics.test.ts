/**
 * The analytics API against a tenant seeded row by row (the D1 tables the endpoints read), with every
 * expected figure computed here in plain JS from the same arrays. A second tenant holds a distorted copy
 * of the same data (negated scores, larger MRR and message counts), so any row leaking across tenants
 * would move counts and averages alike.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { annotations, clientOrganizations, clientUsers, conversations } from "../../worker/db/schema";
import { conversationStub } from "../../worker/services/conversation-stub";
import { createKey } from "../../worker/services/keys";
import { call, capture, type ErrorBody } from "../helpers/http";
import { signup as signupMember } from "../helpers/member";
import { createTenant, type Tenant } from "../helpers/tenant";
import { syncIndex } from "../helpers/index-queue";

const db = createDb(env.DB);
const H = 3_600_000;
const D = 24 * H;
/** Monday 1 June 2026, 00:00 UTC: the seeded week is [T0, T0 + 7 days). */
const T0 = Date.UTC(2026, 5, 1);
const WEEK = `from=${T0}&to=${T0 + 7 * D}`;

// ---- the fixture ----

interface Org { key: string; name: string; plan: string | null; industry: string | null; mrr: number | null }
interface User { key: string; name: string | null; email: string | null; org: string | null; plan: string | null; industry: string | null; mrr: number | null }
interface Conv {
  key: string;
  user: string | null;
  created: number;
  last: number | null;
  messages: number;
  sentiment: number | null;
  resolution: "fully_resolved" | "partially_resolved" | "unresolved" | null;
  flags: string[] | null;
  device: "desktop" | "mobile" | "tablet" | null;
  country: string | null;
}
interface Ann {
  conv: string;
  seq: number;
  kind: "sentiment" | "flag" | "intent" | "behaviour";
  label: string;
  at: number;
  score?: number;
  severity?: "low" | "medium" | "high";
  chunk?: string;
  reason?: string;
  status?: "accepted" | "pending";
}

const ORGS: Org[] = [
  { key: "acme", name: "Analytical Engines", plan: "enterprise", industry: "fintech", mrr: 4200 },
  { key: "babbage", name: "Babbage & Co", plan: "pro", industry: "retail", mrr: 900 },
  { key: "lovelace", name: "Lovelace Labs", plan: "starter", industry: "health", mrr: 120 },
  { key: "quiet", name: "Quiet_Corp 100%", plan: "pro", industry: "fintech", mrr: null },
];

const USERS: User[] = [
  { key: "ada", name: "Ada Lovelace", email: "ada@example.com", org: "acme", plan: "pro", industry: "fintech", mrr: 99 },
  { key: "charles", name: "Charles Babbage", email: "charles@example.com", org: "babbage", plan: "pro", industry: "retail", mrr: 49 },
  { key: "grace", name: "Grace Hopper", email: "grace@navy.example", org: "lovelace", plan: "starter", industry: null, mrr: 10 },
  { key: "solo", name: "Solo Dev", email: "solo@example.org", org: null, plan: "free", industry: "education", mrr: 0 },
  { key: "linus", name: "Linus", email: null, org: "acme", plan: null, industry: null, mrr: null },
  { key: "quiet-user", name: null, email: "q@quiet.example", org: "quiet", plan: "pro", industry: null, mrr: 15 },
];

const CONVS: Conv[] = [
  // the week
  { key: "c1", user: "ada", created: T0 + 1 * H, last: T0 + 2 * H, messages: 6, sentiment: -0.6, resolution: "unresolved", flags: ["churn_risk", "frustrated_user"], device: "desktop", country: "GB" },
  { key: "c2", user: "ada", created: T0 + 2 * D, last: T0 + 2 * D + H, messages: 4, sentiment: -0.3, resolution: "partially_resolved", flags: ["frustrated_user"], device: "mobile", country: "GB" },
  { key: "c3", user: "charles", created: T0 + 1 * D, last: T0 + 1 * D + H / 2, messages: 8, sentiment: 0.5, resolution: "fully_resolved", flags: ["buying_signal"], device: "desktop", country: "FR" },
  { key: "c4", user: "grace", created: T0 + 3 * D, last: T0 + 3 * D + 2 * H, messages: 2, sentiment: 0.1, resolution: null, flags: ["confused_user"], device: "tablet", country: "US" },
  { key: "c5", user: "solo", created: T0 + 5 * D, last: T0 + 5 * D + H, messages: 10, sentiment: 0.8, resolution: "fully_resolved", flags: [], device: "mobile", country: "FR" },
  { key: "c6", user: "linus", created: T0 + 6 * D, last: null, messages: 1, sentiment: null, resolution: null, flags: [], device: "desktop", country: "DE" },
  { key: "c7", user: "quiet-user", created: T0 + 3 * D + H / 2, last: T0 + 3 * D + H, messages: 3, sentiment: -0.1, resolution: "fully_resolved", flags: ["churn_risk"], device: "desktop", country: "FR" },
  { key: "c8", user: null, created: T0 + 2 * D + 5 * H, last: T0 + 2 * D + 6 * H, messages: 2, sentiment: 0.25, resolution: null, flags: null, device: null, country: null },
  // the week before
  { key: "p1", user: "ada", created: T0 - 3 * D, last: T0 - 3 * D + H, messages: 5, sentiment: 0.2, resolution: "fully_resolved", flags: [], device: "desktop", country: "GB" },
  { key: "p2", user: "charles", created: T0 - 6 * D, last: T0 - 6 * D + H, messages: 3, sentiment: -0.5, resolution: "unresolved", flags: ["churn_risk"], device: "mobile", country: "FR" },
  { key: "p3", user: "solo", created: T0 - 1 * D, last: T0 - 1 * D + H, messages: 2, sentiment: 0, resolution: null, flags: [], device: "mobile", country: "US" },
  // outside both
  { key: "old", user: "grace", created: T0 - 20 * D, last: T0 - 20 * D + H, messages: 7, sentiment: -0.9, resolution: "unresolved", flags: ["frustrated_user"], device: "desktop", country: "US" },
  { key: "later", user: "solo", created: T0 + 8 * D, last: T0 + 8 * D + H, messages: 1, sentiment: 0.9, resolution: null, flags: [], device: "mobile", country: "FR" },
];

const ANNS: Ann[] = [
  // sentiment of user messages: days 0, 1, 2, 3 and 5 of the week; days 4 and 6 have none
  { conv: "c1", seq: 1, kind: "sentiment", label: "very_negative", score: -0.7, at: T0 + H },
  { conv: "c1", seq: 3, kind: "sentiment", label: "negative", score: -0.5, at: T0 + H + 5 * 60_000 },
  { conv: "c3", seq: 1, kind: "sentiment", label: "positive", score: 0.4, at: T0 + D },
  { conv: "c3", seq: 3, kind: "sentiment", label: "very_positive", score: 0.6, at: T0 + D + 10 * 60_000 },
  { conv: "c2", seq: 1, kind: "sentiment", label: "negative", score: -0.3, at: T0 + 2 * D },
  { conv: "c8", seq: 1, kind: "sentiment", label: "positive", score: 0.25, at: T0 + 2 * D + 5 * H },
  { conv: "c4", seq: 1, kind: "sentiment", label: "neutral", score: 0.1, at: T0 + 3 * D },
  { conv: "c7", seq: 1, kind: "sentiment", label: "neutral", score: -0.1, at: T0 + 3 * D + H / 2 },
  { conv: "c5", seq: 1, kind: "sentiment", label: "very_positive", score: 0.8, at: T0 + 5 * D },
  { conv: "p1", seq: 1, kind: "sentiment", label: "positive", score: 0.2, at: T0 - 3 * D },
  { conv: "p2", seq: 1, kind: "sentiment", label: "negative", score: -0.5, at: T0 - 6 * D },
  { conv: "p3", seq: 1, kind: "sentiment", label: "neutral", score: 0, at: T0 - D },
  { conv: "old", seq: 1, kind: "sentiment", label: "very_negative", score: -0.9, at: T0 - 20 * D },
  // flags
  { conv: "c1", seq: 1, kind: "flag", label: "churn_risk", chunk: "cancel my subscription", reason: "Wants to cancel.", at: T0 + H },
  { conv: "c1", seq: 3, kind: "flag", label: "frustrated_user", chunk: "this is useless", reason: "Angry words.", at: T0 + H + 5 * 60_000 },
  { conv: "c2", seq: 1, kind: "flag", label: "frustrated_user", chunk: " This is useless ", reason: "Angry words.", at: T0 + 2 * D },
  { conv: "c2", seq: 3, kind: "flag", label: "frustrated_user", chunk: "why so slow", reason: "Complains about speed.", at: T0 + 2 * D + 2 * 60_000 },
  { conv: "c4", seq: 1, kind: "flag", label: "confused_user", chunk: "how does this work", reason: "Asks how.", at: T0 + 3 * D },
  { conv: "c3", seq: 1, kind: "flag", label: "buying_signal", chunk: "upgrade to enterprise", reason: "Wants more seats.", at: T0 + D },
  { conv: "c3", seq: 3, kind: "flag", label: "buying_signal", chunk: "pricing for 50 seats", reason: "Asks about pricing.", at: T0 + D + 10 * 60_000 },
  { conv: "c7", seq: 1, kind: "flag", label: "churn_risk", chunk: "switching to a competitor", reason: "Mentions leaving.", at: T0 + 3 * D + H / 2 },
  { conv: "p2", seq: 1, kind: "flag", label: "churn_risk", chunk: "cancel", reason: "Wants to cancel.", at: T0 - 6 * D },
  { conv: "old", seq: 1, kind: "flag", label: "frustrated_user", chunk: "terrible", reason: "Angry words.", at: T0 - 20 * D },
  // intents (the pending one is a suggestion, not counted)
  { conv: "c1", seq: 1, kind: "intent", label: "cancellation", at: T0 + H },
  { conv: "c2", seq: 1, kind: "intent", label: "billing", at: T0 + 2 * D },
  { conv: "c3", seq: 1, kind: "intent", label: "pricing", at: T0 + D },
  { conv: "c3", seq: 3, kind: "intent", label: "pricing", at: T0 + D + 10 * 60_000 },
  { conv: "c8", seq: 1, kind: "intent", label: "pricing", at: T0 + 2 * D + 5 * H },
  { conv: "c4", seq: 1, kind: "intent", label: "how_to", status: "pending", at: T0 + 3 * D },
  { conv: "c5", seq: 1, kind: "intent", label: "billing", at: T0 + 5 * D },
  { conv: "c7", seq: 1, kind: "intent", label: "cancellation", at: T0 + 3 * D + H / 2 },
  { conv: "p1", seq: 1, kind: "intent", label: "billing", at: T0 - 3 * D },
  // assistant behaviours
  { conv: "c1", seq: 2, kind: "behaviour", label: "over_apologizing", at: T0 + H + 60_000 },
  { conv: "c1", seq: 4, kind: "behaviour", label: "hallucinating", severity: "high", reason: "Invented a refund policy.", chunk: "full refund within 90 days", at: T0 + H + 6 * 60_000 },
  { conv: "c2", seq: 2, kind: "behaviour", label: "hallucinating", severity: "medium", reason: "Made up a feature.", at: T0 + 2 * D + 60_000 },
  { conv: "c3", seq: 2, kind: "behaviour", label: "helpful", at: T0 + D + 60_000 },
  { conv: "c3", seq: 4, kind: "behaviour", label: "helpful", at: T0 + D + 11 * 60_000 },
  { conv: "c5", seq: 2, kind: "behaviour", label: "helpful", at: T0 + 5 * D + 60_000 },
  { conv: "c5", seq: 4, kind: "behaviour", label: "hallucinating", severity: "low", reason: "Wrong opening hours.", at: T0 + 5 * D + 2 * 60_000 },
  { conv: "c5", seq: 6, kind: "behaviour", label: "too_formal", at: T0 + 5 * D + 3 * 60_000 },
  { conv: "c4", seq: 2, kind: "behaviour", label: "verbose", at: T0 + 3 * D + 60_000 },
  { conv: "p1", seq: 2, kind: "behaviour", label: "hallucinating", severity: "high", reason: "Old one.", at: T0 - 3 * D + 60_000 },
];

// ---- seeding ----

interface Seeded extends Tenant {
  /** Conversation key → its id in D1. */
  ids: Record<string, string>;
}

/** Inserts the fixture for a tenant; `distort` makes the second tenant's copy differ in every figure. */
async function seed(t: Tenant, distort = false): Promise<Seeded> {
  const base = { organizationId: t.organizationId, chatbotId: t.chatbotId };
  const tag = t.chatbotId;
  const orgId = (key: string) => `corg_${tag}_${key}`;
  const userId = (key: string) => `cusr_${tag}_${key}`;
  const convId = (key: string) => `conv_${tag}_${key}`;
  const mrr = (v: number | null) => (v === null || !distort ? v : v * 10 + 1);
  const score = (v: number | null | undefined) => (v === null || v === undefined ? (v ?? null) : distort ? -v : v);
  const statements = [
    ...ORGS.map((o) => db.insert(clientOrganizations).values({ ...base, id: orgId(o.key), externalId: o.key, name: o.name, plan: o.plan, industry: o.industry, mrr: mrr(o.mrr), createdAt: T0 - 30 * D, updatedAt: T0 - 30 * D })),
    ...USERS.map((u) =>
      db.insert(clientUsers).values({
        ...base,
        id: userId(u.key),
        externalId: u.key,
        clientOrganizationId: u.org ? orgId(u.org) : null,
        name: u.name,
        email: u.email,
        plan: u.plan,
        industry: u.industry,
        mrr: mrr(u.mrr),
        createdAt: T0 - 30 * D,
        updatedAt: T0 - 30 * D,
      }),
    ),
    ...CONVS.map((c) => {
      const user = USERS.find((u) => u.key === c.user);
      return db.insert(conversations).values({
        ...base,
        id: convId(c.key),
        externalId: c.key,
        clientUserId: user ? userId(user.key) : null,
        clientOrganizationId: user?.org ? orgId(user.org) : null,
        status: c.resolution ? "ended" : "open",
        device: c.device,
        country: c.country,
        createdAt: c.created,
        firstMessageAt: c.created,
        lastMessageAt: c.last,
        messageCount: c.messages + (distort ? 100 : 0),
        sentimentAvg: score(c.sentiment),
        resolution: c.resolution,
        flags: c.flags,
      });
    }),
    ...ANNS.map((a, i) =>
      db.insert(annotations).values({
        ...base,
        id: `ann_${tag}_${i}`,
        conversationId: convId(a.conv),
        messageSeq: a.seq,
        messageId: `m${a.seq}`,
        kind: a.kind,
        label: a.label,
        score: score(a.score),
        severity: a.severity ?? null,
        chunk: a.chunk ?? null,
        reason: a.reason ?? null,
        status: a.status ?? "accepted",
        analyzer: "embedded",
        analyzerVersion: "test",
        createdAt: a.at,
      }),
    ),
  ];
  await db.batch(statements as unknown as Parameters<typeof db.batch>[0]);
  return { ...t, ids: Object.fromEntries(CONVS.map((c) => [c.key, convId(c.key)])) };
}

// ---- plain-JS expectations ----

const orgOf = (c: Conv) => ORGS.find((o) => o.key === USERS.find((u) => u.key === c.user)?.org) ?? null;
const userOf = (c: Conv) => USERS.find((u) => u.key === c.user) ?? null;
/** The conversations table's plan/industry/MRR: the organization's, else the user's (SQL coalesce). */
const effective = (c: Conv) => ({
  plan: orgOf(c)?.plan ?? userOf(c)?.plan ?? null,
  industry: orgOf(c)?.industry ?? userOf(c)?.industry ?? null,
  mrr: orgOf(c)?.mrr ?? userOf(c)?.mrr ?? null,
});
const inPeriod = (t: number, from: number, to: number) => t >= from && t < to;
const createdIn = (from: number, to: number) => CONVS.filter((c) => inPeriod(c.created, from, to));
const annsIn = (from: number, to: number, kind: Ann["kind"]) => ANNS.filter((a) => a.kind === kind && inPeriod(a.at, from, to));
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const cmp = <T>(a: T, b: T) => (a < b ? -1 : a > b ? 1 : 0);

/** The at-risk sum; `distort` maps each MRR as the second tenant's copy does. */
function atRiskMrr(from: number, to: number, distort: (mrr: number) => number = (mrr) => mrr): number {
  const orgs = new Set(
    ANNS.filter((a) => a.kind === "flag" && ["churn_risk", "frustrated_user"].includes(a.label) && inPeriod(a.at, from, to))
      .map((a) => orgOf(CONVS.find((c) => c.key === a.conv)!)?.key)
      .filter((k): k is string => !!k),
  );
  return sum([...orgs].map((k) => ORGS.find((o) => o.key === k)!.mrr).map((mrr) => (mrr === null ? 0 : distort(mrr))));
}

// ---- calling the API ----

/** A fresh read key per call keeps the test's many requests under the per-key read limit. */
async function readKey(t: Tenant): Promise<string> {
  return (await createKey(db, { organizationId: t.organizationId, chatbotId: t.chatbotId, kind: "read", name: "analytics test" })).secret;
}

async function get<T>(t: Tenant, path: string): Promise<T> {
  const res = await call(`/api/v1/analytics${path}`, { key: await readKey(t) });
  const body = await res.text();
  expect(res.status, body).toBe(200);
  return JSON.parse(body) as T;
}

interface TrendBody { value: number | null; previous: number | null; change: number | null }
interface OverviewBody {
  data: {
    range: { from: number; to: number; previousFrom: number; previousTo: number };
    today: { from: number; to: number; previousFrom: number; previousTo: number };
    kpis: Record<"conversations" | "messages" | "averageSentiment" | "analysedToday" | "resolutionRate" | "mrrAtRisk", TrendBody>;
  };
}
interface TableBody<Row> { data: Row[]; pagination: { page: number; limit: number; total: number; hasMore: boolean } }
interface ConvRow {
  id: string;
  externalId: string;
  status: string;
  user: { externalId: string; name: string | null; email: string | null } | null;
  organization: { externalId: string; name: string | null } | null;
  plan: string | null;
  industry: string | null;
  mrr: number | null;
  device: string | null;
  country: string | null;
  messageCount: number;
  sentiment: { average: number; label: string } | null;
  flags: string[];
  lastMessageAt: number | null;
  createdAt: number;
}

let mine: Seeded;
let theirs: Seeded;

beforeAll(async () => {
  mine = await seed(await createTenant());
  theirs = await seed(await createTenant(), true);
});

describe("GET /api/v1/analytics/overview", () => {
  it("reports each KPI for the range and the previous period of equal length, with the change", async () => {
    const { data } = await get<OverviewBody>(mine, `/overview?${WEEK}`);
    const [from, to, pFrom] = [T0, T0 + 7 * D, T0 - 7 * D];
    expect(data.range).toEqual({ from, to, previousFrom: pFrom, previousTo: from });

    const now = createdIn(from, to);
    const before = createdIn(pFrom, from);
    const relative = (v: number, p: number) => (p === 0 ? null : (v - p) / Math.abs(p));
    const k = data.kpis;

    expect(k.conversations.value).toBe(now.length);
    expect(k.conversations.previous).toBe(before.length);
    expect(k.conversations.change).toBeCloseTo(relative(now.length, before.length)!, 4);

    const messages = sum(now.map((c) => c.messages));
    const previousMessages = sum(before.map((c) => c.messages));
    expect([k.messages.value, k.messages.previous]).toEqual([messages, previousMessages]);
    expect(k.messages.change).toBeCloseTo(relative(messages, previousMessages)!, 4);

    const sentiment = mean(annsIn(from, to, "sentiment").map((a) => a.score!))!;
    const previousSentiment = mean(annsIn(pFrom, from, "sentiment").map((a) => a.score!))!;
    expect(k.averageSentiment.value).toBeCloseTo(sentiment, 3);
    expect(k.averageSentiment.previous).toBeCloseTo(previousSentiment, 3);
    expect(k.averageSentiment.change).toBeCloseTo(sentiment - previousSentiment, 2);

    const rate = (cs: Conv[]) => cs.filter((c) => c.resolution === "fully_resolved").length / cs.filter((c) => c.resolution).length;
    expect(k.resolutionRate.value).toBeCloseTo(rate(now), 4);
    expect(k.resolutionRate.previous).toBeCloseTo(rate(before), 4);
    expect(k.resolutionRate.change).toBeCloseTo(rate(now) - rate(before), 4);

    expect(k.mrrAtRisk.value).toBe(atRiskMrr(from, to));
    expect(k.mrrAtRisk.previous).toBe(atRiskMrr(pFrom, from));
    expect(k.mrrAtRisk.change).toBeCloseTo(relative(atRiskMrr(from, to), atRiskMrr(pFrom, from))!, 4);
    // The fixture does exercise "each organization once": one organization has two flagged conversations this week.
    const flaggedOrgs = annsIn(from, to, "flag").filter((a) => ["churn_risk", "frustrated_user"].includes(a.label)).map((a) => orgOf(CONVS.find((c) => c.key === a.conv)!)?.key);
    expect(flaggedOrgs.length).toBeGreaterThan(new Set(flaggedOrgs).size);
  });

  it("counts a row stamped exactly at `from` and leaves out one stamped exactly at `to` (the range is half-open)", async () => {
    // c1 and its first sentiment sit exactly on `from`; c2 and its first sentiment exactly on `to`.
    const [from, to] = [T0 + H, T0 + 2 * D];
    const pFrom = from - (to - from);
    expect(CONVS.filter((c) => c.created === from || c.created === to).map((c) => c.key)).toEqual(["c1", "c2"]);
    expect(ANNS.filter((a) => a.kind === "sentiment" && (a.at === from || a.at === to)).map((a) => a.conv)).toEqual(["c1", "c2"]);
    const { data } = await get<OverviewBody>(mine, `/overview?from=${from}&to=${to}`);
    const k = data.kpis;
    expect(k.conversations.value).toBe(createdIn(from, to).length);
    expect(k.conversations.previous).toBe(createdIn(pFrom, from).length);
    expect(k.messages.value).toBe(sum(createdIn(from, to).map((c) => c.messages)));
    expect(k.averageSentiment.value).toBeCloseTo(mean(annsIn(from, to, "sentiment").map((a) => a.score!))!, 3);
    expect(k.averageSentiment.previous).toBeCloseTo(mean(annsIn(pFrom, from, "sentiment").map((a) => a.score!))!, 3);
    expect(k.mrrAtRisk.value).toBe(atRiskMrr(from, to));
    // And the conversations table agrees on the same edges.
    const table = await get<TableBody<ConvRow>>(mine, `/conversations?from=${from}&to=${to}&limit=100`);
    expect(table.data.map((r) => r.externalId).sort()).toEqual(createdIn(from, to).map((c) => c.key).sort());
  });

  it("defaults to the last 7 days up to now and accepts ISO-8601 instants", async () => {
    const before = Date.now();
    const { data } = await get<OverviewBody>(mine, "/overview");
    expect(data.range.to - data.range.from).toBe(7 * D);
    expect(data.range.to).toBeGreaterThanOrEqual(before);
    expect(data.range.previousTo).toBe(data.range.from);
    expect(data.kpis.conversations.value).toBe(CONVS.filter((c) => inPeriod(c.created, data.range.from, data.range.to)).length);

    const iso = await get<OverviewBody>(mine, `/overview?from=${new Date(T0).toISOString()}&to=${new Date(T0 + 7 * D).toISOString()}`);
    expect(iso.data.range.from).toBe(T0);
    expect(iso.data.kpis.conversations.value).toBe(createdIn(T0, T0 + 7 * D).length);

    // Dates alone, as a person types a range: each is its midnight UTC.
    const days = await get<OverviewBody>(mine, "/overview?from=2026-06-01&to=2026-06-08");
    expect(days.data.range).toMatchObject({ from: T0, to: T0 + 7 * D });
    expect(days.data.kpis).toEqual(iso.data.kpis);

    // An offset, encoded or with its `+` sent raw (a query string decodes that to a space), is the same instant.
    for (const from of ["2026-06-01T02:00:00%2B02:00", "2026-06-01T02:00:00+02:00", "2026-06-01T02:00:00.000+02:00"]) {
      const offset = await get<OverviewBody>(mine, `/overview?from=${from}&to=2026-06-08`);
      expect(offset.data.range.from, from).toBe(T0);
    }
  });

  it("starts the previous period no earlier than 1970 when a long range begins early, with the same figures", async () => {
    // Two days after 1970 up to the end of the seeded week: the period before it would start decades before 1970.
    const [from, to] = [2 * D, T0 + 7 * D];
    const { data } = await get<OverviewBody>(mine, `/overview?from=${from}&to=${to}`);
    expect(data.range).toEqual({ from, to, previousFrom: 0, previousTo: from });
    expect(data.kpis.conversations).toEqual({ value: createdIn(from, to).length, previous: 0, change: null });
    // A range from 1970 itself compares with nothing: an empty previous period, every change null.
    const all = await get<OverviewBody>(mine, `/overview?from=1970-01-01&to=${to}`);
    expect(all.data.range).toEqual({ from: 0, to, previousFrom: 0, previousTo: 0 });
    const { conversations, messages, averageSentiment, resolutionRate, mrrAtRisk } = all.data.kpis;
    expect([conversations, messages, averageSentiment, resolutionRate, mrrAtRisk].map((k) => k.change)).toEqual([null, null, null, null, null]);
    expect(conversations).toEqual({ value: createdIn(0, to).length, previous: 0, change: null });
    // Every analytics answer that states its range states the same one.
    for (const path of ["/sentiment?interval=month&", "/insights?", "/assistant?", "/mrr-at-risk?"]) {
      const answer = await get<{ data: { range: OverviewBody["data"]["range"] } }>(mine, `${path}from=${from}&to=${to}`);
      expect(answer.data.range, path).toEqual(data.range);
    }
  });

  it("counts messages analysed since 00:00 UTC against yesterday up to the same time", async () => {
    const t = await createTenant();
    const seeded = await seed(t);
    const now = Date.now();
    const times = [now - 1_000, now - 2 * H, now - 23 * H, now - 25 * H, now - 47 * H, now - 3 * D];
    await db.batch(
      times.map((at, i) =>
        db.insert(annotations).values({
          organizationId: t.organizationId,
          chatbotId: t.chatbotId,
          id: `ann_today_${i}`,
          conversationId: seeded.ids.c1!,
          messageSeq: 100 + i,
          kind: "sentiment",
          label: "neutral",
          score: 0,
          analyzer: "embedded",
          analyzerVersion: "test",
          createdAt: at,
        }),
      ) as unknown as Parameters<typeof db.batch>[0],
    );
    const { data } = await get<OverviewBody>(t, "/overview");
    const { today } = data;
    expect(today.from % D).toBe(0);
    expect(today.previousFrom).toBe(today.from - D);
    expect(today.previousTo).toBe(today.to - D);
    // The fixture's own annotations are all in 2026-06, long before either window.
    const expectedToday = times.filter((at) => at >= today.from).length;
    const expectedYesterday = times.filter((at) => at >= today.previousFrom && at < today.previousTo).length;
    expect(data.kpis.analysedToday.value).toBe(expectedToday);
    expect(data.kpis.analysedToday.previous).toBe(expectedYesterday);
    expect(expectedToday + expectedYesterday).toBeGreaterThan(0);
  });

  it("never counts another tenant's rows", async () => {
    const { data: a } = await get<OverviewBody>(mine, `/overview?${WEEK}`);
    const { data: b } = await get<OverviewBody>(theirs, `/overview?${WEEK}`);
    const now = createdIn(T0, T0 + 7 * D);
    expect(a.kpis.conversations.value).toBe(now.length);
    expect(a.kpis.messages.value).toBe(sum(now.map((c) => c.messages)));
    // Their copy: same conversations, 100 more messages each, negated scores, MRR ×10 + 1.
    expect(b.kpis.messages.value).toBe(sum(now.map((c) => c.messages + 100)));
    expect(b.kpis.averageSentiment.value).toBeCloseTo(-a.kpis.averageSentiment.value!, 3);
    expect(b.kpis.mrrAtRisk.value).toBe(atRiskMrr(T0, T0 + 7 * D, (mrr) => mrr * 10 + 1));
    // A tenant with nothing sees zeros, not someone else's figures.
    const empty = await createTenant();
    const { data: e } = await get<OverviewBody>(empty, `/overview?${WEEK}`);
    expect(e.kpis.conversations).toEqual({ value: 0, previous: 0, change: null });
    expect(e.kpis.averageSentiment).toEqual({ value: null, previous: null, change: null });
    expect(e.kpis.mrrAtRisk.value).toBe(0);
  });
});

interface SentimentBody {
  data: {
    interval: string;
    series: { start: number; end: number; averageSentiment: number | null; messages: number }[];
    bands: { satisfied: number; neutral: number; dissatisfied: number; unscored: number };
  };
}

describe("GET /api/v1/analytics/sentiment", () => {
  it("averages sentiment per day with every day of the range present, empty ones included", async () => {
    const { data } = await get<SentimentBody>(mine, `/sentiment?${WEEK}&interval=day`);
    const expected = Array.from({ length: 7 }, (_, i) => {
      const scores = annsIn(T0 + i * D, T0 + (i + 1) * D, "sentiment").map((a) => a.score!);
      return { start: T0 + i * D, end: T0 + (i + 1) * D, messages: scores.length, averageSentiment: mean(scores) };
    });
    expect(data.series.map((b) => [b.start, b.end, b.messages])).toEqual(expected.map((b) => [b.start, b.end, b.messages]));
    data.series.forEach((b, i) => {
      if (expected[i]!.averageSentiment === null) expect(b.averageSentiment).toBeNull();
      else expect(b.averageSentiment).toBeCloseTo(expected[i]!.averageSentiment!, 3);
    });
    // The fixture leaves some days empty, and they are still in the series.
    const emptyDays = [0, 1, 2, 3, 4, 5, 6].filter((d) => annsIn(T0 + d * D, T0 + (d + 1) * D, "sentiment").length === 0);
    expect(emptyDays.length).toBeGreaterThan(0);
    expect(data.series.filter((b) => b.messages === 0).map((b) => (b.start - T0) / D)).toEqual(emptyDays);
  });

  it("buckets by week from Monday and by calendar month in UTC", async () => {
    // Thursday 4 June to Thursday 11 June: the weeks of Monday 1 June and Monday 8 June.
    const week = await get<SentimentBody>(mine, `/sentiment?from=${T0 + 3 * D}&to=${T0 + 10 * D}&interval=week`);
    expect(week.data.series.map((b) => b.start)).toEqual([T0, T0 + 7 * D]);
    expect(week.data.series.map((b) => b.messages)).toEqual([annsIn(T0 + 3 * D, T0 + 7 * D, "sentiment").length, 0]);

    const month = await get<SentimentBody>(mine, `/sentiment?from=${T0 - 10 * D}&to=${T0 + 7 * D}&interval=month`);
    expect(month.data.series.map((b) => [b.start, b.end])).toEqual([
      [Date.UTC(2026, 4, 1), Date.UTC(2026, 5, 1)],
      [Date.UTC(2026, 5, 1), Date.UTC(2026, 6, 1)],
    ]);
    const may = annsIn(T0 - 10 * D, T0, "sentiment").map((a) => a.score!);
    expect(month.data.series[0]!.messages).toBe(may.length);
    expect(month.data.series[0]!.averageSentiment).toBeCloseTo(mean(may)!, 3);
  });

  it("counts conversations of the range in sentiment bands: satisfied above 0.2, dissatisfied below −0.2", async () => {
    const { data } = await get<SentimentBody>(mine, `/sentiment?${WEEK}`);
    const now = createdIn(T0, T0 + 7 * D);
    expect(data.bands).toMatchObject({
      satisfied: now.filter((c) => c.sentiment !== null && c.sentiment > 0.2).length,
      neutral: now.filter((c) => c.sentiment !== null && c.sentiment >= -0.2 && c.sentiment <= 0.2).length,
      dissatisfied: now.filter((c) => c.sentiment !== null && c.sentiment < -0.2).length,
      unscored: now.filter((c) => c.sentiment === null).length,
    });
  });
});

describe("GET /api/v1/analytics/conversations", () => {
  /** Where each conversation's row sits in D1 (its rowid): the table's tiebreak. */
  let rowOrder: Map<string, number>;
  beforeAll(async () => {
    const { results } = await env.DB.prepare("SELECT id, rowid FROM conversations WHERE chatbot_id = ?").bind(mine.chatbotId).all<{ id: string; rowid: number }>();
    rowOrder = new Map(results.map((r) => [r.id, r.rowid]));
  });

  /** The table's rows in plain JS: filter, then sort with the API's rules (nulls last, the row's place in D1 as tiebreak). */
  function expectTable(keep: (c: Conv) => boolean, key: (c: Conv) => number | null, order: "asc" | "desc") {
    const dir = order === "asc" ? 1 : -1;
    return CONVS.filter(keep)
      .sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        const byId = dir * (rowOrder.get(mine.ids[a.key]!)! - rowOrder.get(mine.ids[b.key]!)!);
        if (x === null || y === null) return x === y ? byId : x === null ? 1 : -1;
        return dir * (x - y) || byId;
      })
      .map((c) => c.key);
  }
  const keys = (body: TableBody<ConvRow>) => body.data.map((r) => r.externalId);

  it("filters by plan and country and sorts by sentiment, ascending", async () => {
    const body = await get<TableBody<ConvRow>>(mine, "/conversations?plan=pro&country=fr&sort=sentiment&order=asc");
    const expected = expectTable((c) => effective(c).plan === "pro" && c.country === "FR", (c) => c.sentiment, "asc");
    expect(keys(body)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(1);
    expect(body.pagination.total).toBe(expected.length);
  });

  it("pages through the default order, most recent message first and conversations without one last", async () => {
    const all = expectTable(() => true, (c) => c.last, "desc");
    const page2 = await get<TableBody<ConvRow>>(mine, "/conversations?limit=4&page=2");
    expect(keys(page2)).toEqual(all.slice(4, 8));
    expect(page2.pagination).toEqual({ page: 2, limit: 4, total: CONVS.length, hasMore: true });
    const last = await get<TableBody<ConvRow>>(mine, "/conversations?limit=4&page=4");
    expect(keys(last)).toEqual(all.slice(12));
    expect(last.pagination.hasMore).toBe(false);
  });

  it("searches conversation and user external ids, user email and name, and organization name, with % and _ taken literally", async () => {
    const matches = (q: string) =>
      CONVS.filter((c) => [c.key, userOf(c)?.key, userOf(c)?.email, userOf(c)?.name, orgOf(c)?.name].some((s) => s?.toLowerCase().includes(q.toLowerCase())))
        .map((c) => c.key)
        .sort();
    expect(matches("quiet-")).toEqual(["c7"]);
    for (const q of ["lovelace", "ADA@", "c3", "quiet-", "100%", "_"]) {
      const body = await get<TableBody<ConvRow>>(mine, `/conversations?q=${encodeURIComponent(q)}&limit=100`);
      expect(keys(body).sort(), q).toEqual(matches(q));
    }
    expect(matches("_")).toEqual(["c7"]);
  });

  it("filters by flags (all of them), sentiment range, MRR range, device, industry, user and organization", async () => {
    const cases: [string, (c: Conv) => boolean][] = [
      ["flags=churn_risk,frustrated_user", (c) => !!c.flags?.includes("churn_risk") && c.flags.includes("frustrated_user")],
      ["flags=frustrated_user", (c) => !!c.flags?.includes("frustrated_user")],
      ["sentimentMin=-0.5&sentimentMax=0.2", (c) => c.sentiment !== null && c.sentiment >= -0.5 && c.sentiment <= 0.2],
      ["mrrMin=100&mrrMax=1000", (c) => effective(c).mrr !== null && effective(c).mrr! >= 100 && effective(c).mrr! <= 1000],
      ["device=mobile&industry=Education", (c) => c.device === "mobile" && effective(c).industry === "education"],
      ["user=ada", (c) => c.user === "ada"],
      ["organization=acme", (c) => orgOf(c)?.key === "acme"],
      [`from=${T0}&to=${T0 + 7 * D}&status=open`, (c) => inPeriod(c.created, T0, T0 + 7 * D) && !c.resolution],
    ];
    for (const [query, keep] of cases) {
      const body = await get<TableBody<ConvRow>>(mine, `/conversations?${query}&limit=100&sort=createdAt&order=asc`);
      expect(keys(body), query).toEqual(expectTable(keep, (c) => c.created, "asc"));
    }
  });

  it("counts every matching row on any page of a sort that reads them all, past the last page too", async () => {
    const matching = CONVS.filter((c) => c.sentiment !== null && c.sentiment < 0).length;
    expect(matching).toBeGreaterThan(2);
    for (const sort of ["sentiment", "messageCount", "mrr", "createdAt"]) {
      for (const page of [1, 2, 99]) {
        const body = await get<TableBody<ConvRow>>(mine, `/conversations?sentimentMax=-0.0001&sort=${sort}&limit=2&page=${page}`);
        expect(body.pagination, `${sort}, page ${page}`).toEqual({ page, limit: 2, total: matching, hasMore: page * 2 < matching });
        expect(body.data, `${sort}, page ${page}`).toHaveLength(page === 99 ? 0 : 2);
      }
    }
  });

  it("sorts by MRR with unknown MRR last, and by message count", async () => {
    const byMrr = await get<TableBody<ConvRow>>(mine, "/conversations?sort=mrr&order=desc&limit=100");
    expect(keys(byMrr)).toEqual(expectTable(() => true, (c) => effective(c).mrr, "desc"));
    expect(byMrr.data.at(-1)!.mrr).toBeNull();
    const byMessages = await get<TableBody<ConvRow>>(mine, "/conversations?sort=messageCount&order=asc&limit=100");
    expect(keys(byMessages)).toEqual(expectTable(() => true, (c) => c.messages, "asc"));
  });

  it("shows user, email, organization, messages, sentiment badge, plan, country, last message and creation", async () => {
    const body = await get<TableBody<ConvRow>>(mine, "/conversations?user=ada&sort=createdAt&order=desc&limit=1");
    expect(body.data[0]).toEqual({
      id: mine.ids.c2,
      externalId: "c2",
      status: "ended",
      user: { externalId: "ada", name: "Ada Lovelace", email: "ada@example.com" },
      organization: { externalId: "acme", name: "Analytical Engines" },
      plan: "enterprise",
      industry: "fintech",
      mrr: 4200,
      device: "mobile",
      country: "GB",
      language: null,
      messageCount: 4,
      sentiment: { average: -0.3, label: "negative" },
      flags: ["frustrated_user"],
      lastMessageAt: T0 + 2 * D + H,
      createdAt: T0 + 2 * D,
      lastUserMessage: null,
      triage: { status: "open", assigneeId: null },
      labels: [],
    });
  });

  it("lists only the caller's conversations", async () => {
    const body = await get<TableBody<ConvRow>>(mine, "/conversations?limit=100");
    expect(body.data.map((r) => r.id).sort()).toEqual(Object.values(mine.ids).sort());
  });
});

interface UserRow { externalId: string; plan: string | null; mrr: number | null; conversations: number; averageSentiment: number | null; lastActivityAt: number | null; organization: { externalId: string } | null }
interface OrgRow { externalId: string; name: string | null; plan: string | null; mrr: number | null; users: number; conversations: number; averageSentiment: number | null; lastActivityAt: number | null }

describe("GET /api/v1/analytics/users and /organizations", () => {
  const userFigures = (key: string) => {
    const cs = CONVS.filter((c) => c.user === key);
    return {
      conversations: cs.length,
      averageSentiment: mean(cs.filter((c) => c.sentiment !== null).map((c) => c.sentiment!)),
      lastActivityAt: cs.length ? Math.max(...cs.map((c) => c.last ?? c.created)) : null,
    };
  };
  const orgFigures = (key: string) => {
    const cs = CONVS.filter((c) => orgOf(c)?.key === key);
    return {
      users: USERS.filter((u) => u.org === key).length,
      conversations: cs.length,
      averageSentiment: mean(cs.filter((c) => c.sentiment !== null).map((c) => c.sentiment!)),
      lastActivityAt: cs.length ? Math.max(...cs.map((c) => c.last ?? c.created)) : null,
    };
  };

  it("lists users with conversations, average sentiment and last activity, most recent first", async () => {
    const body = await get<TableBody<UserRow>>(mine, "/users");
    const expected = [...USERS].sort((a, b) => userFigures(b.key).lastActivityAt! - userFigures(a.key).lastActivityAt!).map((u) => u.key);
    expect(body.data.map((r) => r.externalId)).toEqual(expected);
    expect(body.pagination.total).toBe(USERS.length);
    for (const row of body.data) {
      const want = userFigures(row.externalId);
      expect(row.conversations, row.externalId).toBe(want.conversations);
      expect(row.lastActivityAt, row.externalId).toBe(want.lastActivityAt);
      if (want.averageSentiment === null) expect(row.averageSentiment).toBeNull();
      else expect(row.averageSentiment, row.externalId).toBeCloseTo(want.averageSentiment, 3);
    }
  });

  it("filters users by plan, MRR range and search, and sorts by average sentiment", async () => {
    const pro = await get<TableBody<UserRow>>(mine, "/users?plan=PRO&sort=sentiment&order=asc");
    const expected = USERS.filter((u) => u.plan === "pro")
      .sort((a, b) => userFigures(a.key).averageSentiment! - userFigures(b.key).averageSentiment!)
      .map((u) => u.key);
    expect(pro.data.map((r) => r.externalId)).toEqual(expected);

    const mrr = await get<TableBody<UserRow>>(mine, "/users?mrrMin=10&mrrMax=50&sort=mrr&order=desc");
    expect(mrr.data.map((r) => r.externalId)).toEqual(
      USERS.filter((u) => u.mrr !== null && u.mrr >= 10 && u.mrr <= 50)
        .sort((a, b) => b.mrr! - a.mrr!)
        .map((u) => u.key),
    );

    // Search covers the user's organization name too: Ada and Linus work at Analytical Engines.
    const search = await get<TableBody<UserRow>>(mine, "/users?q=analytical&sort=name&order=asc");
    expect(search.data.map((r) => r.externalId)).toEqual(["ada", "linus"]);
    const byOrg = await get<TableBody<UserRow>>(mine, "/users?organization=acme&limit=1&page=2&sort=name&order=asc");
    expect(byOrg.data.map((r) => r.externalId)).toEqual(["linus"]);
    expect(byOrg.pagination).toEqual({ page: 2, limit: 1, total: 2, hasMore: false });
  });

  it("lists organizations with users, conversations, average sentiment and MRR, filtered and sorted", async () => {
    const body = await get<TableBody<OrgRow>>(mine, "/organizations?sort=mrr&order=desc");
    expect(body.data.map((r) => r.externalId)).toEqual(["acme", "babbage", "lovelace", "quiet"]);
    for (const row of body.data) {
      const want = orgFigures(row.externalId);
      expect({ users: row.users, conversations: row.conversations, lastActivityAt: row.lastActivityAt }, row.externalId).toEqual({
        users: want.users,
        conversations: want.conversations,
        lastActivityAt: want.lastActivityAt,
      });
      expect(row.averageSentiment, row.externalId).toBeCloseTo(want.averageSentiment!, 3);
      expect(row.mrr).toBe(ORGS.find((o) => o.key === row.externalId)!.mrr);
    }
    const fintech = await get<TableBody<OrgRow>>(mine, "/organizations?industry=fintech&sort=conversations&order=desc");
    expect(fintech.data.map((r) => r.externalId)).toEqual(["acme", "quiet"]);
    const cheap = await get<TableBody<OrgRow>>(mine, "/organizations?mrrMax=1000&q=co");
    expect(cheap.data.map((r) => r.externalId)).toEqual(["babbage"]);
  });
});

interface InsightsBody {
  data: {
    mostDissatisfiedUsers: { externalId: string; averageSentiment: number; scoredConversations: number; organization: { externalId: string } | null }[];
    topFrustrations: { flag: string; signals: number; conversations: number; topChunks: { text: string; count: number }[]; topReasons: { text: string; count: number }[] }[];
    revenueSignals: { flag: string; signals: number; conversations: number; organizations: number; mrr: number }[];
    topIntents: { intent: string; count: number; conversations: number }[];
    sentimentBySegment: Record<"plan" | "industry" | "device" | "country", { value: string | null; averageSentiment: number; conversations: number }[]>;
  };
}

describe("GET /api/v1/analytics/insights", () => {
  const from = T0;
  const to = T0 + 7 * D;
  let data: InsightsBody["data"];
  beforeAll(async () => {
    data = (await get<InsightsBody>(mine, `/insights?${WEEK}`)).data;
  });

  it("ranks the most dissatisfied users by their average conversation sentiment", () => {
    const scored = createdIn(from, to).filter((c) => c.user && c.sentiment !== null);
    const users = [...new Set(scored.map((c) => c.user!))].map((key) => {
      const s = scored.filter((c) => c.user === key).map((c) => c.sentiment!);
      return { key, avg: mean(s)!, n: s.length };
    });
    users.sort((a, b) => a.avg - b.avg || cmp(a.key, b.key));
    expect(data.mostDissatisfiedUsers.map((u) => [u.externalId, u.scoredConversations])).toEqual(users.slice(0, 10).map((u) => [u.key, u.n]));
    data.mostDissatisfiedUsers.forEach((u, i) => expect(u.averageSentiment).toBeCloseTo(users[i]!.avg, 3));
    expect(data.mostDissatisfiedUsers[0]).toMatchObject({ externalId: "ada", organization: { externalId: "acme" } });
  });

  it("shows top frustrations with their most common chunks and reasons, ignoring case and spaces", () => {
    for (const flag of ["frustrated_user", "confused_user"]) {
      const flagged = annsIn(from, to, "flag").filter((a) => a.label === flag);
      const top = (field: "chunk" | "reason") => {
        const groups = new Map<string, string[]>();
        for (const a of flagged) {
          const text = a[field]!.trim();
          groups.set(text.toLowerCase(), [...(groups.get(text.toLowerCase()) ?? []), text]);
        }
        return [...groups.entries()]
          .map(([key, forms]) => ({ key, text: forms.sort()[0]!, count: forms.length }))
          .sort((a, b) => b.count - a.count || cmp(a.key, b.key))
          .slice(0, 5)
          .map(({ text, count }) => ({ text, count }));
      };
      const row = data.topFrustrations.find((f) => f.flag === flag)!;
      expect(row).toEqual({
        flag,
        signals: flagged.length,
        conversations: new Set(flagged.map((a) => a.conv)).size,
        topChunks: top("chunk"),
        topReasons: top("reason"),
      });
    }
    expect(data.topFrustrations[0]!.topChunks[0]).toEqual({ text: "This is useless", count: 2 });
  });

  it("sums the MRR behind churn risk and buying signals, each organization once", () => {
    for (const flag of ["churn_risk", "buying_signal"]) {
      const flagged = annsIn(from, to, "flag").filter((a) => a.label === flag);
      const orgs = new Set(flagged.map((a) => orgOf(CONVS.find((c) => c.key === a.conv)!)?.key).filter(Boolean));
      expect(data.revenueSignals.find((r) => r.flag === flag)).toEqual({
        flag,
        signals: flagged.length,
        conversations: new Set(flagged.map((a) => a.conv)).size,
        organizations: orgs.size,
        mrr: sum([...orgs].map((k) => ORGS.find((o) => o.key === k)!.mrr ?? 0)),
      });
    }
  });

  it("counts accepted intents only, most frequent first", () => {
    const accepted = annsIn(from, to, "intent").filter((a) => (a.status ?? "accepted") === "accepted");
    const expected = [...new Set(accepted.map((a) => a.label))]
      .map((intent) => ({ intent, count: accepted.filter((a) => a.label === intent).length, conversations: new Set(accepted.filter((a) => a.label === intent).map((a) => a.conv)).size }))
      .sort((a, b) => b.count - a.count || cmp(a.intent, b.intent));
    expect(data.topIntents).toEqual(expected);
    expect(data.topIntents.map((i) => i.intent)).not.toContain("how_to");
  });

  it("averages sentiment by plan, industry, device and country", () => {
    const scored = createdIn(from, to).filter((c) => c.sentiment !== null);
    const segmentOf: Record<"plan" | "industry" | "device" | "country", (c: Conv) => string | null> = {
      plan: (c) => effective(c).plan,
      industry: (c) => effective(c).industry,
      device: (c) => c.device,
      country: (c) => c.country,
    };
    for (const [segment, valueOf] of Object.entries(segmentOf) as [keyof typeof segmentOf, (c: Conv) => string | null][]) {
      const values = [...new Set(scored.map(valueOf))];
      const expected = values
        .map((value) => {
          const s = scored.filter((c) => valueOf(c) === value).map((c) => c.sentiment!);
          return { value, conversations: s.length, averageSentiment: mean(s)! };
        })
        .sort((a, b) => b.conversations - a.conversations || (a.value === null ? 1 : b.value === null ? -1 : cmp(a.value, b.value)));
      const got = data.sentimentBySegment[segment];
      expect(got.map((r) => [r.value, r.conversations]), segment).toEqual(expected.map((r) => [r.value, r.conversations]));
      got.forEach((r, i) => expect(r.averageSentiment, `${segment} ${r.value}`).toBeCloseTo(expected[i]!.averageSentiment, 3));
    }
  });
});

interface AssistantBody {
  data: {
    behaviours: { behaviour: string; count: number; conversations: number }[];
    resolutions: { judged: number; outcomes: { resolution: string; count: number; share: number | null }[] };
    hallucinations: {
      total: number;
      bySeverity: Record<string, number>;
      recent: { conversationId: string; externalId: string; messageSeq: number; severity: string; reason: string | null; analyzedAt: number }[];
    };
  };
}

describe("GET /api/v1/analytics/assistant", () => {
  it("counts behaviours (every known one listed, custom ones too), resolution outcomes and recent hallucinations", async () => {
    const { data } = await get<AssistantBody>(mine, `/assistant?${WEEK}`);
    const seen = annsIn(T0, T0 + 7 * D, "behaviour");
    const known = ["helpful", "yes_man", "dodging", "over_apologizing", "hallucinating", "redirecting", "verbose", "robotic", "other"];
    const labels = [...new Set([...known, ...seen.map((a) => a.label)])];
    const expected = labels
      .map((behaviour) => {
        const rows = seen.filter((a) => a.label === behaviour);
        return { behaviour, count: rows.length, conversations: new Set(rows.map((a) => a.conv)).size };
      })
      .sort((a, b) => b.count - a.count || cmp(a.behaviour, b.behaviour));
    expect(data.behaviours).toEqual(expected);
    // A custom behaviour (not among the known ones) is listed too.
    expect(data.behaviours.find((b) => b.behaviour === "too_formal")?.count).toBe(seen.filter((a) => a.label === "too_formal").length);
    expect(known).not.toContain("too_formal");

    const judged = createdIn(T0, T0 + 7 * D).filter((c) => c.resolution);
    expect(data.resolutions.judged).toBe(judged.length);
    expect(data.resolutions.outcomes).toEqual(
      ["fully_resolved", "partially_resolved", "unresolved"].map((resolution) => {
        const count = judged.filter((c) => c.resolution === resolution).length;
        return { resolution, count, share: Math.round((count / judged.length) * 10_000) / 10_000 };
      }),
    );

    const hallucinations = seen.filter((a) => a.label === "hallucinating").sort((a, b) => b.at - a.at);
    expect(data.hallucinations.total).toBe(hallucinations.length);
    const severities = (s: Ann["severity"] | undefined) => hallucinations.filter((a) => a.severity === s).length;
    expect(data.hallucinations.bySeverity).toEqual({ low: severities("low"), medium: severities("medium"), high: severities("high"), unspecified: severities(undefined) });
    expect(data.hallucinations.recent.map((h) => [h.externalId, h.conversationId, h.messageSeq, h.severity, h.reason, h.analyzedAt])).toEqual(
      hallucinations.map((a) => [a.conv, mine.ids[a.conv], a.seq, a.severity, a.reason, a.at]),
    );
  });
});

describe("analytics access", () => {
  const paths = ["/overview", "/sentiment", "/conversations", "/users", "/organizations", "/insights", "/assistant"];

  it("answers 401 without credentials at both mounts", async () => {
    for (const path of paths) {
      expect((await call(`/api/v1/analytics${path}`)).status, path).toBe(401);
      expect((await call(`/api/v1/chatbots/${mine.chatbotId}/analytics${path}`)).status, path).toBe(401);
    }
  });

  it("answers 403 to an ingest key and 200 to an admin key", async () => {
    expect((await call("/api/v1/analytics/overview", { key: mine.ingestKey })).status).toBe(403);
    expect((await call("/api/v1/analytics/overview", { key: mine.adminKey })).status).toBe(200);
  });

  it("serves the dashboard mount for a key of that chatbot, reading :chatbotId from the mount path", async () => {
    const direct = await get<OverviewBody>(mine, `/overview?${WEEK}`);
    const res = await call(`/api/v1/chatbots/${mine.chatbotId}/analytics/overview?${WEEK}`, { key: await readKey(mine) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as OverviewBody).data.kpis).toEqual(direct.data.kpis);
  });

  it("answers 404 on the dashboard mount to a key of another chatbot, and for a chatbot that does not exist", async () => {
    for (const path of paths) {
      const res = await call(`/api/v1/chatbots/${mine.chatbotId}/analytics${path}`, { key: await readKey(theirs) });
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as ErrorBody).error.code).toBe("not_found");
    }
    expect((await call("/api/v1/chatbots/cb_nope/analytics/overview", { key: await readKey(mine) })).status).toBe(404);
  });

  it("serves a member session on the dashboard mount, and 404 to a member of another organization", async () => {
    const signup = async () => {
      const m = await signupMember("Viewer");
      return { ...m, headers: { cookie: m.cookie, "x-csrf-token": m.csrf } };
    };
    const member = await signup();
    const created = await call(`/api/v1/organizations/${member.organizationId}/chatbots`, { method: "POST", json: { name: "Bot" }, headers: member.headers });
    const { data: bot } = (await created.json()) as { data: { id: string } };
    const seeded = await seed({ ...mine, organizationId: member.organizationId, chatbotId: bot.id });

    const res = await call(`/api/v1/chatbots/${bot.id}/analytics/conversations?limit=100`, { headers: member.headers });
    expect(res.status).toBe(200);
    const body = (await res.json()) as TableBody<ConvRow>;
    expect(body.data.map((r) => r.id).sort()).toEqual(Object.values(seeded.ids).sort());

    const stranger = await signup();
    expect((await call(`/api/v1/chatbots/${bot.id}/analytics/overview`, { headers: stranger.headers })).status).toBe(404);
  });
});

describe("analytics query validation", () => {
  it("answers 400 naming the parameter for each bad value", async () => {
    const cases: [string, string][] = [
      ["/overview?from=yesterday", "from"],
      [`/overview?from=${T0 + D}&to=${T0}`, "from"],
      ["/sentiment?interval=minute", "interval"],
      [`/sentiment?from=0&to=${T0}&interval=day`, "interval"],
      ["/conversations?limit=101", "limit"],
      ["/conversations?page=0", "page"],
      ["/conversations?sort=name", "sort"],
      ["/conversations?order=up", "order"],
      ["/conversations?sentimentMin=2", "sentimentMin"],
      ["/conversations?sentimentMin=0.5&sentimentMax=0", "sentimentMin"],
      ["/conversations?mrrMin=-1", "mrrMin"],
      ["/conversations?device=fridge", "device"],
      ["/conversations?country=France", "country"],
      ["/conversations?flags=Churn%20Risk", "flags.0"],
      ["/users?mrrMin=100&mrrMax=10", "mrrMin"],
      ["/users?sort=email", "sort"],
      ["/organizations?limit=0", "limit"],
      ["/insights?to=soon", "to"],
      // A time without its offset would be read in some zone nobody named.
      ["/overview?from=2026-11-20T09:30:00", "from"],
      ["/assistant?from=-5", "from"],
      // Empty is not 0 either: refused as empty, not as too small.
      ["/conversations?limit=", "limit"],
      ["/mrr-at-risk?page=", "page"],
      // Empty is not epoch 0: a blank form field says nothing about 1970.
      ["/overview?from=&to=", "from"],
      ["/insights?to=", "to"],
      // Nor is an empty bound 0: `sentimentMax=` would have kept only the unhappy conversations.
      ["/conversations?sentimentMax=", "sentimentMax"],
      ["/conversations?mrrMin=%20", "mrrMin"],
      ["/users?mrrMax=", "mrrMax"],
      // `from` alone runs to now: a future one has no range.
      [`/overview?from=${Date.now() + D}`, "from"],
      ["/sentiment?from=2999-01-01", "from"],
      [`/overview?from=0&to=9000000000000000`, "to"],
      // A control character matches nothing stored; a NUL would cut the value short in SQL.
      ["/conversations?q=%00", "q"],
      ["/users?plan=pro%00", "plan"],
      // A line break alone is trimmed away: a blank filter, said so.
      ["/conversations?plan=%0a", "plan"],
      // An empty bound is refused as empty, as a number's is.
      ["/overview?from=", "from"],
      // Digits past the last instant a date can hold, however many.
      ["/overview?from=99999999999999999", "from"],
      // Which of two values would count is a guess: neither does.
      ["/conversations?limit=5&limit=5", "limit"],
      ["/conversations?sort=sentiment&sort=mrr", "sort"],
    ];
    for (const [path, field] of cases) {
      const res = await call(`/api/v1/analytics${path}`, { key: await readKey(mine) });
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code, path).toBe("invalid_request");
      expect(body.error.details?.[0]?.field, path).toBe(field);
      expect(body.error.message, path).toContain(field);
      if (path.endsWith("%0a")) expect(body.error.message, path).toContain("must not be blank");
      if (/(limit|page|Max|Min)=(%20)?$/.test(path)) expect(body.error.message, path).toBe(`${field}: must be a number; the value is empty`);
      if (/to=soon|T09:30:00$|from=-5/.test(path)) expect(body.error.message, path).toBe(`${field}: must be a date (2026-11-20), a date and time with its offset (2026-11-20T09:30:00Z) or epoch milliseconds`);
      if (path.endsWith("from=")) expect(body.error.message, path).toBe(`from: must be a date (2026-11-20), a date and time with its offset (2026-11-20T09:30:00Z) or epoch milliseconds; the value is empty`);
      if (path.includes("99999")) expect(body.error.message, path).toBe("from: must be epoch milliseconds a date can hold");
      if (new RegExp(`[?&]${field}=.*&${field}=`).test(path)) expect(body.error.message, path).toBe(`${field}: given more than once; give it once`);
    }
  });
});

describe("analytics over captured conversations", () => {
  it("reads what the capture and analysis pipeline wrote to the index", async () => {
    const t = await createTenant();
    await capture(t.ingestKey, {
      conversationId: "live-1",
      messages: [
        { role: "user", content: "This is terrible, I want to cancel my subscription" },
        { role: "assistant", content: "I'm sorry to hear that. Let me help." },
      ],
      user: { id: "u-1", email: "u1@example.com" },
      organization: { id: "o-1", name: "Org One", plan: "pro", mrr: 300 },
      session: { country: "NL", device: "desktop" },
    });
    await syncIndex(conversationStub(env, t.chatbotId, "live-1"));
    const detail = (await (await call("/api/v1/conversations?externalId=live-1", { key: t.readKey })).json()) as {
      data: { aggregates: { sentimentAvg: number | null; flags: string[] } }[];
    };
    const aggregates = detail.data[0]!.aggregates;

    const table = await get<TableBody<ConvRow>>(t, "/conversations");
    expect(table.data).toHaveLength(1);
    expect(table.data[0]).toMatchObject({ externalId: "live-1", plan: "pro", mrr: 300, country: "NL", messageCount: 2, flags: aggregates.flags });
    expect(table.data[0]!.sentiment?.average).toBe(aggregates.sentimentAvg);

    const { data } = await get<OverviewBody>(t, "/overview");
    expect(data.kpis.conversations.value).toBe(1);
    expect(data.kpis.messages.value).toBe(2);
    expect(data.kpis.averageSentiment.value).toBeCloseTo(aggregates.sentimentAvg!, 3);
    expect(data.kpis.analysedToday.value).toBe(1);
    // "I want to cancel my subscription" is a churn risk for the embedded analyzer: the organization's MRR is at risk.
    expect(aggregates.flags).toContain("churn_risk");
    expect(data.kpis.mrrAtRisk.value).toBe(300);
  });

  it("groups sentiment by plan and industry without regard to case, as their filters match", async () => {
    const t = await createTenant();
    const owners = [
      { id: "u-a", plan: "Pro", industry: "Fintech" },
      { id: "u-b", plan: "pro", industry: "fintech" },
      { id: "u-c", plan: "free", industry: "retail" },
    ];
    for (const user of owners) {
      await capture(t.ingestKey, { conversationId: `case-${user.id}`, messages: [{ role: "user", content: "Thanks, this works great!" }], user });
      await syncIndex(conversationStub(env, t.chatbotId, `case-${user.id}`));
    }
    const { data } = await get<InsightsBody>(t, "/insights");
    expect(data.sentimentBySegment.plan.map((r) => [r.value, r.conversations])).toEqual([["Pro", 2], ["free", 1]]);
    expect(data.sentimentBySegment.industry.map((r) => [r.value, r.conversations])).toEqual([["Fintech", 2], ["retail", 1]]);
    const pro = await get<TableBody<ConvRow>>(t, "/conversations?plan=PRO");
    expect(pro.data).toHaveLength(2);
  });
});
