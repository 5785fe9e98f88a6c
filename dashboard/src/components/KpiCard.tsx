import { Group, Paper, Skeleton, Text, Tooltip, UnstyledButton, VisuallyHidden } from "@mantine/core";
import { Link } from "react-router";
import type { ReactNode } from "react";
import type { Trend } from "../api/types";
import { trendWords, type TrendOptions } from "../lib/trend";

export const KPI_CARD_HEIGHT = 112;

/** How a KPI moved against the previous period (lib/trend.ts has the words and the rules). */
export function TrendLabel({ trend, ...options }: { trend: Trend } & TrendOptions) {
  const words = trendWords(trend, options);
  if (words.kind === "none") {
    return (
      <Text size="xs" c="dimmed">
        no previous data
      </Text>
    );
  }
  // The arrow is for the eye; the words "up"/"down" for a screen reader, so the link's name holds every visible word.
  return (
    <Text size="xs" fw={600} c={words.kind === "flat" ? "dimmed" : words.good ? "var(--ob-good)" : "var(--ob-bad)"}>
      <span aria-hidden="true">{words.kind === "flat" ? "→" : words.arrow}</span>
      {words.kind === "moved" && <VisuallyHidden>{words.up ? "up" : "down"}</VisuallyHidden>} {words.kind === "flat" ? "no change" : words.amount}{" "}
      <Text span size="xs" c="dimmed" fw={400}>
        vs previous
      </Text>
    </Text>
  );
}

export function KpiCard({
  label,
  value,
  trend,
  help,
  to,
  onOpen,
  testId,
}: {
  label: string;
  value: string;
  trend: ReactNode;
  help: string;
  to?: string;
  /** Instead of `to`: opens something on this page (the MRR at risk breakdown). */
  onOpen?: { label: string; open: () => void };
  testId: string;
}) {
  const body = (
    <Paper withBorder p="md" radius="md" h={KPI_CARD_HEIGHT} data-testid={testId}>
      <Group justify="space-between" wrap="nowrap" gap={4}>
        <Tooltip label={help} multiline w={260} withArrow>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700} truncate>
            {label}
          </Text>
        </Tooltip>
      </Group>
      <Text fz={26} fw={700} mt={6} lh={1.2} data-testid={`${testId}-value`} style={{ fontVariantNumeric: "tabular-nums" }}>
        {value}
      </Text>
      <div style={{ marginTop: 6 }}>{trend}</div>
      {to && <VisuallyHidden>: open the conversations behind it</VisuallyHidden>}
      {onOpen && <VisuallyHidden>: {onOpen.label}</VisuallyHidden>}
    </Paper>
  );
  if (onOpen) {
    return (
      <UnstyledButton onClick={onOpen.open} className="focus-ring" style={{ display: "block", width: "100%", borderRadius: 8 }} data-testid={`${testId}-open`}>
        {body}
      </UnstyledButton>
    );
  }
  return to ? (
    <UnstyledButton component={Link} to={to} className="focus-ring" style={{ display: "block", borderRadius: 8 }}>
      {body}
    </UnstyledButton>
  ) : (
    body
  );
}

export function KpiSkeleton() {
  return <Skeleton h={KPI_CARD_HEIGHT} radius="md" />;
}
