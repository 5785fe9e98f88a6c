import { Group, Pagination, Text } from "@mantine/core";
import type { Pagination as PageInfo } from "../api/types";
import { formatNumber } from "../lib/format";

export function TablePager({ pagination, onPage, noun }: { pagination: PageInfo | undefined; onPage: (page: number) => void; noun: string }) {
  if (!pagination) return <Group h={36} />;
  const pages = Math.max(1, Math.ceil(pagination.total / pagination.limit));
  const first = pagination.total ? (pagination.page - 1) * pagination.limit + 1 : 0;
  const last = Math.min(pagination.total, pagination.page * pagination.limit);
  return (
    <Group justify="space-between" h={36}>
      <Text size="sm" c="dimmed" data-testid="table-total">
        {pagination.total ? `${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(pagination.total)} ${noun}` : `No ${noun}`}
      </Text>
      {pages > 1 && <Pagination total={pages} value={pagination.page} onChange={onPage} size="sm" getControlProps={(control) => ({ "aria-label": `${control} page` })} />}
    </Group>
  );
}
