import { Alert, Button, Code, CopyButton, Group, Stack, Table, Text } from "@mantine/core";
import { api } from "../../../api/client";
import type { KeyKind } from "../../../api/types";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { useAction } from "../../../lib/use-action";
import type { SnippetKeys } from "./snippets";

const SETUP_KEYS: { kind: KeyKind; name: string; field: keyof SnippetKeys; use: string }[] = [
  { kind: "ingest", name: "Setup: server", field: "ingest", use: "your server records conversations (secret)" },
  { kind: "publishable", name: "Setup: browser", field: "publishable", use: "a web page opens live conversations" },
  { kind: "read", name: "Setup: verify", field: "read", use: "npx openbat verify and scripts read data" },
];

/** Creates the three keys a new chatbot needs and shows their secrets, once. */
export function KeysStep({ chatbotId, keys, existing, onCreated, onNext }: { chatbotId: string; keys: SnippetKeys | null; existing: number; onCreated: (keys: SnippetKeys) => void; onNext: () => void }) {
  const { busy, error, run } = useAction();
  const create = () =>
    run(async () => {
      const made: SnippetKeys = { ingest: null, publishable: null, read: null };
      for (const k of SETUP_KEYS) made[k.field] = (await api.keys.create(chatbotId, { kind: k.kind, name: k.name })).secret;
      onCreated(made);
    });

  if (!keys) {
    return (
      <Stack>
        <Text>
          Your chatbot needs keys: one for your server, one for web pages and one to read its data. OpenBat shows each secret once, right after it is made.
        </Text>
        {existing > 0 && (
          <Alert color="blue" variant="light" title={`This chatbot has ${existing} key${existing === 1 ? "" : "s"} already`}>
            Their secrets were shown when they were made. Continue with them (the next step shows where they go), or create a fresh set for setup.
          </Alert>
        )}
        {error !== null && <ErrorNotice error={error} compact />}
        <Group>
          <Button onClick={() => void create()} loading={busy}>
            Create keys
          </Button>
          {existing > 0 && (
            <Button variant="default" onClick={onNext}>
              Continue with my keys
            </Button>
          )}
        </Group>
      </Stack>
    );
  }
  return (
    <Stack>
      <Alert color="yellow" variant="light" title="Copy them now">
        These secrets are shown this once. The next step fills them into your code; manage or revoke them later in Settings → API keys.
      </Alert>
      <Table verticalSpacing="xs">
        <Table.Tbody>
          {SETUP_KEYS.map((k) => (
            <Table.Tr key={k.field}>
              <Table.Td w={120}>
                <Text size="sm" fw={600}>
                  {k.kind}
                </Text>
                <Text size="xs" c="dimmed">
                  {k.use}
                </Text>
              </Table.Td>
              <Table.Td>
                <Code data-testid={`setup-key-${k.kind}`} style={{ wordBreak: "break-all" }}>
                  {keys[k.field]}
                </Code>
              </Table.Td>
              <Table.Td w={90}>
                <CopyButton value={keys[k.field] ?? ""}>
                  {({ copied, copy }) => (
                    <Button size="xs" variant="light" onClick={copy} aria-label={`${copied ? "Copied" : "Copy"} the ${k.kind} key`}>
                      {copied ? "Copied" : "Copy"}
                    </Button>
                  )}
                </CopyButton>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button onClick={onNext}>Next: connect your chatbot</Button>
      </Group>
    </Stack>
  );
}
