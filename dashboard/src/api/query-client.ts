/**
 * The dashboard's one TanStack Query cache. Requests with the same key are shared (two components asking
 * for the overview make one request), answers are kept per key (per range, per filter set) for five
 * minutes, refreshed in the background when a window regains focus, after any change the member makes
 * through the API (every cached answer is invalidated; only what is on screen refetches), and on the
 * live feed's events for the queries that opt in (see LiveFeedProvider).
 */
import { QueryClient } from "@tanstack/react-query";
import { ApiError, onChanged } from "./client";

/** A failed read is retried once when a retry can help (the network, the server), never for a refusal. */
function retry(failures: number, error: unknown): boolean {
  if (failures >= 1) return false;
  return !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      gcTime: 5 * 60_000,
      retry,
      retryDelay: 400,
      refetchOnWindowFocus: true,
    },
  },
});

onChanged(() => void queryClient.invalidateQueries());
