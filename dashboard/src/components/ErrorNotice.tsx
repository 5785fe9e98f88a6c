import { Alert, Button, List, Text } from "@mantine/core";
import { describeError } from "../api/client";
import { canSucceedLater } from "../api/retry";

/** An API error in words: its title, message and per-field details, with a retry only where trying again can help (not after a 400 or a 404). */
export function ErrorNotice({ error, onRetry, compact = false, title: titled }: { error: unknown; onRetry?: () => void; compact?: boolean; title?: string }) {
  const { title: described, message, details } = describeError(error);
  const title = titled ?? described;
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
      {onRetry && canSucceedLater(error) && (
        <Button variant="white" color="red" size="xs" mt="sm" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Alert>
  );
}
