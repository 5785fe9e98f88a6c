/**
 * The sentiment series in the viewer's time zone: day and week buckets start at midnight in `timeZone`, across
 * a change of clocks (New York left summer time on Sunday 1 November 2026, a 25-hour day), the same from the
 * rollups (the unfiltered endpoint) as from raw rows (a profile's series).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { call, type ErrorBody } from "../helpers/http";
import { seedScoredConversation } from "../helpers/scored-conversation";
import { createTenant, type Tenant } from "../helpers/tenant";

const at = (iso: string) => Date.parse(iso);
/** New York's midnights, written out: 1 November starts at 04:00 UTC (summer time), the days after at 05:00. */
const MIDNIGHTS = [at("2026-11-01T04:00:00Z"), at("2026-11-02T05:00:00Z"), at("2026-11-03T05:00:00Z"), at("2026-11-04T05:00:00Z")];
const SCORES: { at: number; score: number }[] = [
  { at: at("2026-11-01T03:30:00Z"), score: 0.9 }, // 31 October in New York: before the range
  { at: at("2026-11-01T04:10:00Z"), score: -0.5 }, // 1 November, 00:10 EDT
  { at: at("2026-11-02T00:30:00Z"), score: 0.3 }, // still 1 November (19:30 EST), though 2 November in UTC
  { at: at("2026-11-02T04:59:00Z"), score: 0.1 }, // 23:59 EST on 1 November, the 25th hour of that day
  { at: at("2026-11-02T05:00:00Z"), score: -1 }, // 2 November's first minute
  { at: at("2026-11-03T12:00:00Z"), score: 0.4 },
  { at: at("2026-11-04T05:00:00Z"), score: 0.7 }, // 4 November: past `to`
];
const FROM = MIDNIGHTS[0]!;
const TO = MIDNIGHTS[3]!;
const ZONE = "America/New_York";

let t: Tenant;

beforeAll(async () => {
  t = await createTenant();
  await seedScoredConversation(t, { userExternalId: "zoned-user", externalId: "zoned", createdAt: FROM, scores: SCORES });
});

/** The plain computation over the written-out buckets. */
function buckets(edges: number[]) {
  return edges.slice(0, -1).map((start, i) => {
    const end = edges[i + 1]!;
    const inside = SCORES.filter((s) => s.at >= Math.max(start, FROM) && s.at < Math.min(end, TO));
    return { start, end, messages: inside.length, averageSentiment: inside.length ? Math.round((inside.reduce((a, s) => a + s.score, 0) / inside.length) * 1000) / 1000 : null };
  });
}

type Series = { timeZone: string; series: ReturnType<typeof buckets> };

describe("GET /analytics/sentiment with a timeZone", () => {
  it("starts each day at midnight in the zone, the 25-hour day included", async () => {
    const res = await call(`/api/v1/analytics/sentiment?interval=day&timeZone=${ZONE}&from=${FROM}&to=${TO}`, { key: t.readKey });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: Series };
    expect(data.timeZone).toBe(ZONE);
    expect(data.series).toEqual(buckets(MIDNIGHTS));
    expect(data.series.map((d) => d.messages)).toEqual([3, 1, 1]);
  });

  it("starts weeks at Monday's midnight in the zone", async () => {
    const to = at("2026-11-09T05:00:00Z");
    const res = await call(`/api/v1/analytics/sentiment?interval=week&timeZone=${ZONE}&from=${FROM}&to=${to}`, { key: t.readKey });
    const { data } = (await res.json()) as { data: Series };
    // Monday 26 October (summer time) and Monday 2 November (winter time).
    expect(data.series.map((w) => [w.start, w.end])).toEqual([
      [at("2026-10-26T04:00:00Z"), at("2026-11-02T05:00:00Z")],
      [at("2026-11-02T05:00:00Z"), to],
    ]);
    expect(data.series.map((w) => w.messages)).toEqual([3, 3]);
  });

  it("gives a profile the same days from raw rows", async () => {
    const res = await call(`/api/v1/analytics/users/zoned-user?interval=day&timeZone=${ZONE}&from=${FROM}&to=${TO}`, { key: t.readKey });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { sentiment: Series } };
    expect(data.sentiment.series).toEqual(buckets(MIDNIGHTS));
  });

  it("keeps UTC days without a zone, and refuses an unknown zone naming it", async () => {
    const { data } = (await (await call(`/api/v1/analytics/sentiment?interval=day&from=${FROM}&to=${TO}`, { key: t.readKey })).json()) as { data: Series };
    expect(data.timeZone).toBe("UTC");
    expect(data.series[0]!.start).toBe(at("2026-11-01T00:00:00Z"));
    const bad = await call(`/api/v1/analytics/sentiment?timeZone=Mars/Olympus_Mons`, { key: t.readKey });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.details?.[0]?.field).toBe("timeZone");
  });
});
