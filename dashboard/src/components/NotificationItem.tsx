import { Badge, Button, Group, Stack, Text, UnstyledButton, type ButtonProps } from "@mantine/core";
import { useState } from "react";
import { useNavigate } from "react-router";
import { api } from "../api/client";
import type { AppNotification } from "../api/types";
import { formatAgo, formatDateTime } from "../lib/format";
import { useNow } from "../lib/use-now";

/**
 * Opening a notification: marks it read (if it was not), then opens its conversation. `error` is the last
 * failed mark, for the list to show; the conversation opens anyway.
 */
export function useOpenNotification(onOpen?: () => void): { open: (n: AppNotification) => Promise<void>; error: unknown; setError: (e: unknown) => void } {
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const open = async (n: AppNotification) => {
    setError(null);
    onOpen?.();
    try {
      if (n.readAt === null) await api.notifications.read(n.id);
    } catch (err) {
      setError(err);
    }
    if (n.chatbotId && n.conversationId) navigate(`/chatbots/${n.chatbotId}/conversations/${n.conversationId}`);
  };
  return { open, error, setError };
}

/** "Mark all read" (disabled with nothing unread); a failure goes to `onError`, for the list to show. */
export function MarkAllReadButton({ unread, onError, ...props }: { unread: number; onError: (e: unknown) => void } & ButtonProps) {
  return (
    <Button
      {...props}
      disabled={unread === 0}
      onClick={async () => {
        onError(null);
        try {
          await api.notifications.readAll();
        } catch (err) {
          onError(err);
        }
      }}
    >
      Mark all read
    </Button>
  );
}

/**
 * One notification in a list (the bell's popover, the Notifications page): a button that opens it. `now` is the
 * list's clock (lib/use-now.ts), so how long ago it came keeps counting while the list is open.
 */
export function NotificationItem({ notification: n, onOpen, now }: { notification: AppNotification; onOpen: (n: AppNotification) => void; now: number }) {
  return (
    <UnstyledButton onClick={() => onOpen(n)} className="focus-ring" p={6} style={{ borderRadius: 6 }} data-testid="notification" data-unread={n.readAt === null || undefined}>
      <Group gap={6} wrap="nowrap" align="flex-start">
        {n.readAt === null && (
          <Badge size="xs" color="blue" variant="light" style={{ flexShrink: 0 }}>
            new
          </Badge>
        )}
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text size="sm" fw={n.readAt === null ? 600 : 400} style={{ overflowWrap: "anywhere" }}>
            {n.title}
          </Text>
          {n.body && (
            <Text size="xs" lineClamp={2} style={{ overflowWrap: "anywhere" }}>
              {n.body}
            </Text>
          )}
          <Text size="xs" c="dimmed" title={formatDateTime(n.createdAt)}>
            {formatAgo(n.createdAt, now)}
          </Text>
        </Stack>
      </Group>
    </UnstyledButton>
  );
}

/**
 * Notifications, as listed (newest first), on one clock: how long ago each came is worked out again every 30 s
 * while the list is on screen (the bell's popover, the Notifications page), not only when the list is read again.
 */
export function NotificationList({ items, onOpen }: { items: AppNotification[]; onOpen: (n: AppNotification) => void }) {
  const now = useNow();
  return (
    <Stack gap={4}>
      {items.map((n) => (
        <NotificationItem key={n.id} notification={n} onOpen={onOpen} now={now} />
      ))}
    </Stack>
  );
}
