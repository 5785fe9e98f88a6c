import { Anchor, Badge, Button, Card, Group, Modal, NumberInput, SimpleGrid, Skeleton, Stack, Tabs, Text, TextInput } from "@mantine/core";
import { useEffect, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api, placeRefusal } from "../api/client";
import type { Chatbot, ChatbotStatus } from "../api/types";
import { useQuery } from "../api/use-query";
import { EmptyNotice } from "../components/EmptyNotice";
import { ErrorNotice } from "../components/ErrorNotice";
import { PageHeader } from "../components/PageHeader";
import { QueryRegion } from "../components/QueryRegion";
import { formatDateTime } from "../lib/format";
import { useAction } from "../lib/use-action";
import { useSession, useSignedIn } from "../session/session";
import { probeSession } from "../session/session-probe";

const STATUS_COLOR: Record<ChatbotStatus, string> = { active: "green", pending: "yellow", archived: "gray" };
const STATUS_HELP: Record<ChatbotStatus, string> = {
  active: "receiving conversations",
  pending: "no data yet: set it up and send its first message",
  archived: "capture refused",
};

/** A pending chatbot opens its setup for those who can finish it (resuming where it stopped); others see its overview. */
function ChatbotCard({ chatbot, canEdit }: { chatbot: Chatbot; canEdit: boolean }) {
  const setup = canEdit && chatbot.status === "pending";
  return (
    <Card withBorder padding="lg" component={Link} to={`/chatbots/${chatbot.id}/${setup ? "setup" : "attention"}`} className="focus-ring">
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600} truncate>
          {chatbot.name}
        </Text>
        <Badge color={STATUS_COLOR[chatbot.status]} variant="light">
          {chatbot.status}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mt={4}>
        {STATUS_HELP[chatbot.status]}
      </Text>
      {setup && (
        <Text size="sm" c="blue" mt={4}>
          Continue setup →
        </Text>
      )}
      <Text size="xs" c="dimmed" mt="sm">
        Created {formatDateTime(chatbot.createdAt)} · idle timeout {chatbot.idleTimeoutMinutes} min
      </Text>
    </Card>
  );
}

function NewChatbotForm({ orgId, onCreated }: { orgId: string; onCreated: (c: Chatbot) => void }) {
  const [name, setName] = useState("");
  const [idle, setIdle] = useState<number | string>(30);
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => onCreated(await api.organizations.createChatbot(orgId, { name, idleTimeoutMinutes: Number(idle) || 30 })));
  };
  const refusal = placeRefusal(error, ["name", "idleTimeoutMinutes"]);
  return (
    <form onSubmit={submit}>
      <Stack>
        {refusal.alert !== null && <ErrorNotice error={refusal.alert} compact />}
        <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={refusal.beside.name} data-autofocus />
        <NumberInput
          label="Idle timeout (minutes)"
          description="A conversation ends after this long without a message."
          min={1}
          max={1440}
          value={idle}
          onChange={setIdle}
          error={refusal.beside.idleTimeoutMinutes}
        />
        <Button type="submit" loading={busy}>
          Create chatbot
        </Button>
      </Stack>
    </form>
  );
}

/**
 * Creates the organization and opens it, one action: busy until its page is open. Should opening it fail once it
 * exists, the form says so and offers to open it, no longer to create it (a second press would make a second one).
 */
function NewOrganizationForm({ open }: { open: (id: string) => Promise<void> }) {
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ id: string; name: string } | null>(null);
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const organization = await api.organizations.create(name);
      try {
        await open(organization.id);
      } catch (err) {
        setCreated({ id: organization.id, name: organization.name });
        throw err;
      }
    });
  };
  if (created) {
    return (
      <Stack>
        {error !== null && <ErrorNotice error={error} title={`${created.name} was created, but could not be opened`} compact />}
        <Button loading={busy} onClick={() => void run(() => open(created.id))}>
          Open {created.name}
        </Button>
      </Stack>
    );
  }
  const refusal = placeRefusal(error, ["name"]);
  return (
    <form onSubmit={submit}>
      <Stack>
        {refusal.alert !== null && <ErrorNotice error={refusal.alert} compact />}
        <TextInput label="Organization name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={refusal.beside.name} data-autofocus />
        <Button type="submit" loading={busy}>
          Create organization
        </Button>
      </Stack>
    </form>
  );
}

