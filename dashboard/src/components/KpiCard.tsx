import { Group, Paper, Skeleton, Text, Tooltip, UnstyledButton, VisuallyHidden } from "@mantine/core";
import { Link } from "react-router";
import type { ReactNode } from "react";
import type { Trend } from "../api/types";

export const KPI_CARD_HEIGHT = 112;

/**
 * How a KPI moved against the previous period. `relative` changes are shares (0.25 → +25 %), absolute
 * ones are points on the figure's own scale; `higherIsBetter` false turns a rise red (MRR at risk).
 */
export function TrendLabel({ trend, mode, higherIsBetter = true, pointsAsPercent = false }: { trend: Trend; mode: "relative" | "absolute"; higherIsBetter?: boolean; pointsAsPercent?: boolean }) {
  const change = trend.change;
  if (change === null) {
    return (
      <Text size="xs" c="dimmed">
        no previous data
      </Text>
    );
  }
  const up = change > 0;
  const flat = Math.abs(change) < 1e-9;
  const good = flat ? null : up === higherIsBetter;
  const amount = mode === "relative" ? `${Math.abs(change * 100).toFixed(0)}%` : pointsAsPercent ? `${Math.abs(change * 100).toFixed(1)} pts` : Math.abs(change).toFixed(2);
  const arrow = flat ? "→" : up ? "▲" : "▼";
  // The arrow is for the eye; the words "up"/"down" for a screen reader, so the link's name holds every visible word.
  return (
    <Text size="xs" fw={600} c={good === null ? "dimmed" : good ? "var(--ob-good)" : "var(--ob-bad)"}>
      <span aria-hidden="true">{arrow}</span>
      {!flat && <VisuallyHidden>{up ? "up" : "down"}</VisuallyHidden>} {flat ? "no change" : amount}{" "}
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
