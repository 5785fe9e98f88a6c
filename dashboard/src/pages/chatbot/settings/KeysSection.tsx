import { Badge, Button, Group, Modal, Select, Skeleton, Stack, Table, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { api, placeRefusal } from "../../../api/client";
import type { KeyKind } from "../../../api/types";
import { useQuery } from "../../../api/use-query";
import { ConfirmButton } from "../../../components/ConfirmButton";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { failed, RegionError } from "../../../components/QueryRegion";
import { SecretReveal } from "../../../components/SecretReveal";
import { formatAgo, formatDateTime } from "../../../lib/format";
import { useAction } from "../../../lib/use-action";
import { useChatbot } from "../../../session/chatbot";
import { SettingsSection } from "./SettingsSection";

const KINDS: { value: KeyKind; label: string }[] = [
  { value: "ingest", label: "Ingest (server SDK, secret)" },
  { value: "publishable", label: "Publishable (browser SDK)" },
  { value: "read", label: "Read (scripts, BI)" },
  { value: "admin", label: "Admin (automation)" },
];

function NewKeyForm({ chatbotId, onCreated }: { chatbotId: string; onCreated: (secret: string) => void }) {
  const [kind, setKind] = useState<KeyKind>("ingest");
  const [name, setName] = useState("");
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => onCreated((await api.keys.create(chatbotId, { kind, name })).secret));
  };
  const refusal = placeRefusal(error, ["name"]);
  return (
    <form onSubmit={submit}>
      <Stack>
        {refusal.alert !== null && <ErrorNotice error={refusal.alert} compact />}
        <Select label="Kind" data={KINDS} value={kind} onChange={(v) => v && setKind(v as KeyKind)} allowDeselect={false} />
        <TextInput label="Name" description="Where it is used, e.g. production server" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={refusal.beside.name} data-autofocus />
        <Button type="submit" loading={busy}>
          Create key
        </Button>
      </Stack>
    </form>
  );
}

/** A key as its row's buttons name it for screen readers: its name and the start of its secret, as the row shows them. */
const keyName = (k: { name: string; prefix: string }) => `${k.name} (${k.prefix}…)`;

export function KeysSection() {
  const { chatbot, canEdit } = useChatbot();
  const keys = useQuery(canEdit ? `keys:${chatbot.id}` : null, () => api.keys.list(chatbot.id));
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  // A rotation's or revocation's refusal, shown above the table (the dialog that asked has closed).
  const { error, run } = useAction();

  if (!canEdit) {
    return (
      <SettingsSection id="keys" title="API keys">
        <Text size="sm" c="dimmed">
          Only owners and admins can see and manage keys.
        </Text>
      </SettingsSection>
    );
  }
  const act = (action: () => Promise<{ secret?: string } | unknown>) =>
    run(async () => {
      const result = await action();
      if (result && typeof result === "object" && "secret" in result && typeof result.secret === "string") setSecret(result.secret);
      keys.reload();
    });

  return (
    <SettingsSection id="keys" title="API keys" description="Secrets are shown once, when created or rotated. Rotating revokes the old secret at once.">
      <Group mb="sm">
        <Button onClick={() => setCreating(true)}>New key</Button>
      </Group>
      <Modal opened={creating} onClose={() => setCreating(false)} title="New API key">
        <NewKeyForm
          chatbotId={chatbot.id}
          onCreated={(s) => {
            setCreating(false);
            setSecret(s);
            keys.reload();
          }}
        />
      </Modal>
      <SecretReveal title="Your new key" secret={secret} note="This is the only time the secret is shown. Store it in your secrets manager." onClose={() => setSecret(null)} />
      {error !== null && <ErrorNotice error={error} compact />}
      <RegionError query={keys} />
      {failed(keys) ? null : keys.loading ? (
        <Skeleton h={120} />
      ) : (
        <Table.ScrollContainer minWidth={720} className="phone-priority">
          <Table verticalSpacing="xs" data-testid="keys-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Key</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.data?.map((k) => (
                // A revoked key is said in words (a badge and "revoked …"), never by fading the row: faded text falls
                // under WCAG AA's 4.5:1.
                <Table.Tr key={k.id} data-revoked={k.revokedAt ? "true" : undefined}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" c={k.revokedAt ? "dimmed" : undefined} td={k.revokedAt ? "line-through" : undefined}>
                        {k.name}
                      </Text>
                      {k.revokedAt && (
                        <Badge variant="light" color="gray" data-testid="key-revoked">
                          revoked
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{k.kind}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <code>{k.prefix}…</code>
                  </Table.Td>
                  <Table.Td>{formatDateTime(k.createdAt)}</Table.Td>
                  <Table.Td>{formatAgo(k.lastUsedAt)}</Table.Td>
                  <Table.Td>
                    {k.revokedAt ? (
                      <Text size="sm" c="dimmed">
                        revoked {formatAgo(k.revokedAt)}
                      </Text>
                    ) : (
                      <Group gap={4} wrap="nowrap">
                        <ConfirmButton size="xs" color="blue" label="Rotate" aria-label={`Rotate key ${keyName(k)}`} title={`Rotate "${k.name}"?`} confirmLabel="Rotate" onConfirm={() => act(() => api.keys.rotate(chatbot.id, k.id))}>
                          A new secret replaces it; the old one stops working at once.
                        </ConfirmButton>
                        <ConfirmButton size="xs" label="Revoke" aria-label={`Revoke key ${keyName(k)}`} title={`Revoke "${k.name}"?`} confirmLabel="Revoke" onConfirm={() => act(() => api.keys.revoke(chatbot.id, k.id))}>
                          Anything using this key stops working at once.
                        </ConfirmButton>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SettingsSection>
  );
}
