import { keepPreviousData, useQuery as useTanstackQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { cacheEntry, isGone, queryClient, type QueryOptions } from "./query-client";

export interface QueryState<T> {
  data: T | undefined;
  /** The last attempt's error; with `data` still set it is a failed refresh, not a failed load. */
  error: unknown;
  /** True until the first answer (or error); later reloads keep the data on screen. */
  loading: boolean;
  /** True while any request is in flight, first or reload. */
  fetching: boolean;
  /** The data on screen is older than what was asked for: a refresh failed, so it may be out of date. */
  refreshFailed: boolean;
  /** When the data on screen was fetched (ms), 0 before the first answer. */
  updatedAt: number;
  reload: () => void;
  setData: (update: T | ((current: T | undefined) => T)) => void;
}


/**
 * Loads with `load` whenever `key` changes (null: not yet), through the shared TanStack Query cache:
 * one request per key however many components ask, cached answers shown at once. The previous key's
 * data stays on screen while a new key is fetched, so filters and live refreshes never blank a page.
 */
export function useQuery<T>(key: string | null, load: () => Promise<T>, options: QueryOptions = {}): QueryState<T> {
  const query = useTanstackQuery({
    ...cacheEntry(key, load, options),
    // Asked each time a fetch is considered, so a query of something being deleted stops at once (query-client.ts `deleting`).
    enabled: () => key !== null && !isGone(key),
    placeholderData: keepPreviousData,
  });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  const setData = useCallback(
    (update: T | ((current: T | undefined) => T)) => {
      queryClient.setQueryData<T>([key], (current) => (typeof update === "function" ? (update as (c: T | undefined) => T)(current) : update));
    },
    [key],
  );
  const error = query.error ?? null;
  return {
    data: query.data,
    error,
    loading: query.isPending,
    fetching: query.isFetching,
    refreshFailed: error !== null && query.data !== undefined,
    updatedAt: query.dataUpdatedAt,
    reload,
    setData,
  };
}
