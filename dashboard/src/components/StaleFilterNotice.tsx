import { Alert, Button, Text } from "@mantine/core";
import { ApiError, fieldError } from "../../../api/client";

/**
 * The table's answer refused its `labelId` (400 naming it): the filter names a label the chatbot no longer has, as a
 * link kept from before the label was deleted does. Asking again would only answer the same.
 */
export const isStaleLabelFilter = (error: unknown): boolean => error instanceof ApiError && error.status === 400 && fieldError(error, "labelId") !== undefined;

/** Says so in the reader's words, in place of the table, with the one click that drops the filter. */
export function StaleLabelNotice({ onClear }: { onClear: () => void }) {
  return (
    <Alert color="orange" variant="light" title="This label no longer exists" role="alert" data-testid="stale-label-filter">
      <Text size="sm">The link you opened filters by a label that has since been deleted, so there is nothing to show for it.</Text>
      <Button size="xs" variant="light" color="orange" mt="sm" onClick={onClear}>
        Clear the label filter
      </Button>
    </Alert>
  );
}
