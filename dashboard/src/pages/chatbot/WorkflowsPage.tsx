import { Anchor, Badge, Button, Group, Modal, Paper, Radio, Select, SimpleGrid, Skeleton, Stack, Switch, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { api } from "../../api/client";
import type { TemplateSlug, Workflow } from "../../api/types";
import { useQuery } from "../../api/use-query";
import { EmptyNotice } from "../../components/EmptyNotice";
import { ErrorNotice } from "../../components/ErrorNotice";
import { failed, RegionError } from "../../components/QueryRegion";
import { PageHeader } from "../../components/PageHeader";
import { useAction } from "../../lib/use-action";
import { describeCondition, describeCooldown, TRIGGERS } from "../../lib/workflow-fields";
import { useChatbot } from "../../session/chatbot";

const IN_APP = "in_app";

function FromTemplateForm({ chatbotId, onCreated }: { chatbotId: string; onCreated: (w: Workflow) => void }) {
  const templates = useQuery(`templates:${chatbotId}`, () => api.workflows.templates(chatbotId));
  const destinations = useQuery(`webhooks:${chatbotId}`, () => api.webhooks.list(chatbotId));
  // One of the slugs GET /workflows/templates listed (the radio group offers only those).
  const [template, setTemplate] = useState<string>("");
  // In the app (every owner and admin) unless a webhook destination is chosen: alerts need no setup.
  const [destinationId, setDestinationId] = useState<string | null>(IN_APP);
  const [name, setName] = useState("");
  const { busy, error, run } = useAction();
  const usable = (destinations.data ?? []).filter((d) => d.status === "active");

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!template) return;
    const to = destinationId && destinationId !== IN_APP ? { destinationId } : {};
    void run(async () => onCreated(await api.workflows.create(chatbotId, { template: template as TemplateSlug, ...to, ...(name.trim() ? { name: name.trim() } : {}) })));
  };

  if (failed(templates)) return <ErrorNotice error={templates.error} onRetry={templates.reload} />;
  if (failed(destinations)) return <ErrorNotice error={destinations.error} onRetry={destinations.reload} />;
  if (!templates.data || !destinations.data) return <Skeleton h={300} />;
  return (
    <form onSubmit={submit}>
      <Stack>
        {error !== null && <ErrorNotice error={error} compact />}
        <Radio.Group label="Starter" value={template} onChange={setTemplate} required>
          <Stack gap="xs" mt={6}>
            {templates.data.map((t) => (
              <Radio key={t.slug} value={t.slug} label={t.name} description={`${t.description} ${t.conditions.map(describeCondition).join(" and ")}.`} />
            ))}
          </Stack>
        </Radio.Group>
        <Select
          label="Send to"
          required
          allowDeselect={false}
          data={[{ value: IN_APP, label: "In the app: every owner and admin" }, ...usable.map((d) => ({ value: d.id, label: `${d.name} (${d.kind})` }))]}
          value={destinationId}
          onChange={setDestinationId}
        />
        {usable.length === 0 && (
          <Text size="sm" c="dimmed">
            Alerts appear in the notification centre (the bell). To call Slack, Discord or your own endpoint, <Anchor component={Link} to={`/chatbots/${chatbotId}/settings#webhooks`}>add a webhook destination in Settings</Anchor>.
          </Text>
        )}
        <TextInput label="Name" description="Optional: the starter's name otherwise." value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Button type="submit" loading={busy} disabled={!template}>
          Create workflow
        </Button>
      </Stack>
    </form>
  );
}

function WorkflowCard({ workflow, chatbotId, canEdit, onChanged }: { workflow: Workflow; chatbotId: string; canEdit: boolean; onChanged: (w: Workflow) => void }) {
  const { busy, error, run } = useAction();
  const toggle = (active: boolean) => run(async () => onChanged(await api.workflows.update(chatbotId, workflow.id, { status: active ? "active" : "inactive" })));
  return (
    <Paper withBorder radius="md" p="md" data-testid="workflow-card">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Anchor component={Link} to={`/chatbots/${chatbotId}/workflows/${workflow.id}`} fw={600}>
            {workflow.name}
          </Anchor>
          <Text size="sm" c="dimmed">
            When {TRIGGERS.find((t) => t.value === workflow.trigger)?.label.toLowerCase() ?? workflow.trigger}
            {workflow.conditions.length ? ` and ${workflow.conditions.map(describeCondition).join(workflow.match === "all" ? " and " : " or ")}` : ""}; {describeCooldown(workflow.cooldown)}.
          </Text>
        </Stack>
        {canEdit ? (
          <Switch
            checked={workflow.status === "active"}
            onChange={(e) => void toggle(e.currentTarget.checked)}
            disabled={busy}
            label={workflow.status === "active" ? "Enabled" : "Disabled"}
            aria-label={`${workflow.name} enabled`}
          />
        ) : (
          <Badge color={workflow.status === "active" ? "green" : "gray"} variant="light">
            {workflow.status === "active" ? "enabled" : "disabled"}
          </Badge>
        )}
      </Group>
      {error !== null && <ErrorNotice error={error} compact />}
    </Paper>
  );
}

export default function WorkflowsPage() {
  const { chatbot, canEdit } = useChatbot();
  const navigate = useNavigate();
  const workflows = useQuery(`workflows:${chatbot.id}`, () => api.workflows.list(chatbot.id));
  const [choosing, setChoosing] = useState(false);

  return (
    <Stack>
      <PageHeader
        title="Workflows"
        description="Tell your team when a conversation needs someone: in the app, by email, or through Slack, Discord or any signed webhook."
        actions={
          canEdit && (
            <>
              <Button variant="default" component={Link} to={`/chatbots/${chatbot.id}/workflows/new`}>
                New from scratch
              </Button>
              <Button onClick={() => setChoosing(true)}>New from template</Button>
            </>
          )
        }
      />
      <Modal opened={choosing} onClose={() => setChoosing(false)} title="New workflow from a template" size="lg">
        {choosing && <FromTemplateForm chatbotId={chatbot.id} onCreated={(w) => navigate(`/chatbots/${chatbot.id}/workflows/${w.id}`)} />}
      </Modal>
      <RegionError query={workflows} />
      {failed(workflows) ? null : workflows.loading ? (
        <SimpleGrid cols={1}>
          {[0, 1].map((i) => (
            <Skeleton key={i} h={84} />
          ))}
        </SimpleGrid>
      ) : workflows.data?.length === 0 ? (
        <EmptyNotice title="No workflows yet">{canEdit ? "Start from a template: a negative sentiment alert takes a minute." : "An admin can create one."}</EmptyNotice>
      ) : (
        <Stack gap="sm">
          {workflows.data?.map((w) => (
            <WorkflowCard key={w.id} workflow={w} chatbotId={chatbot.id} canEdit={canEdit} onChanged={(next) => workflows.setData((list) => (list ?? []).map((x) => (x.id === next.id ? next : x)))} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
