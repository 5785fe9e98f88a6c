import { Button, Paper, Skeleton, Stack, Text, Textarea } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { api, placeRefusal } from "../../api/client";
import { useQuery } from "../../api/use-query";
import { formatAgo, formatDateTime } from "../../lib/format";
import { useAction } from "../../lib/use-action";
import { ErrorNotice } from "../ErrorNotice";
import { failed, RegionError } from "../QueryRegion";
import { notesKey } from "./data";

/** A conversation's notes, oldest first, each with its author and how long ago; a form to add one for those who may act. */
export function NotesPanel({ chatbotId, conversationId, canEdit }: { chatbotId: string; conversationId: string; canEdit: boolean }) {
  const notes = useQuery(notesKey(chatbotId, conversationId), () => api.triage.notes(chatbotId, conversationId));
  const [body, setBody] = useState("");
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    void run(async () => {
      await api.triage.addNote(chatbotId, conversationId, body);
      setBody("");
    });
  };
  const refusal = placeRefusal(error, ["body"]);
  return (
    <Stack gap="xs">
      <RegionError query={notes} />
      {failed(notes) ? null : notes.loading ? (
        <Skeleton h={48} />
      ) : notes.data?.length ? (
        <Stack gap={6} data-testid="notes">
          {notes.data.map((n) => (
            <Paper key={n.id} withBorder radius="sm" p="xs" data-testid="note">
              <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                {n.body}
              </Text>
              <Text size="xs" c="dimmed" mt={4} title={formatDateTime(n.createdAt)}>
                {n.authorName} · {formatAgo(n.createdAt)}
              </Text>
            </Paper>
          ))}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          No notes yet.
        </Text>
      )}
      {canEdit && (
        <form onSubmit={submit} aria-label="Add a note">
          <Stack gap={6}>
            <Textarea label="Note" placeholder="What you found, what you did…" autosize minRows={2} maxLength={4000} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={refusal.beside.body} />
            {refusal.alert !== null && <ErrorNotice error={refusal.alert} compact />}
            <Button type="submit" size="xs" w="fit-content" loading={busy} disabled={!body.trim()}>
              Add note
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
