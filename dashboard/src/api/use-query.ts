import { useCallback, useEffect, useRef, useState } from "react";

export interface QueryState<T> {
  data: T | undefined;
  error: unknown;
  /** True until the first answer (or error); later reloads keep the data on screen. */
  loading: boolean;
  /** True while any request is in flight, first or reload. */
  fetching: boolean;
  reload: () => void;
  setData: (update: T | ((current: T | undefined) => T)) => void;
}

/**
 * Loads with `load` whenever `key` changes (null: not yet). The previous data stays on screen while a
 * new key or a reload is fetched, so live refreshes never blank a page; answers to stale keys are dropped.
 */
export function useQuery<T>(key: string | null, load: () => Promise<T>): QueryState<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [fetching, setFetching] = useState(key !== null);
  const [settled, setSettled] = useState(false);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const latest = useRef(0);

  useEffect(() => {
    if (key === null) return;
    const id = ++latest.current;
    setFetching(true);
    loadRef.current().then(
      (value) => {
        if (id !== latest.current) return;
        setDataState(value);
        setError(null);
        setFetching(false);
        setSettled(true);
      },
      (e: unknown) => {
        if (id !== latest.current) return;
        setError(e);
        setFetching(false);
        setSettled(true);
      },
    );
  }, [key, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback((update: T | ((current: T | undefined) => T)) => {
    setDataState((current) => (typeof update === "function" ? (update as (c: T | undefined) => T)(current) : update));
  }, []);

  return { data, error, loading: !settled, fetching, reload, setData };
}
