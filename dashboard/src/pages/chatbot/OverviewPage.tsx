import { Grid, SimpleGrid, Stack, Text } from "@mantine/core";
import { useLayoutEffect, useRef, useState } from "react";
import type { Trend } from "../../api/types";
import { useQuery } from "../../api/use-query";
import { KpiCard, KpiSkeleton, TrendLabel } from "../../components/KpiCard";
import { LiveFeedPanel } from "../../components/LiveFeedPanel";
import { MRR_AT_RISK_HELP, MrrAtRiskDrawer } from "../../components/mrr-at-risk";
import { OnDemand } from "../../components/on-demand";
import { PageHeader } from "../../components/PageHeader";
import { QueryRegion } from "../../components/QueryRegion";
import { RangeControl, useDateRange } from "../../components/RangeControl";
import { BandsSkeleton, SentimentBands } from "../../components/SentimentBands";
import { SentimentTrendChart, TrendSkeleton } from "../../components/SentimentTrendChart";
import { formatFigure } from "../../lib/format";
import { conversationsRangeQuery } from "../../lib/range";
import { useLiveEvents, useLiveFeed } from "../../live/live-feed";
import { useChatbot } from "../../session/chatbot";
import { dismissFirstPaint } from "../../session/first-paint";
import { OVERVIEW_KPIS as KPIS, trendOptions } from "./overview-kpis";
import { overviewQueries, type LiveCounts } from "./overview-queries";

function withLive(trend: Trend, extra: number): Trend {
  if (!extra || trend.value === null) return trend;
  const value = trend.value + extra;
  return { ...trend, value, change: trend.previous ? (value - trend.previous) / Math.abs(trend.previous) : trend.change };
}

