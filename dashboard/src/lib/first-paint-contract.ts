/**
 * What the Worker puts into the overview's page for its first paint (worker/first-paint) and the dashboard
 * reads back (session/first-paint.ts): the element ids, the cookies that tell the Worker the viewer's time
 * zone and colour scheme, and the shape of the inlined answer. Types and constants only, for both sides.
 */
import type { Overview } from "../api/types";
import type { ApiRange } from "./range";

/** The overlay holding the painted KPIs, shown until the application draws the page itself. */
export const FIRST_PAINT_ID = "first-paint";
/** The `<script type="application/json">` holding the answer the overlay was drawn from. */
export const FIRST_PAINT_DATA_ID = "first-paint-data";

/**
 * The viewer's IANA time zone, written by the dashboard on every load: "analysed today" starts at the viewer's
 * midnight, which the Worker cannot know otherwise. Without it the Worker paints nothing and the page loads as
 * before.
 */
export const ZONE_COOKIE = "ob_tz";
/** The colour scheme last chosen on this browser (`light`, `dark`; none: the system's), so the first paint matches. */
export const SCHEME_COOKIE = "ob_scheme";

export interface FirstPaint {
  chatbotId: string;
  /** The zone the figures were counted in (the zone cookie's). */
  timeZone: string;
  /** The instant the Worker answered at: the application's ranges count to it for a minute (lib/range.ts pinRangeNow). */
  now: number;
  /** The range asked for, as the application would ask for it (lib/range.ts apiRange). */
  span: ApiRange;
  overview: Overview;
}
