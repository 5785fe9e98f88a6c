/**
 * The sentiment series by the hour (the dashboard's view of one day): every hour of the range present, each
 * the plain average of the user messages analysed in it, the same whether the hours come from the rollups
 * (the unfiltered endpoint) or from raw rows (a profile's series, narrowed to one user's conversations).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { call, type ErrorBody } from "../helpers/http";
import { seedScoredConversation } from "../helpers/scored-conversation";
import { createTenant, type Tenant } from "../helpers/tenant";

const H = 3_600_000;
const DAY = Date.UTC(2026, 8, 14);
/** Scores by minute of the day; the range below starts at 00:30, mid-hour. */
const SCORES: { at: number; score: number }[] = [
  { at: DAY + 10 * 60_000, score: 0.9 }, // before the range
  { at: DAY + 30 * 60_000, score: -0.5 }, // exactly at `from`
  { at: DAY + 45 * 60_000, score: 0.1 },
  { at: DAY + 3 * H, score: 0.4 },
  { at: DAY + 3 * H + 59 * 60_000, score: -0.2 },
  { at: DAY + 14 * H + 1, score: -1 },
  { at: DAY + 23 * H + 59 * 60_000, score: 0.3 },
  { at: DAY + 24 * H + 30 * 60_000, score: 0.7 }, // exactly at `to`: left out
];
const FROM = DAY + 30 * 60_000;
const TO = DAY + 24 * H + 30 * 60_000;

let t: Tenant;

beforeAll(async () => {
  t = await createTenant();
  await seedScoredConversation(t, { userExternalId: "hourly-user", externalId: "hourly", createdAt: DAY, scores: SCORES });
});

/** The plain computation: hour buckets from the one holding `from` to the one holding the last millisecond. */
function hours() {
  const out: { start: number; end: number; messages: number; averageSentiment: number | null }[] = [];
  for (let start = Math.floor(FROM / H) * H; start < TO; start += H) {
    const inside = SCORES.filter((s) => s.at >= Math.max(start, FROM) && s.at < Math.min(start + H, TO));
    out.push({ start, end: start + H, messages: inside.length, averageSentiment: inside.length ? Math.round((inside.reduce((a, s) => a + s.score, 0) / inside.length) * 1000) / 1000 : null });
  }
  return out;
}

describe("GET /analytics/sentiment?interval=hour", () => {
  it("answers one bucket per UTC hour of the range, each the average of the messages analysed in it", async () => {
    const res = await call(`/api/v1/analytics/sentiment?interval=hour&from=${FROM}&to=${TO}`, { key: t.readKey });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { interval: string; series: ReturnType<typeof hours> } };
    expect(data.interval).toBe("hour");
    expect(data.series).toEqual(hours());
    expect(data.series).toHaveLength(25);
    expect(data.series.filter((h) => h.messages > 0).length).toBe(4);
  });

  it("gives a profile the same hours from raw rows", async () => {
    const res = await call(`/api/v1/analytics/users/hourly-user?interval=hour&from=${FROM}&to=${TO}`, { key: t.readKey });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { sentiment: { series: ReturnType<typeof hours> } } };
    expect(data.sentiment.series).toEqual(hours());
  });

  it("refuses more than 1,000 hours with a 400 naming interval", async () => {
    const res = await call(`/api/v1/analytics/sentiment?interval=hour&from=${FROM}&to=${FROM + 1001 * H}`, { key: t.readKey });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.details?.[0]?.field).toBe("interval");
  });
});
