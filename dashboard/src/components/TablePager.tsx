import { Button, Group, Pagination, Text } from "@mantine/core";
import type { Pagination as PageInfo } from "../api/types";
import { formatNumber } from "../lib/format";
import { EmptyNotice } from "./EmptyNotice";

const lastPage = (pagination: PageInfo) => Math.max(1, Math.ceil(pagination.total / pagination.limit));

/** A page beyond the last (an old link, a table that shrank): rows exist, just not this many pages of them. */
export const pastLastPage = (pagination: PageInfo | undefined): pagination is PageInfo =>
  pagination !== undefined && pagination.total > 0 && pagination.page > lastPage(pagination);

/** What a table shows instead of "nothing yet" on a page past its last: how many there are, and a way there. */
export function PastLastPage({ pagination, onPage, noun }: { pagination: PageInfo; onPage: (page: number) => void; noun: string }) {
  const last = lastPage(pagination);
  return (
    <EmptyNotice title={`Page ${formatNumber(pagination.page)} is past the last one`}>
      {formatNumber(pagination.total)} {noun} fill {last === 1 ? "one page" : `${formatNumber(last)} pages`}.{" "}
      <Button variant="subtle" size="compact-sm" onClick={() => onPage(last)}>
        Go to page {formatNumber(last)}
      </Button>
    </EmptyNotice>
  );
}

export function TablePager({ pagination, onPage, noun }: { pagination: PageInfo | undefined; onPage: (page: number) => void; noun: string }) {
  if (!pagination) return <Group h={36} />;
  const pages = lastPage(pagination);
  const first = pagination.total ? (pagination.page - 1) * pagination.limit + 1 : 0;
  const last = Math.min(pagination.total, pagination.page * pagination.limit);
  const total = `${formatNumber(pagination.total)} ${noun}`;
  return (
    <Group justify="space-between" h={36}>
      <Text size="sm" c="dimmed" data-testid="table-total">
        {!pagination.total ? `No ${noun}` : first > pagination.total ? `None on this page, of ${total}` : `${formatNumber(first)}–${formatNumber(last)} of ${total}`}
      </Text>
      {pages > 1 && (
        <Pagination total={pages} value={Math.min(pagination.page, pages)} onChange={onPage} size="sm" getControlProps={(control) => ({ "aria-label": `${control} page` })} />
      )}
    </Group>
  );
}
