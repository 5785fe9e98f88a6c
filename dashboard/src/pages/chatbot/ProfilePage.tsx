import { Anchor, Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { Link, useParams } from "react-router";
import { api } from "../../api/client";
import type { OrganizationProfile, UserProfile } from "../../api/types";
import { useQuery } from "../../api/use-query";
import { FlagBadge } from "../../components/FlagBadge";
import { PageHeader } from "../../components/PageHeader";
import { PersonLink } from "../../components/PersonLink";
import { QueryRegion } from "../../components/QueryRegion";
import { RangeControl, useDateRange } from "../../components/RangeControl";
import { SentimentBadge } from "../../components/SentimentBadge";
import { SentimentTrendChart } from "../../components/SentimentTrendChart";
import { formatAgo, formatDateTime, formatMoney, formatNumber, formatScore } from "../../lib/format";
import { apiRangeKey, viewerTimeZone } from "../../lib/range";
import { useChatbot } from "../../session/chatbot";

type Profile = UserProfile | OrganizationProfile;

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fw={700} fz="lg" data-testid={testId}>
        {children}
      </Text>
    </Paper>
  );
}

function Body({ profile, chatbotId, kind }: { profile: Profile; chatbotId: string; kind: "user" | "organization" }) {
  const who = "user" in profile ? profile.user : profile.organization;
  const all = `/chatbots/${chatbotId}/conversations?${kind}=${encodeURIComponent(who.externalId)}`;
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
        <Fact label="Plan">{who.plan ?? "—"}</Fact>
        <Fact label="MRR" testId="profile-mrr">
          {formatMoney(who.mrr)}
        </Fact>
        <Fact label="Conversations">{formatNumber(profile.activity.conversations)}</Fact>
        <Fact label="Avg. sentiment">{formatScore(profile.activity.averageSentiment)}</Fact>
        <Fact label="Last activity">{formatAgo(profile.activity.lastActivityAt)}</Fact>
      </SimpleGrid>
      <SentimentTrendChart data={profile.sentiment} />
      <Paper withBorder radius="md" p="md">
        <Title order={2} size="h4" mb="xs">
          Flags
        </Title>
        {profile.flags.length === 0 ? (
          <Text size="sm" c="dimmed">
            None of their conversations raised a flag.
          </Text>
        ) : (
          <Group gap="xs" data-testid="profile-flags">
            {profile.flags.map((f) => (
              <Group key={f.flag} gap={2} wrap="nowrap">
                <FlagBadge slug={f.flag} />
                <Text size="xs" c="dimmed">
                  in {formatNumber(f.conversations)}
                </Text>
              </Group>
            ))}
          </Group>
        )}
      </Paper>
      {"users" in profile && (
        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h4" mb="xs">
            Users
          </Title>
          {profile.users.length === 0 ? (
            <Text size="sm" c="dimmed">
              No users known in this organization.
            </Text>
          ) : (
            <Group gap="md">
              {profile.users.map((u) => (
                <PersonLink key={u.externalId} chatbotId={chatbotId} kind="user" externalId={u.externalId} name={u.name ?? u.email} />
              ))}
            </Group>
          )}
        </Paper>
      )}
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">
            Conversations
          </Title>
          <Anchor component={Link} to={all} size="sm">
            All {formatNumber(profile.conversations.total)} in the table →
          </Anchor>
        </Group>
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing={6} data-testid="profile-conversations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Conversation</Table.Th>
                {kind === "organization" && <Table.Th>User</Table.Th>}
                <Table.Th>Sentiment</Table.Th>
                <Table.Th>Flags</Table.Th>
                <Table.Th>Last message</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {profile.conversations.latest.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/chatbots/${chatbotId}/conversations/${c.id}`} size="sm">
                      {c.externalId}
                    </Anchor>
                  </Table.Td>
                  {kind === "organization" && <Table.Td>{c.user ? <PersonLink chatbotId={chatbotId} kind="user" externalId={c.user.externalId} name={c.user.name ?? c.user.email} /> : "—"}</Table.Td>}
                  <Table.Td>
                    <SentimentBadge score={c.sentiment?.average ?? null} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {c.flags.map((f) => (
                        <FlagBadge key={f} slug={f} />
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatAgo(c.lastMessageAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Title order={2} size="h4" mb="xs">
          Notes
        </Title>
        {profile.notes.length === 0 ? (
          <Text size="sm" c="dimmed">
            No notes on their conversations yet. Notes added to a conversation show here.
          </Text>
        ) : (
          <Stack gap="sm" data-testid="profile-notes">
            {profile.notes.map((n) => (
              <div key={n.id}>
                <Text size="xs" c="dimmed">
                  {n.authorName} · {formatDateTime(n.createdAt)} ·{" "}
                  <Anchor component={Link} to={`/chatbots/${chatbotId}/conversations/${n.conversationId}`} size="xs">
                    {n.conversationExternalId}
                  </Anchor>
                </Text>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  {n.body}
                </Text>
              </div>
            ))}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}

/** A client user's (`/users/:personId`) or organization's (`/organizations/:personId`) page. */
export default function ProfilePage({ kind }: { kind: "user" | "organization" }) {
  const { chatbot } = useChatbot();
  const { personId = "" } = useParams();
  const { api: span, interval } = useDateRange();
  const profile = useQuery<Profile>(
    `profile:${chatbot.id}:${kind}:${personId}:${apiRangeKey(span)}:${interval}`,
    () => (kind === "user" ? api.analytics.userProfile(chatbot.id, personId, { ...span, interval, timeZone: viewerTimeZone() }) : api.analytics.organizationProfile(chatbot.id, personId, { ...span, interval, timeZone: viewerTimeZone() })),
    { liveChatbotId: chatbot.id },
  );
  const p = profile.data;
  const who = p ? ("user" in p ? p.user : p.organization) : null;
  const description =
    p && "user" in p ? (
      <>
        {[p.user.email, p.user.plan].filter(Boolean).join(" · ")}
        {p.user.organization && (
          <>
            {" · "}
            <PersonLink chatbotId={chatbot.id} kind="organization" externalId={p.user.organization.externalId} name={p.user.organization.name} />
          </>
        )}
      </>
    ) : (
      p && [p.organization.industry, p.organization.plan].filter(Boolean).join(" · ")
    );
  return (
    <Stack>
      <PageHeader
        title={who ? (who.name ?? who.externalId) : kind === "user" ? "User" : "Organization"}
        description={
          <Group gap={6} component="span">
            <Badge size="sm" variant="outline" color="gray" component="span">
              {kind}
            </Badge>
            {description}
          </Group>
        }
        actions={<RangeControl />}
      />
      <QueryRegion query={profile} skeleton={<Skeleton h={400} aria-busy="true" />}>
        {(data) => <Body profile={data} chatbotId={chatbot.id} kind={kind} />}
      </QueryRegion>
    </Stack>
  );
}
