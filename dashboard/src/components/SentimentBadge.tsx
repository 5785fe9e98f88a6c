import { Badge, Popover, Stack, Text, UnstyledButton, VisuallyHidden } from "@mantine/core";
import type { SentimentLabel } from "../api/types";
import { formatScore } from "../lib/format";
import { labelFor, SENTIMENT_COLORS, SENTIMENT_NAMES } from "../lib/sentiment";

/** A sentiment score as a coloured badge; fixed width so a list does not move when scores arrive. */
export function SentimentBadge({ score, label, pending = false }: { score: number | null | undefined; label?: string; pending?: boolean }) {
  if (pending) {
    return (
      <Badge variant="outline" color="gray" w={156} tt="none">
        <VisuallyHidden>Sentiment: </VisuallyHidden>analysing…
      </Badge>
    );
  }
  if (score === null || score === undefined) {
    return (
      <Badge variant="outline" color="gray" w={156} tt="none">
        no score
      </Badge>
    );
  }
  const l = (label as SentimentLabel | undefined) ?? labelFor(score);
  return (
    <Badge color={SENTIMENT_COLORS[l] ?? "gray"} variant="light" w={156} tt="none" style={{ flexShrink: 0 }}>
      <VisuallyHidden>Sentiment: </VisuallyHidden>
      {SENTIMENT_NAMES[l] ?? l} {formatScore(score)}
    </Badge>
  );
}

/** A sentiment badge that opens what drove the score: the chunk and the analyzer's reason. */
export function SentimentAnnotation({ score, label, chunk, reason }: { score: number; label: string; chunk: string; reason: string }) {
  return (
    <Popover width={320} position="bottom-start" withArrow shadow="md">
      <Popover.Target>
        <UnstyledButton className="focus-ring touch-target" style={{ borderRadius: 12 }}>
          <VisuallyHidden>Why: </VisuallyHidden>
          <SentimentBadge score={score} label={label} />
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            Sentiment {formatScore(score)} ({SENTIMENT_NAMES[label as SentimentLabel] ?? label})
          </Text>
          <Text size="sm">{reason || "No reason given."}</Text>
          {chunk && (
            <Text size="sm" c="dimmed" fs="italic">
              “{chunk}”
            </Text>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
