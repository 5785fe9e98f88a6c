import { Button, Group, NumberInput, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { api, placeRefusal } from "../../../api/client";
import { ConfirmButton } from "../../../components/ConfirmButton";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { useAction } from "../../../lib/use-action";
import { useChatbot } from "../../../session/chatbot";
import { SettingsSection } from "./SettingsSection";

export function ChatbotSection() {
  const { chatbot, organization, canEdit, reload } = useChatbot();
  const navigate = useNavigate();
  const [name, setName] = useState(chatbot.name);
  const [idle, setIdle] = useState<number | string>(chatbot.idleTimeoutMinutes);
  const { busy, error, done: saved, run } = useAction();

  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api.organizations.updateChatbot(organization.id, chatbot.id, { name, idleTimeoutMinutes: Number(idle) });
      reload();
    });
  };
  const archived = chatbot.status === "archived";
  const refusal = placeRefusal(error, ["name", "idleTimeoutMinutes"]);

  return (
    <SettingsSection id="chatbot" title="Chatbot" description="Its name, and how long a conversation may stay quiet before it ends.">
      <form onSubmit={save}>
        <Stack>
          {refusal.alert !== null && <ErrorNotice error={refusal.alert} compact />}
          <Group align="flex-end">
            <TextInput label="Name" required value={name} readOnly={!canEdit} onChange={(e) => setName(e.currentTarget.value)} error={refusal.beside.name} w={280} />
            <NumberInput label="Idle timeout (minutes)" min={1} max={1440} value={idle} readOnly={!canEdit} onChange={setIdle} error={refusal.beside.idleTimeoutMinutes} w={200} />
            {canEdit && (
              <Button type="submit" loading={busy}>
                Save
              </Button>
            )}
            {saved && (
              <Text size="sm" c="teal.7" role="status" mb={8}>
                Saved.
              </Text>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            Chatbot id: <code>{chatbot.id}</code>
          </Text>
        </Stack>
      </form>
      {canEdit && (
        <Group mt="lg">
          <ConfirmButton
            color={archived ? "blue" : "orange"}
            label={archived ? "Unarchive" : "Archive"}
            title={archived ? "Unarchive this chatbot?" : "Archive this chatbot?"}
            confirmLabel={archived ? "Unarchive" : "Archive"}
            onConfirm={async () => {
              await api.organizations.updateChatbot(organization.id, chatbot.id, { status: archived ? "active" : "archived" });
              reload();
            }}
          >
            {archived ? "It accepts messages again." : "Capture is refused with a clear error from then on; everything recorded is kept."}
          </ConfirmButton>
          <ConfirmButton
            label="Delete chatbot"
            title="Delete this chatbot?"
            confirmLabel="Delete it and its data"
            onConfirm={async () => {
              await api.organizations.deleteChatbot(organization.id, chatbot.id);
              navigate(`/orgs/${organization.id}/chatbots`);
            }}
          >
            Its keys, conversations, users, workflows and runs are deleted. This cannot be undone.
          </ConfirmButton>
        </Group>
      )}
    </SettingsSection>
  );
}
