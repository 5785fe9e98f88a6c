/**
 * Reports: CRUD and duplicate, layout validation (unknown widget types, oversized layouts), tenant
 * isolation, roles, and every widget's figure against a plain computation over rows seeded here — for
 * every widget type, unfiltered and under each kind of filter. A second tenant holds a distorted copy of
 * the rows (negated scores, tenfold MRR), so a leak across tenants would move the figures.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { SENTIMENT_LABELS, sentimentLabel, USER_FLAGS } from "../../worker/analysis/labels";
import { startOfDay } from "../../worker/analytics/time-zone";
import { combinationOf } from "../../worker/analytics/segment-combinations";
import { createDb } from "../../worker/db/client";
import { annotations, clientOrganizations, clientUsers, conversations, reports } from "../../worker/db/schema";
import { createKey } from "../../worker/services/keys";
import { WIDGET_TYPES, type WidgetFilters } from "../../worker/reports/layout";
import { call, type ErrorBody } from "../helpers/http";
import { as, chatbotOf, memberIn, signup, type Member } from "../helpers/member";
import { createTenant, type Tenant } from "../helpers/tenant";

const db = createDb(env.DB);
const H = 3_600_000;
const D = 24 * H;
/** Monday 1 June 2026, 00:00 UTC: the viewed week is [T0, T0 + 7 days), the week before is the previous period. */
const T0 = Date.UTC(2026, 5, 1);
const FROM = T0;
const TO = T0 + 7 * D;
const PREV = T0 - 7 * D;
const NOW = Date.now();
const TODAY = Math.floor(NOW / D) * D;
/** Halfway between midnight UTC and now, and the same time yesterday: inside "today" and "yesterday until now". */
const TODAY_AT = TODAY + Math.floor((NOW - TODAY) / 2);

// ---- the fixture ----

interface Org { key: string; plan: string | null; mrr: number | null }
interface User { key: string; org: string | null; plan: string | null; mrr: number | null }
interface Conv { key: string; user: string | null; created: number; last: number; sentiment: number | null; resolution: "fully_resolved" | "partially_resolved" | "unresolved" | null; country: string | null; language: string | null }
interface Ann { conv: string; kind: "sentiment" | "flag" | "intent" | "topic"; label: string; at: number; score?: number; status?: "accepted" | "pending" }

const ORGS: Org[] = [
  { key: "acme", plan: "enterprise", mrr: 4200 },
  { key: "babbage", plan: "pro", mrr: 900 },
  { key: "lovelace", plan: "starter", mrr: 120 },
];
const USERS: User[] = [
  { key: "ada", org: "acme", plan: "pro", mrr: 99 },
  { key: "charles", org: "babbage", plan: "pro", mrr: 49 },
  { key: "grace", org: "lovelace", plan: "starter", mrr: 10 },
  { key: "solo", org: null, plan: "Pro", mrr: 30 },
];
const CONVS: Conv[] = [
  { key: "c1", user: "ada", created: T0 + 1 * H, last: T0 + 2 * H, sentiment: -0.7, resolution: "unresolved", country: "GB", language: "en" },
  { key: "c2", user: "ada", created: T0 + 2 * D, last: T0 + 2 * D + H, sentiment: -0.3, resolution: "partially_resolved", country: "GB", language: "en" },
  { key: "c3", user: "charles", created: T0 + 1 * D, last: T0 + 1 * D + 3 * H, sentiment: 0.5, resolution: "fully_resolved", country: "FR", language: "fr" },
  { key: "c4", user: "grace", created: T0 + 3 * D, last: T0 + 3 * D + 2 * H, sentiment: 0.1, resolution: null, country: "US", language: "en" },
  { key: "c5", user: "solo", created: T0 + 5 * D, last: T0 + 5 * D + H, sentiment: 0.8, resolution: "fully_resolved", country: "FR", language: "fr" },
  { key: "c6", user: "solo", created: T0 + 6 * D, last: T0 + 6 * D + H, sentiment: -0.2, resolution: "unresolved", country: "DE", language: "de" },
  { key: "c7", user: null, created: T0 + 2 * D + 5 * H, last: T0 + 2 * D + 6 * H, sentiment: null, resolution: null, country: null, language: null },
  { key: "p1", user: "ada", created: T0 - 3 * D, last: T0 - 3 * D + H, sentiment: 0.2, resolution: "fully_resolved", country: "GB", language: "en" },
  { key: "p2", user: "charles", created: T0 - 6 * D, last: T0 - 6 * D + H, sentiment: -0.5, resolution: "unresolved", country: "FR", language: "fr" },
  { key: "old", user: "grace", created: T0 - 20 * D, last: T0 - 20 * D + H, sentiment: -0.9, resolution: "unresolved", country: "US", language: "en" },
  { key: "live", user: "solo", created: TODAY_AT - D, last: TODAY_AT, sentiment: 0.4, resolution: null, country: "FR", language: "fr" },
];
const ANNS: Ann[] = [
  { conv: "c1", kind: "sentiment", label: "very_negative", score: -0.7, at: T0 + H },
  { conv: "c1", kind: "sentiment", label: "negative", score: -0.5, at: T0 + H + 60_000 },
  { conv: "c3", kind: "sentiment", label: "positive", score: 0.4, at: T0 + D },
  { conv: "c3", kind: "sentiment", label: "very_positive", score: 0.6, at: T0 + D + 60_000 },
  { conv: "c2", kind: "sentiment", label: "negative", score: -0.3, at: T0 + 2 * D },
  { conv: "c4", kind: "sentiment", label: "neutral", score: 0.1, at: T0 + 3 * D },
  { conv: "c5", kind: "sentiment", label: "very_positive", score: 0.8, at: T0 + 5 * D },
  { conv: "c6", kind: "sentiment", label: "negative", score: -0.2, at: T0 + 6 * D },
  { conv: "p1", kind: "sentiment", label: "positive", score: 0.2, at: T0 - 3 * D },
  { conv: "p2", kind: "sentiment", label: "negative", score: -0.5, at: T0 - 6 * D },
  { conv: "old", kind: "sentiment", label: "very_negative", score: -0.9, at: T0 - 20 * D },
  { conv: "live", kind: "sentiment", label: "positive", score: 0.3, at: TODAY_AT },
  { conv: "live", kind: "sentiment", label: "positive", score: 0.5, at: TODAY_AT + 1 },
  { conv: "live", kind: "sentiment", label: "positive", score: 0.4, at: TODAY_AT - D },
  { conv: "c1", kind: "flag", label: "churn_risk", at: T0 + H },
  { conv: "c1", kind: "flag", label: "frustrated_user", at: T0 + H + 60_000 },
  { conv: "c2", kind: "flag", label: "frustrated_user", at: T0 + 2 * D },
  { conv: "c2", kind: "flag", label: "churn_risk", at: T0 + 2 * D + 60_000 },
  { conv: "c3", kind: "flag", label: "buying_signal", at: T0 + D },
  { conv: "c3", kind: "flag", label: "buying_signal", at: T0 + D + 60_000 },
  { conv: "c5", kind: "flag", label: "buying_signal", at: T0 + 5 * D },
  { conv: "c6", kind: "flag", label: "churn_risk", at: T0 + 6 * D },
  { conv: "c6", kind: "flag", label: "vip_mention", at: T0 + 6 * D },
  { conv: "p2", kind: "flag", label: "churn_risk", at: T0 - 6 * D },
  { conv: "p1", kind: "flag", label: "buying_signal", at: T0 - 3 * D },
  // Raised again in the range: a signal of this period, a conversation of the previous one (label-counts.ts).
  { conv: "p1", kind: "flag", label: "buying_signal", at: T0 + 4 * D },
  { conv: "c1", kind: "intent", label: "cancellation", at: T0 + H },
  { conv: "c2", kind: "intent", label: "billing", at: T0 + 2 * D },
  { conv: "c3", kind: "intent", label: "pricing", at: T0 + D },
  { conv: "c3", kind: "intent", label: "pricing", at: T0 + D + 60_000 },
  { conv: "c4", kind: "intent", label: "how_to", status: "pending", at: T0 + 3 * D },
  { conv: "c5", kind: "intent", label: "pricing", at: T0 + 5 * D },
  { conv: "c6", kind: "intent", label: "cancellation", at: T0 + 6 * D },
  { conv: "p1", kind: "intent", label: "billing", at: T0 - 3 * D },
  { conv: "p1", kind: "intent", label: "billing", at: T0 + 4 * D },
  { conv: "c1", kind: "topic", label: "refunds", at: T0 + H },
  { conv: "c2", kind: "topic", label: "refunds", at: T0 + 2 * D },
  { conv: "c3", kind: "topic", label: "seats", at: T0 + D },
  { conv: "c5", kind: "topic", label: "seats", at: T0 + 5 * D },
  { conv: "c5", kind: "topic", label: "invoices", at: T0 + 5 * D },
  { conv: "c6", kind: "topic", label: "refunds", at: T0 + 6 * D },
  { conv: "p1", kind: "topic", label: "invoices", at: T0 - 3 * D },
  { conv: "p1", kind: "topic", label: "invoices", at: T0 + 4 * D },
];

