import { Badge, Button, Group, Paper, ScrollArea, SegmentedControl, Stack, Text, UnstyledButton, VisuallyHidden } from "@mantine/core";
import { useEffect, useMemo, useRef, useState } from "react";
import { Link } from "react-router";
import type { LiveEvent } from "../api/types";
import { useLiveEvents, useLiveFeed, type FeedItem } from "../live/live-feed";
import { formatNumber, formatTime } from "../lib/format";
import { viewerTimeZone } from "../lib/range";
import { FlagBadge } from "./FlagBadge";
import { LiveStatusBadge } from "./LiveStatusBadge";
import { PersonLink } from "./PersonLink";
import { SentimentBadge } from "./SentimentBadge";

export const FEED_HEIGHT = 440;
/** A row's height without wrapped flags: rows with more flags than fit on a line grow. */
const ITEM_HEIGHT = 112;
/** The least of a conversation's id a row shows, flags or not: enough to tell it from its neighbours. */
const CONVERSATION_MIN = "min(16ch, 100%)";
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

/** Behaviours that say nothing is wrong; every other flag or behaviour counts as "flagged". */
const UNREMARKABLE = new Set(["helpful", "other"]);

/** The "Negative or flagged" filter: a negative user message (below −0.2), or any flag or worrying behaviour. */
export function isNegativeOrFlagged(item: FeedItem): boolean {
  return (item.sentiment != null && item.sentiment.score < -0.2) || item.flags.some((f) => !UNREMARKABLE.has(f));
}

function FeedRow({ item, chatbotId }: { item: FeedItem; chatbotId: string }) {
  const assistant = item.role === "assistant";
  // Names lead to their profiles (as everywhere in the product); the message leads to its conversation.
  const person = item.user ? <PersonLink chatbotId={chatbotId} kind="user" externalId={item.user.id} name={item.user.name ?? item.user.email} size="xs" /> : "anonymous user";
  const who = assistant ? <>Assistant, to {person}</> : item.role === "user" ? person : item.role;
  const organization = item.organization ? <PersonLink chatbotId={chatbotId} kind="organization" externalId={item.organization.id} name={item.organization.name} size="xs" /> : null;
  return (
    <div className="feed-item" data-testid="feed-item" data-role={item.role} style={{ minHeight: ITEM_HEIGHT, padding: "8px var(--mantine-spacing-sm)" }}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap", flexShrink: 0 }}>
            {formatTime(item.receivedAt)}
          </Text>
          <Badge size="xs" variant={assistant ? "light" : "outline"} color={item.role === "user" ? "blue" : "gray"} style={{ flexShrink: 0 }}>
            {assistant ? "Assistant" : item.role === "user" ? "User" : item.role}
          </Badge>
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text size="xs" fw={600} truncate>
              {who}
            </Text>
            {(organization || item.plan) && (
              <Text size="xs" c="dimmed" truncate data-testid="feed-organization">
                {organization}
                {organization && item.plan ? " · " : ""}
                {item.plan}
              </Text>
            )}
          </Stack>
        </Group>
        {item.role === "user" ? <SentimentBadge score={item.sentiment?.score} label={item.sentiment?.label} pending={item.sentiment === undefined} /> : null}
      </Group>
      <UnstyledButton component={Link} to={`/chatbots/${chatbotId}/conversations/${item.conversationId}`} className="focus-ring" style={{ display: "block", borderRadius: 4 }} mt={4}>
        <Text size="sm" lineClamp={2} c={assistant ? "dimmed" : undefined}>
          {item.content}
        </Text>
        {/* The flags wrap, and the conversation keeps room for at least its start: on one line with the flags when
            that much is left, else on a line of its own (a row with many flags is taller, never an id cut to "a…"). */}
        <Group gap={4} mt={4} wrap="wrap">
          {item.flags.map((f) => (
            <FlagBadge key={f} slug={f} />
          ))}
          <Text size="xs" c="dimmed" truncate data-testid="feed-conversation" style={{ flex: `1 0 ${CONVERSATION_MIN}`, minWidth: CONVERSATION_MIN, maxWidth: "100%" }}>
            {item.externalId}
          </Text>
        </Group>
      </UnstyledButton>
    </div>
  );
}

