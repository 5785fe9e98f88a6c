import { Anchor, Badge, Button, Collapse, Group, MultiSelect, NumberInput, Paper, RangeSlider, Select, SimpleGrid, Skeleton, Stack, Table, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useState, type ReactNode } from "react";
import { Link, useNavigate } from "react-router";
import { api } from "../../api/client";
import type { ConversationRow } from "../../api/types";
import { useQuery } from "../../api/use-query";
import { ColumnToggle } from "../../components/ColumnToggle";
import { DebouncedTextInput } from "../../components/DebouncedTextInput";
import { ExportMenu } from "../../components/ExportMenu";
import { EmptyNotice } from "../../components/EmptyNotice";
import { failed, RegionError } from "../../components/QueryRegion";
import { FlagBadge } from "../../components/FlagBadge";
import { LanguageBadge } from "../../components/LanguageBadge";
import { PageHeader } from "../../components/PageHeader";
import { PersonLink } from "../../components/PersonLink";
import { SentimentBadge } from "../../components/SentimentBadge";
import { SortableHeader } from "../../components/SortableHeader";
import { TablePager } from "../../components/TablePager";
import { formatAgo, formatDateTime, formatMoney, humanize } from "../../lib/format";
import { LANGUAGE_FILTER_OPTIONS, languageName } from "../../lib/languages";
import { USER_FLAGS } from "../../lib/sentiment";
import { loadColumns, useUrlFilters } from "../../lib/url-filters";
import { useChatbot } from "../../session/chatbot";

const FILTERS = ["q", "plan", "industry", "device", "country", "language", "status", "sentimentMin", "sentimentMax", "mrrMin", "mrrMax", "flags", "user", "organization", "from", "to"] as const;
const KEYS = [...FILTERS, "sort", "order"] as const;
const PAGE_SIZE = 25;

type Column = "conversation" | "user" | "email" | "organization" | "messages" | "sentiment" | "plan" | "mrr" | "country" | "language" | "device" | "flags" | "lastMessage" | "created";

const COLUMNS: { key: Column; label: string; sort?: string; cell: (row: ConversationRow, chatbotId: string) => ReactNode }[] = [
  {
    key: "conversation",
    label: "Conversation",
    cell: (r, chatbotId) => (
      <Group gap={6} wrap="nowrap">
        <Anchor component={Link} to={`/chatbots/${chatbotId}/conversations/${r.id}`} size="sm" fw={500} onClick={(e) => e.stopPropagation()}>
          {r.externalId}
        </Anchor>
        {r.status === "open" && (
          <Badge size="xs" color="green" variant="dot" style={{ flexShrink: 0 }}>
            open
          </Badge>
        )}
      </Group>
    ),
  },
  { key: "user", label: "User", cell: (r, chatbotId) => (r.user ? <PersonLink chatbotId={chatbotId} kind="user" externalId={r.user.externalId} name={r.user.name} /> : "—") },
  { key: "email", label: "Email", cell: (r) => r.user?.email ?? "—" },
  { key: "organization", label: "Organization", cell: (r, chatbotId) => (r.organization ? <PersonLink chatbotId={chatbotId} kind="organization" externalId={r.organization.externalId} name={r.organization.name} /> : "—") },
  { key: "messages", label: "Messages", sort: "messageCount", cell: (r) => r.messageCount },
  { key: "sentiment", label: "Sentiment", sort: "sentiment", cell: (r) => <SentimentBadge score={r.sentiment?.average} label={r.sentiment?.label} /> },
  { key: "plan", label: "Plan", cell: (r) => r.plan ?? "—" },
  { key: "mrr", label: "MRR", sort: "mrr", cell: (r) => formatMoney(r.mrr) },
  { key: "country", label: "Country", cell: (r) => r.country ?? "—" },
  { key: "language", label: "Language", cell: (r) => (r.language ? <LanguageBadge code={r.language} /> : "—") },
  { key: "device", label: "Device", cell: (r) => r.device ?? "—" },
  {
    key: "flags",
    label: "Flags",
    cell: (r) =>
      r.flags.length ? (
        <Group gap={4} wrap="nowrap">
          {r.flags.map((f) => (
            <FlagBadge key={f} slug={f} />
          ))}
        </Group>
      ) : (
        "—"
      ),
  },
  { key: "lastMessage", label: "Last message", sort: "lastMessageAt", cell: (r) => <span title={formatDateTime(r.lastMessageAt)}>{formatAgo(r.lastMessageAt)}</span> },
  { key: "created", label: "Created", sort: "createdAt", cell: (r) => formatDateTime(r.createdAt) },
];

