import { useCallback } from "react";
import { useSearchParams } from "react-router";

/**
 * Table state (filters, sort, page) lives in the URL, so a filtered view can be shared, the back button
 * works, and other pages can link straight to "this user's conversations". Each change is a history entry of
 * its own (a search box's, once its typing settles): Back undoes the last filter, not the whole page.
 */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ""])) as Record<K, string>;
  const set = useCallback(
    (changes: Partial<Record<K | "page", string | number | null | undefined>>, resetPage = true) =>
      setParams(
        (p) => {
          for (const [k, v] of Object.entries(changes) as [string, string | number | null | undefined][]) {
            if (v === null || v === undefined || v === "") p.delete(k);
            else p.set(k, String(v));
          }
          if (resetPage && !("page" in changes)) p.delete("page");
          return p;
        },
      ),
    [setParams],
  );
  const clear = useCallback(
    (which: readonly string[]) =>
      setParams(
        (p) => {
          for (const k of which) p.delete(k);
          p.delete("page");
          return p;
        },
      ),
    [setParams],
  );
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  return { values, set, clear, page, params };
}

/** Columns a person chose to see, remembered in this browser. */
export function loadColumns<C extends string>(storageKey: string, all: readonly C[], defaults: readonly C[]): C[] {
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey) ?? "null") as unknown;
    if (Array.isArray(saved)) return all.filter((c) => saved.includes(c));
  } catch {
    // a broken entry falls back to the defaults
  }
  return [...defaults];
}
