import { Alert, Button, List, Text } from "@mantine/core";
import { describeError } from "../api/client";

/** An API error in words: its title, message and per-field details, with a retry when one helps. */
export function ErrorNotice({ error, onRetry, compact = false }: { error: unknown; onRetry?: () => void; compact?: boolean }) {
  const { title, message, details } = describeError(error);
  return (
    <Alert color="red" variant="light" title={title} role="alert" p={compact ? "xs" : undefined}>
      <Text size="sm">{message}</Text>
      {details.length > 0 && (
        <List size="sm" mt={4}>
          {details.map((d, i) => (
            <List.Item key={i}>{d.field ? `${d.field}: ${d.message}` : d.message}</List.Item>
          ))}
        </List>
      )}
      {onRetry && (
        <Button variant="white" color="red" size="xs" mt="sm" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Alert>
  );
}
