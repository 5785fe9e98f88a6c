import { Anchor, Badge, Grid, Group, Paper, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useEffect, useRef, type ReactNode } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { api, ApiError } from "../../api/client";
import type { AnalysedMessage, ConversationDetail } from "../../api/types";
import { useQuery } from "../../api/use-query";
import { failed, RegionError } from "../../components/QueryRegion";
import { DetectionAnnotation, FlagBadge } from "../../components/FlagBadge";
import { LanguageBadge } from "../../components/LanguageBadge";
import { LiveStatusBadge } from "../../components/LiveStatusBadge";
import { SentimentAnnotation, SentimentBadge } from "../../components/SentimentBadge";
import { ExportMenu } from "../../components/ExportMenu";
import { PersonLink } from "../../components/PersonLink";
import { TriagePanel } from "../../components/triage";
import { formatDateTime, formatMoney, formatTime, humanize } from "../../lib/format";
import { useLiveEvents, useLiveFeed } from "../../live/live-feed";
import { useChatbot } from "../../session/chatbot";
import { NotFoundPage } from "../NotFoundPage";

/** Reads the conversation with every page of its messages (500 at a time). */
async function loadConversation(chatbotId: string, id: string): Promise<ConversationDetail> {
  const first = await api.conversations.get(chatbotId, id);
  const messages = [...first.messages];
  let next = first.messagesPage.nextAfter;
  while (next !== null && messages.length < 5000) {
    const page = await api.conversations.get(chatbotId, id, { after: next });
    messages.push(...page.messages);
    next = page.messagesPage.nextAfter;
  }
  return { ...first, messages };
}

function MessageAnnotations({ message }: { message: AnalysedMessage }) {
  if (message.role === "system") return null;
  if (!message.analysis) {
    return message.role === "user" ? <SentimentBadge score={null} pending /> : null;
  }
  const a = message.analysis.analysis;
  return (
    <Group gap={6} mt={6} data-testid="message-annotations">
      {a.sentiment && <SentimentAnnotation {...a.sentiment} />}
      {a.flags.map((d) => (
        <DetectionAnnotation key={`f-${d.slug}`} detection={d} kind="flag" />
      ))}
      {a.behaviours.map((d) => (
        <DetectionAnnotation key={`b-${d.slug}`} detection={d} kind="behaviour" />
      ))}
      {a.intent && <DetectionAnnotation detection={a.intent} kind="intent" />}
      {a.topics.map((d) => (
        <DetectionAnnotation key={`t-${d.slug}`} detection={d} kind="topic" />
      ))}
      {message.analysis.fallback && (
        <Badge size="xs" variant="outline" color="gray" title="Workers AI failed; the embedded analyzer stood in">
          fallback
        </Badge>
      )}
    </Group>
  );
}

function MessageBubble({ message, highlighted }: { message: AnalysedMessage; highlighted: boolean }) {
  const mine = message.role === "user";
  return (
    <Group justify={mine ? "flex-start" : "flex-end"} wrap="nowrap" data-testid="thread-message" id={messageAnchor(message.id)} data-highlighted={highlighted || undefined}>
      <Paper
        className="thread-message"
        p="sm"
        radius="md"
        withBorder
        bg={highlighted ? "var(--mantine-color-yellow-light)" : mine ? "var(--ob-bubble-user)" : message.role === "system" ? "var(--mantine-color-default-hover)" : "var(--mantine-color-body)"}
        style={highlighted ? { outline: "2px solid var(--mantine-color-yellow-6)", outlineOffset: 2 } : undefined}
        aria-current={highlighted ? "true" : undefined}
      >
        <Group gap={8} justify="space-between" wrap="nowrap">
          <Group gap={6} wrap="nowrap">
            <Text size="xs" fw={700} tt="capitalize">
              {message.role}
            </Text>
            <LanguageBadge code={message.language} size="xs" />
          </Group>
          <Text size="xs" c="dimmed" title={formatDateTime(message.sentAt ?? message.receivedAt)}>
            #{message.seq} · {formatTime(message.sentAt ?? message.receivedAt)}
          </Text>
        </Group>
        <Text size="sm" mt={4} style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          {message.content}
        </Text>
        {message.analysis?.translation && (
          <Text size="sm" c="dimmed" mt={4} fs="italic">
            Translation ({message.analysis.language}): {message.analysis.translation}
          </Text>
        )}
        <MessageAnnotations message={message} />
      </Paper>
    </Group>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" ta="right" style={{ overflowWrap: "anywhere" }} component="div">
        {children ?? "—"}
      </Text>
    </Group>
  );
}

function SidebarCard({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title} data-testid={testId}>
      <Text fw={600} mb="xs">
        {title}
      </Text>
      <Stack gap={6}>{children}</Stack>
    </Paper>
  );
}

