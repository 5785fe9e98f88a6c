import { Divider, Group, Paper, Stack, Text } from "@mantine/core";
import { queryClient } from "../../api/query-client";
import type { ConversationTriage } from "../../api/types";
import { useLiveEvents } from "../../live/live-feed";
import { formatAgo } from "../../lib/format";
import { ActivityTimeline } from "./ActivityTimeline";
import { AssigneeControl } from "./AssigneeControl";
import { activityKey, labelsKey, notesKey } from "./data";
import { LabelsControl } from "./LabelsControl";
import { NotesPanel } from "./NotesPanel";
import { ShareLinkButton } from "./ShareLinkButton";
import { StatusControl } from "./StatusControl";

/**
 * Re-reads a conversation's notes and activity when the live feed says someone acted on it, and the
 * chatbot's labels when they changed: another member's action shows here without a reload. (The
 * conversation itself, with its triage, is re-read by its page on any event of it.)
 */
export function useTriageLiveRefresh(chatbotId: string, conversationId: string): void {
  useLiveEvents((events) => {
    for (const event of events) {
      if (event.type === "triage" && event.conversationId === conversationId) {
        void queryClient.invalidateQueries({ queryKey: [notesKey(chatbotId, conversationId)] });
        void queryClient.invalidateQueries({ queryKey: [activityKey(chatbotId, conversationId)] });
      } else if (event.type === "labels") {
        void queryClient.invalidateQueries({ queryKey: [labelsKey(chatbotId)] });
      }
    }
  });
}

/** The conversation page's actions: status, assignee, labels, share link, notes and the activity timeline. Read-only members see the state, no controls. */
export function TriagePanel({ chatbotId, organizationId, conversationId, triage, canEdit }: { chatbotId: string; organizationId: string; conversationId: string; triage: ConversationTriage; canEdit: boolean }) {
  useTriageLiveRefresh(chatbotId, conversationId);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Actions" data-testid="triage-panel">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>Actions</Text>
        <ShareLinkButton chatbotId={chatbotId} conversationId={conversationId} />
      </Group>
      <Stack gap="sm">
        <StatusControl chatbotId={chatbotId} conversationId={conversationId} status={triage.status} canEdit={canEdit} />
        {triage.statusAt !== null && (
          <Text size="xs" c="dimmed" mt={-6}>
            Status set {formatAgo(triage.statusAt)}
          </Text>
        )}
        <AssigneeControl chatbotId={chatbotId} organizationId={organizationId} conversationId={conversationId} assignee={triage.assignee} canEdit={canEdit} />
        <LabelsControl chatbotId={chatbotId} conversationId={conversationId} labels={triage.labels} canEdit={canEdit} />
        <Divider label="Notes" labelPosition="left" />
        <NotesPanel chatbotId={chatbotId} conversationId={conversationId} canEdit={canEdit} />
        <Divider label="Activity" labelPosition="left" />
        <ActivityTimeline chatbotId={chatbotId} conversationId={conversationId} />
      </Stack>
    </Paper>
  );
}
