import { ActionIcon, Anchor, Group, Indicator, Popover, ScrollArea, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { api } from "../api/client";
import { useQuery } from "../api/use-query";
import { NOTIFICATIONS_KEY, useNotificationChannel } from "../live/notification-channel";
import { ErrorNotice } from "./ErrorNotice";
import { MarkAllReadButton, NotificationList, useOpenNotification } from "./NotificationItem";

function Bell() {
  return (
    <svg width={20} height={20} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/**
 * The header's notification centre, on every signed-in page: the unread count on a bell, the member's newest
 * notifications, mark one (by opening it) or all read, and "See all" (the Notifications page). It holds the
 * tab's notification channel, so new ones arrive live wherever the member is.
 */
export function NotificationCentre() {
  const [opened, setOpened] = useState(false);
  useNotificationChannel();
  const notifications = useQuery(NOTIFICATIONS_KEY, () => api.notifications.list());
  const { open, error, setError } = useOpenNotification(() => setOpened(false));
  const unread = notifications.data?.unread ?? 0;

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
            <Group gap={4}>
              <Anchor component={Link} to="/notifications" size="xs" onClick={() => setOpened(false)}>
                See all
              </Anchor>
              <MarkAllReadButton size="xs" variant="subtle" unread={unread} onError={setError} />
            </Group>
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
              <NotificationList items={notifications.data.items} onOpen={(item) => void open(item)} />
            </ScrollArea.Autosize>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