async function seed(t: Tenant, distort = false): Promise<void> {
  const base = { organizationId: t.organizationId, chatbotId: t.chatbotId };
  const tag = t.chatbotId;
  const orgId = (key: string) => `corg_${tag}_${key}`;
  const userId = (key: string) => `cusr_${tag}_${key}`;
  const convId = (key: string) => `conv_${tag}_${key}`;
  const mrr = (v: number | null) => (v === null || !distort ? v : v * 10 + 1);
  const score = (v: number | null | undefined) => (v === null || v === undefined ? null : distort ? -v : v);
  const statements = [
    ...ORGS.map((o) => db.insert(clientOrganizations).values({ ...base, id: orgId(o.key), externalId: o.key, plan: o.plan, mrr: mrr(o.mrr), updatedAt: T0 })),
    ...USERS.map((u) => db.insert(clientUsers).values({ ...base, id: userId(u.key), externalId: u.key, clientOrganizationId: u.org ? orgId(u.org) : null, plan: u.plan, mrr: mrr(u.mrr), updatedAt: T0 })),
    ...CONVS.map((c) => {
      const user = USERS.find((u) => u.key === c.user);
      return db.insert(conversations).values({
        ...base,
        id: convId(c.key),
        externalId: c.key,
        clientUserId: user ? userId(user.key) : null,
        clientOrganizationId: user?.org ? orgId(user.org) : null,
        status: c.resolution ? "ended" : "open",
        country: c.country,
        language: c.language,
        createdAt: c.created,
        firstMessageAt: c.created,
        lastMessageAt: c.last,
        messageCount: 4,
        sentimentAvg: score(c.sentiment),
        resolution: c.resolution,
      });
    }),
    ...ANNS.map((a, i) =>
      db.insert(annotations).values({
        ...base,
        id: `ann_${tag}_${i}`,
        conversationId: convId(a.conv),
        messageSeq: i,
        kind: a.kind,
        label: a.label,
        score: score(a.score),
        status: a.status ?? "accepted",
        analyzer: "embedded",
        analyzerVersion: "test",
        createdAt: a.at,
      }),
    ),
  ];
  await db.batch(statements as unknown as Parameters<typeof db.batch>[0]);
}

// ---- plain-JS expectations ----

const userOf = (c: Conv) => USERS.find((u) => u.key === c.user) ?? null;
const orgOf = (c: Conv) => ORGS.find((o) => o.key === userOf(c)?.org) ?? null;
const planOf = (c: Conv) => orgOf(c)?.plan ?? userOf(c)?.plan ?? null;
const convOf = (a: Ann) => CONVS.find((c) => c.key === a.conv)!;
const within = (t: number, from: number, to: number) => t >= from && t < to;
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
const relative = (value: number, previous: number) => ({ value, previous, change: previous === 0 ? null : round((value - previous) / Math.abs(previous), 4) });
const absolute = (value: number | null, previous: number | null) => ({ value, previous, change: value === null || previous === null ? null : round(value - previous, 4) });

