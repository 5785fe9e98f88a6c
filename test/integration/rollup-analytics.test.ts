/**
 * The analytics answered from rollups (whole hours) plus raw edge hours equal the same analytics computed
 * from the raw rows alone, over ranges that start and end mid-hour, on the hour, inside one hour, and with
 * rows written late into earlier hours. The raw path is the one a scope selects; a scope that keeps every
 * conversation makes it compute the unscoped figures (the analytics tests compare that path with plain
 * computations over seeded rows). Figures no raw path gives here (severities, revenue signals, MRR at risk)
 * are compared with a plain computation in JS.
 */
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { assistantPerformance, resolutionCounts } from "../../worker/analytics/assistant";
import { distributions } from "../../worker/analytics/distributions";
import { insights } from "../../worker/analytics/insights";
import { overview } from "../../worker/analytics/overview";
import { resolveRange } from "../../worker/analytics/params";
import type { Scope } from "../../worker/analytics/scope";
import { sentimentOverTime } from "../../worker/analytics/sentiment";
import { createDb } from "../../worker/db/client";
import { annotations, clientOrganizations, clientUsers, conversations } from "../../worker/db/schema";
import { createTenant, type Tenant } from "../helpers/tenant";

const db = createDb(env.DB);
const H = 3_600_000;
const D = 24 * H;
/** Monday 1 June 2026, 00:00 UTC. */
const T0 = Date.UTC(2026, 5, 1);
const EVERYTHING: Scope = { conversations: sql`1 = 1`, annotations: sql`1 = 1` };

