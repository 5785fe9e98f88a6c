import { Badge, Popover, Stack, Text, UnstyledButton, VisuallyHidden } from "@mantine/core";
import type { Detection } from "../api/types";
import { formatPercent, humanize } from "../lib/format";
import { flagColor } from "../lib/sentiment";

export function FlagBadge({ slug }: { slug: string }) {
  return (
    <Badge color={flagColor(slug)} variant="light" size="sm" style={{ flexShrink: 0 }}>
      {humanize(slug)}
    </Badge>
  );
}

/** A flag, behaviour, intent or topic that opens its reason, chunk, confidence and severity. */
export function DetectionAnnotation({ detection, kind }: { detection: Detection; kind: string }) {
  return (
    <Popover width={320} position="bottom-start" withArrow shadow="md">
      <Popover.Target>
        {/* Named by its visible text, with "why" before it for a screen reader: the name contains what is seen. */}
        <UnstyledButton className="focus-ring touch-target" style={{ borderRadius: 12 }}>
          <VisuallyHidden>Why {kind}: </VisuallyHidden>
          <Badge
            color={detection.pending ? "gray" : kind === "intent" || kind === "topic" ? "blue" : flagColor(detection.slug)}
            variant={kind === "intent" || kind === "topic" ? "outline" : "light"}
            size="sm"
            style={detection.pending ? { borderStyle: "dashed" } : undefined}
          >
            {/* A pending intent is only a suggestion until someone approves it in Analysis config. */}
            {kind === "intent" ? (detection.pending ? "Suggested intent: " : "Intent: ") : kind === "topic" ? "Topic: " : ""}
            {humanize(detection.slug)}
            {detection.severity ? ` (${detection.severity})` : ""}
          </Badge>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {humanize(kind)}: {humanize(detection.slug)}
          </Text>
          <Text size="sm">{detection.reason || "No reason given."}</Text>
          {detection.chunk && (
            <Text size="sm" c="dimmed" fs="italic">
              “{detection.chunk}”
            </Text>
          )}
          <Text size="xs" c="dimmed">
            Confidence {formatPercent(detection.confidence)}
            {detection.severity ? ` · severity ${detection.severity}` : ""}
            {detection.pending ? " · suggested, awaiting approval" : ""}
            {detection.autoDiscovered ? " · discovered" : ""}
          </Text>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