/** The figures of a report over `r` (the fixture's week unless given; charts count the week's days either way). */
function expectations(f: WidgetFilters, r = { from: FROM, to: TO, prev: PREV }) {
  const inScope = (c: Conv) =>
    (!f.plan || planOf(c)?.toLowerCase() === f.plan.toLowerCase()) &&
    (!f.country || c.country === f.country) &&
    (!f.language || c.language === f.language) &&
    (!f.label || (c.sentiment !== null && sentimentLabel(c.sentiment) === f.label));
  const convs = (from: number, to: number) => CONVS.filter((c) => inScope(c) && within(c.created, from, to));
  const anns = (kind: Ann["kind"], from: number, to: number) => ANNS.filter((a) => a.kind === kind && inScope(convOf(a)) && within(a.at, from, to));
  const avgSentiment = (from: number, to: number) => {
    const m = mean(anns("sentiment", from, to).map((a) => a.score!));
    return m === null ? null : round(m, 3);
  };
  const rate = (from: number, to: number) => {
    const judged = convs(from, to).filter((c) => c.resolution);
    return judged.length ? round(judged.filter((c) => c.resolution === "fully_resolved").length / judged.length, 4) : null;
  };
  // The conversations a label first appeared in during the period (pending intents are not intents).
  const counted = (a: Ann) => a.status !== "pending";
  const firstAt = (a: Ann) => Math.min(...ANNS.filter((b) => counted(b) && b.conv === a.conv && b.kind === a.kind && b.label === a.label).map((b) => b.at));
  const raised = (kind: Ann["kind"], label: string, from: number, to: number) =>
    new Set(anns(kind, from, to).filter((a) => counted(a) && a.label === label && within(firstAt(a), from, to)).map((a) => a.conv)).size;
  const flagged = (flag: string, from: number, to: number) => raised("flag", flag, from, to);
  // Each organization once, or the user when the conversation has none (worker/analytics/mrr-at-risk.ts).
  const atRisk = (from: number, to: number) => {
    const owners = new Map<string, number>();
    for (const a of anns("flag", from, to).filter((a) => ["churn_risk", "frustrated_user"].includes(a.label))) {
      const org = orgOf(convOf(a));
      const user = userOf(convOf(a));
      if (org) owners.set(`org:${org.key}`, org.mrr ?? 0);
      else if (user) owners.set(`user:${user.key}`, user.mrr ?? 0);
    }
    return [...owners.values()].reduce((s, m) => s + m, 0);
  };
  const days = Array.from({ length: 7 }, (_, i) => T0 + i * D);
  const countBy = <T>(xs: T[], key: (x: T) => string | null) => {
    const m = new Map<string | null, number>();
    for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
    return m;
  };
  const byCountThenKey = (a: [string | null, number], b: [string | null, number]) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]));
  const judged = convs(r.from, r.to).filter((c) => c.resolution);
  const flagsNow = anns("flag", r.from, r.to);
  const intents = countBy(anns("intent", r.from, r.to).filter((a) => a.status !== "pending"), (a) => a.label);
  const topics = countBy(anns("topic", r.from, r.to), (a) => a.label);

  return {
    total_conversations: relative(convs(r.from, r.to).length, convs(r.prev, r.from).length),
    average_sentiment: absolute(avgSentiment(r.from, r.to), avgSentiment(r.prev, r.from)),
    resolution_rate: absolute(rate(r.from, r.to), rate(r.prev, r.from)),
    churn_risk_count: relative(flagged("churn_risk", r.from, r.to), flagged("churn_risk", r.prev, r.from)),
    buying_signal_count: relative(flagged("buying_signal", r.from, r.to), flagged("buying_signal", r.prev, r.from)),
    messages_today: relative(anns("sentiment", TODAY, NOW + 1).length, anns("sentiment", TODAY - D, NOW - D).length),
    mrr_at_risk: relative(atRisk(r.from, r.to), atRisk(r.prev, r.from)),
    sentiment_trend: days.map((start) => {
      const scores = anns("sentiment", start, start + D).map((a) => a.score!);
      return { start, end: start + D, value: scores.length ? round(mean(scores)!, 3) : null, messages: scores.length };
    }),
    conversation_volume: days.map((start) => ({ start, end: start + D, value: convs(start, start + D).length })),
    intent_distribution: [...intents].sort(byCountThenKey).map(([key, value]) => ({ key, value, conversations: raised("intent", key!, r.from, r.to) })),
    sentiment_distribution: SENTIMENT_LABELS.map((label) => ({ key: label, value: anns("sentiment", r.from, r.to).filter((a) => a.label === label).length })),
    flag_distribution: [...USER_FLAGS, ...new Set(flagsNow.map((a) => a.label).filter((l) => !(USER_FLAGS as readonly string[]).includes(l)))].map((flag) => ({
      key: flag,
      value: flagsNow.filter((a) => a.label === flag).length,
      conversations: raised("flag", flag, r.from, r.to),
    })),
    resolution_distribution: (["fully_resolved", "partially_resolved", "unresolved"] as const).map((r) => {
      const count = judged.filter((c) => c.resolution === r).length;
      return { key: r, value: count, share: judged.length ? round(count / judged.length, 4) : null };
    }),
    language_distribution: [...countBy(convs(r.from, r.to), (c) => c.language)].sort(byCountThenKey).map(([key, value]) => ({ key, value })),
    top_topics: [...topics].sort(byCountThenKey).map(([topic, messages]) => ({ topic, messages, conversations: raised("topic", topic!, r.from, r.to) })),
    recent_conversations: convs(r.from, r.to)
      .sort((a, b) => b.last - a.last)
      .map((c) => c.key),
  };
}

