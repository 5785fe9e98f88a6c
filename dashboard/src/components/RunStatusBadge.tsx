import { Badge } from "@mantine/core";
import type { RunStatus } from "../api/types";

const COLORS: Record<RunStatus, string> = { pending: "gray", triggered: "blue", success: "green", failed: "red", skipped: "yellow" };

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return (
    <Badge color={COLORS[status]} variant="light" w={92}>
      {status}
    </Badge>
  );
}
