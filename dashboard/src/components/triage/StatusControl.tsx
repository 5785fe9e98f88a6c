import { Badge, Select } from "@mantine/core";
import { api } from "../../api/client";
import type { TriageStatus } from "../../api/types";
import { useAction } from "../../lib/use-action";
import { ErrorNotice } from "../ErrorNotice";
import { STATUSES, statusOf } from "./data";

/**
 * A conversation's triage status: a select for those who may act, a badge for read-only members. Every
 * change is saved at once; the dashboard's cache refreshes after it, and other viewers get it live.
 */
export function StatusControl({ chatbotId, conversationId, status, canEdit, size = "sm" }: { chatbotId: string; conversationId: string; status: TriageStatus; canEdit: boolean; size?: "xs" | "sm" }) {
  const { busy, error, run } = useAction();
  if (!canEdit) {
    const s = statusOf(status);
    return (
      <Badge color={s.color} variant="light" size={size} data-testid="triage-status">
        {s.label}
      </Badge>
    );
  }
  return (
    <>
      <Select
        label="Status"
        size={size}
        data={STATUSES.map(({ value, label }) => ({ value, label }))}
        value={status}
        allowDeselect={false}
        disabled={busy}
        onChange={(next) => {
          if (!next || next === status) return;
          void run(() => api.triage.update(chatbotId, conversationId, { status: next as TriageStatus }));
        }}
      />
      {error !== null && <ErrorNotice error={error} compact />}
    </>
  );
}