// ---- the API ----

interface ReportBody { id: string; chatbotId: string; name: string; rangeDays: number; layout: { version: number; widgets: { id: string; type: string; size: string; filters: WidgetFilters }[] }; createdAt: number; updatedAt: number }
interface WidgetAnswer { id: string; type: string; data: Record<string, unknown> & { kind: string } }

const allWidgets = (filters: WidgetFilters) => WIDGET_TYPES.map((type, i) => ({ id: `w${i}`, type, filters, ...(type === "recent_conversations" || type === "top_topics" ? { limit: 20 } : {}) }));

async function freshKey(t: Tenant, kind: "read" | "admin"): Promise<string> {
  return (await createKey(db, { organizationId: t.organizationId, chatbotId: t.chatbotId, kind, name: `reports ${kind}` })).secret;
}

async function createReport(t: Tenant, json: unknown): Promise<Response> {
  return call("/api/v1/reports", { method: "POST", key: await freshKey(t, "admin"), json });
}

/** The language-distribution order among equal counts is SQLite's (NULL first); compare those groups as sets. */
const sortedByKey = <T extends { key: string | null }>(xs: T[]) => [...xs].sort((a, b) => String(a.key).localeCompare(String(b.key)));

describe("report figures", () => {
  let mine: Tenant;

  beforeAll(async () => {
    mine = await createTenant();
    const theirs = await createTenant();
    await seed(mine);
    await seed(theirs, true);
  });

  const filterSets: [string, WidgetFilters][] = [
    ["no filter", {}],
    ["the plan (organization's, else the user's, any case)", { plan: "pro" }],
    ["the country", { country: "FR" }],
    ["the main language", { language: "en" }],
    ["the sentiment label", { label: "negative" }],
    ["two filters at once (their combination's rollups, registered when the report was saved)", { plan: "PRO", country: "FR" }],
    ["three filters at once", { plan: "pro", country: "FR", label: "negative" }],
    ["two filters whose combination is not registered (the subset's raw rows)", { language: "en", label: "negative" }],
  ];

  for (const [name, filters] of filterSets) {
    it(`answers every widget type with the plain computation over the seeded rows, filtered by ${name}`, async () => {
      const layout = { version: 1, widgets: allWidgets(filters) };
      // Saved through the API, a combination is registered with its rows; the last set is written to the table
      // directly, as nothing registers, so its widgets read the raw rows.
      const unregistered = name.includes("not registered");
      const report = unregistered
        ? (await db.insert(reports).values({ id: `rep_raw_${mine.chatbotId}`, organizationId: mine.organizationId, chatbotId: mine.chatbotId, name, rangeDays: 7, layout, createdAt: NOW, updatedAt: NOW }).returning())[0]!
        : await (async () => {
            const created = await createReport(mine, { name: `All widgets, ${name}`, layout });
            expect(created.status, await created.clone().text()).toBe(201);
            return ((await created.json()) as { data: ReportBody }).data;
          })();
      const combination = combinationOf(filters)?.segment;
      if (combination) {
        const rows = await env.DB.prepare("SELECT count(*) AS n FROM rollup_segment_conversation_hours WHERE chatbot_id = ? AND segment = ?").bind(mine.chatbotId, combination).first<{ n: number }>();
        expect(rows?.n !== 0, combination).toBe(!unregistered);
      }
      const res = await call(`/api/v1/reports/${report.id}/data?from=${FROM}&to=${TO}`, { key: await freshKey(mine, "read") });
      const text = await res.text();
      expect(res.status, text).toBe(200);
      const { data } = JSON.parse(text) as { data: { range: { from: number; to: number; previousFrom: number }; widgets: WidgetAnswer[] } };
      expect(data.range).toMatchObject({ from: FROM, to: TO, previousFrom: PREV });
      expect(data.widgets.map((w) => w.type)).toEqual([...WIDGET_TYPES]);
      const want = expectations(filters);
      const of = (type: string) => data.widgets.find((w) => w.type === type)!.data;

      for (const type of ["total_conversations", "average_sentiment", "resolution_rate", "churn_risk_count", "buying_signal_count", "messages_today", "mrr_at_risk"] as const) {
        expect(of(type).trend, type).toEqual(want[type]);
      }
      expect(of("sentiment_trend").points).toEqual(want.sentiment_trend);
      expect(of("conversation_volume").points).toEqual(want.conversation_volume);
      expect(of("intent_distribution").items).toEqual(want.intent_distribution);
      expect(of("sentiment_distribution").items).toEqual(want.sentiment_distribution);
      expect(of("flag_distribution").items).toEqual(want.flag_distribution);
      expect(of("resolution_distribution").items).toEqual(want.resolution_distribution);
      const languages = of("language_distribution").items as { key: string | null; value: number }[];
      expect(sortedByKey(languages)).toEqual(sortedByKey(want.language_distribution));
      expect(languages.map((l) => l.value)).toEqual([...languages.map((l) => l.value)].sort((a, b) => b - a));
      expect(of("top_topics").rows).toEqual(want.top_topics);
      expect((of("recent_conversations").rows as { externalId: string }[]).map((r) => r.externalId)).toEqual(want.recent_conversations);
    });
  }

  // A range that starts and ends inside an hour: the figures read those hours' raw rows, each checked against the
  // widget's one filter (c1's first sentiment falls before the start, its flags and c6's inside the last hour).
  const unaligned = { from: T0 + H + 30_000, to: T0 + 6 * D + 30 * 60_000 };
  for (const filters of [{}, { plan: "PRO" }, { country: "GB" }, { language: "de" }, { label: "very_negative" }, { plan: "Enterprise", country: "GB" }] as WidgetFilters[]) {
    it(`answers a report over a range that starts and ends inside an hour with the plain computation, filtered by ${JSON.stringify(filters)}`, async () => {
      const created = await createReport(mine, { name: `Unaligned, ${JSON.stringify(filters)}`, layout: { version: 1, widgets: allWidgets(filters) } });
      const report = ((await created.json()) as { data: ReportBody }).data;
      const res = await call(`/api/v1/reports/${report.id}/data?from=${unaligned.from}&to=${unaligned.to}`, { key: await freshKey(mine, "read") });
      const text = await res.text();
      expect(res.status, text).toBe(200);
      const { data } = JSON.parse(text) as { data: { widgets: WidgetAnswer[] } };
      const want = expectations(filters, { ...unaligned, prev: unaligned.from - (unaligned.to - unaligned.from) });
      const of = (type: string) => data.widgets.find((w) => w.type === type)!.data;
      for (const type of ["total_conversations", "average_sentiment", "resolution_rate", "churn_risk_count", "buying_signal_count", "mrr_at_risk"] as const) {
        expect(of(type).trend, type).toEqual(want[type]);
      }
      expect(of("intent_distribution").items).toEqual(want.intent_distribution);
      expect(of("sentiment_distribution").items).toEqual(want.sentiment_distribution);
      expect(of("flag_distribution").items).toEqual(want.flag_distribution);
      expect(of("resolution_distribution").items).toEqual(want.resolution_distribution);
      expect(sortedByKey(of("language_distribution").items as { key: string | null }[])).toEqual(sortedByKey(want.language_distribution));
      expect(of("top_topics").rows).toEqual(want.top_topics);
    });
  }

  it("counts a conversation created exactly at `from` and leaves out one created exactly at `to` in a subset no rollup covers", async () => {
    // c1 (and its first sentiment) sit exactly on `from`, c2 (and its sentiment) exactly on `to`; both are English
    // and British. Written to the table directly, the report registers no combination, so its figures read raw rows.
    const edges = { from: T0 + H, to: T0 + 2 * D };
    const filters: WidgetFilters = { language: "en", country: "GB" };
    const layout = { version: 1, widgets: allWidgets(filters) };
    const id = `rep_edges_${mine.chatbotId}`;
    await db.insert(reports).values({ id, organizationId: mine.organizationId, chatbotId: mine.chatbotId, name: "Edges", rangeDays: 7, layout, createdAt: NOW, updatedAt: NOW });
    const res = await call(`/api/v1/reports/${id}/data?from=${edges.from}&to=${edges.to}`, { key: await freshKey(mine, "read") });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const { data } = JSON.parse(text) as { data: { widgets: WidgetAnswer[] } };
    const want = expectations(filters, { ...edges, prev: edges.from - (edges.to - edges.from) });
    // The plain computation itself counts c1 and not c2, so a bound read the wrong way round cannot pass.
    expect(want.total_conversations).toMatchObject({ value: 1 });
    const of = (type: string) => data.widgets.find((w) => w.type === type)!.data;
    for (const type of ["total_conversations", "average_sentiment"] as const) expect(of(type).trend, type).toEqual(want[type]);
  });

  it("has an unaligned range whose edge hours hold figures of each filter, so the comparisons above can fail", () => {
    const prev = unaligned.from - (unaligned.to - unaligned.from);
    const gb = expectations({ country: "GB" }, { ...unaligned, prev });
    // c1 (GB): of its two sentiments only the second (-0.5) is in range; both of its flags are.
    expect(gb.average_sentiment.value).toBe(round(mean([-0.5, -0.3])!, 3));
    expect(gb.mrr_at_risk.value).toBe(4200);
    expect(expectations({ language: "de" }, { ...unaligned, prev }).churn_risk_count.value).toBe(1);
  });

  it("has figures that are not trivially zero, so the comparisons above can fail", () => {
    const all = expectations({});
    expect(all.total_conversations.value).toBe(7);
    expect(all.churn_risk_count).toEqual({ value: 3, previous: 1, change: 2 });
    // p1 raised it in the previous period and again in this one: its conversation counts in the previous only.
    expect(all.buying_signal_count).toEqual({ value: 2, previous: 1, change: 1 });
    expect(all.flag_distribution.find((f) => f.key === "buying_signal")).toEqual({ key: "buying_signal", value: 4, conversations: 2 });
    expect(all.messages_today.value).toBe(2);
    // Acme (4,200) and Solo, a user without an organization (30).
    expect(all.mrr_at_risk.value).toBe(4230);
    expect(expectations({ plan: "pro" }).total_conversations.value).toBe(3);
    expect(expectations({ label: "negative" }).total_conversations.value).toBe(2);
  });

  it("lists the most recently active conversations of a range that reaches now, none created before it", async () => {
    const t = await createTenant();
    const at = (key: string, created: number, last: number) =>
      db.insert(conversations).values({ organizationId: t.organizationId, chatbotId: t.chatbotId, id: `conv_${t.chatbotId}_${key}`, externalId: key, createdAt: created, firstMessageAt: created, lastMessageAt: last, messageCount: 2 });
    await db.batch([
      at("two-days", NOW - 2 * D, NOW - H),
      at("one-day", NOW - D, NOW - 3 * H),
      at("six-days", NOW - 6 * D, NOW - 6 * D + H),
      // Active a minute ago but created before the range: not one of its conversations.
      at("old-but-active", NOW - 9 * D, NOW - 60_000),
    ]);
    const report = ((await (await createReport(t, { name: "Recent", layout: { version: 1, widgets: [{ id: "r", type: "recent_conversations", limit: 2 }] } })).json()) as { data: ReportBody }).data;
    const key = await freshKey(t, "read");
    const rows = async (query: string) => {
      const body = (await (await call(`/api/v1/reports/${report.id}/data?${query}`, { key })).json()) as { data: { widgets: WidgetAnswer[] } };
      return (body.data.widgets[0]!.data.rows as { externalId: string }[]).map((r) => r.externalId);
    };
    expect(await rows("days=7")).toEqual(["two-days", "one-day"]);
    // A range that ended earlier takes the other path (conversations-table.ts `recentFirst`): the same rule.
    expect(await rows(`from=${NOW - 7 * D}&to=${NOW - 1.5 * D}`)).toEqual(["two-days", "six-days"]);
  });

  it("opens on the report's own range, and takes another without saving it", async () => {
    const report = ((await (await createReport(mine, { name: "Ranged", rangeDays: 30, layout: { version: 1, widgets: [{ id: "a", type: "total_conversations" }] } })).json()) as { data: ReportBody }).data;
    const key = await freshKey(mine, "read");
    const before = Date.now();
    const own = (await (await call(`/api/v1/reports/${report.id}/data`, { key })).json()) as { data: { range: { from: number; to: number } } };
    expect(own.data.range.to - own.data.range.from).toBe(30 * D);
    expect(own.data.range.to).toBeGreaterThanOrEqual(before);
    const other = (await (await call(`/api/v1/reports/${report.id}/data?days=3`, { key })).json()) as { data: { range: { from: number; to: number } } };
    expect(other.data.range.to - other.data.range.from).toBe(3 * D);
    const stored = (await (await call(`/api/v1/reports/${report.id}`, { key })).json()) as { data: ReportBody };
    expect(stored.data.rangeDays).toBe(30);
  });

  it("counts messages today from midnight in the time zone asked for, as the overview does", async () => {
    const report = ((await (await createReport(mine, { name: "Zoned", layout: { version: 1, widgets: [{ id: "t", type: "messages_today" }] } })).json()) as { data: ReportBody }).data;
    const key = await freshKey(mine, "read");
    const zone = "Pacific/Kiritimati";
    const res = await call(`/api/v1/reports/${report.id}/data?timeZone=${zone}`, { key });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { today: { from: number; to: number }; timeZone: string; widgets: { data: { trend: { value: number } } }[] } };
    expect(data.timeZone).toBe(zone);
    expect(data.today.from).toBe(startOfDay(data.today.to, zone));
    const overview = (await (await call(`/api/v1/analytics/overview?timeZone=${zone}`, { key })).json()) as { data: { kpis: { analysedToday: { value: number } } } };
    expect(data.widgets[0]!.data.trend.value).toBe(overview.data.kpis.analysedToday.value);
    const unzoned = (await (await call(`/api/v1/reports/${report.id}/data`, { key })).json()) as { data: { timeZone: string } };
    expect(unzoned.data.timeZone).toBe("UTC");
    const bad = await call(`/api/v1/reports/${report.id}/data?timeZone=Mars/Olympus_Mons`, { key });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.details).toEqual([expect.objectContaining({ field: "timeZone" })]);
  });

  it("refuses a range longer than 90 days (a `from` alone runs to now) or both `days` and `from`, naming the field", async () => {
    const report = ((await (await createReport(mine, { name: "Bounds" })).json()) as { data: ReportBody }).data;
    const key = await freshKey(mine, "read");
    for (const [query, field] of [["days=91", "days"], ["days=0", "days"], [`from=${FROM}&to=${FROM + 91 * D}`, "from"], [`from=${Date.now() - 91 * D}`, "from"], [`days=3&from=${FROM}`, "days"], ["days=", "days"], ["days=week", "days"]] as const) {
      const res = await call(`/api/v1/reports/${report.id}/data?${query}`, { key });
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe("invalid_request");
      expect((body.error.details as { field: string }[])[0]!.field, query).toBe(field);
      if (query === "days=") expect(body.error.message).toBe("days: must be a number; the value is empty");
      if (query === "days=week") expect(body.error.message).toBe('days: must be a number, not "week"');
    }
  });
});

