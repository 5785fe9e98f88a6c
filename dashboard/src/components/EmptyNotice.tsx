import { Paper, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";

/** What an empty list or chart says instead: what would appear here, and how to get it there. */
export function EmptyNotice({ title, children, h }: { title: string; children?: ReactNode; h?: number | string }) {
  return (
    <Paper withBorder radius="md" p="lg" h={h} style={{ display: "flex", alignItems: "center", justifyContent: "center", borderStyle: "dashed" }}>
      <Stack gap={4} align="center" maw={460}>
        <Text fw={600}>{title}</Text>
        {children && (
          <Text size="sm" c="dimmed" ta="center">
            {children}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
