import { Skeleton, Text, Timeline } from "@mantine/core";
import { api } from "../../api/client";
import type { ConversationActivity } from "../../api/types";
import { useQuery } from "../../api/use-query";
import { formatAgo, formatDateTime } from "../../lib/format";
import { failed, RegionError } from "../QueryRegion";
import { activityKey, statusOf } from "./data";

/** One line per action: who did what. */
export function describeActivity(a: ConversationActivity): string {
  const d = a.detail;
  switch (a.kind) {
    case "status_changed":
      return `${a.actorName} set the status to ${statusOf(d.to ?? "open").label.toLowerCase()}${d.from ? ` (was ${statusOf(d.from).label.toLowerCase()})` : ""}`;
    case "assigned":
      return `${a.actorName} assigned it to ${d.assigneeName ?? "a member"}`;
    case "unassigned":
      return `${a.actorName} unassigned ${d.assigneeName ?? "it"}`;
    case "note_added":
      return `${a.actorName} added a note${d.excerpt ? `: “${d.excerpt}”` : ""}`;
    case "label_added":
      return `${a.actorName} added the label ${d.labelName ?? ""}`.trim();
    case "label_removed":
      return `${a.actorName} removed the label ${d.labelName ?? ""}`.trim();
  }
}

/** The conversation's activity timeline, newest first. */
export function ActivityTimeline({ chatbotId, conversationId }: { chatbotId: string; conversationId: string }) {
  const activity = useQuery(activityKey(chatbotId, conversationId), () => api.triage.activity(chatbotId, conversationId));
  if (failed(activity)) return <RegionError query={activity} />;
  if (activity.loading) return <Skeleton h={64} />;
  if (!activity.data?.length) {
    return (
      <Text size="sm" c="dimmed">
        Nobody has acted on this conversation yet.
      </Text>
    );
  }
  return (
    <Timeline bulletSize={12} lineWidth={2} data-testid="activity">
      {activity.data.map((a) => (
        <Timeline.Item key={a.id} data-testid="activity-item">
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            {describeActivity(a)}
          </Text>
          <Text size="xs" c="dimmed" title={formatDateTime(a.createdAt)}>
            {formatAgo(a.createdAt)}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