/**
 * The live feed of messages and their sentiment: a fixed-height list, newest first, that never moves the page.
 * It holds still while the pointer is over it or it is scrolled down ("N new" brings it back to the newest),
 * and can show only negative or flagged messages.
 */
export function LiveFeedPanel({ chatbotId }: { chatbotId: string }) {
  const { status, counters, feed, dropped } = useLiveFeed();
  const [filter, setFilter] = useState<"all" | "attention">("all");
  const [hovered, setHovered] = useState(false);
  const [scrolled, setScrolled] = useState(false);
  const viewport = useRef<HTMLDivElement>(null);
  const filtered = useMemo(() => (filter === "all" ? feed : feed.filter(isNegativeOrFlagged)), [feed, filter]);
  const paused = hovered || scrolled;
  // While paused the rows on screen stay as they were (their sentiment still fills in); new ones wait.
  const [held, setHeld] = useState<string[] | null>(null);
  useEffect(() => setHeld(paused ? (current) => current ?? filtered.map((i) => i.key) : null), [paused, filtered]);
  const shown = held ? filtered.filter((i) => held.includes(i.key)) : filtered;
  const waiting = filtered.length - shown.length;
  const showNewest = () => {
    viewport.current?.scrollTo({ top: 0 });
    setScrolled(false);
    setHeld(null);
  };
  return (
    <Paper withBorder radius="md" p={0} component="section" aria-labelledby="live-feed-title">
      <Group justify="space-between" px="md" py="sm" wrap="wrap" gap="xs">
        <Stack gap={0}>
          <Text fw={600} id="live-feed-title">
            Live feed
          </Text>
          <Text size="xs" c="dimmed" data-testid="live-counters">
            Today ({counters?.timeZone ?? viewerTimeZone()}): {formatNumber(counters?.messagesToday ?? 0)} messages, {formatNumber(counters?.analysedToday ?? 0)} analysed
            {dropped ? ` · ${formatNumber(dropped)} skipped in bursts` : ""}
          </Text>
        </Stack>
        <LiveStatusBadge status={status} />
      </Group>
      <Group px="md" pb="sm" justify="space-between" gap="xs" wrap="wrap">
        <SegmentedControl
          size="xs"
          aria-label="Show"
          value={filter}
          onChange={(v) => {
            setFilter(v as "all" | "attention");
            setHeld(null);
          }}
          data={[
            { value: "all", label: "All" },
            { value: "attention", label: "Negative or flagged" },
          ]}
        />
        <Text size="xs" c="dimmed" aria-live="polite" data-testid="feed-paused">
          {paused ? "Paused" : ""}
        </Text>
      </Group>
      <LiveAnnouncer />
      <div style={{ position: "relative" }} onMouseEnter={() => setHovered(true)} onMouseLeave={() => setHovered(false)}>
        {waiting > 0 && (
          <Button size="compact-xs" radius="xl" onClick={showNewest} data-testid="feed-new" style={{ position: "absolute", top: 8, left: "50%", transform: "translateX(-50%)", zIndex: 2 }}>
            ↑ {waiting} new
          </Button>
        )}
        {/* The viewport takes focus so the keyboard can scroll it; the list itself is not a live region (the announcer speaks). */}
        <ScrollArea
          h={FEED_HEIGHT}
          type="auto"
          viewportRef={viewport}
          onScrollPositionChange={({ y }) => setScrolled(y > 8)}
          style={{ borderTop: "1px solid var(--mantine-color-default-border)" }}
          viewportProps={{ tabIndex: 0, role: "region", "aria-label": "Messages as they arrive", className: "focus-ring-inset" } as React.ComponentProps<"div">}
        >
          <div data-testid="live-feed">
            {shown.length === 0 ? (
              <Text size="sm" c="dimmed" ta="center" py={80} px="md">
                {status !== "live" ? "Connecting to the live feed…" : filter === "all" ? "Waiting for messages… New ones appear here as your users chat." : "No negative or flagged message yet."}
              </Text>
            ) : (
              shown.map((item) => <FeedRow key={item.key} item={item} chatbotId={chatbotId} />)
            )}
          </div>
        </ScrollArea>
      </div>
    </Paper>
  );
}
