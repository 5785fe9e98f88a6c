import { Badge, Group, Paper, ScrollArea, Stack, Text, UnstyledButton } from "@mantine/core";
import { Link } from "react-router";
import { useLiveFeed, type FeedItem } from "../live/live-feed";
import { formatNumber, formatTime } from "../lib/format";
import { FlagBadge } from "./FlagBadge";
import { LiveStatusBadge } from "./LiveStatusBadge";
import { SentimentBadge } from "./SentimentBadge";

export const FEED_HEIGHT = 440;
const ITEM_HEIGHT = 86;

function FeedRow({ item, chatbotId }: { item: FeedItem; chatbotId: string }) {
  const who = item.user?.email ?? item.user?.name ?? item.user?.id ?? (item.role === "user" ? "anonymous user" : item.role);
  return (
    <UnstyledButton
      component={Link}
      to={`/chatbots/${chatbotId}/conversations/${item.conversationId}`}
      className="focus-ring feed-item"
      data-testid="feed-item"
      aria-label={`${who}: ${item.content}`}
      px="sm"
      py={8}
      h={ITEM_HEIGHT}
      style={{ display: "block" }}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap", flexShrink: 0 }}>
            {formatTime(item.receivedAt)}
          </Text>
          <Badge size="xs" variant="outline" color={item.role === "user" ? "blue" : "gray"} style={{ flexShrink: 0 }}>
            {item.role}
          </Badge>
          <Text size="xs" fw={600} truncate>
            {who}
          </Text>
        </Group>
        {item.role === "user" ? <SentimentBadge score={item.sentiment?.score} label={item.sentiment?.label} pending={item.sentiment === undefined} /> : null}
      </Group>
      <Text size="sm" lineClamp={1} mt={4}>
        {item.content}
      </Text>
      <Group gap={4} mt={4} h={20} wrap="nowrap" style={{ overflow: "hidden" }}>
        {item.flags.map((f) => (
          <FlagBadge key={f} slug={f} />
        ))}
        <Text size="xs" c="dimmed" truncate>
          {item.externalId}
        </Text>
      </Group>
    </UnstyledButton>
  );
}

/** The live feed of messages and their sentiment: a fixed-height list, newest first, that never moves the page. */
export function LiveFeedPanel({ chatbotId }: { chatbotId: string }) {
  const { status, counters, feed, dropped } = useLiveFeed();
  return (
    <Paper withBorder radius="md" p={0} component="section" aria-labelledby="live-feed-title">
      <Group justify="space-between" px="md" py="sm" wrap="nowrap">
        <Stack gap={0}>
          <Text fw={600} id="live-feed-title">
            Live feed
          </Text>
          <Text size="xs" c="dimmed" data-testid="live-counters">
            Today: {formatNumber(counters?.messagesToday ?? 0)} messages, {formatNumber(counters?.analysedToday ?? 0)} analysed
            {dropped ? ` · ${formatNumber(dropped)} skipped in bursts` : ""}
          </Text>
        </Stack>
        <LiveStatusBadge status={status} />
      </Group>
      <ScrollArea h={FEED_HEIGHT} type="auto" style={{ borderTop: "1px solid var(--mantine-color-gray-2)" }}>
        <div role="log" aria-live="polite" aria-label="Messages as they arrive" data-testid="live-feed">
          {feed.length === 0 ? (
            <Text size="sm" c="dimmed" ta="center" py={80} px="md">
              {status === "live" ? "Waiting for messages… New ones appear here as your users chat." : "Connecting to the live feed…"}
            </Text>
          ) : (
            feed.map((item) => <FeedRow key={item.key} item={item} chatbotId={chatbotId} />)
          )}
        </div>
      </ScrollArea>
    </Paper>
  );
}
