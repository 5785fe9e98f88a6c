/**
 * "Today" in a viewer's time zone: the analytics figures that count a day (the overview's analysed today)
 * start it at midnight in the zone the caller names (an IANA name, as browsers report it), UTC when none.
 */
import { z } from "zod";
import { NAMES_BEYOND_INTL } from "./zone-names";

/** The IANA names the runtime knows, by lower case, to give a zone spelled in another case its proper name. */
let namesByLowerCase: Map<string, string> | null = null;
const properName = (zone: string): string => {
  namesByLowerCase ??= new Map([...Intl.supportedValuesOf("timeZone"), ...NAMES_BEYOND_INTL.filter(known)].map((name) => [name.toLowerCase(), name]));
  const named = namesByLowerCase.get(zone.toLowerCase());
  return named !== undefined && named !== zone ? named : zone;
};

/**
 * True when the runtime knows the zone (Intl throws a RangeError on an unknown one) and it is a named zone:
 * Intl also takes offsets such as "+02:00", which are not IANA zones (they have no daylight-saving rules).
 */
function known(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return /^[A-Za-z]/.test(zone);
  } catch {
    return false;
  }
}

const IANA_ZONE = "must be an IANA time zone, such as Europe/Paris or UTC";

/**
 * An IANA time zone, kept as written except for its case ("europe/paris" is answered as "Europe/Paris", "utc"
 * as "UTC"; an older name such as Asia/Calcutta stays as the caller wrote it).
 */
export const timeZone = z
  .string()
  .min(1, { message: IANA_ZONE, abort: true })
  .max(64, { abort: true })
  .refine(known, IANA_ZONE)
  .transform(properName);

/** One formatter per zone: building one costs far more than using it, and the live feed asks on every tick. */
const wallClocks = new Map<string, Intl.DateTimeFormat>();
function wallClock(zone: string): Intl.DateTimeFormat {
  let format = wallClocks.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    wallClocks.set(zone, format);
  }
  return format;
}

/** The zone's wall clock at instant `t`, as if it were UTC (its calendar fields; whole seconds). */
export const wallTime = (t: number, zone: string): number => t + offsetAt(t, zone);

/** How far the zone's wall clock is ahead of UTC at instant `t`, in ms. */
function offsetAt(t: number, zone: string): number {
  const parts = Object.fromEntries(
    wallClock(zone)
      .formatToParts(t)
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<"year" | "month" | "day" | "hour" | "minute" | "second", number>;
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - (t - (((t % 1000) + 1000) % 1000));
}

/** The instant the day holding `now` began in `zone` (its midnight, or the first instant after a skipped one). */
export function startOfDay(now: number, zone: string): number {
  const local = now + offsetAt(now, zone);
  const midnightWall = Math.floor(local / 86_400_000) * 86_400_000;
  // The offset at midnight may differ from now's (a daylight-saving change in between): take midnight's own.
  const guess = midnightWall - offsetAt(now, zone);
  return midnightWall - offsetAt(guess, zone);
}

/** The calendar day of `now` in `zone`, YYYY-MM-DD: its wall-clock date. */
export const localDay = (now: number, zone: string): string => new Date(wallTime(now, zone)).toISOString().slice(0, 10);
