import { Select, Text } from "@mantine/core";
import { api } from "../../api/client";
import type { ConversationTriage } from "../../api/types";
import { useAction } from "../../lib/use-action";
import { ErrorNotice } from "../ErrorNotice";
import { useMembers } from "./data";

/** Who a conversation is assigned to: a select of the organization's members for those who may act, text for the others. */
export function AssigneeControl({
  chatbotId,
  organizationId,
  conversationId,
  assignee,
  canEdit,
  size = "sm",
}: {
  chatbotId: string;
  organizationId: string;
  conversationId: string;
  assignee: ConversationTriage["assignee"];
  canEdit: boolean;
  size?: "xs" | "sm";
}) {
  const members = useMembers(organizationId);
  const { busy, error, run } = useAction();
  if (!canEdit) {
    return (
      <Text size="sm" data-testid="triage-assignee">
        {assignee ? `Assigned to ${assignee.name}` : "Unassigned"}
      </Text>
    );
  }
  const options = (members.data ?? []).map((m) => ({ value: m.id, label: m.name }));
  // The assignee is listed even before (or without) the members list, so the select never shows an empty value.
  if (assignee && !options.some((o) => o.value === assignee.id)) options.unshift({ value: assignee.id, label: assignee.name });
  return (
    <>
      <Select
        label="Assignee"
        size={size}
        placeholder="Unassigned"
        data={options}
        value={assignee?.id ?? null}
        clearable
        clearButtonProps={{ "aria-label": "Unassign" }}
        // Unassigning is the clear button's: picking the person already assigned keeps them.
        allowDeselect={false}
        searchable
        disabled={busy}
        onChange={(next) => {
          if ((next ?? null) === (assignee?.id ?? null)) return;
          void run(() => api.triage.update(chatbotId, conversationId, { assigneeId: next ?? null }));
        }}
      />
      {error !== null && <ErrorNotice error={error} compact />}
    </>
  );
}
