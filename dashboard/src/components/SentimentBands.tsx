import { Group, Paper, Progress, SimpleGrid, Skeleton, Text, UnstyledButton } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { SentimentOverTime } from "../api/types";
import { formatNumber } from "../lib/format";
import { conversationsRangeQuery, type ApiRange } from "../lib/range";

/**
 * Conversations created in the range by their average sentiment: satisfied > 0.2, neutral, dissatisfied
 * < −0.2. Each band opens the conversations table filtered to it.
 */
export function SentimentBands({ data, chatbotId, span }: { data: SentimentOverTime; chatbotId: string; span: ApiRange }) {
  const b = data?.bands;
  const total = b ? b.satisfied + b.neutral + b.dissatisfied : 0;
  const share = (n: number) => (total ? (n / total) * 100 : 0);
  const link = (q: string) => `/chatbots/${chatbotId}/conversations?${conversationsRangeQuery(span)}&${q}`;
  const bands = b
    ? [
        { key: "satisfied", label: "Satisfied", hint: "above +0.2", count: b.satisfied, color: "teal", to: link("sentimentMin=0.201") },
        { key: "neutral", label: "Neutral", hint: "−0.2 to +0.2", count: b.neutral, color: "gray", to: link("sentimentMin=-0.2&sentimentMax=0.2") },
        { key: "dissatisfied", label: "Dissatisfied", hint: "below −0.2", count: b.dissatisfied, color: "red", to: link("sentimentMax=-0.201") },
      ]
    : [];
  return (
    <BandsPanel unscored={b?.unscored}>
      {total === 0 ? (
        <Text size="sm" py="md" ta="center" data-testid="bands-empty">
          No conversation in this range has a sentiment yet. They are placed here as soon as their first user message is analysed.
        </Text>
      ) : (
        <>
          <Progress.Root size={14} aria-hidden="true">
            {bands.map((band) => (
              <Progress.Section key={band.key} value={share(band.count)} color={band.color} />
            ))}
          </Progress.Root>
          <SimpleGrid cols={3} mt="sm" spacing="xs">
            {bands.map((band) => (
              <UnstyledButton key={band.key} component={Link} to={band.to} className="focus-ring" p={6} style={{ borderRadius: 6 }}>
                <Group gap={6} wrap="nowrap">
                  <div style={{ width: 10, height: 10, borderRadius: 5, background: `var(--mantine-color-${band.color}-6)` }} />
                  <Text size="sm" fw={600}>
                    {band.label}
                  </Text>
                </Group>
                <Text fz={22} fw={700} data-testid={`band-${band.key}`}>
                  {formatNumber(band.count)}
                </Text>
                <Text size="xs" c="dimmed">
                  {band.hint}
                </Text>
              </UnstyledButton>
            ))}
          </SimpleGrid>
        </>
      )}
    </BandsPanel>
  );
}

function BandsPanel({ unscored, children }: { unscored?: number; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="bands-title" data-testid="bands">
      <Text fw={600} id="bands-title">
        Sentiment bands
      </Text>
      <Text size="xs" c="dimmed" mb="sm">
        Conversations started in this range, by average sentiment{unscored ? ` · ${formatNumber(unscored)} not scored yet` : ""}
      </Text>
      {children}
    </Paper>
  );
}

export function BandsSkeleton() {
  return (
    <BandsPanel>
      <Skeleton h={96} />
    </BandsPanel>
  );
}
