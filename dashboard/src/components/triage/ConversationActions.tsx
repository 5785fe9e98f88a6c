import { Skeleton } from "@mantine/core";
import { api } from "../../api/client";
import { queryClient } from "../../api/query-client";
import { useQuery } from "../../api/use-query";
import { useLiveEvents } from "../../live/live-feed";
import { failed, RegionError } from "../QueryRegion";
import { TriagePanel } from "./TriagePanel";

const triageKey = (chatbotId: string, conversationId: string) => `triage:${chatbotId}:${conversationId}`;

/**
 * The conversation's actions (status, assignee, labels, notes, activity) opened from a row of the attention
 * queue or the conversations table (ActDrawer), so a support lead acts without leaving the list. Its own
 * chunk: loaded when first opened.
 */
export default function ConversationActions({ chatbotId, organizationId, conversationId, canEdit }: { chatbotId: string; organizationId: string; conversationId: string; canEdit: boolean }) {
  const key = triageKey(chatbotId, conversationId);
  const triage = useQuery(key, () => api.triage.get(chatbotId, conversationId));
  // Another member's action on it shows here too.
  useLiveEvents((events) => {
    if (events.some((e) => e.type === "triage" && e.conversationId === conversationId)) void queryClient.invalidateQueries({ queryKey: [key] });
  });
  if (failed(triage)) return <RegionError query={triage} />;
  if (!triage.data) return <Skeleton h={320} />;
  return <TriagePanel chatbotId={chatbotId} organizationId={organizationId} conversationId={conversationId} triage={triage.data} canEdit={canEdit} />;
}
