import { Anchor, Badge, Button, Checkbox, Group, Skeleton, Stack, Table, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router";
import { api } from "../../api/client";
import type { IntentSuggestion } from "../../api/types";
import { useQuery } from "../../api/use-query";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorNotice } from "../../components/ErrorNotice";
import { failed, RegionError } from "../../components/QueryRegion";
import { TablePager } from "../../components/TablePager";
import { formatDateTime, formatNumber } from "../../lib/format";
import { useAction } from "../../lib/use-action";

const PAGE_SIZE = 20;

function SuggestionRow({
  suggestion,
  chatbotId,
  canEdit,
  selected,
  onSelect,
  onDone,
}: {
  suggestion: IntentSuggestion;
  chatbotId: string;
  canEdit: boolean;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onDone: () => void;
}) {
  const [name, setName] = useState(suggestion.name);
  // The shared words make a description the embedded analyzer can match on.
  const [description, setDescription] = useState(`asks about ${suggestion.terms.join(" ")}`);
  // Approving and rejecting share one action: one decision per suggestion, sent once.
  const { busy, error, run } = useAction();
  const act = (action: () => Promise<unknown>) =>
    run(async () => {
      await action();
      onDone();
    });
  return (
    <Table.Tr data-testid="intent-suggestion">
      {canEdit && (
        <Table.Td w={36}>
          <Checkbox aria-label={`Select ${suggestion.slug}`} checked={selected} onChange={(e) => onSelect(e.currentTarget.checked)} />
        </Table.Td>
      )}
      <Table.Td>
        <Group gap={6}>
          <Text size="sm" fw={500}>
            {suggestion.slug}
          </Text>
          <Badge size="sm" variant="light" title="Messages this suggestion covers">
            {formatNumber(suggestion.occurrences)} messages
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {formatNumber(suggestion.conversations)} conversations · last {formatDateTime(suggestion.lastSeenAt)}
        </Text>
      </Table.Td>
      <Table.Td maw={360}>
        {suggestion.example !== null ? (
          <Text size="sm" fs="italic" lineClamp={3}>
            “{suggestion.example}”
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
        {suggestion.exampleConversationId !== null && (
          <Anchor component={Link} to={`/chatbots/${chatbotId}/conversations/${suggestion.exampleConversationId}`} size="xs">
            Open conversation
          </Anchor>
        )}
      </Table.Td>
      {canEdit && (
        <Table.Td>
          <Stack gap={4}>
            <TextInput size="xs" aria-label={`Name for ${suggestion.slug}`} value={name} onChange={(e) => setName(e.currentTarget.value)} />
            <TextInput size="xs" aria-label={`Description for ${suggestion.slug}`} placeholder="What the user wants" value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
            <Group gap={4} wrap="nowrap">
              <Button size="xs" loading={busy} aria-label={`Approve intent ${suggestion.slug}`} onClick={() => void act(() => api.analysis.approve(chatbotId, suggestion.slug, { name: name || suggestion.name, description: description || name || suggestion.name }))}>
                Approve
              </Button>
              <Button size="xs" variant="default" disabled={busy} aria-label={`Reject intent ${suggestion.slug}`} onClick={() => void act(() => api.analysis.reject(chatbotId, suggestion.slug))}>
                Reject
              </Button>
            </Group>
            {error !== null && <ErrorNotice error={error} compact />}
          </Stack>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

/**
 * Suggested intents, most messages first, a page at a time: each with a real example message and how
 * many messages and conversations it covers; approve or reject one, reject the selected, or all.
 */
export function IntentSuggestions({ chatbotId, canEdit, onApproved }: { chatbotId: string; canEdit: boolean; onApproved: () => void }) {
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string[]>([]);
  // Busy while the selected are rejected: a second press would send the same slugs again.
  const rejecting = useAction();
  const list = useQuery(`suggestions:${chatbotId}:${page}`, () => api.analysis.suggestions(chatbotId, { page, limit: PAGE_SIZE }));
  const rows = list.data?.data ?? [];
  const refresh = () => {
    setSelected([]);
    list.reload();
  };
  const rejectSelected = () =>
    rejecting.run(async () => {
      await api.analysis.rejectMany(chatbotId, { slugs: selected });
      refresh();
    });
  const allOnPage = rows.length > 0 && rows.every((r) => selected.includes(r.slug));

  return (
    <Stack>
      <RegionError query={list} />
      {rejecting.error !== null && <ErrorNotice error={rejecting.error} compact />}
      {canEdit && rows.length > 0 && (
        <Group gap="xs">
          <Button size="xs" variant="default" disabled={selected.length === 0} loading={rejecting.busy} onClick={() => void rejectSelected()}>
            Reject selected ({selected.length})
          </Button>
          <ConfirmButton
            size="xs"
            label="Reject all"
            title="Reject all suggestions?"
            confirmLabel="Reject all"
            onConfirm={async () => {
              await api.analysis.rejectMany(chatbotId, { all: true });
              setPage(1);
              refresh();
            }}
          >
            Every pending suggestion and every message still waiting to form one is rejected. New suggestions appear when phrasing recurs in new messages.
          </ConfirmButton>
        </Group>
      )}
      {failed(list) ? null : list.loading ? (
        <Skeleton h={60} />
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing waiting. A suggestion appears when at least 3 messages from 2 or more conversations ask for something no intent covers.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                {canEdit && (
                  <Table.Th w={36}>
                    <Checkbox
                      aria-label="Select all on this page"
                      checked={allOnPage}
                      indeterminate={!allOnPage && rows.some((r) => selected.includes(r.slug))}
                      onChange={() => setSelected(allOnPage ? [] : rows.map((r) => r.slug))}
                    />
                  </Table.Th>
                )}
                <Table.Th>Suggested intent</Table.Th>
                <Table.Th>Example message</Table.Th>
                {canEdit && <Table.Th>Decision</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((s) => (
                <SuggestionRow
                  key={s.slug}
                  suggestion={s}
                  chatbotId={chatbotId}
                  canEdit={canEdit}
                  selected={selected.includes(s.slug)}
                  onSelect={(on) => setSelected((cur) => (on ? [...cur, s.slug] : cur.filter((x) => x !== s.slug)))}
                  onDone={() => {
                    refresh();
                    onApproved();
                  }}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <TablePager
        pagination={list.data?.pagination}
        onPage={(p) => {
          setSelected([]);
          setPage(p);
        }}
        noun="suggestions"
      />
    </Stack>
  );
}