describe("reports CRUD", () => {
  let t: Tenant;
  beforeAll(async () => {
    t = await createTenant();
  });

  it("keeps a filter combination registered while a report uses it, and drops it with its rollup rows when none does", async () => {
    const u = await createTenant();
    const admin = await freshKey(u, "admin");
    const registered = async () =>
      (await env.DB.prepare("SELECT segment FROM segment_combinations WHERE chatbot_id = ? ORDER BY segment").bind(u.chatbotId).all<{ segment: string }>()).results.map((r) => r.segment);
    const layout = (...filters: WidgetFilters[]) => ({ version: 1, widgets: filters.map((f, i) => ({ id: `w${i}`, type: "total_conversations", filters: f })) });
    const save = async (json: unknown) => ((await (await call("/api/v1/reports", { method: "POST", key: admin, json })).json()) as { data: ReportBody }).data;

    const a = await save({ name: "DE pro", layout: layout({ plan: "Pro", country: "DE" }, { country: "DE" }, {}) });
    const b = await save({ name: "DE pro, negative", layout: layout({ plan: "pro", country: "DE" }, { country: "FR", label: "negative" }) });
    expect(await registered()).toEqual(["country:FR&label:negative", "plan:pro&country:DE"]);

    // b changes its second widget's filters: the combination nobody uses any more goes.
    await call(`/api/v1/reports/${b.id}`, { method: "PATCH", key: admin, json: { layout: layout({ plan: "pro", country: "DE" }, { language: "de", label: "negative" }) } });
    expect(await registered()).toEqual(["language:de&label:negative", "plan:pro&country:DE"]);

    // Deleting a report that shares its combination keeps it; deleting the last one using it drops it
    // (its rollup rows go with it: test/integration/rollups.test.ts).
    await call(`/api/v1/reports/${a.id}`, { method: "DELETE", key: admin });
    expect(await registered()).toEqual(["language:de&label:negative", "plan:pro&country:DE"]);
    await call(`/api/v1/reports/${b.id}`, { method: "DELETE", key: admin });
    expect(await registered()).toEqual([]);
  });

  it("creates a report with defaults, lists the most recently changed first, renames, duplicates and deletes", async () => {
    const admin = await freshKey(t, "admin");
    const first = await call("/api/v1/reports", { method: "POST", key: admin, json: { name: "  Weekly review  " } });
    expect(first.status).toBe(201);
    const a = ((await first.json()) as { data: ReportBody }).data;
    expect(a).toMatchObject({ name: "Weekly review", rangeDays: 7, chatbotId: t.chatbotId, layout: { version: 1, widgets: [] } });
    const widgets = [
      { id: "stat", type: "average_sentiment", size: "third" },
      { id: "chart", type: "intent_distribution", size: "half", chart: "donut", filters: { country: "fr" } },
      { id: "list", type: "recent_conversations", size: "full", limit: 5 },
    ];
    const b = ((await (await call("/api/v1/reports", { method: "POST", key: admin, json: { name: "Churn", rangeDays: 30, layout: { version: 1, widgets } } })).json()) as { data: ReportBody }).data;
    expect(b.layout.widgets).toEqual([
      { id: "stat", type: "average_sentiment", size: "third", filters: {} },
      { id: "chart", type: "intent_distribution", size: "half", chart: "donut", filters: { country: "FR" } },
      { id: "list", type: "recent_conversations", size: "full", limit: 5, filters: {} },
    ]);

    const list = async () => ((await (await call("/api/v1/reports", { key: admin })).json()) as { data: ReportBody[] }).data.map((r) => r.name);
    expect(await list()).toEqual(["Churn", "Weekly review"]);

    const renamed = await call(`/api/v1/reports/${a.id}`, { method: "PATCH", key: admin, json: { name: "Monday review", rangeDays: 14 } });
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as { data: ReportBody }).data).toMatchObject({ name: "Monday review", rangeDays: 14, layout: { widgets: [] } });
    expect(await list()).toEqual(["Monday review", "Churn"]);

    const copy = await call(`/api/v1/reports/${b.id}/duplicate`, { method: "POST", key: admin }); // no body needed
    expect(copy.status).toBe(201);
    const c = ((await copy.json()) as { data: ReportBody }).data;
    expect(c).toMatchObject({ name: "Churn (copy)", rangeDays: 30, layout: b.layout });
    expect(c.id).not.toBe(b.id);
    const named = ((await (await call(`/api/v1/reports/${b.id}/duplicate`, { method: "POST", key: admin, json: { name: "Churn, EU" } })).json()) as { data: ReportBody }).data;
    expect(named.name).toBe("Churn, EU");
    const misnamed = await call(`/api/v1/reports/${b.id}/duplicate`, { method: "POST", key: admin, json: { title: "x" } });
    expect(misnamed.status).toBe(400);

    expect((await call(`/api/v1/reports/${b.id}`, { method: "DELETE", key: admin })).status).toBe(204);
    expect((await call(`/api/v1/reports/${b.id}`, { key: admin })).status).toBe(404);
    expect((await call(`/api/v1/reports/${b.id}`, { method: "DELETE", key: admin })).status).toBe(404);
    expect(await list()).toEqual(["Churn, EU", "Churn (copy)", "Monday review"]);
  });

  const invalid: [string, unknown, string][] = [
    ["an unknown widget type", { name: "x", layout: { version: 1, widgets: [{ id: "a", type: "weather_forecast" }] } }, "layout.widgets.0.type"],
    ["a layout over 24 widgets", { name: "x", layout: { version: 1, widgets: Array.from({ length: 25 }, (_, i) => ({ id: `w${i}`, type: "total_conversations" })) } }, "layout.widgets"],
    ["an unknown layout version", { name: "x", layout: { version: 2, widgets: [] } }, "layout.version"],
    ["an unknown size", { name: "x", layout: { version: 1, widgets: [{ id: "a", type: "total_conversations", size: "huge" }] } }, "layout.widgets.0.size"],
    ["an unknown filter", { name: "x", layout: { version: 1, widgets: [{ id: "a", type: "total_conversations", filters: { device: "mobile" } }] } }, "layout.widgets.0.filters.device"],
    ["a country that is not a code", { name: "x", layout: { version: 1, widgets: [{ id: "a", type: "total_conversations", filters: { country: "France" } }] } }, "layout.widgets.0.filters.country"],
    ["an option of another widget type", { name: "x", layout: { version: 1, widgets: [{ id: "a", type: "total_conversations", limit: 5 }] } }, "layout.widgets.0.limit"],
    ["a widget title with a line break", { name: "x", layout: { version: 1, widgets: [{ id: "a", type: "total_conversations", title: "Churn\nBcc: x" }] } }, "layout.widgets.0.title"],
    ["two widgets with one id", { name: "x", layout: { version: 1, widgets: [{ id: "a", type: "total_conversations" }, { id: "a", type: "mrr_at_risk" }] } }, "layout.widgets.1.id"],
    ["a range over 90 days", { name: "x", rangeDays: 91 }, "rangeDays"],
    ["a range under a day", { name: "x", rangeDays: 0 }, "rangeDays"],
    ["an empty name", { name: "  " }, "name"],
  ];
  for (const [what, body, field] of invalid) {
    it(`answers 400 naming ${field} for ${what}`, async () => {
      const res = await call("/api/v1/reports", { method: "POST", key: await freshKey(t, "admin"), json: body });
      expect(res.status).toBe(400);
      const error = ((await res.json()) as ErrorBody).error;
      expect(error.code).toBe("invalid_request");
      expect((error.details as { field: string }[]).map((d) => d.field)).toContain(field);
    });
  }

  it("names a copy of a report named at the limit with its name shortened, never its source's name", async () => {
    const admin = await freshKey(t, "admin");
    const long = "Ω".repeat(99) + "😀";
    const source = ((await (await call("/api/v1/reports", { method: "POST", key: admin, json: { name: long } })).json()) as { data: ReportBody }).data;
    expect(source.name).toBe(long);
    const copy = await call(`/api/v1/reports/${source.id}/duplicate`, { method: "POST", key: admin });
    expect(copy.status).toBe(201);
    expect(((await copy.json()) as { data: ReportBody }).data.name).toBe(`${"Ω".repeat(93)} (copy)`);
  });

  it("opens a report whose widget titles were saved before titles refused control characters, each read as a space", async () => {
    const admin = await freshKey(t, "admin");
    const report = ((await (await call("/api/v1/reports", { method: "POST", key: admin, json: { name: "Old titles" } })).json()) as { data: ReportBody }).data;
    const layout = { version: 1, widgets: [{ id: "a", type: "mrr_at_risk", title: "Q1\tsales" }, { id: "b", type: "top_topics", title: "\n" }] };
    await env.DB.prepare("UPDATE reports SET layout = ? WHERE id = ?").bind(JSON.stringify(layout), report.id).run();
    const res = await call(`/api/v1/reports/${report.id}`, { key: admin });
    expect(res.status).toBe(200);
    const widgets = ((await res.json()) as { data: ReportBody }).data.layout.widgets as { id: string; title?: string }[];
    expect(widgets.map((w) => [w.id, w.title])).toEqual([["a", "Q1 sales"], ["b", undefined]]);
  });

  it("refuses an oversized layout in a change too, and keeps the stored one", async () => {
    const admin = await freshKey(t, "admin");
    const report = ((await (await call("/api/v1/reports", { method: "POST", key: admin, json: { name: "Keep me", layout: { version: 1, widgets: [{ id: "a", type: "mrr_at_risk" }] } } })).json()) as { data: ReportBody }).data;
    const res = await call(`/api/v1/reports/${report.id}`, { method: "PATCH", key: admin, json: { layout: { version: 1, widgets: Array.from({ length: 30 }, (_, i) => ({ id: `w${i}`, type: "top_topics" })) } } });
    expect(res.status).toBe(400);
    const unchanged = await call(`/api/v1/reports/${report.id}`, { method: "PATCH", key: admin, json: {} });
    expect(unchanged.status).toBe(200);
    expect(((await unchanged.json()) as { data: ReportBody }).data).toEqual(report);
    const stored = ((await (await call(`/api/v1/reports/${report.id}`, { key: admin })).json()) as { data: ReportBody }).data;
    expect(stored.layout.widgets.map((w) => w.type)).toEqual(["mrr_at_risk"]);
  });
});

