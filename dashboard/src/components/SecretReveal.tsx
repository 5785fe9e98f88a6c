import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from "@mantine/core";

/** A secret shown exactly once (API keys, webhook signing secrets, invitation links). */
export function SecretReveal({ title, secret, note, onClose }: { title: string; secret: string | null; note: string; onClose: () => void }) {
  return (
    <Modal opened={secret !== null} onClose={onClose} title={title} size="lg">
      <Stack>
        <Alert color="yellow" variant="light" title="Copy it now">
          <Text size="sm">{note}</Text>
        </Alert>
        <Code block data-testid="secret-value" style={{ wordBreak: "break-all", whiteSpace: "pre-wrap" }}>
          {secret}
        </Code>
        <Group justify="flex-end">
          <CopyButton value={secret ?? ""}>{({ copied, copy }) => <Button variant="light" onClick={copy}>{copied ? "Copied" : "Copy"}</Button>}</CopyButton>
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
