import { Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

/**
 * A page's title and description, with its actions (a range picker, Export, …) top right on every page. The title
 * takes the room the actions leave and its description wraps inside it: a long description no longer pushes the
 * actions onto a line of their own in the middle of the page. Only when even a short title would not fit beside
 * them (a phone) do they go below it, still on the right.
 */
export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end" mb="md" gap="sm">
      <Stack gap={2} style={{ flex: "1 1 18rem", minWidth: 0 }}>
        <Title order={1} size="h2">
          {title}
        </Title>
        {description && (
          <Text c="dimmed" size="sm">
            {description}
          </Text>
        )}
      </Stack>
      {actions && (
        <Group gap="xs" data-testid="page-actions" style={{ marginInlineStart: "auto", maxWidth: "100%" }}>
          {actions}
        </Group>
      )}
    </Group>
  );
}
