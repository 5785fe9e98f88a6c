import { Anchor, Badge, Button, Collapse, Group, MultiSelect, Paper, RangeSlider, Select, SimpleGrid, Skeleton, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import { useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { api } from "../../api/client";
import type { OrgMember } from "../../api/types";
import { useQuery } from "../../api/use-query";
import { ColumnToggle } from "../../components/ColumnToggle";
import { DebouncedNumberInput } from "../../components/DebouncedNumberInput";
import { DebouncedTextInput } from "../../components/DebouncedTextInput";
import { ExportMenu } from "../../components/ExportMenu";
import { StaleFilterNotice, staleFilters, type StaleFilter } from "../../components/StaleFilterNotice";
import { EmptyNotice } from "../../components/EmptyNotice";
import { failed, RegionError } from "../../components/QueryRegion";
import { PageHeader } from "../../components/PageHeader";
import { SortableHeader } from "../../components/SortableHeader";
import { PastLastPage, pastLastPage, TablePager } from "../../components/TablePager";
import { formatDateTime, humanize } from "../../lib/format";
import { LANGUAGE_FILTER_OPTIONS, languageName } from "../../lib/languages";
import { USER_FLAGS } from "../../lib/sentiment";
import { loadColumns, useUrlFilters } from "../../lib/url-filters";
import { useChatbot } from "../../session/chatbot";
import { ActButton, ActDrawer, type Acting } from "../../components/triage/ActDrawer";
import { COLUMNS, DEFAULT_COLUMNS, whoOf, type CellContext, type Column } from "./conversations/columns";
import { ConversationCards } from "./conversations/ConversationCards";
import { NewRowsBar, useNewRows } from "./conversations/new-rows";

const FILTERS = [
  "q",
  "plan",
  "industry",
  "device",
  "country",
  "language",
  "status",
  "triageStatus",
  "assignee",
  "labelId",
  "sentimentMin",
  "sentimentMax",
  "mrrMin",
  "mrrMax",
  "flags",
  "user",
  "organization",
  "from",
  "to",
] as const;
const KEYS = [...FILTERS, "sort", "order"] as const;
/** The filters that name something of the chatbot's, which may be gone since the link was made. */
const STALE_FILTERS = ["labelId", "assignee", "flags"] as const;
/** What an active filter's chip calls it: the words of the filter panel, not the URL's parameter names. */
const FILTER_LABELS: Record<Exclude<(typeof FILTERS)[number], "q">, string> = {
  plan: "Plan",
  industry: "Industry",
  device: "Device",
  country: "Country",
  language: "Language",
  status: "Status",
  triageStatus: "Triage",
  assignee: "Assignee",
  labelId: "Label",
  sentimentMin: "Sentiment from",
  sentimentMax: "Sentiment to",
  mrrMin: "MRR from",
  mrrMax: "MRR to",
  flags: "Flags",
  user: "User",
  organization: "Organization",
  from: "From",
  to: "To",
};
const PAGE_SIZE = 25;
const TRIAGE_STATUSES = ["open", "needs_review", "escalated", "reviewed", "resolved_by_team"] as const;

// v2: the columns were reordered (flags and sentiment first) and new ones added; earlier choices would hide them.
const COLUMNS_KEY = "openbat.conversations.columns.v2";
/** Phones show cards instead of rows (below Mantine's sm, as app.css's phone rules). */
const PHONE_QUERY = "(max-width: 47.99em)";

function FilterPanel({ values, set, members }: { values: Record<(typeof KEYS)[number], string>; set: (changes: Record<string, string | null>) => void; members: OrgMember[] }) {
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
        <Select
          label="Triage status"
          placeholder="Any"
          clearable
          data={TRIAGE_STATUSES.map((v) => ({ value: v, label: humanize(v) }))}
          value={values.triageStatus || null}
          onChange={(v) => set({ triageStatus: v })}
        />
        <Select
          label="Assignee"
          placeholder="Anyone"
          clearable
          searchable
          data={[
            { value: "me", label: "Me" },
            { value: "unassigned", label: "Unassigned" },
            ...members.map((m) => ({ value: m.id, label: m.name })),
          ]}
          value={values.assignee || null}
          onChange={(v) => set({ assignee: v })}
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
          <DebouncedNumberInput label="MRR from" min={0} value={values.mrrMin} onValue={(v) => set({ mrrMin: v })} />
          <DebouncedNumberInput label="MRR to" min={0} value={values.mrrMax} onValue={(v) => set({ mrrMax: v })} />
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
  const { chatbot, organization } = useChatbot();
  const navigate = useNavigate();
  const phone = useMediaQuery(PHONE_QUERY) ?? false;
  const { values, set, clear, page } = useUrlFilters(KEYS);
  const [filtersOpen, { toggle: toggleFilters }] = useDisclosure(false);
  const [columns, setColumns] = useState<Column[]>(() => loadColumns(COLUMNS_KEY, COLUMNS.map((c) => c.key), DEFAULT_COLUMNS));
  const sort = values.sort || "lastMessageAt";
  const order = values.order === "asc" ? "asc" : "desc";
  const query = { ...values, sort, order, page, limit: PAGE_SIZE };
  // Refetched when the index has written conversations of this chatbot (the live feed's `indexed`), so rows
  // update and new ones appear once D1 holds them.
  const rows = useQuery(`conversations:${chatbot.id}:${JSON.stringify(query)}`, () => api.analytics.conversations(chatbot.id, query), { indexedChatbotId: chatbot.id });
  const members = useQuery(`members:${organization.id}`, () => api.organizations.members(organization.id));
  const memberMap = useMemo(() => new Map((members.data ?? []).map((m) => [m.id, m])), [members.data]);
  const ids = useMemo(() => rows.data?.data.map((r) => r.id), [rows.data]);
  // New rows arrive at the top only on the first page, newest first.
  const newRows = useNewRows(ids, page === 1 && sort === "lastMessageAt" && order === "desc");
  const active = FILTERS.filter((f): f is keyof typeof FILTER_LABELS => f !== "q" && values[f] !== "");
  const shown = COLUMNS.filter((c) => columns.includes(c.key));
  const [acting, setActing] = useState<Acting | null>(null);
  const ctx: CellContext = { chatbotId: chatbot.id, members: memberMap, onLabel: (labelId) => set({ labelId }), onAct: setActing };
  // A filter naming a deleted label, a member who left or a deleted custom flag (a link kept from before): said in
  // words with a way out, instead of the API's refusal and a table.
  const gone = staleFilters(rows.error, STALE_FILTERS);
  const tableShown = !failed(rows) && gone.length === 0;
  // Which of the link's flags the chatbot still has, so that clearing drops only the deleted ones (read only then).
  const config = useQuery(gone.includes("flags") ? `analysis:${chatbot.id}` : null, () => api.analysis.config(chatbot.id));
  const knownFlags = config.data ? new Set<string>([...USER_FLAGS, ...config.data.customFlags.map((f) => f.slug)]) : null;
  const flagGone = (slug: string) => gone.includes("flags") && knownFlags !== null && !knownFlags.has(slug);
  const clearStale = (filter: StaleFilter) => {
    if (filter !== "flags" || !knownFlags) return set({ [filter]: null });
    set({ flags: values.flags.split(",").filter((slug) => knownFlags.has(slug)).join(",") || null });
  };
  const labelName = (id: string) => (gone.includes("labelId") ? "deleted label" : (rows.data?.data.flatMap((r) => r.labels).find((l) => l.id === id)?.name ?? id));
  const filterValue = (f: (typeof FILTERS)[number]) => {
    const v = values[f];
    if (f === "from" || f === "to") return formatDateTime(Number(v));
    if (f === "language") return languageName(v);
    if (f === "triageStatus") return humanize(v);
    if (f === "assignee") return v === "me" ? "me" : v === "unassigned" ? "unassigned" : gone.includes("assignee") ? "former member" : (memberMap.get(v)?.name ?? v);
    if (f === "labelId") return labelName(v);
    if (f === "flags") return v.split(",").map((slug) => (flagGone(slug) ? "deleted flag" : humanize(slug))).join(", ");
    return v;
  };

  const saveColumns = (next: Column[]) => {
    setColumns(next);
    localStorage.setItem(COLUMNS_KEY, JSON.stringify(next));
  };

  return (
    <Stack>
      <PageHeader
        title="Conversations"
        description="Every conversation, most recent activity first, updated live. Open one to read it with its annotations."
        actions={<ExportMenu path={`/api/v1/chatbots/${chatbot.id}/exports/conversations`} params={query} />}
      />
      <NewRowsBar count={newRows.count} noun={newRows.count === 1 ? "conversation" : "conversations"} onShow={newRows.reset} />
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
          {!phone && <ColumnToggle columns={COLUMNS} visible={columns} onChange={saveColumns} />}
        </Group>
      </Group>
      {active.length > 0 && (
        <Group gap={6} aria-label="Active filters">
          {active.map((f) => (
            <Badge key={f} variant="light" size="lg" tt="none" rightSection={<Anchor component="button" size="xs" onClick={() => set({ [f]: null })} aria-label={`Remove filter ${FILTER_LABELS[f]}`}>✕</Anchor>}>
              {FILTER_LABELS[f]}: {filterValue(f)}
            </Badge>
          ))}
        </Group>
      )}
      <Collapse expanded={filtersOpen} id="conversation-filters">
        <FilterPanel values={values} set={set} members={members.data ?? []} />
      </Collapse>
      {gone.length > 0 ? <StaleFilterNotice filters={gone} onClear={clearStale} /> : <RegionError query={rows} />}
      {tableShown && phone && (rows.loading ? <Skeleton h={160} radius="md" /> : <ConversationCards rows={rows.data?.data ?? []} ctx={ctx} />)}
      {tableShown && !phone && (
        <Table.ScrollContainer minWidth={1100}>
          <Table highlightOnHover verticalSpacing="xs" data-testid="conversations-table" aria-busy={rows.fetching}>
            <Table.Thead>
              <Table.Tr>
                {shown.map((c) =>
                  c.sort ? (
                    <SortableHeader key={c.key} label={c.label} field={c.sort} sort={sort} order={order} onSort={(s, o) => set({ sort: s, order: o })} />
                  ) : (
                    <Table.Th key={c.key} style={{ whiteSpace: "nowrap" }}>
                      {c.label}
                    </Table.Th>
                  ),
                )}
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.loading
                ? Array.from({ length: 8 }, (_, i) => (
                    <Table.Tr key={i}>
                      {[...shown, { key: "act" }].map((c) => (
                        <Table.Td key={c.key}>
                          <Skeleton h={20} />
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))
                : rows.data?.data.map((r) => (
                    <Table.Tr key={r.id} className="clickable-row live-row" onClick={() => navigate(`/chatbots/${chatbot.id}/conversations/${r.id}`)} data-testid="conversation-row" data-conversation-id={r.id}>
                      {shown.map((c) => (
                        <Table.Td key={c.key} style={{ whiteSpace: c.wraps ? "normal" : "nowrap" }}>
                          {c.cell(r, ctx)}
                        </Table.Td>
                      ))}
                      <Table.Td>
                        <ActButton acting={{ conversationId: r.id, who: whoOf(r) }} onAct={setActing} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {tableShown && !rows.loading && rows.data?.data.length === 0 && pastLastPage(rows.data.pagination) && (
        <PastLastPage pagination={rows.data.pagination} onPage={(p) => set({ page: p }, false)} noun="conversations" />
      )}
      {tableShown && !rows.loading && rows.data?.data.length === 0 && !pastLastPage(rows.data.pagination) && (
        <EmptyNotice title={active.length || values.q ? "No conversation matches" : "No conversations yet"}>
          {active.length || values.q ? "Loosen a filter or clear them." : "They appear here within a second of your chatbot's first message."}
        </EmptyNotice>
      )}
      {tableShown && <TablePager pagination={rows.data?.pagination} onPage={(p) => set({ page: p }, false)} noun="conversations" />}
      <ActDrawer acting={acting} onClose={() => setActing(null)} />
    </Stack>
  );
}
