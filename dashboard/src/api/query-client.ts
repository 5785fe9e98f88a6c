/**
 * The dashboard's one TanStack Query cache. Requests with the same key are shared (two components asking
 * for the overview make one request), answers are kept per key (per range, per filter set) for five
 * minutes, refreshed in the background when a window regains focus, after any change the member makes
 * through the API (every cached answer is invalidated; only what is on screen refetches), and on the
 * live feed's events for the queries that opt in (see LiveFeedProvider).
 */
import { QueryClient } from "@tanstack/react-query";
import { onChanged } from "./client";
import { retryDelay, shouldRetry } from "./retry";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      gcTime: 5 * 60_000,
      retry: shouldRetry,
      retryDelay,
      refetchOnWindowFocus: true,
    },
  },
});

onChanged(() => void queryClient.invalidateQueries());

/** Key prefixes of what this tab is deleting or has deleted (see `deleting`). */
const gone = new Set<string>();

/** Whether `key` is one of `prefixes` or lies under one (`prefix:…`). */
const under = (key: unknown, prefixes: Iterable<string>) => typeof key === "string" && [...prefixes].some((prefix) => key === prefix || key.startsWith(`${prefix}:`));

/** Whether `key` reads something deleted. */
export const isGone = (key: string) => under(key, gone);

/**
 * Deletes something the page on screen reads. From the moment the request leaves, the queries under
 * `prefixes` are disabled, so neither the invalidation every change triggers, nor a live event, nor the
 * window's focus asks for them again: each could only answer 404 now. A failed delete enables them again.
 * The page calls `forgetDeleted` with the same prefixes once it has left.
 */
export async function deleting<T>(prefixes: string[], remove: () => Promise<T>): Promise<T> {
  for (const prefix of prefixes) gone.add(prefix);
  try {
    return await remove();
  } catch (error) {
    for (const prefix of prefixes) gone.delete(prefix);
    throw error;
  }
}

/** Drops the cached answers of something deleted: its address opened again asks afresh (and says "not found"). */
export function forgetDeleted(prefixes: string[]): void {
  queryClient.removeQueries({ predicate: (q) => under(q.queryKey[0], prefixes) });
  for (const prefix of prefixes) gone.delete(prefix);
}

export interface QueryOptions {
  /** Refetch when the live feed of this chatbot reports events (analytics that move with traffic). */
  liveChatbotId?: string;
  /**
   * Refetch when the index queue has written conversations of this chatbot to D1 (the feed's `indexed`
   * frame): reads of the index (the conversations table, the attention queue) then see the change.
   */
  indexedChatbotId?: string;
}

/** How a key, its loader and its options become one entry of the cache, for `useQuery` and `prefetchQuery` alike. */
export function cacheEntry<T>(key: string | null, load: () => Promise<T>, options: QueryOptions) {
  const meta = options.liveChatbotId || options.indexedChatbotId ? { liveChatbotId: options.liveChatbotId, indexedChatbotId: options.indexedChatbotId } : undefined;
  return { queryKey: [key], queryFn: load, meta };
}

/**
 * Starts loading what a page's `useQuery(key, load, options)` will ask for before the page is on screen
 * (boot.ts): the page then finds the answer, or the request in flight, in the cache. This module stays
 * free of React so that the boot script runs before the application's bundle has arrived.
 */
export function prefetchQuery<T>(key: string, load: () => Promise<T>, options: QueryOptions = {}): void {
  void queryClient.prefetchQuery(cacheEntry(key, load, options));
}

/**
 * Puts an answer the page already holds into the cache under the key a page's `useQuery` will ask for (the
 * Worker's first paint of the overview, session/first-paint.ts): the page finds it fresh and does not ask.
 */
export function seedQuery<T>(key: string, data: T, options: QueryOptions = {}): void {
  void queryClient.prefetchQuery(cacheEntry(key, () => Promise.resolve(data), options));
}