function ConversationSidebar({ c, chatbotId, organizationId, canEdit }: { c: ConversationDetail; chatbotId: string; organizationId: string; canEdit: boolean }) {
  const link = (url: string | null | undefined) =>
    url ? (
      <Anchor href={url} target="_blank" rel="noreferrer noopener" size="sm">
        {url}
      </Anchor>
    ) : null;
  return (
    <Stack>
      <TriagePanel chatbotId={chatbotId} organizationId={organizationId} conversationId={c.id} triage={c.triage} canEdit={canEdit} />
      <SidebarCard title="User" testId="sidebar-user">
        {c.user ? (
          <>
            <Fact label="Name">
              <PersonLink chatbotId={chatbotId} kind="user" externalId={c.user.externalId} name={c.user.name} />
            </Fact>
            <Fact label="Email">{c.user.email}</Fact>
            <Fact label="User id">
              <Anchor component={Link} to={`/chatbots/${chatbotId}/conversations?user=${encodeURIComponent(c.user.externalId)}`} size="sm">
                {c.user.externalId}
              </Anchor>
            </Fact>
            <Fact label="Plan">{c.user.plan}</Fact>
            <Fact label="MRR">{c.user.mrr !== null && c.user.mrr !== undefined ? formatMoney(c.user.mrr) : null}</Fact>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            The chatbot did not say who the user is.
          </Text>
        )}
      </SidebarCard>
      <SidebarCard title="Organization" testId="sidebar-organization">
        {c.organization ? (
          <>
            <Fact label="Name">
              <PersonLink chatbotId={chatbotId} kind="organization" externalId={c.organization.externalId} name={c.organization.name} />
            </Fact>
            <Fact label="Plan">{c.organization.plan}</Fact>
            <Fact label="Industry">{c.organization.industry}</Fact>
            <Fact label="MRR">{c.organization.mrr !== null && c.organization.mrr !== undefined ? formatMoney(c.organization.mrr) : null}</Fact>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            No organization for this user.
          </Text>
        )}
      </SidebarCard>
      <SidebarCard title="Session" testId="sidebar-session">
        <Fact label="Device">{c.session.device}</Fact>
        <Fact label="Country">{[c.session.country, c.session.city].filter(Boolean).join(" · ") || null}</Fact>
        <Fact label="Page URL">{link(c.session.pageUrl)}</Fact>
        <Fact label="Referrer">{link(c.session.referrer)}</Fact>
        {c.session.timezone && <Fact label="Time zone">{c.session.timezone}</Fact>}
      </SidebarCard>
      <SidebarCard title="Conversation" testId="sidebar-conversation">
        <Fact label="Status">{c.status === "ended" ? `ended${c.endReason ? ` (${humanize(c.endReason).toLowerCase()})` : ""}` : "open"}</Fact>
        <Fact label="Started">{formatDateTime(c.createdAt)}</Fact>
        <Fact label="Last message">{formatDateTime(c.lastMessageAt)}</Fact>
        <Fact label="Messages">{c.messageCount}</Fact>
        <Fact label="Language">{c.language ? <LanguageBadge code={c.language} /> : null}</Fact>
        <Fact label="Avg. sentiment">
          <SentimentBadge score={c.aggregates.sentimentAvg} />
        </Fact>
        <Fact label="Resolution">{c.aggregates.resolution ? <span title={c.aggregates.resolutionReason ?? undefined}>{humanize(c.aggregates.resolution)}</span> : null}</Fact>
        {Object.entries(c.custom).map(([k, v]) => (
          <Fact key={k} label={k}>
            {String(v)}
          </Fact>
        ))}
      </SidebarCard>
    </Stack>
  );
}

/** The element id of a message in the thread, for `?msg=<message id>` (a search hit) to scroll to. */
const messageAnchor = (id: string) => `msg-${id}`;

export default function ConversationDetailPage() {
  const { chatbot, organization, canEdit } = useChatbot();
  const { conversationId = "" } = useParams();
  const [params] = useSearchParams();
  const target = params.get("msg");
  const { status } = useLiveFeed();
  const conversation = useQuery(`conversation:${chatbot.id}:${conversationId}`, () => loadConversation(chatbot.id, conversationId));

  // While open, the conversation updates in place: any live event of it re-reads it (coalesced).
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useLiveEvents((events) => {
    if (!events.some((e) => "conversationId" in e && e.conversationId === conversationId)) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(conversation.reload, 300);
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  // Opened from a search hit: scroll to the message once it is on screen (once per target, not on every live re-read).
  const scrolledTo = useRef<string | null>(null);
  const loaded = conversation.data !== undefined;
  useEffect(() => {
    if (!target || !loaded || scrolledTo.current === target) return;
    const element = document.getElementById(messageAnchor(target));
    if (!element) return;
    scrolledTo.current = target;
    element.scrollIntoView({ block: "center" });
  }, [target, loaded]);

  if (conversation.error instanceof ApiError && conversation.error.status === 404) return <NotFoundPage what="conversation" />;
  const c = conversation.data;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Anchor component={Link} to={`/chatbots/${chatbot.id}/conversations`} size="sm">
            ← Conversations
          </Anchor>
          <Title order={1} size="h2" style={{ overflowWrap: "anywhere" }}>
            {c ? c.externalId : failed(conversation) ? "Conversation" : <Skeleton h={32} w={240} />}
          </Title>
        </Stack>
        <Group gap="xs">
          {c && <LanguageBadge code={c.language} />}
          {c && c.aggregates.flags.map((f) => <FlagBadge key={f} slug={f} />)}
          {c?.status === "open" && <LiveStatusBadge status={status} />}
          {c && <ExportMenu label="Export transcript" path={`/api/v1/chatbots/${chatbot.id}/exports/conversations/${c.id}`} />}
        </Group>
      </Group>
      <RegionError query={conversation} />
      {/* On a phone the messages come first, their context after: the thread is what was opened. */}
      {!failed(conversation) && (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Paper withBorder radius="md" p="md" component="section" aria-label="Thread">
              <Stack gap="sm" data-testid="thread">
                {!c ? (
                  Array.from({ length: 4 }, (_, i) => <Skeleton key={i} h={84} w={i % 2 ? "60%" : "75%"} ml={i % 2 ? "auto" : 0} />)
                ) : c.messages.length === 0 ? (
                  <Text c="dimmed" size="sm">
                    No messages yet. They appear here as your integration sends them.
                  </Text>
                ) : (
                  c.messages.map((m) => <MessageBubble key={m.seq} message={m} highlighted={m.id === target} />)
                )}
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            {c ? <ConversationSidebar c={c} chatbotId={chatbot.id} organizationId={organization.id} canEdit={canEdit} /> : <Skeleton h={480} />}
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
