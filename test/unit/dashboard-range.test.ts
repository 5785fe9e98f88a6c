import { describe, expect, it } from "vitest";
import { addDays, apiRange, carriedRange, customRangeLabel, dayIn, daysBetween, DEFAULT_RANGE, intervalFor, rangeFromParams, rangeSearch, startOfDay, type DateRange } from "../../dashboard/src/lib/range";

const PARIS = "Europe/Paris";
const NEW_YORK = "America/New_York";
/** 2026-11-20 15:30 in Paris (14:30 UTC). */
const NOW = Date.parse("2026-11-20T14:30:45Z");
const params = (query: string) => new URLSearchParams(query);
const parse = (query: string, timeZone = PARIS) => rangeFromParams(params(query), NOW, timeZone);

describe("the dashboard's date range in the URL", () => {
  it("reads a preset from `range`, and seven days when there is none", () => {
    expect(parse("range=30d")).toEqual({ kind: "preset", preset: "30d" });
    expect(parse("range=today")).toEqual({ kind: "preset", preset: "today" });
    expect(parse("")).toEqual(DEFAULT_RANGE);
    expect(DEFAULT_RANGE).toEqual({ kind: "preset", preset: "7d" });
  });

  it("reads a custom range of days from `from` and `to`, both days included", () => {
    expect(parse("from=2026-11-01&to=2026-11-15")).toEqual({ kind: "custom", first: "2026-11-01", last: "2026-11-15" });
    expect(parse("from=2026-11-20&to=2026-11-20")).toEqual({ kind: "custom", first: "2026-11-20", last: "2026-11-20" });
  });

  it("falls back to seven days for a range that is malformed, not a real day, reversed, in the future or before 1970", () => {
    for (const query of [
      "range=2w",
      "from=2026-11-01",
      "to=2026-11-15",
      "from=2026-11-1&to=2026-11-15",
      "from=1730419200000&to=1731628800000",
      "from=2026-02-30&to=2026-03-02",
      "from=2026-13-01&to=2026-13-02",
      "from=2026-11-15&to=2026-11-01",
      "from=2026-11-19&to=2026-11-21",
      "from=2026-12-01&to=2026-12-02",
      "from=1969-12-31&to=1970-01-05",
    ]) {
      expect(parse(query), query).toEqual(DEFAULT_RANGE);
    }
  });

  it("counts 'today' in the viewer's time zone: the same instant is still yesterday in New York", () => {
    const late = Date.parse("2026-11-21T02:00:00Z");
    expect(dayIn(PARIS, late)).toBe("2026-11-21");
    expect(dayIn(NEW_YORK, late)).toBe("2026-11-20");
    expect(rangeFromParams(params("from=2026-11-21&to=2026-11-21"), late, PARIS)).toEqual({ kind: "custom", first: "2026-11-21", last: "2026-11-21" });
    expect(rangeFromParams(params("from=2026-11-21&to=2026-11-21"), late, NEW_YORK)).toEqual(DEFAULT_RANGE);
  });

  it("keeps a valid custom range over a preset also in the URL, and a preset when the custom one is invalid", () => {
    expect(parse("range=30d&from=2026-11-01&to=2026-11-02")).toEqual({ kind: "custom", first: "2026-11-01", last: "2026-11-02" });
    expect(parse("range=30d&from=2026-11-02&to=2026-11-01")).toEqual({ kind: "preset", preset: "30d" });
  });

  it("writes a preset without from/to and a custom range without `range`", () => {
    expect(rangeSearch({ kind: "preset", preset: "90d" })).toEqual({ range: "90d", from: null, to: null });
    expect(rangeSearch({ kind: "custom", first: "2026-11-01", last: "2026-11-15" })).toEqual({ range: null, from: "2026-11-01", to: "2026-11-15" });
  });
});

