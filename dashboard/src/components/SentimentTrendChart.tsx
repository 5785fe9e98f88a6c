import { Group, Paper, Skeleton, Text, VisuallyHidden } from "@mantine/core";
import { useElementSize } from "@mantine/hooks";
import type { SentimentOverTime } from "../api/types";
import { formatDay, formatHour, formatNumber, formatScore } from "../lib/format";
import { viewerTimeZone } from "../lib/range";

export const CHART_HEIGHT = 260;
const PAD = { top: 12, right: 40, bottom: 28, left: 40 };
const TICKS = [-1, -0.5, 0, 0.5, 1];

/**
 * Average user sentiment per day (or week), −1…1 with zero marked, over bars of how many messages were
 * scored. Plain SVG rather than a chart library: the overview is the first page most people open, and
 * this one chart does not justify 130 KB of JavaScript. Its ink comes from the theme's --ob-chart-*
 * variables, so it reads in light and dark; a table of the same figures is there for screen readers.
 */
export function SentimentTrendPlot({ data }: { data: SentimentOverTime }) {
  const { ref, width } = useElementSize();
  // An hourly series (the view of a day) is labelled by the viewer's clock time, the others by day.
  const points = data.series.map((b) => ({ label: data.interval === "hour" ? formatHour(b.start) : formatDay(b.start), sentiment: b.averageSentiment, messages: b.messages }));
  const w = Math.max(width, 200);
  const innerW = w - PAD.left - PAD.right;
  const innerH = CHART_HEIGHT - PAD.top - PAD.bottom;
  const maxMessages = Math.max(1, ...points.map((p) => p.messages));
  const step = innerW / Math.max(points.length, 1);
  const x = (i: number) => PAD.left + step * (i + 0.5);
  const yScore = (s: number) => PAD.top + ((1 - s) / 2) * innerH;
  const yCount = (n: number) => PAD.top + innerH - (n / maxMessages) * innerH;
  const barW = Math.min(28, step * 0.6);
  const labelEvery = Math.max(1, Math.ceil(points.length / Math.max(1, Math.floor(innerW / 64))));
  const line = points
    .map((p, i) => (p.sentiment === null ? null : `${x(i).toFixed(1)},${yScore(p.sentiment).toFixed(1)}`))
    .filter((p): p is string => p !== null)
    .join(" ");
  const axisText = { fill: "var(--ob-chart-axis)", fontSize: 12 } as const;
  return (
    <div ref={ref} style={{ width: "100%" }}>
      <Group gap="md" mb={4} aria-hidden="true">
        <Group gap={6}>
          <span style={{ width: 12, height: 12, background: "var(--ob-chart-bar)", display: "inline-block", borderRadius: 2 }} />
          <Text size="xs">Scored messages (right axis)</Text>
        </Group>
        <Group gap={6}>
          <span style={{ width: 14, height: 3, background: "var(--ob-chart-line)", display: "inline-block" }} />
          <Text size="xs">Average sentiment (left axis)</Text>
        </Group>
      </Group>
      {width > 0 && (
        <svg width={w} height={CHART_HEIGHT} aria-hidden="true" data-testid="trend-plot" style={{ display: "block" }}>
          {TICKS.map((t) => (
            <g key={t}>
              <line x1={PAD.left} x2={w - PAD.right} y1={yScore(t)} y2={yScore(t)} stroke="var(--ob-chart-grid)" strokeDasharray={t === 0 ? undefined : "3 3"} />
              <text x={PAD.left - 6} y={yScore(t) + 4} textAnchor="end" {...axisText}>
                {t.toFixed(1)}
              </text>
            </g>
          ))}
          {[0, maxMessages].map((n) => (
            <text key={n} x={w - PAD.right + 6} y={yCount(n) + 4} {...axisText}>
              {formatNumber(n)}
            </text>
          ))}
          {points.map((p, i) => (
            <rect key={`b${i}`} x={x(i) - barW / 2} y={yCount(p.messages)} width={barW} height={PAD.top + innerH - yCount(p.messages)} fill="var(--ob-chart-bar)" rx={2} />
          ))}
          <polyline points={line} fill="none" stroke="var(--ob-chart-line)" strokeWidth={2.5} strokeLinejoin="round" />
          {points.map((p, i) =>
            p.sentiment === null ? null : <circle key={`d${i}`} cx={x(i)} cy={yScore(p.sentiment)} r={3.5} fill="var(--ob-chart-line)" stroke="var(--mantine-color-body)" strokeWidth={1.5} />,
          )}
          {/* Drawn over the bars, with a halo of the page colour so it stays legible on them. */}
          <text x={PAD.left + 4} y={yScore(0) - 5} stroke="var(--mantine-color-body)" strokeWidth={3} paintOrder="stroke" {...axisText}>
            neutral
          </text>
          {points.map((p, i) =>
            i % labelEvery === 0 ? (
              <text key={`x${i}`} x={x(i)} y={CHART_HEIGHT - 8} textAnchor="middle" {...axisText}>
                {p.label}
              </text>
            ) : null,
          )}
        </svg>
      )}
      <VisuallyHidden>
        <table>
          <caption>Sentiment trend</caption>
          <thead>
            <tr>
              <th scope="col">{data.interval === "week" ? "Week of" : data.interval === "hour" ? "Hour" : "Day"}</th>
              <th scope="col">Average sentiment</th>
              <th scope="col">Scored messages</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p, i) => (
              <tr key={i}>
                <th scope="row">{p.label}</th>
                <td>{formatScore(p.sentiment)}</td>
                <td>{formatNumber(p.messages)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </div>
  );
}

/** The trend's panel: title, the chart or what to do while there is nothing to chart. */
export function SentimentTrendChart({ data }: { data: SentimentOverTime }) {
  const scored = data.series.filter((b) => b.averageSentiment !== null).length;
  return (
    <TrendPanel interval={data.interval}>
      {scored === 0 ? (
        <Text h={CHART_HEIGHT} size="sm" ta="center" pt={90} px="md" data-testid="trend-empty">
          No scored messages in this range yet. Send a conversation through the SDK or the capture API, or pick a longer range.
        </Text>
      ) : (
        <SentimentTrendPlot data={data} />
      )}
    </TrendPanel>
  );
}

export function TrendPanel({ interval, children }: { interval?: string; children: React.ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="trend-title" data-testid="trend">
      <Text fw={600} id="trend-title">
        Sentiment trend
      </Text>
      <Text size="xs" c="dimmed" mb="sm">
        Average sentiment of user messages per {interval ?? "day"}, and how many were scored
        {interval === "hour" ? `; hours by the clock of your time zone, ${viewerTimeZone()}` : ""}
      </Text>
      {children}
    </Paper>
  );
}

export function TrendSkeleton() {
  return (
    <TrendPanel>
      <Skeleton h={CHART_HEIGHT} />
    </TrendPanel>
  );
}
