/**
 * Query parameters the analytics endpoints share: the date range and its previous period, pagination,
 * and the small value types (instants, comma lists). Plain zod, so the routes validate with them and
 * the OpenAPI document describes the very same schemas.
 */
import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { z } from "zod";
import { MAX_EPOCH_MS, timestamp, TOO_FAR } from "../../durable-objects/protocol";
import { nameText } from "../schemas/names";
import { queryNumber } from "../schemas/common";

export const DAY_MS = 86_400_000;
export const DEFAULT_RANGE_MS = 7 * DAY_MS;

/**
 * An instant in a query string: epoch milliseconds, ISO-8601 with an offset, or an ISO-8601 date alone
 * (`2026-11-20`, that day's midnight UTC), since a date is what a person types for a range.
 */
const epochMs = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).pipe(z.number().int().nonnegative());

const INSTANT_FORMS = "must be a date (2026-11-20), a date and time with its offset (2026-11-20T09:30:00Z) or epoch milliseconds";

const isoDateTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();

export const instant = z
  // An empty value (`?from=`) is refused, not read as 0 (1970) as Number("") would; digits past the last instant a Date
  // can hold as too far, before they are read as a number that is no longer exact ("99999999999999999").
  .union([
    z.number(),
    z
      .string()
      .min(1, INSTANT_FORMS)
      // An offset's `+` sent unencoded in a query string arrives as a space (`…T09:30:00 02:00`): no other form
      // has a space there, so it is read as the `+` that was meant rather than refused as having no offset.
      .transform((s) => s.replace(/(T[\d:.]+) (\d{2}:\d{2})$/, "$1+$2"))
      .refine((s) => !/^\d+$/.test(s) || Number(s) <= MAX_EPOCH_MS, { error: TOO_FAR })
      // One sentence naming the three forms, rather than the last form's own complaint ("Invalid ISO datetime").
      .refine((s) => /^\d+$/.test(s) || isoDateTime.safeParse(s).success || isoDate.safeParse(s).success, { error: INSTANT_FORMS }),
  ], {
    // The empty string stops at `min` in one branch and the number branch refuses it too: said as the numbers say it.
    error: (issue) => (issue.input === "" ? `${INSTANT_FORMS}; the value is empty` : undefined),
  })
  .pipe(z.union([epochMs, isoDateTime, isoDate.transform((day) => `${day}T00:00:00Z`)]))
  .pipe(timestamp);

export const rangeFields = {
  /** Start of the range, inclusive (default: `to` minus 7 days). */
  from: instant.optional(),
  /** End of the range, exclusive (default: now). */
  to: instant.optional(),
};

export const pageFields = {
  page: queryNumber(z.coerce.number().int().min(1).default(1)),
  limit: queryNumber(z.coerce.number().int().min(1).max(100).default(20)),
};

export const orderField = z.enum(["asc", "desc"]).default("desc");

/** A comma-separated list of slugs (`flags=churn_risk,frustrated_user`). */
export const slugList = z
  .string()
  .transform((s) => [...new Set(s.split(",").map((x) => x.trim()).filter(Boolean))])
  .pipe(z.array(z.string().regex(/^[a-z0-9_-]{1,64}$/, "must be slugs (a-z, 0-9, _ or -) separated by commas")).min(1).max(10));

/** A filter's text: a control character matches nothing stored (and a NUL would cut the value short in SQL). */
export const shortFilter = nameText(128);

/** `from` must come before `to`; the error names `from` so a client sees which end to move. */
export function checkRangeOrder(q: { from?: number; to?: number }, ctx: z.RefinementCtx): void {
  if (q.from !== undefined && q.to !== undefined && q.from >= q.to) {
    ctx.addIssue({ code: "custom", path: ["from"], message: "must be before `to`" });
  }
}

/**
 * A period `resolveRange` completes: ordered, and `from` alone — which runs to now — not in the future (it would
 * leave no period). Filters that only bound a time (the conversations table, search) take checkRangeOrder.
 */
export function checkPeriod(q: { from?: number; to?: number }, ctx: z.RefinementCtx): void {
  checkRangeOrder(q, ctx);
  if (q.from !== undefined && q.to === undefined && q.from > Date.now()) {
    ctx.addIssue({ code: "custom", path: ["from"], message: "must not be in the future without `to` (the period runs to now)" });
  }
}

/** A half-open interval [from, to) in epoch milliseconds. */
export interface Period {
  from: number;
  to: number;
}

export interface Range extends Period {
  /** The period of equal length just before, for trends; never starting before 1970 (see resolveRange). */
  previous: Period;
}

/**
 * Fills in the defaults (the last 7 days up to now) and derives the previous period. A long range that starts
 * early would put that period's start before 1970, an instant no parameter can state and no row holds (every
 * instant here is non-negative): it starts at 0 instead. Its figures are the same (nothing was recorded before),
 * and a range from 0 itself has an empty previous period (0 to 0), so every change is null.
 */
export function resolveRange(q: { from?: number; to?: number }, now: number): Range {
  const to = q.to ?? (q.from !== undefined ? Math.max(now, q.from + 1) : now);
  const from = q.from ?? to - DEFAULT_RANGE_MS;
  const length = to - from;
  return { from, to, previous: { from: Math.max(0, from - length), to: from } };
}

export const rangeView = (r: Range) => ({ from: r.from, to: r.to, previousFrom: r.previous.from, previousTo: r.previous.to });

/** A figure with its value in the previous period. */
export interface Trend {
  value: number | null;
  previous: number | null;
  change: number | null;
}

/** Counts and money change relatively: 0.25 is +25 %; null when there was nothing before. */
export function relativeTrend(value: number, previous: number): Trend {
  return { value, previous, change: previous === 0 ? null : round((value - previous) / Math.abs(previous), 4) };
}

/** Scores and rates are already on a fixed scale, so their change is the difference in points. */
export function absoluteTrend(value: number | null, previous: number | null): Trend {
  return { value, previous, change: value === null || previous === null ? null : round(value - previous, 4) };
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export const roundOrNull = (value: number | null | undefined, digits = 3): number | null =>
  value === null || value === undefined ? null : round(value, digits);

/** `%`, `_` and the escape itself are literal in a search box; LIKE … ESCAPE '\' keeps them so. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export interface Pagination {
  page: number;
  limit: number;
  total: number;
  hasMore: boolean;
}

export const pagination = (page: number, limit: number, total: number): Pagination => ({ page, limit, total, hasMore: page * limit < total });

/**
 * A selected column under its own name. Drizzle reads D1 batch results as objects keyed by column name,
 * so two joined columns both called `external_id` or `name` would overwrite each other; an alias keeps
 * them apart (and keeps the column's decoding, e.g. JSON).
 */
export const aliased = <C extends AnyColumn>(column: C, alias: string): SQL.Aliased<C["_"]["data"] | (C["_"]["notNull"] extends true ? never : null)> =>
  sql`${column}`.mapWith(column).as(alias) as SQL.Aliased<C["_"]["data"] | (C["_"]["notNull"] extends true ? never : null)>;