export default function OverviewPage() {
  const { chatbot } = useChatbot();
  // One `from`/`to` per range (whole minutes): the first render asks once, and a return visit hits the cache.
  const { range, api: span } = useDateRange();
  const live = useRef<LiveCounts>({ conversations: 0, messages: 0, analysed: 0 });
  const [, setLiveTick] = useState(0);
  const [breakdownOpen, setBreakdownOpen] = useState(false);
  const { status } = useLiveFeed();

  const queries = overviewQueries(chatbot.id, range, span, () => live.current);
  const overview = useQuery(queries.overview.key, queries.overview.load, queries.overview.options);
  const sentiment = useQuery(queries.sentiment.key, queries.sentiment.load, queries.sentiment.options);

  // Counts move at once with the live feed; the full figures (averages, rates, MRR) follow when the
  // live feed's provider refetches these queries (coalesced, every 2.5 s at most under traffic).
  useLiveEvents((events) => {
    for (const e of events) {
      if (e.type === "message") live.current.messages += 1;
      else if (e.type === "conversation" && e.status === "started") live.current.conversations += 1;
      else if (e.type === "annotation" && e.sentiment) live.current.analysed += 1;
    }
    setLiveTick((t) => t + 1);
  });

  // The Worker's painted KPIs (session/first-paint.ts) stay until these are drawn in their place, or their error.
  const settled = !overview.loading;
  useLayoutEffect(() => {
    if (settled) dismissFirstPaint();
  }, [settled]);
  useLayoutEffect(() => dismissFirstPaint, []);

  const data = overview.data;
  const since = (field: keyof LiveCounts) => (data ? live.current[field] - data.at[field] : 0);
  const k = data?.overview.kpis;
  const conversationsLink = `/chatbots/${chatbot.id}/conversations?${conversationsRangeQuery(span)}`;

  return (
    <Stack>
      <PageHeader title="Overview" description="How your users feel, as it happens." actions={<RangeControl />} />
      <section aria-label="Key figures" data-testid="kpis-region">
        {status === "offline" && overview.data && (
          <Text size="sm" c="orange" fw={600} mb="xs" role="status">
            Reconnecting to the live feed… these figures may be behind.
          </Text>
        )}
        <QueryRegion
          query={overview}
          skeleton={
            <SimpleGrid cols={{ base: 2, sm: 3, xl: 6 }} spacing="sm" aria-busy="true">
              {Array.from({ length: 6 }, (_, i) => (
                <KpiSkeleton key={i} />
              ))}
            </SimpleGrid>
          }
        >
          {() =>
            k && (
              <SimpleGrid cols={{ base: 2, sm: 3, xl: 6 }} spacing="sm" data-testid="kpis">
                <KpiCard
                  testId="kpi-conversations"
                  label={KPIS.conversations.label}
                  value={formatFigure(KPIS.conversations.format, withLive(k.conversations, since("conversations")).value)}
                  trend={<TrendLabel trend={withLive(k.conversations, since("conversations"))} {...trendOptions(KPIS.conversations)} />}
                  help="Conversations started in the range, against the period of the same length before."
                  to={conversationsLink}
                />
                <KpiCard
                  testId="kpi-messages"
                  label={KPIS.messages.label}
                  value={formatFigure(KPIS.messages.format, withLive(k.messages, since("messages")).value)}
                  trend={<TrendLabel trend={withLive(k.messages, since("messages"))} {...trendOptions(KPIS.messages)} />}
                  help="Messages of the conversations started in the range."
                  to={conversationsLink}
                />
                <KpiCard
                  testId="kpi-sentiment"
                  label={KPIS.sentiment.label}
                  value={formatFigure(KPIS.sentiment.format, k.averageSentiment.value)}
                  trend={<TrendLabel trend={k.averageSentiment} {...trendOptions(KPIS.sentiment)} />}
                  help="Average sentiment of every user message analysed in the range, from −1 to +1."
                  to={`${conversationsLink}&sort=sentiment&order=asc`}
                />
                <KpiCard
                  testId="kpi-analysed"
                  label={KPIS.analysed.label}
                  value={formatFigure(KPIS.analysed.format, withLive(k.analysedToday, since("analysed")).value)}
                  trend={<TrendLabel trend={withLive(k.analysedToday, since("analysed"))} {...trendOptions(KPIS.analysed)} />}
                  help={`User messages given a sentiment since midnight in your time zone (${data?.overview.timeZone ?? "UTC"}), against the 24 hours before up to the same time.`}
                />
                <KpiCard
                  testId="kpi-resolution"
                  label={KPIS.resolution.label}
                  value={formatFigure(KPIS.resolution.format, k.resolutionRate.value)}
                  trend={<TrendLabel trend={k.resolutionRate} {...trendOptions(KPIS.resolution)} />}
                  help="Share of ended conversations judged fully resolved."
                  to={`${conversationsLink}&status=ended`}
                />
                <KpiCard
                  testId="kpi-mrr"
                  label={KPIS.mrr.label}
                  value={formatFigure(KPIS.mrr.format, k.mrrAtRisk.value)}
                  trend={<TrendLabel trend={k.mrrAtRisk} {...trendOptions(KPIS.mrr)} />}
                  help={MRR_AT_RISK_HELP}
                  onOpen={{ label: "who and why", open: () => setBreakdownOpen(true) }}
                />
              </SimpleGrid>
            )
          }
        </QueryRegion>
      </section>
      {data && (
        <OnDemand wanted={breakdownOpen}>
          <MrrAtRiskDrawer chatbotId={chatbot.id} range={data.overview.range} opened={breakdownOpen} onClose={() => setBreakdownOpen(false)} />
        </OnDemand>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          {/* The trend and the bands come from one answer: one region, so one failure shows one notice. */}
          <Stack data-testid="sentiment-region">
            <QueryRegion
              query={sentiment}
              skeleton={
                <>
                  <TrendSkeleton />
                  <BandsSkeleton />
                </>
              }
            >
              {(data) => (
                <>
                  <SentimentTrendChart data={data} />
                  <SentimentBands data={data} chatbotId={chatbot.id} span={span} />
                </>
              )}
            </QueryRegion>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <LiveFeedPanel chatbotId={chatbot.id} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
