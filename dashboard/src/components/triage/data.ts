/**
 * What the triage controls read, shared by every place that shows them (the conversation's page, the
 * attention queue, the conversations table): one cached request per chatbot for its labels and per
 * organization for its members, and the words and colours of each status.
 */
import { api } from "../../api/client";
import type { TriageStatus } from "../../api/types";
import { useQuery } from "../../api/use-query";

export const labelsKey = (chatbotId: string) => `labels:${chatbotId}`;
export const notesKey = (chatbotId: string, conversationId: string) => `notes:${chatbotId}:${conversationId}`;
export const activityKey = (chatbotId: string, conversationId: string) => `activity:${chatbotId}:${conversationId}`;

export const useLabels = (chatbotId: string) => useQuery(labelsKey(chatbotId), () => api.labels.list(chatbotId));
/** The same key as Settings' members list, so both share one request. */
export const useMembers = (organizationId: string) => useQuery(`members:${organizationId}`, () => api.organizations.members(organizationId));

export const STATUSES: { value: TriageStatus; label: string; color: string }[] = [
  { value: "open", label: "Open", color: "blue" },
  { value: "needs_review", label: "Needs review", color: "yellow" },
  { value: "escalated", label: "Escalated", color: "red" },
  { value: "reviewed", label: "Reviewed", color: "green" },
  { value: "resolved_by_team", label: "Resolved by team", color: "teal" },
];

export const statusOf = (value: TriageStatus) => STATUSES.find((s) => s.value === value) ?? STATUSES[0]!;