/** `/orgs/:orgId/chatbots`: the organization's chatbots by status, and a new one for admins. */
export function ChatbotsPage() {
  const session = useSignedIn();
  const { switchOrganization, refresh } = useSession();
  const navigate = useNavigate();
  const { orgId } = useParams();
  const organization = session.organizations.find((o) => o.id === orgId);
  const chatbots = useQuery(organization ? `chatbots:${organization.id}` : null, () => api.organizations.chatbots(organization!.id));
  const [creating, setCreating] = useState(false);
  const [creatingOrg, setCreatingOrg] = useState(!orgId);
  const [tab, setTab] = useState<string | null>("all");

  // The header's organization switcher follows the page.
  useEffect(() => {
    if (organization && session.currentOrganizationId !== organization.id) void switchOrganization(organization.id).catch(() => undefined);
  }, [organization, session.currentOrganizationId, switchOrganization]);

  // A new organization's page: the session read again so that it lists the organization, then the page. The read is
  // the form's to fail (it says so), not refresh()'s: that answers a failed read by forgetting the session, and the
  // whole page would become its error, the form and what it made with it.
  const openOrganization = async (id: string) => {
    const next = await probeSession();
    await refresh(async () => next);
    setCreatingOrg(false);
    navigate(`/orgs/${id}/chatbots`);
  };
  const orgModal = (
    <Modal opened={creatingOrg} onClose={() => setCreatingOrg(false)} title="New organization">
      <NewOrganizationForm open={openOrganization} />
    </Modal>
  );

  if (!organization) {
    return (
      <>
        {orgModal}
        <EmptyNotice title={orgId ? "No such organization" : "You are not in any organization yet"}>
          {orgId ? "It does not exist or you are not one of its members. " : "Create one, or accept an invitation from your team. "}
          <Anchor component="button" onClick={() => setCreatingOrg(true)}>
            Create an organization
          </Anchor>
        </EmptyNotice>
      </>
    );
  }

  const canEdit = organization.role !== "member";
  const list = chatbots.data ?? [];
  const count = (s: ChatbotStatus) => list.filter((c) => c.status === s).length;
  const shown = tab === "all" ? list : list.filter((c) => c.status === tab);

  return (
    <Stack>
      {orgModal}
      <PageHeader
        title="Chatbots"
        description={`${organization.name} · you are ${/^[aeiou]/.test(organization.role) ? "an" : "a"} ${organization.role}${canEdit ? "" : " (read-only)"}`}
        actions={
          <>
            <Button variant="default" onClick={() => setCreatingOrg(true)}>
              New organization
            </Button>
            {canEdit && <Button onClick={() => setCreating(true)}>New chatbot</Button>}
          </>
        }
      />
      <Modal opened={creating} onClose={() => setCreating(false)} title="New chatbot">
        <NewChatbotForm orgId={organization.id} onCreated={(c) => navigate(`/chatbots/${c.id}/setup`)} />
      </Modal>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="all">All ({list.length})</Tabs.Tab>
          <Tabs.Tab value="active">Active ({count("active")})</Tabs.Tab>
          <Tabs.Tab value="pending">Pending ({count("pending")})</Tabs.Tab>
          <Tabs.Tab value="archived">Archived ({count("archived")})</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <QueryRegion
        query={chatbots}
        skeleton={
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} h={118} radius="md" />
            ))}
          </SimpleGrid>
        }
        isEmpty={() => shown.length === 0}
        empty={
          <EmptyNotice title={list.length ? "No chatbot with this status" : "No chatbots yet"}>
            {list.length ? "Choose another tab." : canEdit ? "Create one: its setup walks you through keys, code and its first message." : "An admin of this organization can create one."}
          </EmptyNotice>
        }
      >
        {() => (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {shown.map((c) => (
              <ChatbotCard key={c.id} chatbot={c} canEdit={canEdit} />
            ))}
          </SimpleGrid>
        )}
      </QueryRegion>
    </Stack>
  );
}
