import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import { Anchor, Grid, Group, List, Paper, SimpleGrid, Stack, Table, Tabs, Text, Tooltip } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { api } from "../../api/client";
import type { Insights } from "../../api/types";
import { useQuery } from "../../api/use-query";
import { ChartCard } from "../../components/ChartCard";
import { ErrorNotice } from "../../components/ErrorNotice";
import { MRR_AT_RISK_HELP, MrrAtRiskDrawer } from "../../components/mrr-at-risk";
import { OnDemand } from "../../components/on-demand";
import { PageHeader } from "../../components/PageHeader";
import { PersonLink } from "../../components/PersonLink";
import { RefreshFailed } from "../../components/QueryRegion";
import { RangeControl, useDateRange } from "../../components/RangeControl";
import { SentimentBadge } from "../../components/SentimentBadge";
import { formatMoney, formatNumber, formatScore, humanize } from "../../lib/format";
import { apiRangeKey, conversationsRangeQuery } from "../../lib/range";
import { useChatbot } from "../../session/chatbot";

function RevenueSignals({ insights, link, openBreakdown }: { insights: Insights; link: (q: string) => string; openBreakdown: () => void }) {
  const buying = insights.revenueSignals.find((s) => s.flag === "buying_signal");
  const risk = insights.mrrAtRisk;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {/* The overview's KPI, the same figure and the same breakdown (one definition: worker/analytics/mrr-at-risk.ts). */}
      <Paper withBorder radius="md" p="md" data-testid="revenue-mrr-at-risk">
        <Group justify="space-between">
          <Tooltip label={MRR_AT_RISK_HELP} multiline w={280} withArrow>
            <Text fw={600}>MRR at risk</Text>
          </Tooltip>
          <Anchor component="button" type="button" onClick={openBreakdown} size="sm" className="touch-target">
            Who and why →
          </Anchor>
        </Group>
        <Text fz={28} fw={700} c="red.7" data-testid="insights-mrr-at-risk">
          {formatMoney(risk.mrr)}
        </Text>
        <Text size="sm" c="dimmed">
          {formatNumber(risk.organizations)} organizations · {formatNumber(risk.users)} users without one
        </Text>
      </Paper>
      {buying && (
        <Paper withBorder radius="md" p="md" data-testid="revenue-buying_signal">
          <Group justify="space-between">
            <Text fw={600}>Buying signals</Text>
            <Anchor component={Link} to={link("flags=buying_signal")} size="sm">
              {formatNumber(buying.conversations)} conversations →
            </Anchor>
          </Group>
          <Text fz={28} fw={700} c="teal.7">
            {formatMoney(buying.mrr)}
          </Text>
          <Text size="sm" c="dimmed">
            MRR of {formatNumber(buying.organizations)} organizations · {formatNumber(buying.signals)} signals
          </Text>
        </Paper>
      )}
    </SimpleGrid>
  );
}

