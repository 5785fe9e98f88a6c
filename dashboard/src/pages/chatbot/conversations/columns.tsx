import { Anchor, Badge, Group, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { ConversationRow, OrgMember } from "../../../api/types";
import { FlagBadge } from "../../../components/FlagBadge";
import { LanguageBadge } from "../../../components/LanguageBadge";
import { PersonLink } from "../../../components/PersonLink";
import { SentimentBadge } from "../../../components/SentimentBadge";
import type { Acting } from "../../../components/triage/ActDrawer";
import { formatAgo, formatDateTime, formatMoney, humanize } from "../../../lib/format";

export type Column =
  | "conversation"
  | "flags"
  | "sentiment"
  | "preview"
  | "user"
  | "organization"
  | "triage"
  | "labels"
  | "plan"
  | "mrr"
  | "lastMessage"
  | "messages"
  | "email"
  | "country"
  | "language"
  | "device"
  | "created";

export interface CellContext {
  chatbotId: string;
  members: Map<string, OrgMember>;
  /** Filters the table by a label (its badges are buttons). */
  onLabel: (labelId: string) => void;
  /** Opens the row's actions (status, assignee, labels, notes) in a drawer. */
  onAct: (acting: Acting) => void;
}

/** Who a row is about, in words (the Act drawer's title). */
export const whoOf = (row: ConversationRow) => row.user?.name ?? row.user?.email ?? row.user?.externalId ?? "Anonymous user";

export interface ColumnDef {
  key: Column;
  label: string;
  sort?: string;
  /** Cells that may wrap (the preview); every other cell stays on one line. */
  wraps?: boolean;
  cell: (row: ConversationRow, ctx: CellContext) => ReactNode;
}

/** The conversation's id with its OPEN badge, which never shrinks out of its cell. */
export function ConversationCell({ row, chatbotId }: { row: ConversationRow; chatbotId: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Anchor component={Link} to={`/chatbots/${chatbotId}/conversations/${row.id}`} size="sm" fw={500} onClick={(e) => e.stopPropagation()} truncate="end" maw={200}>
        {row.externalId}
      </Anchor>
      {row.status === "open" && (
        <Badge size="sm" color="green" variant="dot" style={{ flexShrink: 0, overflow: "visible" }}>
          open
        </Badge>
      )}
    </Group>
  );
}

export function FlagList({ flags, wrap = false }: { flags: string[]; wrap?: boolean }) {
  if (!flags.length) return <>—</>;
  return (
    <Group gap={4} wrap={wrap ? "wrap" : "nowrap"}>
      {flags.map((f) => (
        <FlagBadge key={f} slug={f} />
      ))}
    </Group>
  );
}

export function TriageCell({ row, members }: { row: ConversationRow; members: Map<string, OrgMember> }) {
  const assignee = row.triage.assigneeId ? (members.get(row.triage.assigneeId)?.name ?? "a member") : null;
  return (
    <Group gap={4} wrap="nowrap">
      <Badge size="sm" variant={row.triage.status === "open" ? "outline" : "light"} color={row.triage.status === "escalated" ? "red" : row.triage.status === "needs_review" ? "orange" : "gray"}>
        {humanize(row.triage.status)}
      </Badge>
      {assignee && (
        <Text size="xs" c="dimmed">
          {assignee}
        </Text>
      )}
    </Group>
  );
}

export function LabelList({ row, onLabel, wrap = false }: { row: ConversationRow; onLabel: (labelId: string) => void; wrap?: boolean }) {
  if (!row.labels.length) return <>—</>;
  return (
    <Group gap={4} wrap={wrap ? "wrap" : "nowrap"}>
      {row.labels.map((l) => (
        <Badge
          key={l.id}
          component="button"
          size="sm"
          color={l.color}
          variant="light"
          style={{ cursor: "pointer" }}
          aria-label={`Show conversations labelled ${l.name}`}
          onClick={(e) => {
            e.stopPropagation();
            onLabel(l.id);
          }}
        >
          {l.name}
        </Badge>
      ))}
    </Group>
  );
}

/** A name linking to its profile; the click stays on the link rather than also opening the row's conversation. */
const Person = (props: Parameters<typeof PersonLink>[0]) => (
  <span onClick={(e) => e.stopPropagation()}>
    <PersonLink {...props} />
  </span>
);

export const Preview = ({ row }: { row: ConversationRow }) =>
  row.lastUserMessage ? (
    <Text size="sm" lineClamp={2} maw={340} miw={200} style={{ whiteSpace: "normal" }} title={row.lastUserMessage.text}>
      {row.lastUserMessage.text}
    </Text>
  ) : (
    <>—</>
  );

/** Flags and sentiment come first: what a team scans for; optional columns scroll inside the table. */
export const COLUMNS: ColumnDef[] = [
  { key: "conversation", label: "Conversation", cell: (r, ctx) => <ConversationCell row={r} chatbotId={ctx.chatbotId} /> },
  { key: "flags", label: "Flags", cell: (r) => <FlagList flags={r.flags} /> },
  { key: "sentiment", label: "Sentiment", sort: "sentiment", cell: (r) => <SentimentBadge score={r.sentiment?.average} label={r.sentiment?.label} /> },
  { key: "preview", label: "Last user message", wraps: true, cell: (r) => <Preview row={r} /> },
  { key: "user", label: "User", cell: (r, ctx) => (r.user ? <Person chatbotId={ctx.chatbotId} kind="user" externalId={r.user.externalId} name={r.user.name} /> : "—") },
  {
    key: "organization",
    label: "Organization",
    cell: (r, ctx) => (r.organization ? <Person chatbotId={ctx.chatbotId} kind="organization" externalId={r.organization.externalId} name={r.organization.name} /> : "—"),
  },
  { key: "triage", label: "Status", cell: (r, ctx) => <TriageCell row={r} members={ctx.members} /> },
  { key: "labels", label: "Labels", cell: (r, ctx) => <LabelList row={r} onLabel={ctx.onLabel} /> },
  { key: "plan", label: "Plan", cell: (r) => r.plan ?? "—" },
  { key: "mrr", label: "MRR", sort: "mrr", cell: (r) => formatMoney(r.mrr) },
  { key: "lastMessage", label: "Last message", sort: "lastMessageAt", cell: (r) => <span title={formatDateTime(r.lastMessageAt)}>{formatAgo(r.lastMessageAt)}</span> },
  { key: "messages", label: "Messages", sort: "messageCount", cell: (r) => r.messageCount },
  { key: "email", label: "Email", cell: (r) => r.user?.email ?? "—" },
  { key: "country", label: "Country", cell: (r) => r.country ?? "—" },
  { key: "language", label: "Language", cell: (r) => (r.language ? <LanguageBadge code={r.language} /> : "—") },
  { key: "device", label: "Device", cell: (r) => r.device ?? "—" },
  { key: "created", label: "Created", sort: "createdAt", cell: (r) => formatDateTime(r.createdAt) },
];

export const DEFAULT_COLUMNS: Column[] = ["conversation", "flags", "sentiment", "preview", "user", "organization", "triage", "labels", "plan", "mrr", "lastMessage"];