const DEFAULT_COLUMNS: Column[] = ["conversation", "user", "email", "organization", "messages", "sentiment", "plan", "country", "language", "flags", "lastMessage", "created"];
const COLUMNS_KEY = "openbat.conversations.columns";
/** On a phone only these show (app.css `.phone-hidden`): which conversation, how it felt, how recent. */
const PHONE_COLUMNS: Column[] = ["conversation", "sentiment", "lastMessage"];
const phoneClass = (key: Column) => (PHONE_COLUMNS.includes(key) ? undefined : "phone-hidden");

function FilterPanel({ values, set }: { values: Record<(typeof KEYS)[number], string>; set: (changes: Record<string, string | null>) => void }) {
  const min = values.sentimentMin === "" ? -1 : Number(values.sentimentMin);
  const max = values.sentimentMax === "" ? 1 : Number(values.sentimentMax);
  return (
    <Paper withBorder p="md" radius="md">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <DebouncedTextInput label="Plan" placeholder="e.g. enterprise" value={values.plan} onValue={(v) => set({ plan: v })} />
        <DebouncedTextInput label="Industry" placeholder="e.g. fintech" value={values.industry} onValue={(v) => set({ industry: v })} />
        <Select label="Device" placeholder="Any" clearable data={["desktop", "mobile", "tablet"]} value={values.device || null} onChange={(v) => set({ device: v })} />
        <DebouncedTextInput label="Country" placeholder="ISO code, e.g. GB" maxLength={2} value={values.country} onValue={(v) => set({ country: v.length === 2 || v === "" ? v.toUpperCase() : values.country })} />
        <Select
          label="Language"
          placeholder="Any"
          clearable
          searchable
          data={LANGUAGE_FILTER_OPTIONS}
          value={values.language || null}
          onChange={(v) => set({ language: v })}
        />
        <Select
          label="Status"
          placeholder="Any"
          clearable
          data={[
            { value: "open", label: "Open" },
            { value: "ended", label: "Ended" },
          ]}
          value={values.status || null}
          onChange={(v) => set({ status: v })}
        />
        <MultiSelect
          label="Flags (all of)"
          placeholder={values.flags ? undefined : "Any"}
          data={USER_FLAGS.map((f) => ({ value: f, label: humanize(f) }))}
          value={values.flags ? values.flags.split(",") : []}
          onChange={(v) => set({ flags: v.join(",") })}
          clearable
        />
        <Group grow gap="xs" align="flex-start">
          <NumberInput label="MRR from" min={0} value={values.mrrMin} onBlur={(e) => set({ mrrMin: e.currentTarget.value.replace(/[^\d.]/g, "") })} />
          <NumberInput label="MRR to" min={0} value={values.mrrMax} onBlur={(e) => set({ mrrMax: e.currentTarget.value.replace(/[^\d.]/g, "") })} />
        </Group>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="sentiment-range-label">
            Sentiment {min.toFixed(1)} to {max.toFixed(1)}
          </Text>
          <RangeSlider
            aria-labelledby="sentiment-range-label"
            thumbFromLabel="Lowest sentiment"
            thumbToLabel="Highest sentiment"
            min={-1}
            max={1}
            step={0.1}
            minRange={0.1}
            defaultValue={[min, max]}
            key={`${min}:${max}`}
            onChangeEnd={([a, b]) => set({ sentimentMin: a <= -1 ? null : a.toFixed(1), sentimentMax: b >= 1 ? null : b.toFixed(1) })}
            label={(v) => v.toFixed(1)}
            mt={6}
          />
        </Stack>
      </SimpleGrid>
    </Paper>
  );
}

