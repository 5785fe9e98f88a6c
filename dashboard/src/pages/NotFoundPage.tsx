import { Anchor, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";

export function NotFoundPage({ what = "page" }: { what?: string }) {
  return (
    <Stack align="center" mt="xl" gap="xs">
      <Title order={1} size="h2">
        No such {what}
      </Title>
      <Text c="dimmed">It does not exist, or it belongs to an organization you are not a member of.</Text>
      <Anchor component={Link} to="/">
        Back to your chatbots
      </Anchor>
    </Stack>
  );
}
