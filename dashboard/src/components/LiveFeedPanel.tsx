import { Badge, Group, Paper, ScrollArea, Stack, Text, UnstyledButton, VisuallyHidden } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import type { LiveEvent } from "../api/types";
import { useLiveEvents, useLiveFeed, type FeedItem } from "../live/live-feed";
import { formatNumber, formatTime } from "../lib/format";
import { FlagBadge } from "./FlagBadge";
import { LiveStatusBadge } from "./LiveStatusBadge";
import { SentimentBadge } from "./SentimentBadge";

export const FEED_HEIGHT = 440;
const ITEM_HEIGHT = 86;
/** At most one spoken announcement per this many ms; whatever arrives meanwhile is summed up in it. */
export const ANNOUNCE_EVERY_MS = 5000;

/** What a screen reader hears for one window of events: the message itself when alone, a count otherwise. */
export function announcementFor(events: LiveEvent[]): string | null {
  const messages = events.filter((e) => e.type === "message" && e.message.role === "user");
  if (messages.length === 0) return null;
  if (messages.length === 1) {
    const e = messages[0]!;
    if (e.type !== "message") return null;
    const who = e.user?.name ?? e.user?.email ?? "a user";
    const text = e.message.content.length > 120 ? `${e.message.content.slice(0, 117)}…` : e.message.content;
    return `New message from ${who}: ${text}`;
  }
  const negative = events.filter((e) => e.type === "annotation" && e.sentiment && e.sentiment.score < -0.2).length;
  return `${messages.length} new messages${negative ? `, ${negative} negative` : ""}.`;
}

/**
 * A polite live region that speaks at most every ANNOUNCE_EVERY_MS: one message is read out, a burst
 * becomes "12 new messages, 3 negative", so a busy chatbot never floods a screen reader.
 */
function LiveAnnouncer() {
  const [text, setText] = useState("");
  const pending = useRef<LiveEvent[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useLiveEvents((events) => {
    pending.current.push(...events);
    timer.current ??= setTimeout(() => {
      timer.current = undefined;
      const said = announcementFor(pending.current);
      pending.current = [];
      if (said) setText(said);
    }, ANNOUNCE_EVERY_MS);
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <VisuallyHidden role="status" aria-live="polite" aria-atomic="true" data-testid="live-announcer">
      {text}
    </VisuallyHidden>
  );
}

function FeedRow({ item, chatbotId }: { item: FeedItem; chatbotId: string }) {
  const who = item.user?.email ?? item.user?.name ?? item.user?.id ?? (item.role === "user" ? "anonymous user" : item.role);
  return (
    <UnstyledButton
      component={Link}
      to={`/chatbots/${chatbotId}/conversations/${item.conversationId}`}
      className="focus-ring feed-item"
      data-testid="feed-item"
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
      <LiveAnnouncer />
      {/* The viewport takes focus so the keyboard can scroll it; the list itself is not a live region (the announcer speaks). */}
      <ScrollArea
        h={FEED_HEIGHT}
        type="auto"
        style={{ borderTop: "1px solid var(--mantine-color-default-border)" }}
        viewportProps={{ tabIndex: 0, role: "region", "aria-label": "Messages as they arrive", className: "focus-ring-inset" } as React.ComponentProps<"div">}
      >
        <div data-testid="live-feed">
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
