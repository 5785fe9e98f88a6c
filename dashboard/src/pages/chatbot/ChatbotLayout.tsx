import { Alert, Badge, Group, Skeleton, Stack, Text } from "@mantine/core";
import { Suspense, useCallback, useEffect, useLayoutEffect, useMemo } from "react";
import { Outlet, useParams } from "react-router";
import { useQuery } from "../../api/use-query";
import { ErrorNotice } from "../../components/ErrorNotice";
import { failed } from "../../components/QueryRegion";
import { LiveFeedProvider } from "../../live/live-feed";
import { ChatbotProvider } from "../../session/chatbot";
import { chatbotLookup } from "../../session/chatbot-lookup";
import { dismissFirstPaint } from "../../session/first-paint";
import { useSession, useSignedIn } from "../../session/session";
import { FullPageLoader } from "../../components/FullPageLoader";
import { NotFoundPage } from "../NotFoundPage";

/** Every `/chatbots/:chatbotId/…` page: the chatbot, the member's role for it, and its live feed. */
export function ChatbotLayout() {
  const { chatbotId = "" } = useParams();
  const session = useSignedIn();
  const { switchOrganization, refresh } = useSession();
  const lookup = chatbotLookup(session, chatbotId);
  const found = useQuery(lookup.key, lookup.load);
  const resolved = found.data;

  useEffect(() => {
    if (resolved && session.currentOrganizationId !== resolved.organization.id) void switchOrganization(resolved.organization.id).catch(() => undefined);
  }, [resolved, session.currentOrganizationId, switchOrganization]);

  const value = useMemo(
    () => (resolved ? { chatbot: resolved.chatbot, organization: resolved.organization, canEdit: resolved.organization.role !== "member", reload: found.reload } : null),
    [resolved, found.reload],
  );

  // The live feed was refused or cannot come back: the member may have lost the chatbot (removed from its
  // organization, the chatbot deleted). The session re-read drops an organization they left, and the lookup
  // then finds no chatbot: the page says so instead of showing the old figures as "Reconnecting…".
  const { reload } = found;
  const recheck = useCallback(() => {
    void refresh()
      .then(reload)
      .catch(() => undefined);
  }, [refresh, reload]);

  // The chatbot cannot be shown (an error, or not found): the Worker's painted figures go too.
  const shown = found.loading || value !== null;
  useLayoutEffect(() => {
    if (!shown) dismissFirstPaint();
  }, [shown]);

  if (found.loading) return <Skeleton h={40} w={320} />;
  // A failed refresh keeps the chatbot open; only a first load that failed stops here.
  if (failed(found)) return <ErrorNotice error={found.error} onRetry={found.reload} />;
  if (!value) return <NotFoundPage what="chatbot" />;

  return (
    <ChatbotProvider value={value}>
      <LiveFeedProvider chatbotId={value.chatbot.id} onLost={recheck}>
        <Stack gap="md">
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {value.organization.name} /
            </Text>
            <Text size="sm" fw={600}>
              {value.chatbot.name}
            </Text>
            <Badge size="sm" variant="light" color={value.chatbot.status === "active" ? "green" : value.chatbot.status === "pending" ? "yellow" : "gray"}>
              {value.chatbot.status}
            </Badge>
            {!value.canEdit && (
              <Badge size="sm" variant="outline" color="gray">
                read-only
              </Badge>
            )}
          </Group>
          {value.chatbot.status === "archived" && (
            <Alert color="gray" title="This chatbot is archived">
              Capture is refused; its data is kept. {value.canEdit ? "Unarchive it in Settings." : ""}
            </Alert>
          )}
          <Suspense fallback={<FullPageLoader />}>
            <Outlet />
          </Suspense>
        </Stack>
      </LiveFeedProvider>
    </ChatbotProvider>
  );
}
