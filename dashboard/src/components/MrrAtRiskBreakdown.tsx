import { Anchor, Badge, Drawer, Group, Skeleton, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { api } from "../api/client";
import { useQuery } from "../api/use-query";
import { formatDateTime, formatMoney, formatNumber, humanize } from "../lib/format";
import { viewerTimeZone } from "../lib/range";
import { FlagBadge } from "./FlagBadge";
import { PersonLink } from "./PersonLink";
import { QueryRegion } from "./QueryRegion";
import { TablePager } from "./TablePager";

/** Whether another row shows the same name as row `i`. */
const namesake = (rows: { name: string | null; email: string | null }[], i: number) => {
  const shown = (r: (typeof rows)[number]) => r.name ?? r.email;
  return rows.some((o, j) => j !== i && shown(o) === shown(rows[i]!));
};

/**
 * Who makes up MRR at risk, for exactly the range of the figure it was opened from (`from`/`to` of that
 * answer), so its rows add up to the figure on screen.
 */
export function MrrAtRiskDrawer({ chatbotId, range, opened, onClose }: { chatbotId: string; range: { from: number; to: number }; opened: boolean; onClose: () => void }) {
  const [page, setPage] = useState(1);
  const breakdown = useQuery(opened ? `mrr-at-risk:${chatbotId}:${range.from}:${range.to}:${page}` : null, () => api.analytics.mrrAtRisk(chatbotId, { from: range.from, to: range.to, page, limit: 50 }));
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="xl" title="MRR at risk: who and why">
      <QueryRegion query={breakdown} skeleton={<Skeleton h={200} aria-busy="true" />}>
        {(b) => (
          <Stack data-testid="mrr-breakdown">
            <Group gap="xs" align="baseline">
              <Text fz={28} fw={700} data-testid="mrr-breakdown-total">
                {formatMoney(b.data.total.mrr)}
              </Text>
              <Text size="sm" c="dimmed">
                {formatNumber(b.data.total.organizations)} organizations · {formatNumber(b.data.total.users)} users without one · {formatDateTime(b.data.range.from)} – {formatDateTime(b.data.range.to)} ({viewerTimeZone()})
              </Text>
            </Group>
            <Text size="sm" c="dimmed">
              {/* The API's one definition, its flag ids in words, as the KPI's tooltip says them. */}
              {b.data.definition.replace(/\b[a-z]+(?:_[a-z]+)+\b/g, (slug) => humanize(slug).toLowerCase())}
            </Text>
            {b.data.rows.length === 0 ? (
              <Text size="sm">No organization or user raised churn risk or frustration in this range.</Text>
            ) : (
              <Table.ScrollContainer minWidth={560}>
                <Table verticalSpacing={6}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Who</Table.Th>
                      <Table.Th>MRR</Table.Th>
                      <Table.Th>Why</Table.Th>
                      <Table.Th>Conversations</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {b.data.rows.map((r, i, rows) => (
                      <Table.Tr key={`${r.kind}:${r.externalId}`} data-testid="mrr-breakdown-row">
                        <Table.Td>
                          <Group gap={6} wrap="nowrap">
                            <PersonLink chatbotId={chatbotId} kind={r.kind} externalId={r.externalId} name={r.name ?? r.email} />
                            <Badge size="xs" variant="outline" color="gray">
                              {r.kind === "organization" ? "org" : "user"}
                            </Badge>
                          </Group>
                          {/* Two rows of one name (two "Omar Nguyen") are told apart by their ids. */}
                          {(r.plan || namesake(rows, i)) && (
                            <Text size="xs" c="dimmed">
                              {[r.plan, namesake(rows, i) ? r.externalId : null].filter(Boolean).join(" · ")}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td data-testid="mrr-breakdown-mrr" data-mrr={r.mrr ?? 0} style={{ fontVariantNumeric: "tabular-nums" }}>
                          {formatMoney(r.mrr)}
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            {r.flags.map((f) => (
                              <Group key={f.flag} gap={2} wrap="nowrap">
                                <FlagBadge slug={f.flag} />
                                <Text size="xs" c="dimmed">
                                  ×{f.conversations}
                                </Text>
                              </Group>
                            ))}
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          <Anchor component={Link} to={`/chatbots/${chatbotId}/conversations/${r.latestConversationId}`} size="sm">
                            {formatNumber(r.conversations)} · latest →
                          </Anchor>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            <TablePager pagination={b.pagination} onPage={setPage} noun="at risk" />
          </Stack>
        )}
      </QueryRegion>
    </Drawer>
  );
}
