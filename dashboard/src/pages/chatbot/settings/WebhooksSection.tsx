import { Alert, Badge, Button, Group, Modal, Select, Skeleton, Stack, Table, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { api, placeRefusal } from "../../../api/client";
import type { DestinationKind, TestSendResult, WebhookDestination } from "../../../api/types";
import { useQuery } from "../../../api/use-query";
import { ConfirmButton } from "../../../components/ConfirmButton";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { failed, RegionError } from "../../../components/QueryRegion";
import { SecretReveal } from "../../../components/SecretReveal";
import { useAction } from "../../../lib/use-action";
import { useChatbot } from "../../../session/chatbot";
import { SettingsSection } from "./SettingsSection";

function NewDestinationForm({ chatbotId, onCreated }: { chatbotId: string; onCreated: (secret: string) => void }) {
  const [form, setForm] = useState<{ name: string; kind: DestinationKind; url: string }>({ name: "", kind: "custom", url: "" });
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => onCreated((await api.webhooks.create(chatbotId, form)).secret));
  };
  const refusal = placeRefusal(error, ["name", "kind", "url"]);
  return (
    <form onSubmit={submit}>
      <Stack>
        {refusal.alert !== null && <ErrorNotice error={refusal.alert} compact />}
        <TextInput label="Name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} error={refusal.beside.name} data-autofocus />
        <Select
          label="Kind"
          data={[
            { value: "custom", label: "Custom JSON (signed)" },
            { value: "slack", label: "Slack incoming webhook" },
            { value: "discord", label: "Discord webhook" },
          ]}
          value={form.kind}
          onChange={(v) => v && setForm({ ...form, kind: v as DestinationKind })}
          allowDeselect={false}
          error={refusal.beside.kind}
        />
        <TextInput label="URL" description="https, reachable on the public internet" required type="url" value={form.url} onChange={(e) => setForm({ ...form, url: e.currentTarget.value })} error={refusal.beside.url} />
        <Button type="submit" loading={busy}>
          Add destination
        </Button>
      </Stack>
    </form>
  );
}

/** Busy while the destination is enabled again, and sent once. */
function EnableButton({ name, onEnable, onError }: { name: string; onEnable: () => Promise<unknown>; onError: (error: unknown) => void }) {
  const { busy, run } = useAction(onError);
  return (
    <Button size="xs" variant="light" loading={busy} onClick={() => void run(onEnable)} aria-label={`Enable destination ${name}`}>
      Enable
    </Button>
  );
}

function TestResult({ result }: { result: TestSendResult }) {
  return (
    <Alert color={result.ok ? "green" : "red"} title={result.ok ? "Delivered" : "Not delivered"} role="status" mt="xs">
      <Text size="sm">
        {result.status === null ? "No answer" : `Answered ${result.status}`} in {result.durationMs} ms.
      </Text>
      {result.response && (
        <Text size="xs" c="dimmed" style={{ wordBreak: "break-all" }}>
          {result.response.slice(0, 300)}
        </Text>
      )}
    </Alert>
  );
}

/**
 * A destination's buttons, and what its last test delivery answered below them. The test goes through `useAction` as
 * the row's other buttons do: busy while it is sent, sent once however often it is pressed meanwhile, and a refusal
 * in the section's one alert (`onError`).
 */
function DestinationActions({ chatbotId, destination: d, onChanged, onError }: { chatbotId: string; destination: WebhookDestination; onChanged: () => void; onError: (error: unknown) => void }) {
  const [result, setResult] = useState<TestSendResult | null>(null);
  const { busy, run } = useAction(onError);
  const sendTest = () =>
    void run(async () => {
      setResult(null);
      setResult(await api.webhooks.test(chatbotId, d.id));
    });
  return (
    <>
      <Group gap={4} wrap="nowrap">
        <Button size="xs" variant="light" loading={busy} onClick={sendTest} aria-label={`Send test to destination ${d.name}`}>
          Send test
        </Button>
        {d.status === "disabled" && <EnableButton name={d.name} onEnable={() => api.webhooks.enable(chatbotId, d.id).then(onChanged)} onError={onError} />}
        <ConfirmButton size="xs" label="Delete" aria-label={`Delete destination ${d.name}`} title={`Delete "${d.name}"?`} confirmLabel="Delete" onConfirm={() => api.webhooks.remove(chatbotId, d.id).then(onChanged)}>
          Workflows sending here will fail their actions until you choose another destination.
        </ConfirmButton>
      </Group>
      {result && <TestResult result={result} />}
    </>
  );
}

export function WebhooksSection() {
  const { chatbot, canEdit } = useChatbot();
  const destinations = useQuery(`webhooks:${chatbot.id}`, () => api.webhooks.list(chatbot.id));
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  // The refusal of a row's button (a test delivery, enabling again), cleared when the next one starts.
  const [error, setError] = useState<unknown>(null);

  return (
    <SettingsSection id="webhooks" title="Webhook destinations" description="Where workflows send their alerts. Each gets a signing secret (Standard Webhooks), shown once.">
      {canEdit && (
        <Group mb="sm">
          <Button onClick={() => setCreating(true)}>Add destination</Button>
        </Group>
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} title="New webhook destination">
        <NewDestinationForm
          chatbotId={chatbot.id}
          onCreated={(s) => {
            setCreating(false);
            setSecret(s);
            destinations.reload();
          }}
        />
      </Modal>
      <SecretReveal title="Signing secret" secret={secret} note="Your receiver verifies signatures with this whsec_ secret. It is shown only now." onClose={() => setSecret(null)} />
      {error !== null && <ErrorNotice error={error} compact />}
      <RegionError query={destinations} />
      {failed(destinations) ? null : destinations.loading ? (
        <Skeleton h={80} />
      ) : destinations.data?.length === 0 ? (
        <Text size="sm" c="dimmed">
          No destinations yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720} className="phone-priority">
          <Table verticalSpacing="xs" data-testid="webhooks-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>URL</Table.Th>
                <Table.Th>Status</Table.Th>
                {canEdit && <Table.Th>Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {destinations.data?.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{d.name}</Table.Td>
                  <Table.Td>{d.kind}</Table.Td>
                  <Table.Td style={{ maxWidth: 280, overflowWrap: "anywhere" }}>{d.url}</Table.Td>
                  <Table.Td>
                    <Badge color={d.status === "active" ? "green" : "gray"} variant="light" title={d.disabledReason ?? undefined}>
                      {d.status}
                    </Badge>
                  </Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <DestinationActions chatbotId={chatbot.id} destination={d} onChanged={destinations.reload} onError={setError} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SettingsSection>
  );
}
