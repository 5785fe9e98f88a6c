import { Button, Group, Text } from "@mantine/core";
import type { ReactNode } from "react";
import type { QueryState } from "../api/use-query";
import { formatTime } from "../lib/format";
import { ErrorNotice } from "./ErrorNotice";

/** What the region helpers read of a query, whatever its data type. */
export type RegionQuery = Pick<QueryState<unknown>, "data" | "error" | "reload" | "refreshFailed" | "updatedAt" | "fetching">;

/**
 * One region of a page fed by one query, in its honest state: a skeleton while the first answer is on
 * its way, the error (once, with a retry) if it failed, the empty state only when an answer said
 * "nothing", and the content otherwise — marked "could not refresh" when a later refresh failed.
 */
export function QueryRegion<T>({
  query,
  skeleton,
  isEmpty,
  empty,
  children,
}: {
  query: QueryState<T>;
  skeleton: ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.data === undefined) {
    if (query.error !== null) return <ErrorNotice error={query.error} onRetry={query.reload} />;
    return <>{skeleton}</>;
  }
  return (
    <>
      {query.refreshFailed && <RefreshFailed query={query} />}
      {isEmpty?.(query.data) ? empty : children(query.data)}
    </>
  );
}

/** Data kept on screen after a failed refresh: says so, how old it is, and offers a retry. */
export function RefreshFailed({ query }: { query: Pick<QueryState<unknown>, "updatedAt" | "reload" | "fetching"> }) {
  return (
    <Group gap="xs" role="status" data-testid="refresh-failed" wrap="wrap">
      <Text size="sm" c="orange" fw={600}>
        Could not refresh{query.updatedAt ? ` · showing data from ${formatTime(query.updatedAt)}` : ""}
      </Text>
      <Button size="compact-sm" variant="light" color="orange" onClick={query.reload} loading={query.fetching}>
        Retry
      </Button>
    </Group>
  );
}

/**
 * The error half of a region whose content is laid out by the page (tables with their own skeleton
 * rows): nothing while all is well, the error with a retry when the first load failed, the "could not
 * refresh" mark when a later one did. Pages hide their skeleton and empty state when `failed(query)`.
 */
export function RegionError({ query }: { query: RegionQuery }) {
  if (failed(query)) return <ErrorNotice error={query.error} onRetry={query.reload} />;
  if (query.refreshFailed) return <RefreshFailed query={query} />;
  return null;
}

/** The first load failed: there is nothing to show but the error. */
export const failed = (query: Pick<RegionQuery, "data" | "error">) => query.data === undefined && query.error !== null;
