import "@mantine/charts/styles.css";
import { BarChart, DonutChart } from "@mantine/charts";
import { Anchor, Badge, Grid, Group, Stack, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { api } from "../../api/client";
import { useQuery } from "../../api/use-query";
import { ChartCard } from "../../components/ChartCard";
import { ErrorNotice } from "../../components/ErrorNotice";
import { PageHeader } from "../../components/PageHeader";
import { RefreshFailed } from "../../components/QueryRegion";
import { RangeControl, useDateRange } from "../../components/RangeControl";
import { formatDateTime, formatNumber, formatPercent, humanize } from "../../lib/format";
import { apiRangeKey } from "../../lib/range";
import { useChatbot } from "../../session/chatbot";

const RESOLUTION_COLORS: Record<string, string> = { fully_resolved: "teal.6", partially_resolved: "yellow.6", unresolved: "red.6" };

export default function AssistantPage() {
  const { chatbot } = useChatbot();
  const { api: span } = useDateRange();
  const perf = useQuery(`assistant:${chatbot.id}:${apiRangeKey(span)}`, () => api.analytics.assistant(chatbot.id, span), { liveChatbotId: chatbot.id });
  const d = perf.data;
  const behaviours = (d?.behaviours ?? []).map((b) => ({ behaviour: humanize(b.behaviour), count: b.count }));
  const outcomes = (d?.resolutions.outcomes ?? []).map((o) => ({ name: humanize(o.resolution), value: o.count, color: RESOLUTION_COLORS[o.resolution] ?? "gray.6", share: o.share }));

  return (
    <Stack>
      <PageHeader title="Assistant performance" description="How your assistant behaves, whether it resolves conversations, and where it may have made things up." actions={<RangeControl />} />
      {/* One answer feeds the whole page: a failed first load is one notice in place of every card. */}
      {perf.data === undefined && perf.error !== null ? (
        <ErrorNotice error={perf.error} onRetry={perf.reload} />
      ) : (
        <>
      {perf.refreshFailed && <RefreshFailed query={perf} />}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <ChartCard title="Behaviours" subtitle="Assistant messages showing each behaviour" loading={!d} height={300}>
            {behaviours.length === 0 ? (
              <Text c="dimmed" size="sm">
                No assistant behaviour found in this range. Behaviours are read from your assistant&apos;s replies: send them with role &quot;assistant&quot;.
              </Text>
            ) : (
              <BarChart h={300} data={behaviours} dataKey="behaviour" orientation="vertical" series={[{ name: "count", label: "Messages", color: "blue.6" }]} yAxisProps={{ width: 130 }} />
            )}
          </ChartCard>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <ChartCard title="Resolution outcomes" subtitle={d ? `${formatNumber(d.resolutions.judged)} ended conversations judged` : undefined} loading={!d} height={300}>
            {d && d.resolutions.judged === 0 ? (
              <Text c="dimmed" size="sm">
                No conversation has ended in this range yet. Conversations end after the chatbot's idle timeout or when your integration ends them.
              </Text>
            ) : (
              <Stack align="center">
                <DonutChart data={outcomes} withLabelsLine={false} size={180} thickness={28} chartLabel={d ? formatPercent(d.resolutions.outcomes[0]?.share ?? null) : ""} />
                <Group gap="md" justify="center">
                  {outcomes.map((o) => (
                    <Group key={o.name} gap={6}>
                      <div style={{ width: 10, height: 10, borderRadius: 5, background: `var(--mantine-color-${o.color.replace(".", "-")})` }} />
                      <Text size="sm">
                        {o.name}: {formatNumber(o.value)} ({formatPercent(o.share)})
                      </Text>
                    </Group>
                  ))}
                </Group>
              </Stack>
            )}
          </ChartCard>
        </Grid.Col>
      </Grid>
      <ChartCard title="Hallucinations" subtitle={d ? `${formatNumber(d.hallucinations.total)} in this range` : undefined} loading={!d} height={160}>
        {d && (
          <Stack>
            <Group gap="xs">
              {(["high", "medium", "low", "unspecified"] as const).map((s) => (
                <Badge key={s} color={s === "high" ? "red" : s === "medium" ? "orange" : "gray"} variant="light" size="lg">
                  {humanize(s)}: {d.hallucinations.bySeverity[s]}
                </Badge>
              ))}
            </Group>
            {d.hallucinations.recent.length === 0 ? (
              <Text c="dimmed" size="sm">
                None found. Good.
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table verticalSpacing={6}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>When</Table.Th>
                      <Table.Th>Conversation</Table.Th>
                      <Table.Th>Severity</Table.Th>
                      <Table.Th>What the analyzer saw</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.hallucinations.recent.map((h) => (
                      <Table.Tr key={`${h.conversationId}:${h.messageSeq}`}>
                        <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(h.analyzedAt)}</Table.Td>
                        <Table.Td>
                          <Anchor component={Link} to={`/chatbots/${chatbot.id}/conversations/${h.conversationId}`} size="sm">
                            {h.externalId ?? h.conversationId.slice(0, 12)}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{h.severity ?? "—"}</Table.Td>
                        <Table.Td>
                          <Text size="sm">{h.reason ?? "—"}</Text>
                          {h.chunk && (
                            <Text size="xs" c="dimmed" fs="italic">
                              “{h.chunk}”
                            </Text>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>
        )}
      </ChartCard>
        </>
      )}
    </Stack>
  );
}