describe("reports and tenancy", () => {
  it("answers 404 for another organization's report, whatever the action, and leaves it as it was", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const theirs = ((await (await createReport(b, { name: "Theirs", layout: { version: 1, widgets: [{ id: "x", type: "total_conversations" }] } })).json()) as { data: ReportBody }).data;
    const admin = await freshKey(a, "admin");
    const attempts: [string, string, unknown][] = [
      ["GET", `/api/v1/reports/${theirs.id}`, undefined],
      ["GET", `/api/v1/reports/${theirs.id}/data`, undefined],
      ["PATCH", `/api/v1/reports/${theirs.id}`, { name: "Mine now" }],
      ["POST", `/api/v1/reports/${theirs.id}/duplicate`, {}],
      ["DELETE", `/api/v1/reports/${theirs.id}`, undefined],
    ];
    for (const [method, path, json] of attempts) {
      const res = await call(path, { method, key: admin, json });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(((await res.json()) as ErrorBody).error.code).toBe("not_found");
    }
    expect(((await (await call("/api/v1/reports", { key: admin })).json()) as { data: unknown[] }).data).toEqual([]);
    const still = ((await (await call(`/api/v1/reports/${theirs.id}`, { key: await freshKey(b, "read") })).json()) as { data: ReportBody }).data;
    expect(still.name).toBe("Theirs");
  });
});

