import { Paper, Skeleton, Text } from "@mantine/core";
import type { ReactNode } from "react";

/** A titled panel whose body keeps its final height while loading (no layout shift). */
export function ChartCard({ title, subtitle, loading, height, children, testId }: { title: string; subtitle?: string; loading: boolean; height: number; children: ReactNode; testId?: string }) {
  const id = `card-${title.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={id} data-testid={testId}>
      <Text fw={600} id={id}>
        {title}
      </Text>
      {subtitle && (
        <Text size="xs" c="dimmed" mb="sm">
          {subtitle}
        </Text>
      )}
      {loading ? <Skeleton h={height} /> : <div style={{ minHeight: height }}>{children}</div>}
    </Paper>
  );
}
