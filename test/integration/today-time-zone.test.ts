/**
 * "Today" in the viewer's time zone: the overview's analysedToday counts from midnight in the zone the
 * dashboard sends (UTC when none), computed here in plain JS for a zone with a half-hour offset and no
 * daylight saving (Asia/Kolkata, UTC+05:30), so its midnight falls mid-hour and the figure reads the raw
 * edge hour beside the rollups.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../worker/db/client";
import { annotations, conversations } from "../../worker/db/schema";
import { startOfDay } from "../../worker/analytics/time-zone";
import { call, type ErrorBody } from "../helpers/http";
import { createTenant, type Tenant } from "../helpers/tenant";

const db = createDb(env.DB);
const H = 3_600_000;
const D = 24 * H;
const KOLKATA = 5.5 * H;
const now = Date.now();
/** Midnight in Kolkata and in UTC, plainly. */
const kolkataMidnight = Math.floor((now + KOLKATA) / D) * D - KOLKATA;
const utcMidnight = Math.floor(now / D) * D;
/** One analysed message every 20 minutes over the last two days. */
const TIMES = Array.from({ length: 144 }, (_, i) => now - 1_000 - i * 20 * 60_000);

let t: Tenant;

beforeAll(async () => {
  t = await createTenant();
  const base = { organizationId: t.organizationId, chatbotId: t.chatbotId };
  await db.insert(conversations).values({ ...base, id: `conv_${t.chatbotId}`, externalId: "tz", createdAt: now - 3 * D, messageCount: TIMES.length });
  await db.batch(
    TIMES.map((at, i) =>
      db.insert(annotations).values({ ...base, id: `ann_${t.chatbotId}_${i}`, conversationId: `conv_${t.chatbotId}`, messageSeq: i + 1, kind: "sentiment", label: "neutral", score: 0, analyzer: "embedded", analyzerVersion: "test", createdAt: at }),
    ) as unknown as Parameters<typeof db.batch>[0],
  );
});

interface Body { data: { timeZone: string; today: { from: number; to: number; previousFrom: number; previousTo: number }; kpis: { analysedToday: { value: number; previous: number } } } }

async function overview(query: string): Promise<Body["data"]> {
  const res = await call(`/api/v1/analytics/overview${query}`, { key: t.readKey });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return (JSON.parse(text) as Body).data;
}

describe("today in the viewer's time zone", () => {
  it("counts analysed messages since midnight in the zone asked for, against the 24 hours before", async () => {
    const data = await overview(`?timeZone=${encodeURIComponent("Asia/Kolkata")}`);
    expect(data.timeZone).toBe("Asia/Kolkata");
    expect(data.today.from).toBe(kolkataMidnight);
    expect(data.today.previousFrom).toBe(kolkataMidnight - D);
    expect(data.kpis.analysedToday.value).toBe(TIMES.filter((at) => at >= kolkataMidnight).length);
    expect(data.kpis.analysedToday.previous).toBe(TIMES.filter((at) => at >= kolkataMidnight - D && at < data.today.to - D).length);
  });

  it("stays on UTC when no zone is named, and says so", async () => {
    const data = await overview("");
    expect(data.timeZone).toBe("UTC");
    expect(data.today.from).toBe(utcMidnight);
    expect(data.kpis.analysedToday.value).toBe(TIMES.filter((at) => at >= utcMidnight).length);
  });

  it("refuses a zone the runtime does not know, an offset and an empty one, each with one 400 detail naming timeZone", async () => {
    for (const zone of ["Mars%2FOlympus", "%2B02:00", ""]) {
      const res = await call(`/api/v1/analytics/overview?timeZone=${zone}`, { key: t.readKey });
      expect(res.status, zone).toBe(400);
      expect(((await res.json()) as ErrorBody).error.details?.map((d) => d.field), zone).toEqual(["timeZone"]);
    }
  });

  it("answers a zone spelled in another case under its IANA name, the names Intl does not list included", async () => {
    // Intl lists one (CLDR) spelling per zone: not UTC, GMT or the tz database's links, and older names of some.
    const spellings = { "europe/paris": "Europe/Paris", utc: "UTC", gmt: "GMT", "etc/utc": "Etc/UTC", "asia/kolkata": "Asia/Kolkata", "asia/calcutta": "Asia/Calcutta", "us/eastern": "US/Eastern", "europe/kyiv": "Europe/Kyiv" };
    for (const [written, proper] of Object.entries(spellings)) {
      const res = await call(`/api/v1/analytics/overview?timeZone=${encodeURIComponent(written)}`, { key: t.readKey });
      expect(res.status, written).toBe(200);
      expect(((await res.json()) as { data: { timeZone: string } }).data.timeZone, written).toBe(proper);
    }
  });

  it("starts a daylight-saving day at its own midnight", () => {
    // 29 March 2026, Europe/Paris: clocks go from 02:00 to 03:00; at 12:00 local it is 10:00 UTC.
    expect(startOfDay(Date.UTC(2026, 2, 29, 10), "Europe/Paris")).toBe(Date.UTC(2026, 2, 28, 23));
    // 25 October 2026: back from 03:00 to 02:00; at 12:00 local (UTC+1) it is 11:00 UTC, midnight was UTC+2.
    expect(startOfDay(Date.UTC(2026, 9, 25, 11), "Europe/Paris")).toBe(Date.UTC(2026, 9, 24, 22));
    expect(startOfDay(Date.UTC(2026, 0, 15, 3), "America/New_York")).toBe(Date.UTC(2026, 0, 14, 5));
  });
});
