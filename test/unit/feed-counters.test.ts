import { describe, expect, it } from "vitest";
import type { LiveCounters } from "../../durable-objects/chatbot-live";
import { newerCounters } from "../../worker/services/feed-relay";

const reading = (day: string, messagesToday: number, analysedToday: number): LiveCounters => ({ day, timeZone: "UTC", messagesToday, analysedToday });

describe("the relay's counters", () => {
  it("takes the first reading as it is", () => {
    expect(newerCounters(null, reading("2026-12-04", 3, 1))).toEqual(reading("2026-12-04", 3, 1));
  });

  it("keeps the higher counts of one day, whichever shard's reading arrives last", () => {
    const fresh = reading("2026-12-04", 9, 4);
    const stale = reading("2026-12-04", 7, 5);
    expect(newerCounters(fresh, stale)).toEqual(reading("2026-12-04", 9, 5));
    expect(newerCounters(stale, fresh)).toEqual(reading("2026-12-04", 9, 5));
  });

  it("starts again from a later day's reading and ignores an earlier day's", () => {
    const yesterday = reading("2026-12-03", 120, 80);
    const today = reading("2026-12-04", 2, 1);
    expect(newerCounters(yesterday, today)).toEqual(today);
    expect(newerCounters(today, yesterday)).toEqual(today);
  });
});
