import { Accordion, Anchor, Badge, Button, Code, Group, Paper, Skeleton, Stack, Table, Text } from "@mantine/core";
import { useEffect, useMemo, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { api, ApiError } from "../../api/client";
import type { Workflow, WorkflowInput, WorkflowRun } from "../../api/types";
import { useQuery } from "../../api/use-query";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorNotice } from "../../components/ErrorNotice";
import { failed, RegionError } from "../../components/QueryRegion";
import { PageHeader } from "../../components/PageHeader";
import { RunStatusBadge } from "../../components/RunStatusBadge";
import { TablePager } from "../../components/TablePager";
import { WorkflowEditor } from "../../components/WorkflowEditor";
import { formatDateTime } from "../../lib/format";
import { useAction } from "../../lib/use-action";
import { describeCondition, describeCooldown, TRIGGERS } from "../../lib/workflow-fields";
import { useChatbot } from "../../session/chatbot";
import { NotFoundPage } from "../NotFoundPage";

const RUNS_POLL_MS = 4000;

/**
 * What a run's summary says of its webhook deliveries: their attempts, counted. A run without one (its actions
 * were in-app notifications or emails, which have no attempts to count) says nothing of attempts.
 */
function attemptsLabel(run: WorkflowRun): string | null {
  if (run.deliveries.length === 0) return null;
  const n = run.deliveries.reduce((sum, d) => sum + d.attempts.length, 0);
  return n === 1 ? "1 webhook attempt" : `${n} webhook attempts`;
}

/** Why a run has no webhook delivery to show. */
function noDelivery(run: WorkflowRun): string {
  if (run.status === "skipped") return "No delivery (skipped).";
  if (run.status === "pending" || run.status === "triggered") return "No delivery yet.";
  return "No webhook delivery in this run: in-app notifications and emails have no delivery attempts.";
}

const BLANK: WorkflowInput = {
  name: "",
  trigger: "user_message",
  match: "all",
  conditions: [{ field: "sentiment_score", op: "<=", value: -0.6 }],
  actions: [{ type: "in_app", to: "admins" }],
  cooldown: { type: "once_per_conversation" },
  status: "active",
};

/** A webhook destination's name by its id (the chatbot's destinations, as listed to the viewer). */
type DestinationNames = ReadonlyMap<string, string>;

function RunDetails({ run, chatbotId, canEdit, destinationNames, onRetried }: { run: WorkflowRun; chatbotId: string; canEdit: boolean; destinationNames: DestinationNames; onRetried: () => void }) {
  const { busy, error, run: act } = useAction();
  return (
    <Stack gap="xs">
      <Text size="sm">
        Conversation{" "}
        <Anchor component={Link} to={`/chatbots/${chatbotId}/conversations/${run.conversationId}`} size="sm">
          {run.conversationExternalId ?? `${run.conversationId.slice(0, 16)}…`}
        </Anchor>
        {run.messageSeq !== null ? `, message #${run.messageSeq}` : ""}
        {run.reason ? ` — ${run.reason}` : ""}
      </Text>
      {run.deliveries.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="run-no-delivery">
          {noDelivery(run)}
        </Text>
      ) : (
        run.deliveries.map((d) => (
          <Paper key={d.id} withBorder p="xs" radius="sm">
            {/* Named as the settings list it; the id, which the API and the receiver's logs use, only beside it. */}
            <Group gap={6} wrap="wrap" align="baseline" data-testid="delivery-destination">
              <Text size="sm" fw={500}>
                Delivery to {destinationNames.get(d.destinationId) ?? d.destinationId}: {d.status}
              </Text>
              {destinationNames.has(d.destinationId) && (
                <Text size="xs" c="dimmed" ff="monospace">
                  {d.destinationId}
                </Text>
              )}
            </Group>
            <Table.ScrollContainer minWidth={520}>
              <Table verticalSpacing={4} fz="sm" data-testid="delivery-attempts">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Attempt</Table.Th>
                    <Table.Th>When</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Duration</Table.Th>
                    <Table.Th>Response</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.attempts.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>#{a.attempt}</Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(a.createdAt)}</Table.Td>
                      <Table.Td>
                        <Badge color={a.statusCode && a.statusCode < 300 ? "green" : "red"} variant="light">
                          {a.statusCode ?? "no answer"}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{a.durationMs} ms</Table.Td>
                      <Table.Td>
                        <Code style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>{a.response?.slice(0, 200) || "—"}</Code>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        ))
      )}
      {error !== null && <ErrorNotice error={error} compact />}
      {canEdit && run.status === "failed" && (
        <Button
          size="xs"
          variant="light"
          w="fit-content"
          loading={busy}
          onClick={() =>
            void act(async () => {
              await api.workflows.retryRun(chatbotId, run.id);
              onRetried();
            })
          }
        >
          Retry this run
        </Button>
      )}
    </Stack>
  );
}

