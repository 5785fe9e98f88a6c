/**
 * The date range of the analytics pages, kept in the URL: a preset (`?range=7d`) or a custom span of the
 * viewer's calendar days (`?from=2026-11-01&to=2026-11-15`, both days included). Every page and boot.ts
 * (which starts the overview's requests before the application arrives) read it through this module, so
 * they ask for the very same `from`/`to` and share one cache entry.
 *
 * Kept free of libraries: boot.ts loads it in its small early chunk (vite.config.ts).
 */

export const RANGE_PRESETS = [
  { value: "today", label: "Today" },
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
  { value: "90d", label: "90 days" },
] as const;

export type RangePreset = (typeof RANGE_PRESETS)[number]["value"];

/** A calendar day, `YYYY-MM-DD`, in the viewer's time zone. */
export type Day = string;

export type DateRange = { kind: "preset"; preset: RangePreset } | { kind: "custom"; first: Day; last: Day };

/** What the API is asked for: `from` inclusive, `to` exclusive; no `to` means up to now (the API's default). */
export interface ApiRange {
  from: number;
  to?: number;
}

export type RangeInterval = "hour" | "day" | "week" | "month";

export const DEFAULT_RANGE: DateRange = { kind: "preset", preset: "7d" };

const DAY_MS = 86_400_000;
/** The sentiment route answers at most 1,000 buckets: a custom range longer than that many weeks is drawn by month. */
const MAX_WEEK_BUCKETS = 1000;
/** Before this day a local midnight east of UTC would be a negative instant, which the API refuses. */
const FIRST_DAY = "1970-01-02";

export const isRangePreset = (v: string | null): v is RangePreset => RANGE_PRESETS.some((p) => p.value === v);

type TemporalNow = { Temporal?: { Now?: { timeZoneId?: () => string } } };
let viewerZone: string | undefined;
/**
 * The viewer's time zone (IANA), in which "today" and a custom range's days are counted everywhere. Read once
 * per page, from Temporal where the browser has it: the first Intl object of a page loads the locale data,
 * 50–100 ms that the boot script's requests (which name the zone) would otherwise wait for (bench/README.md,
 * dashboard).
 */
export const viewerTimeZone = () =>
  (viewerZone ??= (globalThis as TemporalNow).Temporal?.Now?.timeZoneId?.() || Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC");

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day's year, month and day when it is a real calendar day (not 2026-02-30), else null. */
function dayParts(day: string): [number, number, number] | null {
  const m = DAY_PATTERN.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d ? [y, mo, d] : null;
}

export const isDay = (day: string | null): day is Day => day !== null && dayParts(day) !== null;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** One wall-clock formatter per zone, kept: a page asks for the same zone's clock many times. */
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();
function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    wallClockFormats.set(timeZone, format);
  }
  return format;
}

