import { describe, expect, it } from "vitest";
import { localDay, QuarterHourCounts, SLOT_MS } from "../../durable-objects/live-counters";

const at = (iso: string) => Date.parse(iso);

describe("the live feed's today counters", () => {
  // Four messages around UTC midnight; the viewers ask at 02:00 UTC on 3 December.
  const now = at("2026-12-03T02:00:00Z");
  const counts = () => {
    const c = new QuarterHourCounts();
    c.add("messages", at("2026-12-02T18:00:00Z"));
    c.add("messages", at("2026-12-02T18:20:00Z"));
    c.add("messages", at("2026-12-02T23:30:00Z"));
    c.add("messages", at("2026-12-03T01:00:00Z"));
    c.add("analysed", at("2026-12-03T01:00:00Z"));
    return c;
  };

  it("counts today from midnight in the viewer's zone, not UTC", () => {
    const c = counts();
    expect(c.today("UTC", now)).toEqual({ day: "2026-12-03", timeZone: "UTC", messagesToday: 1, analysedToday: 1 });
    // Paris (UTC+1) started 3 December at 23:00 UTC.
    expect(c.today("Europe/Paris", now)).toMatchObject({ day: "2026-12-03", messagesToday: 2 });
    // New York (UTC-5) is still on 2 December, which began at 05:00 UTC.
    expect(c.today("America/New_York", now)).toMatchObject({ day: "2026-12-02", messagesToday: 4 });
  });

  it("starts a zone's day on its quarter-hour offset", () => {
    // Kathmandu (UTC+5:45): 3 December began at 18:15 UTC on the 2nd, so 18:00 is yesterday and 18:20 today.
    expect(counts().today("Asia/Kathmandu", now)).toMatchObject({ day: "2026-12-03", messagesToday: 3 });
  });

  it("counts from the real midnight on the day a zone changes its clocks", () => {
    const c = new QuarterHourCounts();
    // New York left daylight saving at 06:00 UTC on 1 November 2026; that day began at 04:00 UTC (midnight EDT).
    c.add("messages", at("2026-11-01T03:50:00Z"));
    c.add("messages", at("2026-11-01T04:10:00Z"));
    expect(c.today("America/New_York", at("2026-11-01T20:00:00Z"))).toMatchObject({ day: "2026-11-01", messagesToday: 1 });
  });

  it("hands over each changed quarter-hour once and forgets those too old to count in any zone", () => {
    const c = counts();
    const first = c.takeChanges(now);
    // 18:00 and 18:20 fall in two quarter-hours; 01:00 holds a message and an analysis.
    expect(first.upserts).toHaveLength(4);
    expect(first.upserts.find((u) => u.slot === Math.floor(at("2026-12-03T01:00:00Z") / SLOT_MS))).toEqual({
      slot: Math.floor(at("2026-12-03T01:00:00Z") / SLOT_MS),
      messages: 1,
      analysed: 1,
    });
    expect(c.takeChanges(now).upserts).toEqual([]);
    // A day later the 18:00 quarter-hour is 32 hours old: gone, and nothing is left to write.
    const later = at("2026-12-04T02:00:00Z");
    expect(c.takeChanges(later)).toEqual({ upserts: [], olderThan: Math.floor((later - 26 * 3_600_000) / SLOT_MS) });
    expect(c.today("Pacific/Pago_Pago", later).messagesToday).toBe(0);
  });

  it("picks up where storage left off", () => {
    const slot = Math.floor(at("2026-12-03T01:00:00Z") / SLOT_MS);
    const c = new QuarterHourCounts([{ slot, messages: 7, analysed: 5 }]);
    c.add("messages", at("2026-12-03T01:05:00Z"));
    expect(c.today("UTC", now)).toMatchObject({ messagesToday: 8, analysedToday: 5 });
    expect(c.takeChanges(now).upserts).toEqual([{ slot, messages: 8, analysed: 5 }]);
  });

  it("writes a zone's date as YYYY-MM-DD", () => {
    expect(localDay(at("2026-12-31T23:30:00Z"), "Pacific/Kiritimati")).toBe("2027-01-01");
  });
});