describe("reports and roles", () => {
  let owner: Member;
  let chatbotId: string;
  let reportId: string;
  beforeAll(async () => {
    owner = await signup("Reports owner");
    chatbotId = (await chatbotOf(owner)).chatbotId;
    const res = await as(owner, `/api/v1/chatbots/${chatbotId}/reports`, { method: "POST", json: { name: "Shared", layout: { version: 1, widgets: [{ id: "a", type: "total_conversations" }] } } });
    expect(res.status).toBe(201);
    reportId = ((await res.json()) as { data: ReportBody }).data.id;
  });

  it("lets a read-only member view reports and their data, and refuses every change with 403", async () => {
    const member = await memberIn(owner.organizationId, "member");
    const base = `/api/v1/chatbots/${chatbotId}/reports`;
    expect((await as(member, base)).status).toBe(200);
    expect((await as(member, `${base}/${reportId}`)).status).toBe(200);
    expect((await as(member, `${base}/${reportId}/data`)).status).toBe(200);
    for (const [method, path, json] of [
      ["POST", base, { name: "Mine" }],
      ["PATCH", `${base}/${reportId}`, { name: "Renamed" }],
      ["POST", `${base}/${reportId}/duplicate`, {}],
      ["DELETE", `${base}/${reportId}`, undefined],
    ] as const) {
      const res = await as(member, path, { method, json });
      expect(res.status, `${method} ${path}`).toBe(403);
      // The member sent no key: the answer names their role, not "a read key".
      expect(((await res.json()) as ErrorBody).error).toMatchObject({ code: "forbidden", message: "your role (member) cannot do this; ask an admin of the organization" });
    }
    expect(((await (await as(owner, `${base}/${reportId}`)).json()) as { data: ReportBody }).data.name).toBe("Shared");
  });

  it("lets an admin member change reports", async () => {
    const admin = await memberIn(owner.organizationId, "admin");
    const res = await as(admin, `/api/v1/chatbots/${chatbotId}/reports/${reportId}`, { method: "PATCH", json: { name: "Shared, renamed" } });
    expect(res.status).toBe(200);
  });

  it("lets a read key view and refuses it every change", async () => {
    const read = (await createKey(db, { organizationId: owner.organizationId, chatbotId, kind: "read", name: "r" })).secret;
    expect((await call(`/api/v1/reports/${reportId}`, { key: read })).status).toBe(200);
    const res = await call("/api/v1/reports", { method: "POST", key: read, json: { name: "No" } });
    expect(res.status).toBe(403);
  });

  it("answers 401 without credentials", async () => {
    expect((await call(`/api/v1/chatbots/${chatbotId}/reports`)).status).toBe(401);
  });
});
