import { ActionIcon, Badge, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from "@mantine/core";
import { useState } from "react";
import { useNavigate } from "react-router";
import { api } from "../api/client";
import type { AppNotification } from "../api/types";
import { useQuery } from "../api/use-query";
import { formatAgo, formatDateTime } from "../lib/format";
import { ErrorNotice } from "./ErrorNotice";

/** The query key the live feed invalidates when a `notification` frame arrives (live/live-feed.tsx). */
export const NOTIFICATIONS_KEY = "notifications";

function Bell() {
  return (
    <svg width={20} height={20} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/**
 * The header's notification centre: the unread count on a bell, the member's notifications newest first,
 * mark one (by opening it) or all read. Loaded with the page; new ones arrive live on the chatbot's feed.
 */
export function NotificationCentre() {
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const notifications = useQuery(NOTIFICATIONS_KEY, () => api.notifications.list());
  const unread = notifications.data?.unread ?? 0;

  const open = async (n: AppNotification) => {
    setError(null);
    setOpened(false);
    try {
      if (n.readAt === null) await api.notifications.read(n.id);
    } catch (err) {
      setError(err);
    }
    if (n.chatbotId && n.conversationId) navigate(`/chatbots/${n.chatbotId}/conversations/${n.conversationId}`);
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={340} shadow="md" withinPortal>
      {/* The popover's ARIA state goes on the button itself, the count's indicator around it. */}
      <Indicator label={unread > 99 ? "99+" : unread} size={18} disabled={unread === 0} offset={6} color="red" data-testid="notification-count">
        <Popover.Target>
          <ActionIcon variant="subtle" color="gray" size={44} onClick={() => setOpened((o) => !o)} aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}>
            <Bell />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown p="xs">
        <Stack gap="xs" role="region" aria-label="Notifications">
          <Group justify="space-between">
            <Text fw={600} size="sm">
              Notifications
            </Text>
            <Button
              size="xs"
              variant="subtle"
              disabled={unread === 0}
              onClick={async () => {
                setError(null);
                try {
                  await api.notifications.readAll();
                } catch (err) {
                  setError(err);
                }
              }}
            >
              Mark all read
            </Button>
          </Group>
          {error !== null && <ErrorNotice error={error} compact />}
          {notifications.error !== null && notifications.data === undefined ? (
            <ErrorNotice error={notifications.error} onRetry={notifications.reload} compact />
          ) : !notifications.data?.items.length ? (
            <Text size="sm" c="dimmed">
              {notifications.loading ? "Loading…" : "Nothing yet. Assignments and in-app workflow alerts appear here."}
            </Text>
          ) : (
            <ScrollArea.Autosize mah={380} type="auto">
              <Stack gap={4}>
                {notifications.data.items.map((n) => (
                  <UnstyledButton key={n.id} onClick={() => void open(n)} className="focus-ring" p={6} style={{ borderRadius: 6 }} data-testid="notification" data-unread={n.readAt === null || undefined}>
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
                          {formatAgo(n.createdAt)}
                        </Text>
                      </Stack>
                    </Group>
                  </UnstyledButton>
                ))}
              </Stack>
            </ScrollArea.Autosize>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
