import { CompositeChart } from "@mantine/charts";
import { Paper, Skeleton, Text } from "@mantine/core";
import type { SentimentOverTime } from "../api/types";
import { formatDay, formatScore } from "../lib/format";

export const CHART_HEIGHT = 260;

/** Average user sentiment per day (or week), −1…1, with zero marked. */
export function SentimentTrendChart({ data, loading }: { data: SentimentOverTime | undefined; loading: boolean }) {
  const points = (data?.series ?? []).map((b) => ({ bucket: formatDay(b.start), sentiment: b.averageSentiment, messages: b.messages }));
  const scored = points.filter((p) => p.sentiment !== null).length;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="trend-title">
      <Text fw={600} id="trend-title">
        Sentiment trend
      </Text>
      <Text size="xs" c="dimmed" mb="sm">
        Average sentiment of user messages per {data?.interval ?? "day"}, and how many were scored
      </Text>
      {loading && !data ? (
        <Skeleton h={CHART_HEIGHT} />
      ) : scored === 0 ? (
        <Text h={CHART_HEIGHT} c="dimmed" size="sm" ta="center" pt={100}>
          No scored messages in this range yet.
        </Text>
      ) : (
        <CompositeChart
          h={CHART_HEIGHT}
          data={points}
          dataKey="bucket"
          series={[
            { name: "messages", label: "Scored messages", color: "gray.3", type: "bar", yAxisId: "right" },
            { name: "sentiment", label: "Average sentiment", color: "blue.6", type: "line", yAxisId: "left" },
          ]}
          withRightYAxis
          withLegend
          yAxisProps={{ yAxisId: "left", domain: [-1, 1], ticks: [-1, -0.5, 0, 0.5, 1], tickFormatter: (v: number) => v.toFixed(1) }}
          rightYAxisProps={{ yAxisId: "right", allowDecimals: false }}
          referenceLines={[{ y: 0, color: "gray.5", label: "neutral", yAxisId: "left" }]}
          valueFormatter={(v) => (Number.isInteger(v) ? String(v) : formatScore(v))}
          connectNulls
          curveType="monotone"
          withDots
          maxBarWidth={28}
          aria-label="Sentiment trend chart"
        />
      )}
    </Paper>
  );
}
