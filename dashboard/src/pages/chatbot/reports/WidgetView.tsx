import { BarChart, DonutChart } from "@mantine/charts";
import { Anchor, Group, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { Link } from "react-router";
import type { ReportWidget, WidgetData } from "../../../api/types";
import type { SentimentOverTime, Trend } from "../../../api/types";
import { TrendLabel } from "../../../components/KpiCard";
import { SentimentBadge } from "../../../components/SentimentBadge";
import { SentimentTrendPlot } from "../../../components/SentimentTrendChart";
import { languageName } from "../../../lib/languages";
import { viewerTimeZone } from "../../../lib/range";
import { formatAgo, formatDay, formatMoney, formatNumber, formatPercent, formatScore, humanize } from "../../../lib/format";

const STAT_FORMAT = { count: formatNumber, score: formatScore, percent: formatPercent, money: formatMoney } as const;
const CHART_HEIGHT = 220;

/** A figure the live feed moved since the answer arrived, with its change recomputed against the same previous value. */
export function withLive(trend: Trend, extra: number): Trend {
  if (!extra || trend.value === null) return trend;
  const value = trend.value + extra;
  return { ...trend, value, change: trend.previous ? (value - trend.previous) / Math.abs(trend.previous) : trend.change };
}

const categoryName = (type: ReportWidget["type"], key: string | null) => (key === null ? (type === "language_distribution" ? "Not analysed yet" : "None") : type === "language_distribution" ? languageName(key) : humanize(key));

/** One widget's figures, drawn by the kind of answer: a stat, a daily series, a distribution or a list. */
export function WidgetView({ widget, data, chatbotId, live = 0 }: { widget: ReportWidget; data: WidgetData; chatbotId: string; live?: number }) {
  switch (data.kind) {
    case "stat": {
      const trend = withLive(data.trend, live);
      return (
        <Stack gap={4}>
          <Text fz={30} fw={700} lh={1.2} data-testid={`widget-value-${widget.id}`} style={{ fontVariantNumeric: "tabular-nums" }}>
            {STAT_FORMAT[data.format](trend.value)}
          </Text>
          <TrendLabel trend={trend} mode={data.changeMode} higherIsBetter={widget.type !== "mrr_at_risk" && widget.type !== "churn_risk_count"} pointsAsPercent={data.format === "percent"} />
        </Stack>
      );
    }
    case "series": {
      if (widget.type === "sentiment_trend") {
        const series: SentimentOverTime = {
          range: { from: 0, to: 0, previousFrom: 0, previousTo: 0 },
          interval: "day",
          // The report's data is asked in the viewer's zone (ReportPage).
          timeZone: viewerTimeZone(),
          series: data.points.map((p) => ({ start: p.start, end: p.end, averageSentiment: p.value, messages: p.messages ?? 0 })),
          bands: { satisfied: 0, neutral: 0, dissatisfied: 0, unscored: 0, thresholds: { satisfiedAbove: 0.2, dissatisfiedBelow: -0.2 } },
        };
        return <SentimentTrendPlot data={series} />;
      }
      const rows = data.points.map((p) => ({ day: formatDay(p.start), conversations: p.value ?? 0 }));
      return (
        <>
          <BarChart h={CHART_HEIGHT} data={rows} dataKey="day" series={[{ name: "conversations", label: "Conversations", color: "blue.6" }]} />
          <FiguresTable caption={`${widget.title ?? "Conversation volume"} per day`} rows={rows.map((r) => [r.day, formatNumber(r.conversations)])} />
        </>
      );
    }
    case "categories": {
      const items = data.items.map((i) => ({ name: categoryName(widget.type, i.key), value: i.value, share: i.share }));
      if (items.every((i) => i.value === 0)) return <Text c="dimmed" size="sm">Nothing in this range yet.</Text>;
      if (widget.type === "intent_distribution" && widget.chart === "donut") {
        const colors = ["blue.6", "teal.6", "orange.6", "grape.6", "red.6", "cyan.6", "lime.7", "pink.6"];
        const donut = items.filter((i) => i.value > 0).map((i, n) => ({ name: i.name, value: i.value, color: colors[n % colors.length]! }));
        return (
          <Group justify="center" gap="md" wrap="wrap">
            <DonutChart data={donut} withLabelsLine={false} size={160} thickness={26} />
            <Stack gap={4}>
              {donut.map((d) => (
                <Group key={d.name} gap={6} wrap="nowrap">
                  <span aria-hidden="true" style={{ width: 10, height: 10, borderRadius: 5, background: `var(--mantine-color-${d.color.replace(".", "-")})` }} />
                  <Text size="sm">
                    {d.name}: {formatNumber(d.value)}
                  </Text>
                </Group>
              ))}
            </Stack>
          </Group>
        );
      }
      return (
        <>
          <BarChart
            h={Math.max(120, Math.min(CHART_HEIGHT + 80, items.length * 32))}
            data={items}
            dataKey="name"
            orientation="vertical"
            series={[{ name: "value", label: widget.type === "language_distribution" || widget.type === "resolution_distribution" ? "Conversations" : "Messages", color: "blue.6" }]}
            yAxisProps={{ width: 120 }}
          />
          <FiguresTable caption={widget.title ?? humanize(widget.type)} rows={items.map((i) => [i.name, i.share === undefined ? formatNumber(i.value) : `${formatNumber(i.value)} (${formatPercent(i.share ?? null)})`])} />
        </>
      );
    }
    case "topics":
      if (data.rows.length === 0) return <Text c="dimmed" size="sm">No topics in this range. Topics are opt-in: turn them on in Analysis config.</Text>;
      return (
        <Table.ScrollContainer minWidth={260} type="native">
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Topic</Table.Th>
                <Table.Th scope="col">Messages</Table.Th>
                <Table.Th scope="col">Conversations</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.map((r) => (
                <Table.Tr key={r.topic}>
                  <Table.Td>{humanize(r.topic)}</Table.Td>
                  <Table.Td>{formatNumber(r.messages)}</Table.Td>
                  <Table.Td>{formatNumber(r.conversations)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      );
    case "conversations":
      if (data.rows.length === 0) return <Text c="dimmed" size="sm">No conversations started in this range.</Text>;
      return (
        <Stack gap={6}>
          {data.rows.map((r) => (
            <Group key={r.id} justify="space-between" gap="xs" wrap="wrap">
              <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
                <Anchor component={Link} to={`/chatbots/${chatbotId}/conversations/${r.id}`} size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
                  {r.user?.name ?? r.user?.email ?? r.user?.externalId ?? r.externalId}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatNumber(r.messageCount)} {r.messageCount === 1 ? "message" : "messages"} · {formatAgo(r.lastMessageAt)}
                </Text>
              </Stack>
              <SentimentBadge score={r.sentiment?.average ?? null} label={r.sentiment?.label} />
            </Group>
          ))}
        </Stack>
      );
  }
}

/** The chart's figures as a table for screen readers (a chart's SVG reads as loose numbers). */
function FiguresTable({ caption, rows }: { caption: string; rows: [string, string][] }) {
  return (
    <VisuallyHidden>
      <table>
        <caption>{caption}</caption>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </VisuallyHidden>
  );
}
