import { Badge } from "@mantine/core";
import type { LiveStatus } from "../live/live-feed";

const LOOK: Record<LiveStatus, { color: string; text: string }> = {
  live: { color: "green", text: "Live" },
  connecting: { color: "gray", text: "Connecting…" },
  offline: { color: "orange", text: "Reconnecting…" },
};

export function LiveStatusBadge({ status }: { status: LiveStatus }) {
  const look = LOOK[status];
  return (
    <Badge color={look.color} variant="dot" size="lg" role="status" aria-live="polite" w={140}>
      {look.text}
    </Badge>
  );
}