function WorkflowRuns({ workflowId, chatbotId, canEdit, destinationNames }: { workflowId: string; chatbotId: string; canEdit: boolean; destinationNames: DestinationNames }) {
  const [page, setPage] = useState(1);
  const runs = useQuery(`runs:${workflowId}:${page}`, () => api.workflows.runs(chatbotId, workflowId, { page, limit: 20 }));
  const { reload } = runs;
  // Runs move from pending to success or failed within seconds: follow them while the page is open.
  useEffect(() => {
    const timer = setInterval(() => document.visibilityState === "visible" && reload(), RUNS_POLL_MS);
    return () => clearInterval(timer);
  }, [reload]);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="runs-title">
      <Text fw={600} id="runs-title" mb="sm">
        Runs
      </Text>
      <RegionError query={runs} />
      {failed(runs) ? null : runs.loading ? (
        <Skeleton h={120} />
      ) : runs.data?.data.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="no-runs">
          No runs yet. A run appears here when an analysed message matches.
        </Text>
      ) : (
        <Accordion variant="separated" multiple data-testid="workflow-runs">
          {runs.data?.data.map((run) => (
            <Accordion.Item key={run.id} value={run.id} data-testid="workflow-run">
              <Accordion.Control>
                <Group gap="sm" wrap="nowrap">
                  <RunStatusBadge status={run.status} />
                  <Text size="sm">{formatDateTime(run.createdAt)}</Text>
                  {attemptsLabel(run) !== null && (
                    <Text size="sm" c="dimmed" truncate>
                      {attemptsLabel(run)}
                    </Text>
                  )}
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <RunDetails run={run} chatbotId={chatbotId} canEdit={canEdit} destinationNames={destinationNames} onRetried={runs.reload} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
      <TablePager pagination={runs.data?.pagination} onPage={setPage} noun="runs" />
    </Paper>
  );
}

function WorkflowSummary({ workflow }: { workflow: Workflow }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap={4}>
        <Text size="sm">When {TRIGGERS.find((t) => t.value === workflow.trigger)?.label.toLowerCase()}</Text>
        <Text size="sm">
          {workflow.conditions.length ? `${workflow.match === "all" ? "All" : "Any"} of: ${workflow.conditions.map(describeCondition).join("; ")}` : "No conditions"}
        </Text>
        <Text size="sm">
          {workflow.actions.length} action{workflow.actions.length === 1 ? "" : "s"}; fires {describeCooldown(workflow.cooldown)}; {workflow.status === "active" ? "enabled" : "disabled"}.
        </Text>
      </Stack>
    </Paper>
  );
}

export default function WorkflowDetailPage() {
  const { chatbot, canEdit } = useChatbot();
  const { workflowId = "" } = useParams();
  const navigate = useNavigate();
  const isNew = workflowId === "new";
  const workflow = useQuery(isNew ? null : `workflow:${workflowId}`, () => api.workflows.get(chatbot.id, workflowId));
  // The editor's choices, and every viewer's names for the destinations its runs delivered to (read-only members too).
  const destinations = useQuery(`webhooks:${chatbot.id}`, () => api.webhooks.list(chatbot.id));
  const destinationNames = useMemo(() => new Map((destinations.data ?? []).map((d) => [d.id, d.name])), [destinations.data]);
  // The chatbot's own flags and behaviours, which conditions may name as the built-ins (the Analysis page's query).
  const config = useQuery(canEdit ? `analysis:${chatbot.id}` : null, () => api.analysis.config(chatbot.id));

  if (workflow.error instanceof ApiError && workflow.error.status === 404) return <NotFoundPage what="workflow" />;
  const w = workflow.data;

  return (
    <Stack>
      <Anchor component={Link} to={`/chatbots/${chatbot.id}/workflows`} size="sm">
        ← Workflows
      </Anchor>
      <PageHeader
        title={isNew ? "New workflow" : (w?.name ?? "Workflow")}
        description={w?.template ? `From the "${w.template.replace(/_/g, " ")}" template · created ${formatDateTime(w.createdAt)}` : undefined}
        actions={
          canEdit &&
          w && (
            <ConfirmButton
              label="Delete"
              title="Delete this workflow?"
              confirmLabel="Delete workflow"
              onConfirm={async () => {
                await api.workflows.remove(chatbot.id, w.id);
                navigate(`/chatbots/${chatbot.id}/workflows`);
              }}
            >
              Its runs are deleted with it.
            </ConfirmButton>
          )
        }
      />
      <RegionError query={workflow} />
      <RegionError query={destinations} />
      {canEdit ? (
        (isNew || w) && destinations.data ? (
          // No webhook destination is needed: a new workflow's first action tells the owners and admins in the app.
          <Paper withBorder radius="md" p="md">
            <WorkflowEditor
              key={w?.id ?? "new"}
              initial={w ? { name: w.name, trigger: w.trigger, match: w.match, conditions: w.conditions, actions: w.actions, cooldown: w.cooldown, status: w.status } : BLANK}
              destinations={destinations.data}
              custom={{ flag: config.data?.customFlags ?? [], behaviour: config.data?.customBehaviours ?? [] }}
              submitLabel={isNew ? "Create workflow" : "Save changes"}
              onSubmit={async (input) => {
                if (isNew) {
                  const created = await api.workflows.create(chatbot.id, input);
                  navigate(`/chatbots/${chatbot.id}/workflows/${created.id}`, { replace: true });
                } else {
                  workflow.setData(await api.workflows.update(chatbot.id, workflowId, input));
                }
              }}
            />
          </Paper>
        ) : (
          <Skeleton h={420} />
        )
      ) : w ? (
        <WorkflowSummary workflow={w} />
      ) : (
        <Skeleton h={100} />
      )}
      {!isNew && <WorkflowRuns workflowId={workflowId} chatbotId={chatbot.id} canEdit={canEdit} destinationNames={destinationNames} />}
    </Stack>
  );
}