function DissatisfiedUsers({ insights, chatbotId }: { insights: Insights; chatbotId: string }) {
  if (insights.mostDissatisfiedUsers.length === 0) return <Text c="dimmed" size="sm">No scored conversations with a known user in this range.</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing={6} data-testid="dissatisfied-users">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>User</Table.Th>
            <Table.Th>Organization</Table.Th>
            <Table.Th>Plan</Table.Th>
            <Table.Th>MRR</Table.Th>
            <Table.Th>Avg. sentiment</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {insights.mostDissatisfiedUsers.map((u) => (
            <Table.Tr key={u.externalId}>
              <Table.Td>
                <PersonLink chatbotId={chatbotId} kind="user" externalId={u.externalId} name={u.name ?? u.email} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{u.organization ? <PersonLink chatbotId={chatbotId} kind="organization" externalId={u.organization.externalId} name={u.organization.name} /> : "—"}</Table.Td>
              <Table.Td>{u.plan ?? "—"}</Table.Td>
              <Table.Td>{formatMoney(u.mrr)}</Table.Td>
              <Table.Td>
                <SentimentBadge score={u.averageSentiment} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function TopFrustrations({ insights, link }: { insights: Insights; link: (q: string) => string }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {insights.topFrustrations.map((f) => (
        <Stack key={f.flag} gap={4}>
          <Group justify="space-between">
            <Text fw={600}>{humanize(f.flag)}</Text>
            <Anchor component={Link} to={link(`flags=${f.flag}`)} size="sm">
              {formatNumber(f.conversations)} conversations →
            </Anchor>
          </Group>
          {f.topChunks.length === 0 && f.topReasons.length === 0 ? (
            <Text size="sm" c="dimmed">
              None in this range.
            </Text>
          ) : (
            <List size="sm" spacing={2}>
              {(f.topChunks.length ? f.topChunks : f.topReasons).map((t) => (
                <List.Item key={t.text}>
                  “{t.text}” <Text span c="dimmed" size="xs">×{t.count}</Text>
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      ))}
    </SimpleGrid>
  );
}

const SEGMENTS = [
  { value: "plan", label: "Plan" },
  { value: "industry", label: "Industry" },
  { value: "device", label: "Device" },
  { value: "country", label: "Country" },
] as const;

function SentimentBySegment({ insights }: { insights: Insights }) {
  const [segment, setSegment] = useState<(typeof SEGMENTS)[number]["value"]>("plan");
  const rows = insights.sentimentBySegment[segment].map((r) => ({ segment: r.value ?? "unknown", sentiment: r.averageSentiment ?? 0, conversations: r.conversations }));
  return (
    <>
      <Tabs value={segment} onChange={(v) => v && setSegment(v as typeof segment)} mb="sm">
        <Tabs.List>
          {SEGMENTS.map((s) => (
            <Tabs.Tab key={s.value} value={s.value}>
              {s.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm" h={220}>
          No scored conversations in this range.
        </Text>
      ) : (
        <BarChart
          h={220}
          data={rows}
          dataKey="segment"
          series={[{ name: "sentiment", label: "Average sentiment", color: "blue.6" }]}
          yAxisProps={{ domain: [-1, 1] }}
          valueFormatter={formatScore}
          referenceLines={[{ y: 0, color: "gray.5" }]}
          getBarColor={(v) => (v < -0.2 ? "red.6" : v > 0.2 ? "teal.6" : "gray.5")}
        />
      )}
    </>
  );
}

export default function InsightsPage() {
  const { chatbot } = useChatbot();
  const { api: span } = useDateRange();
  const insights = useQuery(`insights:${chatbot.id}:${apiRangeKey(span)}`, () => api.analytics.insights(chatbot.id, span), { liveChatbotId: chatbot.id });
  const link = (q: string) => `/chatbots/${chatbot.id}/conversations?${conversationsRangeQuery(span)}&${q}`;
  const d = insights.data;
  const [breakdownOpen, setBreakdownOpen] = useState(false);
  const intents = (d?.topIntents ?? []).map((i) => ({ intent: humanize(i.intent), count: i.count }));

  return (
    <Stack>
      <PageHeader title="User insights" description="Who is unhappy, what frustrates them, and where revenue is moving." actions={<RangeControl />} />
      {/* One answer feeds the whole page: a failed first load is one notice in place of every card. */}
      {insights.data === undefined && insights.error !== null ? (
        <ErrorNotice error={insights.error} onRetry={insights.reload} />
      ) : (
        <>
      {insights.refreshFailed && <RefreshFailed query={insights} />}
      <ChartCard title="Revenue signals" subtitle="Organizations and users at risk, and buying signals, in this range" loading={!d} height={120} testId="revenue-signals">
        {d && <RevenueSignals insights={d} link={link} openBreakdown={() => setBreakdownOpen(true)} />}
      </ChartCard>
      {d && (
        <OnDemand wanted={breakdownOpen}>
          <MrrAtRiskDrawer chatbotId={chatbot.id} range={d.range} opened={breakdownOpen} onClose={() => setBreakdownOpen(false)} />
        </OnDemand>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <ChartCard title="Most dissatisfied users" subtitle="Lowest average sentiment across their conversations" loading={!d} height={260}>
            {d && <DissatisfiedUsers insights={d} chatbotId={chatbot.id} />}
          </ChartCard>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <ChartCard title="Top intents" subtitle="What users come for" loading={!d} height={260}>
            {intents.length === 0 ? (
              <Text c="dimmed" size="sm">
                No intents analysed in this range. Intents appear as user messages are analysed; approve suggested ones in Analysis config.
              </Text>
            ) : (
              <BarChart h={260} data={intents} dataKey="intent" orientation="vertical" series={[{ name: "count", label: "Messages", color: "blue.6" }]} yAxisProps={{ width: 130 }} />
            )}
          </ChartCard>
        </Grid.Col>
      </Grid>
      <ChartCard title="Top frustrations" subtitle="What frustrated and confused users said" loading={!d} height={140}>
        {d && <TopFrustrations insights={d} link={link} />}
      </ChartCard>
      <ChartCard title="Sentiment by segment" subtitle="Average conversation sentiment per segment" loading={!d} height={270}>
        {d && <SentimentBySegment insights={d} />}
      </ChartCard>
        </>
      )}
    </Stack>
  );
}
