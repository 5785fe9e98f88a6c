import { Alert, Button, Stack, Text } from "@mantine/core";
import { ApiError } from "../api/client";

/**
 * Filters that name something of the chatbot's, which can go away after a link was shared: a label deleted, a member
 * who left the organization (the assignee), a custom flag deleted (the conversations table's `flags`, search's `flag`).
 * The API refuses such a filter with a 400 naming it (worker/services/filter-references.ts); asking again would only
 * answer the same.
 */
export type StaleFilter = "labelId" | "assignee" | "flags" | "flag";

const WORDS: Record<StaleFilter, { noun: string; title: string; what: string }> = {
  labelId: { noun: "label", title: "This label no longer exists", what: "a label that has since been deleted" },
  assignee: { noun: "assignee", title: "This assignee is no longer a member", what: "a member who has since left the organization" },
  flags: { noun: "flag", title: "This flag no longer exists", what: "a custom flag that has since been deleted" },
  flag: { noun: "flag", title: "This flag no longer exists", what: "a custom flag that has since been deleted" },
};

/**
 * The filters among `fields` that the answer refused, when it refused only such filters (any other refusal is shown
 * as the API words it); none otherwise.
 */
export function staleFilters<F extends StaleFilter>(error: unknown, fields: readonly F[]): F[] {
  if (!(error instanceof ApiError) || error.status !== 400 || error.details.length === 0) return [];
  const named = error.details.map((d) => d.field);
  if (!named.every((field) => (fields as readonly (string | undefined)[]).includes(field))) return [];
  return fields.filter((field) => named.includes(field));
}

/** Says which filter names something gone, in the reader's words, in place of the results, each with the one click that drops it. */
export function StaleFilterNotice({ filters, onClear }: { filters: StaleFilter[]; onClear: (filter: StaleFilter) => void }) {
  return (
    <Stack gap="sm">
      {filters.map((filter) => {
        const { noun, title, what } = WORDS[filter];
        return (
          <Alert key={filter} color="orange" variant="light" title={title} role="alert" data-testid={`stale-${noun}-filter`}>
            <Text size="sm">The link you opened filters by {what}, so there is nothing to show for it.</Text>
            <Button size="xs" variant="light" color="orange" mt="sm" onClick={() => onClear(filter)}>
              Clear the {noun} filter
            </Button>
          </Alert>
        );
      })}
    </Stack>
  );
}
