import { Paper, Skeleton, Stack } from "@mantine/core";
import { api } from "../api/client";
import { useQuery } from "../api/use-query";
import { EmptyNotice } from "../components/EmptyNotice";
import { ErrorNotice } from "../components/ErrorNotice";
import { MarkAllReadButton, NotificationList, useOpenNotification } from "../components/NotificationItem";
import { PageHeader } from "../components/PageHeader";
import { QueryRegion } from "../components/QueryRegion";
import { NOTIFICATIONS_KEY } from "../live/notification-channel";

/** The most the API lists at once (GET /api/v1/notifications, `limit` at most 100). */
const ALL = 100;

/**
 * All of the member's notifications on a page of their own (the bell's "See all"), newest first; it follows
 * the notification channel like the bell (live/notification-channel.ts).
 */
export function NotificationsPage() {
  const notifications = useQuery(`${NOTIFICATIONS_KEY}:all`, () => api.notifications.list({ limit: ALL }));
  const { open, error, setError } = useOpenNotification();
  const unread = notifications.data?.unread ?? 0;
  return (
    <Stack gap="md" maw={720}>
      <PageHeader
        title="Notifications"
        description={`Assignments to you and workflows' in-app alerts, newest first (the latest ${ALL}).`}
        actions={<MarkAllReadButton variant="light" unread={unread} onError={setError} />}
      />
      {error !== null && <ErrorNotice error={error} />}
      <QueryRegion
        query={notifications}
        skeleton={<Skeleton h={180} />}
        isEmpty={(data) => data.items.length === 0}
        empty={<EmptyNotice title="No notifications yet">Assignments to you and workflows' in-app alerts appear here, as they happen.</EmptyNotice>}
      >
        {(data) => (
          <Paper withBorder p="xs" role="region" aria-label={unread ? `Notifications, ${unread} unread` : "Notifications, all read"}>
            <NotificationList items={data.items} onOpen={(item) => void open(item)} />
          </Paper>
        )}
      </QueryRegion>
    </Stack>
  );
}