export default function ConversationsPage() {
  const { chatbot } = useChatbot();
  const navigate = useNavigate();
  const { values, set, clear, page } = useUrlFilters(KEYS);
  const [filtersOpen, { toggle: toggleFilters }] = useDisclosure(false);
  const [columns, setColumns] = useState<Column[]>(() => loadColumns(COLUMNS_KEY, COLUMNS.map((c) => c.key), DEFAULT_COLUMNS));
  const sort = values.sort || "lastMessageAt";
  const order = values.order === "asc" ? "asc" : "desc";
  const query = { ...values, sort, order, page, limit: PAGE_SIZE };
  const rows = useQuery(`conversations:${chatbot.id}:${JSON.stringify(query)}`, () => api.analytics.conversations(chatbot.id, query), { liveChatbotId: chatbot.id });
  const active = FILTERS.filter((f) => f !== "q" && values[f] !== "");
  const shown = COLUMNS.filter((c) => columns.includes(c.key));

  const saveColumns = (next: Column[]) => {
    setColumns(next);
    localStorage.setItem(COLUMNS_KEY, JSON.stringify(next));
  };

  return (
    <Stack>
      <PageHeader
        title="Conversations"
        description="Every conversation, most recent activity first. Open one to read it with its annotations."
        actions={<ExportMenu path={`/api/v1/chatbots/${chatbot.id}/exports/conversations`} params={query} />}
      />
      <Group justify="space-between" gap="sm">
        <DebouncedTextInput
          aria-label="Search conversations"
          placeholder="Search id, user, email or organization"
          value={values.q}
          onValue={(v) => set({ q: v })}
          w={{ base: "100%", sm: 360 }}
          type="search"
        />
        <Group gap="xs">
          <Button variant={active.length ? "light" : "default"} onClick={toggleFilters} aria-expanded={filtersOpen} aria-controls="conversation-filters">
            Filters{active.length ? ` (${active.length})` : ""}
          </Button>
          {active.length > 0 && (
            <Button variant="subtle" onClick={() => clear(FILTERS)}>
              Clear filters
            </Button>
          )}
          <ColumnToggle columns={COLUMNS} visible={columns} onChange={saveColumns} />
        </Group>
      </Group>
      {active.length > 0 && (
        <Group gap={6} aria-label="Active filters">
          {active.map((f) => (
            <Badge key={f} variant="light" size="lg" rightSection={<Anchor component="button" size="xs" onClick={() => set({ [f]: null })} aria-label={`Remove filter ${humanize(f)}`}>✕</Anchor>}>
              {humanize(f)}: {f === "from" || f === "to" ? formatDateTime(Number(values[f])) : f === "language" ? languageName(values[f]) : values[f]}
            </Badge>
          ))}
        </Group>
      )}
      <Collapse expanded={filtersOpen} id="conversation-filters">
        <FilterPanel values={values} set={set} />
      </Collapse>
      <RegionError query={rows} />
      {!failed(rows) && (
        <Table.ScrollContainer minWidth={900} className="phone-priority">
          <Table highlightOnHover verticalSpacing="xs" data-testid="conversations-table" aria-busy={rows.fetching}>
            <Table.Thead>
              <Table.Tr>
                {shown.map((c) =>
                  c.sort ? (
                    <SortableHeader key={c.key} className={phoneClass(c.key)} label={c.label} field={c.sort} sort={sort} order={order} onSort={(s, o) => set({ sort: s, order: o })} />
                  ) : (
                    <Table.Th key={c.key} className={phoneClass(c.key)} style={{ whiteSpace: "nowrap" }}>
                      {c.label}
                    </Table.Th>
                  ),
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.loading
                ? Array.from({ length: 8 }, (_, i) => (
                    <Table.Tr key={i}>
                      {shown.map((c) => (
                        <Table.Td key={c.key} className={phoneClass(c.key)}>
                          <Skeleton h={20} />
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))
                : rows.data?.data.map((r) => (
                    <Table.Tr key={r.id} className="clickable-row" onClick={() => navigate(`/chatbots/${chatbot.id}/conversations/${r.id}`)} data-testid="conversation-row">
                      {shown.map((c) => (
                        <Table.Td key={c.key} className={phoneClass(c.key)} style={{ whiteSpace: "nowrap" }}>
                          {c.cell(r, chatbot.id)}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {!rows.loading && rows.data?.data.length === 0 && (
        <EmptyNotice title={active.length || values.q ? "No conversation matches" : "No conversations yet"}>
          {active.length || values.q ? "Loosen a filter or clear them." : "They appear here within a second of your chatbot's first message."}
        </EmptyNotice>
      )}
      <TablePager pagination={rows.data?.pagination} onPage={(p) => set({ page: p }, false)} noun="conversations" />
    </Stack>
  );
}