describe("the instants the API is asked for", () => {
  it("asks a custom range from the midnight starting its first day to the midnight ending its last, in the viewer's zone", () => {
    const range: DateRange = { kind: "custom", first: "2026-11-01", last: "2026-11-15" };
    expect(apiRange(range, NOW, PARIS)).toEqual({ from: Date.parse("2026-10-31T23:00:00Z"), to: Date.parse("2026-11-15T23:00:00Z") });
    expect(apiRange(range, NOW, NEW_YORK)).toEqual({ from: Date.parse("2026-11-01T04:00:00Z"), to: Date.parse("2026-11-16T05:00:00Z") });
    expect(apiRange(range, NOW, "UTC")).toEqual({ from: Date.parse("2026-11-01T00:00:00Z"), to: Date.parse("2026-11-16T00:00:00Z") });
  });

  it("spans 47 hours for two days across the spring change to summer time, and 25 for the autumn day", () => {
    const spring = apiRange({ kind: "custom", first: "2026-03-28", last: "2026-03-29" }, NOW, PARIS);
    expect(spring).toEqual({ from: Date.parse("2026-03-27T23:00:00Z"), to: Date.parse("2026-03-29T22:00:00Z") });
    expect((spring.to! - spring.from) / 3_600_000).toBe(47);
    const autumn = apiRange({ kind: "custom", first: "2026-10-25", last: "2026-10-25" }, NOW, PARIS);
    expect((autumn.to! - autumn.from) / 3_600_000).toBe(25);
    const us = apiRange({ kind: "custom", first: "2026-03-08", last: "2026-03-08" }, NOW, NEW_YORK);
    expect(us).toEqual({ from: Date.parse("2026-03-08T05:00:00Z"), to: Date.parse("2026-03-09T04:00:00Z") });
  });

  it("starts a day whose midnight a daylight-saving change skips at its first instant", () => {
    // São Paulo moved its clocks from 00:00 to 01:00 on 2018-11-04.
    expect(startOfDay("2018-11-04", "America/Sao_Paulo")).toBe(Date.parse("2018-11-04T03:00:00Z"));
    expect(startOfDay("2018-11-05", "America/Sao_Paulo")).toBe(Date.parse("2018-11-05T02:00:00Z"));
  });

  it("leaves `to` out when the last day is today, so the API counts up to now", () => {
    expect(apiRange({ kind: "custom", first: "2026-11-18", last: "2026-11-20" }, NOW, PARIS)).toEqual({ from: Date.parse("2026-11-17T23:00:00Z") });
  });

  it("asks a preset from whole minutes before now, and today from the viewer's midnight", () => {
    expect(apiRange({ kind: "preset", preset: "7d" }, NOW, PARIS)).toEqual({ from: Date.parse("2026-11-13T14:30:00Z") });
    expect(apiRange({ kind: "preset", preset: "today" }, NOW, PARIS)).toEqual({ from: Date.parse("2026-11-19T23:00:00Z") });
    expect(apiRange({ kind: "preset", preset: "today" }, NOW, NEW_YORK)).toEqual({ from: Date.parse("2026-11-20T05:00:00Z") });
  });
});

describe("the trend's buckets for a range", () => {
  const custom = (first: string, days: number): DateRange => ({ kind: "custom", first, last: addDays(first, days - 1) });

  it("is hourly for one day, daily up to 31 days and weekly beyond", () => {
    expect(intervalFor({ kind: "preset", preset: "today" })).toBe("hour");
    expect(intervalFor({ kind: "preset", preset: "7d" })).toBe("day");
    expect(intervalFor({ kind: "preset", preset: "30d" })).toBe("day");
    expect(intervalFor({ kind: "preset", preset: "90d" })).toBe("week");
    expect(intervalFor(custom("2026-11-03", 1))).toBe("hour");
    expect(intervalFor(custom("2026-11-03", 2))).toBe("day");
    expect(intervalFor(custom("2026-10-01", 31))).toBe("day");
    expect(intervalFor(custom("2026-10-01", 32))).toBe("week");
  });

  it("is monthly only for a range longer than the API's 1,000 weekly buckets", () => {
    expect(intervalFor(custom("2000-01-01", 5000))).toBe("week");
    expect(intervalFor(custom("1990-01-01", 7000))).toBe("month");
  });

  it("counts the days of a range with both ends included, across month and year ends", () => {
    expect(daysBetween("2026-11-20", "2026-11-20")).toBe(1);
    expect(daysBetween("2026-12-30", "2027-01-02")).toBe(4);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(3);
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
  });
});

describe("the custom range's label", () => {
  it("names the two days, with their year only when it is not this year", () => {
    const label = customRangeLabel("2026-11-01", "2026-11-15", "2026-11-20");
    expect(label).toMatch(/^\D*1\D* – \D*15\D*$/);
    expect(label).not.toMatch(/2026/);
    expect(customRangeLabel("2025-12-30", "2026-01-02", "2026-11-20")).toMatch(/2025.* – .*2026/);
    expect(customRangeLabel("2026-11-03", "2026-11-03", "2026-11-20")).not.toContain("–");
  });

  it("carries a chosen range to the other ranged pages, and nothing when none was chosen", () => {
    expect(carriedRange("?range=30d&q=x", NOW, PARIS)).toBe("?range=30d");
    expect(carriedRange("?from=2026-11-01&to=2026-11-15", NOW, PARIS)).toBe("?from=2026-11-01&to=2026-11-15");
    expect(carriedRange("", NOW, PARIS)).toBe("");
    // The conversations table's instants are not a chosen range.
    expect(carriedRange("?from=1763596800000&to=1764201600000", NOW, PARIS)).toBe("");
    // A bad custom range carries what the page shows instead (its preset, else seven days).
    expect(carriedRange("?range=90d&from=2026-11-15&to=2026-11-01", NOW, PARIS)).toBe("?range=90d");
  });
});
