import { Group, Paper, Stack, Text, UnstyledButton } from "@mantine/core";
import { useNavigate } from "react-router";
import type { ConversationRow } from "../../../api/types";
import { SentimentBadge } from "../../../components/SentimentBadge";
import { formatAgo } from "../../../lib/format";
import { ActButton } from "../../../components/triage/ActDrawer";
import { ConversationCell, FlagList, LabelList, TriageCell, whoOf, type CellContext } from "./columns";

/** On a phone, each conversation is a card: who, how it feels, what they said last, how long ago. */
export function ConversationCards({ rows, ctx }: { rows: ConversationRow[]; ctx: CellContext }) {
  const navigate = useNavigate();
  return (
    <Stack gap="xs" data-testid="conversation-cards">
      {rows.map((r) => (
        <Paper key={r.id} withBorder radius="md" p="sm" className="live-row" data-testid="conversation-row">
          <Stack gap={6}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <ConversationCell row={r} chatbotId={ctx.chatbotId} />
              <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                {formatAgo(r.lastMessageAt)}
              </Text>
            </Group>
            <UnstyledButton onClick={() => navigate(`/chatbots/${ctx.chatbotId}/conversations/${r.id}`)} className="focus-ring">
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  {whoOf(r)}
                  {r.organization && (
                    <Text span size="sm" c="dimmed">
                      {" "}
                      · {r.organization.name ?? r.organization.externalId}
                    </Text>
                  )}
                </Text>
                {r.lastUserMessage && (
                  <Text size="sm" lineClamp={2}>
                    {r.lastUserMessage.text}
                  </Text>
                )}
              </Stack>
            </UnstyledButton>
            <Group gap={4} wrap="wrap">
              <SentimentBadge score={r.sentiment?.average} label={r.sentiment?.label} />
              {r.flags.length > 0 && <FlagList flags={r.flags} wrap />}
            </Group>
            <Group justify="space-between" gap="xs" wrap="wrap">
              <Group gap={4} wrap="wrap">
                <TriageCell row={r} members={ctx.members} />
                {r.labels.length > 0 && <LabelList row={r} onLabel={ctx.onLabel} wrap />}
              </Group>
              <ActButton acting={{ conversationId: r.id, who: whoOf(r) }} onAct={ctx.onAct} />
            </Group>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
