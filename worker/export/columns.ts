/**
 * What each export's CSV columns hold, defined once per export: a header and how a row gives its cell.
 * The JSON exports carry the API's own rows instead (the same objects the tables' endpoints answer).
 * Times are ISO 8601 in UTC; lists are joined with `;`.
 */
import type { AnalysedMessage } from "../../durable-objects/conversation";
import type { ConversationRow } from "../analytics/conversations-table";
import type { OrganizationRow, UserRow } from "../analytics/people-tables";
import type { Cell } from "./csv";

export interface Column<T> {
  header: string;
  cell: (row: T) => Cell;
}

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
const list = (values: readonly string[] | null | undefined) => (values?.length ? values.join(";") : null);

export const conversationColumns: Column<ConversationRow>[] = [
  { header: "id", cell: (r) => r.id },
  { header: "external_id", cell: (r) => r.externalId },
  { header: "status", cell: (r) => r.status },
  { header: "sentiment", cell: (r) => r.sentiment?.average },
  { header: "sentiment_label", cell: (r) => r.sentiment?.label },
  { header: "flags", cell: (r) => list(r.flags) },
  { header: "user_external_id", cell: (r) => r.user?.externalId },
  { header: "user_name", cell: (r) => r.user?.name },
  { header: "user_email", cell: (r) => r.user?.email },
  { header: "organization_external_id", cell: (r) => r.organization?.externalId },
  { header: "organization_name", cell: (r) => r.organization?.name },
  { header: "plan", cell: (r) => r.plan },
  { header: "industry", cell: (r) => r.industry },
  { header: "mrr", cell: (r) => r.mrr },
  { header: "messages", cell: (r) => r.messageCount },
  { header: "language", cell: (r) => r.language },
  { header: "country", cell: (r) => r.country },
  { header: "device", cell: (r) => r.device },
  { header: "created_at", cell: (r) => iso(r.createdAt) },
  { header: "last_message_at", cell: (r) => iso(r.lastMessageAt) },
  { header: "triage_status", cell: (r) => r.triage.status },
  { header: "assignee_id", cell: (r) => r.triage.assigneeId },
  { header: "labels", cell: (r) => list(r.labels.map((l) => l.name)) },
  { header: "last_user_message", cell: (r) => r.lastUserMessage?.text },
  { header: "last_user_message_at", cell: (r) => iso(r.lastUserMessage?.at) },
];

export const userColumns: Column<UserRow>[] = [
  { header: "id", cell: (r) => r.id },
  { header: "external_id", cell: (r) => r.externalId },
  { header: "name", cell: (r) => r.name },
  { header: "email", cell: (r) => r.email },
  { header: "organization_external_id", cell: (r) => r.organization?.externalId },
  { header: "organization_name", cell: (r) => r.organization?.name },
  { header: "plan", cell: (r) => r.plan },
  { header: "industry", cell: (r) => r.industry },
  { header: "mrr", cell: (r) => r.mrr },
  { header: "conversations", cell: (r) => r.conversations },
  { header: "average_sentiment", cell: (r) => r.averageSentiment },
  { header: "last_activity_at", cell: (r) => iso(r.lastActivityAt) },
  { header: "signed_up_at", cell: (r) => iso(r.signedUpAt) },
  { header: "first_seen_at", cell: (r) => iso(r.firstSeenAt) },
];

export const organizationColumns: Column<OrganizationRow>[] = [
  { header: "id", cell: (r) => r.id },
  { header: "external_id", cell: (r) => r.externalId },
  { header: "name", cell: (r) => r.name },
  { header: "plan", cell: (r) => r.plan },
  { header: "industry", cell: (r) => r.industry },
  { header: "mrr", cell: (r) => r.mrr },
  { header: "users", cell: (r) => r.users },
  { header: "conversations", cell: (r) => r.conversations },
  { header: "average_sentiment", cell: (r) => r.averageSentiment },
  { header: "last_activity_at", cell: (r) => iso(r.lastActivityAt) },
  { header: "first_seen_at", cell: (r) => iso(r.firstSeenAt) },
];

/** One message of a transcript and what the analysis found in it. */
export const transcriptColumns: Column<AnalysedMessage>[] = [
  { header: "seq", cell: (m) => m.seq },
  { header: "message_id", cell: (m) => m.id },
  { header: "role", cell: (m) => m.role },
  { header: "content", cell: (m) => m.content },
  { header: "sent_at", cell: (m) => iso(m.sentAt) },
  { header: "received_at", cell: (m) => iso(m.receivedAt) },
  { header: "language", cell: (m) => m.language },
  { header: "sentiment", cell: (m) => m.analysis?.analysis.sentiment?.score },
  { header: "sentiment_label", cell: (m) => m.analysis?.analysis.sentiment?.label },
  { header: "flags", cell: (m) => list(m.analysis?.analysis.flags.map((f) => f.slug)) },
  { header: "behaviours", cell: (m) => list(m.analysis?.analysis.behaviours.map((b) => b.slug)) },
  { header: "intent", cell: (m) => m.analysis?.analysis.intent?.slug },
  { header: "topics", cell: (m) => list(m.analysis?.analysis.topics.map((t) => t.slug)) },
  { header: "analyzer", cell: (m) => m.analysis?.analyzer },
];