/** A small deterministic PRNG, so a failure replays. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RANGES: [string, { from: number; to: number }][] = [
  ["mid-hour to mid-hour", { from: T0 + 26 * H + 17 * 60_000, to: T0 + 2 * D + 9 * H + 41 * 60_000 }],
  ["on the hour", { from: T0 + D, to: T0 + 3 * D }],
  ["inside one hour", { from: T0 + 30 * H + 60_000, to: T0 + 30 * H + 50 * 60_000 }],
  ["the whole seeded span, odd edges", { from: T0 + 1_234, to: T0 + 4 * D - 5_678 }],
];

let t: Tenant;
const orgs = [
  { id: "corg_ra_1", mrr: 100 },
  { id: "corg_ra_2", mrr: 2_500 },
  { id: "corg_ra_3", mrr: null },
];
type Ann = typeof annotations.$inferInsert;
const anns: Ann[] = [];
const convOrg = new Map<string, string | null>();

beforeAll(async () => {
  t = await createTenant();
  const rand = prng(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  await db.insert(clientOrganizations).values(orgs.map((o, i) => ({ id: o.id, organizationId: t.organizationId, chatbotId: t.chatbotId, externalId: `org-${i}`, mrr: o.mrr, updatedAt: 0 })));
  await db.insert(clientUsers).values(
    [0, 1, 2, 3].map((i) => ({ id: `cusr_ra_${i}`, organizationId: t.organizationId, chatbotId: t.chatbotId, externalId: `user-${i}`, clientOrganizationId: i < 3 ? orgs[i]!.id : null, updatedAt: 0 })),
  );
  const convs: (typeof conversations.$inferInsert)[] = [];
  for (let n = 0; n < 90; n++) {
    const created = T0 + Math.floor(rand() * 3 * D);
    const user = rand() < 0.9 ? Math.floor(rand() * 4) : null;
    const org = user !== null && user < 3 ? orgs[user]!.id : null;
    const id = `conv_ra_${n}`;
    convOrg.set(id, org);
    convs.push({
      id,
      organizationId: t.organizationId,
      chatbotId: t.chatbotId,
      externalId: `ra-${n}`,
      clientUserId: user === null ? null : `cusr_ra_${user}`,
      clientOrganizationId: org,
      createdAt: created,
      lastMessageAt: created + Math.floor(rand() * 3 * H),
      messageCount: 1 + Math.floor(rand() * 12),
      sentimentAvg: rand() < 0.85 ? Math.round((rand() * 2 - 1) * 1000) / 1000 : null,
      resolution: pick([null, "fully_resolved", "partially_resolved", "unresolved"] as const),
      language: pick([null, "en", "fr", "und"]),
    });
    // Annotations over the conversation's next hours, so one conversation spans several buckets.
    const count = Math.floor(rand() * 6);
    for (let k = 0; k < count; k++) {
      const kind = pick(["sentiment", "sentiment", "flag", "intent", "behaviour"] as const);
      const label =
        kind === "sentiment" ? pick(["positive", "negative", "neutral"]) : kind === "flag" ? pick(["churn_risk", "frustrated_user", "buying_signal"]) : kind === "intent" ? pick(["billing", "refund"]) : pick(["hallucinating", "helpful"]);
      anns.push({
        id: `ann_ra_${n}_${k}`,
        organizationId: t.organizationId,
        chatbotId: t.chatbotId,
        conversationId: id,
        messageSeq: k + 1,
        kind,
        label,
        score: kind === "sentiment" && rand() < 0.9 ? Math.round((rand() * 2 - 1) * 1000) / 1000 : null,
        severity: kind === "behaviour" || kind === "flag" ? pick([null, "low", "medium", "high"] as const) : null,
        status: kind === "intent" && rand() < 0.3 ? "pending" : "accepted",
        analyzer: "test",
        analyzerVersion: "1",
        createdAt: created + Math.floor(rand() * 4 * H),
      });
    }
  }
  // Rows a minute either side of every edge the ranges below have, so each edge hour holds rows inside and outside.
  let e = 0;
  for (const [, r] of RANGES) {
    for (const edge of [r.from, r.to]) {
      for (const at of [edge - 60_000, edge + 60_000]) {
        const id = `conv_ra_edge_${e++}`;
        convOrg.set(id, orgs[e % 3]!.id);
        convs.push({ id, organizationId: t.organizationId, chatbotId: t.chatbotId, externalId: id, clientUserId: `cusr_ra_${e % 3}`, clientOrganizationId: orgs[e % 3]!.id, createdAt: at, messageCount: 2, sentimentAvg: 0.5, resolution: "unresolved", language: "en" });
        for (const [k, kind, label] of [[0, "sentiment", "positive"], [1, "flag", "churn_risk"], [2, "behaviour", "hallucinating"]] as const) {
          anns.push({ id: `ann_${id}_${k}`, organizationId: t.organizationId, chatbotId: t.chatbotId, conversationId: id, messageSeq: k, kind, label, score: kind === "sentiment" ? 0.4 : null, severity: kind === "behaviour" ? "high" : null, analyzer: "test", analyzerVersion: "1", createdAt: at });
        }
      }
    }
  }
  for (let i = 0; i < convs.length; i += 5) await db.insert(conversations).values(convs.slice(i, i + 5));
  for (let i = 0; i < anns.length; i += 5) await db.insert(annotations).values(anns.slice(i, i + 5));
  // Late writes into earlier hours: a conversation re-judged and re-scored, an intent approved.
  await db.update(conversations).set({ resolution: "fully_resolved", sentimentAvg: 0.9, messageCount: 30 }).where(sql`${conversations.id} = 'conv_ra_3'`);
  await db.update(annotations).set({ status: "accepted" }).where(sql`${annotations.kind} = 'intent' AND ${annotations.status} = 'pending' AND ${annotations.conversationId} = 'conv_ra_5'`);
});


describe("analytics from rollups", () => {
  for (const [name, range] of RANGES) {
    const now = range.to + 5 * H + 123;

    it(`gives the overview a raw computation gives, ${name}`, async () => {
      expect(await overview(db, t.chatbotId, range, now)).toEqual(await overview(db, t.chatbotId, range, now, EVERYTHING));
    });

    it(`gives the sentiment series and bands a raw computation gives, ${name}`, async () => {
      // By the hour and by another zone's days too: those group rows finer than a UTC day, so they read no daily rollup.
      // An average is a sum of scores over a count, summed in another order from the rollups: equal to the last
      // bit or not, so compared to within the rounding of its three decimals.
      const nearly = (r: Awaited<ReturnType<typeof sentimentOverTime>>) => ({
        ...r,
        series: r.series.map((b) => ({ ...b, averageSentiment: b.averageSentiment === null ? null : "a number" })),
      });
      for (const q of [{ interval: "day" }, { interval: "week" }, { interval: "hour" }, { interval: "day", timeZone: "America/New_York" }] as const) {
        const fromRollups = await sentimentOverTime(db, t.chatbotId, { ...range, ...q }, now);
        const raw = await sentimentOverTime(db, t.chatbotId, { ...range, ...q }, now, EVERYTHING);
        expect(nearly(fromRollups), JSON.stringify(q)).toEqual(nearly(raw));
        fromRollups.series.forEach((b, i) => expect(b.averageSentiment ?? 0).toBeCloseTo(raw.series[i]?.averageSentiment ?? 0, 2));
      }
    });

    it(`gives the distributions and resolutions a raw computation gives, ${name}`, async () => {
      const r = resolveRange(range, now);
      const byKey = <T extends Record<string, unknown>>(rows: T[], key: keyof T) => [...rows].sort((x, y) => String(x[key]).localeCompare(String(y[key])));
      const fromRollups = await distributions(db, t.chatbotId, r);
      const raw = await distributions(db, t.chatbotId, r, EVERYTHING);
      expect({ ...fromRollups, sentimentLabels: byKey(fromRollups.sentimentLabels, "label"), flags: byKey(fromRollups.flags, "flag") }).toEqual({
        ...raw,
        sentimentLabels: byKey(raw.sentimentLabels, "label"),
        flags: byKey(raw.flags, "flag"),
      });
      expect(byKey(await resolutionCounts(db, t.chatbotId, range), "resolution")).toEqual(byKey(await resolutionCounts(db, t.chatbotId, range, EVERYTHING), "resolution"));
    });

    it(`counts hallucinations by severity, revenue signals and MRR at risk as a plain computation does, ${name}`, async () => {
      const inRange = anns.filter((a) => a.createdAt! >= range.from && a.createdAt! < range.to);
      const hallucinating = inRange.filter((a) => a.kind === "behaviour" && a.label === "hallucinating");
      const bySeverity = { low: 0, medium: 0, high: 0, unspecified: 0 };
      for (const a of hallucinating) bySeverity[a.severity ?? "unspecified"]++;
      const assistant = await assistantPerformance(db, t.chatbotId, range, now);
      expect(assistant.hallucinations.bySeverity).toEqual(bySeverity);
      expect(assistant.hallucinations.total).toBe(hallucinating.length);

      const orgsRaising = (flags: string[]) => new Set(inRange.filter((a) => a.kind === "flag" && flags.includes(a.label!)).map((a) => convOrg.get(a.conversationId!)).filter((o): o is string => !!o));
      const mrrOf = (ids: Set<string>) => [...ids].reduce((sum, id) => sum + (orgs.find((o) => o.id === id)!.mrr ?? 0), 0);
      const found = await insights(db, t.chatbotId, range, now);
      for (const flag of ["churn_risk", "buying_signal"]) {
        const signal = found.revenueSignals.find((s) => s.flag === flag)!;
        expect({ organizations: signal.organizations, mrr: signal.mrr }).toEqual({ organizations: orgsRaising([flag]).size, mrr: mrrOf(orgsRaising([flag])) });
      }
      expect((await overview(db, t.chatbotId, range, now)).kpis.mrrAtRisk.value).toBe(mrrOf(orgsRaising(["churn_risk", "frustrated_user"])));
    });
  }

  it("has rows on both sides of the edges it tests, so the edge hours are really read raw and from rollups", () => {
    const [, range] = RANGES[0]!;
    const edgeHour = Math.floor(range.from / H) * H;
    expect(anns.some((a) => a.createdAt! >= edgeHour && a.createdAt! < range.from)).toBe(true);
    expect(anns.some((a) => a.createdAt! >= range.from && a.createdAt! < edgeHour + H)).toBe(true);
  });
});