/** The zone's wall clock at instant `t`: its calendar fields, as if they were UTC. */
function wallClock(t: number, timeZone: string): number {
  const parts = Object.fromEntries(
    wallClockFormat(timeZone)
      .formatToParts(t)
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<"year" | "month" | "day" | "hour" | "minute" | "second", number>;
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** How far the zone's clock is ahead of UTC at instant `t`, in ms. */
const offsetAt = (t: number, timeZone: string) => wallClock(t, timeZone) - (t - (((t % 1000) + 1000) % 1000));

const dayOfWall = (wall: number): Day => {
  const d = new Date(wall);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

/** The calendar day holding instant `now` in `timeZone`. */
export const dayIn = (timeZone: string, now = Date.now()): Day => dayOfWall(wallClock(now, timeZone));

/** The day `n` days after `day` (before, when negative). */
export function addDays(day: Day, n: number): Day {
  const [y, m, d] = dayParts(day)!;
  return dayOfWall(Date.UTC(y, m - 1, d + n));
}

/** How many days the range holds, both ends included. */
export function daysBetween(first: Day, last: Day): number {
  const [y1, m1, d1] = dayParts(first)!;
  const [y2, m2, d2] = dayParts(last)!;
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY_MS) + 1;
}

/**
 * The instant `day` begins in `timeZone`: its midnight, or — where a daylight-saving change skips midnight —
 * the first instant of the day. The zone's offset at midnight may differ from the one a few hours either
 * side, so both candidates are tried and the earliest that falls on the day wins.
 */
export function startOfDay(day: Day, timeZone: string): number {
  const [y, m, d] = dayParts(day)!;
  const wall = Date.UTC(y, m - 1, d);
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  const onDay = [first, second].filter((t) => dayIn(timeZone, t) === day);
  return onDay.length ? Math.min(...onDay) : Math.max(first, second);
}

/**
 * The page's range from its URL's query string. `from` and `to` (days, both included) make a custom range
 * when both are real days, in order, not after today and not before 1970-01-02; otherwise `range` (a
 * preset), else seven days. A hand-edited or stale address never breaks the page or asks the API something
 * it refuses.
 */
export function rangeFromParams(params: URLSearchParams, now = Date.now(), timeZone = viewerTimeZone()): DateRange {
  const first = params.get("from");
  const last = params.get("to");
  if (isDay(first) && isDay(last)) {
    const today = dayIn(timeZone, now);
    if (FIRST_DAY <= first && first <= last && last <= today) return { kind: "custom", first, last };
  }
  const preset = params.get("range");
  return isRangePreset(preset) ? { kind: "preset", preset } : DEFAULT_RANGE;
}

/**
 * The range chosen in an address, as the query string that carries it to another page of the range
 * (`?range=30d`, `?from=…&to=…`), or "" when none was chosen there (the conversations table's `from`/`to`
 * are instants, not days, and are not a chosen range).
 */
export function carriedRange(search: string, now = Date.now(), timeZone = viewerTimeZone()): string {
  const params = new URLSearchParams(search);
  if (!params.has("range") && !(isDay(params.get("from")) && isDay(params.get("to")))) return "";
  const kept = Object.entries(rangeSearch(rangeFromParams(params, now, timeZone))).filter((e): e is [string, string] => e[1] !== null);
  return `?${new URLSearchParams(kept)}`;
}

/** The query parameters of a range: a preset drops `from`/`to`, a custom range drops `range`. */
export function rangeSearch(range: DateRange): Record<"range" | "from" | "to", string | null> {
  return range.kind === "preset" ? { range: range.preset, from: null, to: null } : { range: null, from: range.first, to: range.last };
}

/** How long after the page opened its ranges still count to the instant its first figures were asked for at. */
const PINNED_FOR_MS = 60_000;
let pinned: { now: number; at: number } | undefined;

/**
 * The page's first figures were asked for at `now`, by the Worker that painted them (session/first-paint.ts) or by
 * boot.ts: for the next minute the ranges count to that instant, so the application asks for exactly the range
 * already answered or in flight and finds it in its cache, even when the bundle arrives in the next minute. A
 * minute later, as if the page opened then.
 */
export function pinRangeNow(now: number): void {
  pinned = { now, at: Date.now() };
}

/** "Now", for the API's ranges: the Worker's instant while pinned (pinRangeNow), else the clock. */
export const rangeNow = () => (pinned && Date.now() - pinned.at < PINNED_FOR_MS ? pinned.now : Date.now());

/**
 * What to ask the API for. A preset of N days starts N×24 h before now, in whole minutes, so every page
 * opened within the same minute asks for (and shares the cache of) the same range; "today" starts at
 * midnight. A custom range runs from the midnight starting its first day to the midnight ending its last;
 * when the last day is today, `to` is left out so the API counts up to now, and the live refreshes of the
 * same question keep counting what arrives.
 */
export function apiRange(range: DateRange, now = rangeNow(), timeZone = viewerTimeZone()): ApiRange {
  // The zone's clock only where the answer depends on it: a preset of days is plain arithmetic, and the boot
  // script's first requests do not wait for the locale data that a first date formatter loads.
  if (range.kind === "preset") {
    if (range.preset === "today") return { from: startOfDay(dayIn(timeZone, now), timeZone) };
    return { from: Math.floor(now / 60_000) * 60_000 - Number.parseInt(range.preset, 10) * DAY_MS };
  }
  const from = startOfDay(range.first, timeZone);
  return range.last >= dayIn(timeZone, now) ? { from } : { from, to: startOfDay(addDays(range.last, 1), timeZone) };
}

/** A cache key's part for an API range. */
export const apiRangeKey = (r: ApiRange) => `${r.from}:${r.to ?? ""}`;

/** The conversations table's filter for the same range (its `from`/`to` are instants, not days). */
export const conversationsRangeQuery = (r: ApiRange) => `from=${r.from}${r.to === undefined ? "" : `&to=${r.to}`}`;

/**
 * Buckets of the sentiment trend: hours for a single day (the API's UTC hours, shown at the viewer's clock
 * time), days up to a month (31 days), weeks beyond — months only for a range longer than the API's 1,000
 * buckets of weeks.
 */
export function intervalFor(range: DateRange): RangeInterval {
  if (range.kind === "preset") return range.preset === "today" ? "hour" : range.preset === "90d" ? "week" : "day";
  const days = daysBetween(range.first, range.last);
  if (days === 1) return "hour";
  if (days <= 31) return "day";
  return days / 7 + 2 <= MAX_WEEK_BUCKETS ? "week" : "month";
}

/** "1 Nov – 15 Nov" (or "Nov 1 – Nov 15", as the browser's language writes it); years shown when not this year's. */
export function customRangeLabel(first: Day, last: Day, today: Day): string {
  const withYear = first.slice(0, 4) !== today.slice(0, 4) || last.slice(0, 4) !== today.slice(0, 4);
  // Made here, not when the module loads: boot.ts imports this module and never needs a label.
  const label = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: withYear ? "numeric" : undefined, timeZone: "UTC" });
  const format = (day: Day) => {
    const [y, m, d] = dayParts(day)!;
    return label.format(Date.UTC(y, m - 1, d));
  };
  return first === last ? format(first) : `${format(first)} – ${format(last)}`;
}
