import { Badge, Group, Paper, Skeleton, Stack, Text, Tooltip, UnstyledButton } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import type { AttentionReason, AttentionRow } from "../../api/types";
import { EmptyNotice } from "../../components/EmptyNotice";
import { FlagBadge } from "../../components/FlagBadge";
import { LiveStatusBadge } from "../../components/LiveStatusBadge";
import { PageHeader } from "../../components/PageHeader";
import { PersonLink } from "../../components/PersonLink";
import { failed, RegionError } from "../../components/QueryRegion";
import { SentimentBadge } from "../../components/SentimentBadge";
import { ActButton, ActDrawer, type Acting } from "../../components/triage/ActDrawer";
import { formatAgo, formatDateTime, formatMoney, formatScore, humanize } from "../../lib/format";
import { useLiveFeed } from "../../live/live-feed";
import { useChatbot } from "../../session/chatbot";
import { useQuery } from "../../api/use-query";
import { attentionQuery } from "./attention-query";

/** One part of the score in words, with its points (README, "Attention queue"). */
export function reasonText(r: AttentionReason): string {
  switch (r.kind) {
    case "flag":
      return humanize(r.flag);
    case "sentiment":
      return `Sentiment ${formatScore(r.value)}`;
    case "trend":
      return `Getting worse (${formatScore(r.value)})`;
    case "waiting":
      return `Waiting ${r.value} min for a reply`;
    case "mrr":
      return `MRR ${formatMoney(r.value)}`;
  }
}

const HOW = "Score: sentiment below 0 (up to 40), getting worse (up to 20), churn risk 30, frustrated 25, urgent 20, waiting for a reply (1 a minute, up to 30), times up to 2 for MRR up to $1,000.";

function AttentionCard({ row, chatbotId, onAct }: { row: AttentionRow; chatbotId: string; onAct: (acting: Acting) => void }) {
  const who = row.user?.name ?? row.user?.email ?? row.user?.externalId ?? "Anonymous user";
  const trend = row.sentiment?.trend;
  return (
    <Paper withBorder radius="md" p="sm" className="live-row" data-testid="attention-row" data-conversation-id={row.id}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0, flex: "1 1 240px" }}>
            <Tooltip label="Attention score">
              <Badge size="lg" variant="filled" color={row.score >= 60 ? "red" : row.score >= 25 ? "orange" : "gray"} style={{ flexShrink: 0 }}>
                {row.score}
              </Badge>
            </Tooltip>
            <Stack gap={0} style={{ minWidth: 0 }}>
              {/* Every name leads to its profile; the message below opens the conversation. */}
              <Text fw={600} size="sm" truncate>
                {row.user ? <PersonLink chatbotId={chatbotId} kind="user" externalId={row.user.externalId} name={who} /> : who}
                {row.organization && (
                  <Text span c="dimmed" size="sm">
                    {" · "}
                    <PersonLink chatbotId={chatbotId} kind="organization" externalId={row.organization.externalId} name={row.organization.name} />
                  </Text>
                )}
              </Text>
              <Text size="xs" c="dimmed">
                {row.plan ?? "no plan"} · {formatMoney(row.mrr)} MRR · {row.status === "open" ? "open" : "ended"}
              </Text>
            </Stack>
          </Group>
          <Group gap={6} wrap="wrap">
            {row.sentiment ? (
              <SentimentBadge score={row.sentiment.current} label={row.sentiment.label} />
            ) : (
              <SentimentBadge score={null} />
            )}
            {trend !== null && trend !== undefined && trend < 0 && (
              <Text size="xs" title="Change from the mean of up to 3 user messages before it">
                getting worse {formatScore(trend)}
              </Text>
            )}
            <Text size="xs" c="dimmed" title={formatDateTime(row.lastUserMessage?.at ?? row.lastMessageAt)}>
              {formatAgo(row.lastUserMessage?.at ?? row.lastMessageAt)}
            </Text>
            <ActButton acting={{ conversationId: row.id, who }} onAct={onAct} />
          </Group>
        </Group>
        {/* A link, so a lead can open the conversation in a new tab or copy its address. */}
        <UnstyledButton component={Link} to={`/chatbots/${chatbotId}/conversations/${row.id}`} className="focus-ring touch-block" title="Open the conversation">
          <Text size="sm" lineClamp={2} data-testid="attention-preview">
            {row.lastUserMessage?.text ?? "Open the conversation"}
          </Text>
        </UnstyledButton>
        <Group gap={4} wrap="wrap">
          {row.flags.map((f) => (
            <FlagBadge key={f} slug={f} />
          ))}
          {row.triage.status !== "open" && (
            <Badge size="sm" variant="outline" color="gray">
              {humanize(row.triage.status)}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed" data-testid="attention-reasons">
          Why: {row.reasons.map((r) => `${reasonText(r)} +${r.points}`).join(" · ")}
        </Text>
      </Stack>
    </Paper>
  );
}

/** The chatbot's landing page: what needs a human now, ranked on the server, moving with the live feed. */
export default function AttentionPage() {
  const { chatbot } = useChatbot();
  const q = attentionQuery(chatbot.id);
  const queue = useQuery(q.key, q.load, q.options);
  const { status } = useLiveFeed();
  const rows = queue.data?.conversations ?? [];
  const [acting, setActing] = useState<Acting | null>(null);
  return (
    <Stack gap="sm">
      <PageHeader
        title="Needs attention now"
        description={
          <Tooltip label={HOW} multiline w={360}>
            <span>Open and recently active conversations, most urgent first. Updates live.</span>
          </Tooltip>
        }
        actions={<LiveStatusBadge status={status} />}
      />
      <RegionError query={queue} />
      {queue.loading && (
        <Stack gap="xs">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} h={96} radius="md" />
          ))}
        </Stack>
      )}
      {!failed(queue) && !queue.loading && (
        <>
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="attention-total">
            {queue.data?.total === 1 ? "1 conversation needs" : `${queue.data?.total ?? 0} conversations need`} attention
            {queue.data && queue.data.total > rows.length ? ` (the top ${rows.length} shown)` : ""}
          </Text>
          {rows.length === 0 ? (
            <EmptyNotice title="Nothing needs attention right now">
              Conversations appear here the moment a user is unhappy, getting more so, flagged as a churn risk, frustrated or urgent, or left waiting for a reply.
            </EmptyNotice>
          ) : (
            <Stack gap="xs" data-testid="attention-list">
              {rows.map((r) => (
                <AttentionCard key={r.id} row={r} chatbotId={chatbot.id} onAct={setActing} />
              ))}
            </Stack>
          )}
        </>
      )}
      <ActDrawer acting={acting} onClose={() => setActing(null)} />
    </Stack>
  );
}
