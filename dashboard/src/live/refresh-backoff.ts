/**
 * How often a live event may refetch a query that is failing. Each refetch is itself retried once (api/retry.ts),
 * and under traffic the live feed asks every 2.5 s: without a wait, an endpoint in trouble would be asked for
 * again and again for as long as the traffic lasts.
 */
import type { Query } from "@tanstack/react-query";

/** The wait after a first failure before a live event asks again; it doubles with each failure in a row. */
export const ERROR_REFRESH_MS = 15_000;
/** The longest wait between live refetches of a failing query. */
export const MAX_ERROR_REFRESH_MS = 120_000;

/** Failures in a row per query, and the last one's time (to count each failure once however often we look). */
const failures = new WeakMap<Query, { count: number; at: number }>();

/**
 * Whether a live event should refetch `query` now: always when its last fetch succeeded; when it failed, only
 * once the wait since that failure has passed (15 s, 30 s, 60 s, then every 2 minutes). "Try again", a change
 * made from the dashboard and the live feed's reconnection still ask at once.
 */
export function liveRefreshDue(query: Query, now = Date.now()): boolean {
  const { status, errorUpdatedAt } = query.state;
  if (status !== "error") {
    failures.delete(query);
    return true;
  }
  const seen = failures.get(query);
  const current = seen && seen.at === errorUpdatedAt ? seen : { count: (seen?.count ?? 0) + 1, at: errorUpdatedAt };
  failures.set(query, current);
  return now - errorUpdatedAt >= Math.min(MAX_ERROR_REFRESH_MS, ERROR_REFRESH_MS * 2 ** (current.count - 1));
}
