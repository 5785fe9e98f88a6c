import { Alert, Button, Code, CopyButton, Group, Loader, Paper, Stack, Tabs, Text, ThemeIcon } from "@mantine/core";
import { useMemo, useState } from "react";
import { useLiveEvents, useLiveFeed } from "../../../live/live-feed";
import { snippets, type SnippetKeys } from "./snippets";

function CodeBlock({ title, code }: { title: string; code: string }) {
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="xs" c="dimmed" ff="monospace">
          {title}
        </Text>
        <CopyButton value={code}>
          {({ copied, copy }) => (
            <Button size="compact-xs" variant="subtle" onClick={copy} aria-label={`${copied ? "Copied" : "Copy"} ${title}`}>
              {copied ? "Copied" : "Copy"}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Code block style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
        {code}
      </Code>
    </Stack>
  );
}

export interface FirstMessage {
  externalId: string;
  content: string;
}

/**
 * Turns green when the chatbot's first message arrives, live: a `message` event on the chatbot's live feed,
 * or a message count above zero in its counters (which the feed's hello frame carries, so a message sent
 * while the page was connecting is seen too), or a chatbot that was active already.
 */
export function useFirstMessage(active: boolean): { received: boolean; first: FirstMessage | null } {
  const { counters } = useLiveFeed();
  const [first, setFirst] = useState<FirstMessage | null>(null);
  useLiveEvents((events) => {
    const message = events.find((e) => e.type === "message");
    if (message && message.type === "message") setFirst((current) => current ?? { externalId: message.externalId, content: message.message.content });
  });
  return { received: active || first !== null || (counters?.messagesToday ?? 0) > 0, first };
}

export function WaitingForFirstMessage({ received, first }: { received: boolean; first: FirstMessage | null }) {
  const { status } = useLiveFeed();
  return (
    <Paper withBorder p="md" radius="md" role="status" aria-live="polite" data-testid="first-message-status" bg={received ? "var(--mantine-color-green-light)" : undefined}>
      <Group wrap="nowrap">
        {received ? (
          <ThemeIcon color="green" radius="xl" size="lg" aria-hidden>
            ✓
          </ThemeIcon>
        ) : (
          <Loader size="sm" aria-hidden />
        )}
        <div>
          <Text fw={600} c={received ? "green" : undefined}>
            {received ? "First message received" : "Waiting for your first message…"}
          </Text>
          <Text size="sm" c="dimmed">
            {received
              ? first
                ? `In conversation ${first.externalId}: “${first.content.slice(0, 120)}”`
                : "OpenBat is recording this chatbot."
              : status === "live"
                ? "Run one of the snippets above; this turns green the moment the message arrives."
                : "Connecting to the live feed…"}
          </Text>
        </div>
      </Group>
    </Paper>
  );
}

/** Framework snippets with the keys filled in, and the live wait for the first message. */
export function ConnectStep({ keys, received, first, onNext, onSkip }: { keys: SnippetKeys | null; received: boolean; first: FirstMessage | null; onNext: () => void; onSkip: () => void }) {
  const list = useMemo(() => snippets(window.location.origin, keys ?? { ingest: null, publishable: null, read: null }), [keys]);
  const [tab, setTab] = useState<string | null>(list[0]!.id);
  return (
    <Stack>
      {!keys && (
        <Alert color="blue" variant="light">
          Your keys were shown once when they were made, so the snippets show placeholders: paste your keys in, or go back a step to create a fresh set.
        </Alert>
      )}
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          {list.map((s) => (
            <Tabs.Tab key={s.id} value={s.id}>
              {s.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {list.map((s) => (
          <Tabs.Panel key={s.id} value={s.id} pt="sm">
            <Stack gap="sm">
              <Text size="sm">{s.where}</Text>
              {s.blocks.map((b) => (
                <CodeBlock key={b.title} title={b.title} code={b.code} />
              ))}
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>
      <WaitingForFirstMessage received={received} first={first} />
      <Group>
        <Button onClick={onNext} disabled={!received}>
          Next: choose what to analyse
        </Button>
        {!received && (
          <Button variant="subtle" onClick={onSkip}>
            Skip waiting
          </Button>
        )}
      </Group>
    </Stack>
  );
}
