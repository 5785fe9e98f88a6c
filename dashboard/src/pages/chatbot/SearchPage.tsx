import { Anchor, Badge, Button, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Text, TextInput } from "@mantine/core";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { Link } from "react-router";
import { api } from "../../api/client";
import type { SearchHit, SentimentLabel } from "../../api/types";
import { useQuery } from "../../api/use-query";
import { EmptyNotice } from "../../components/EmptyNotice";
import { ErrorNotice } from "../../components/ErrorNotice";
import { StaleFilterNotice, staleFilters } from "../../components/StaleFilterNotice";
import { PageHeader } from "../../components/PageHeader";
import { SentimentBadge } from "../../components/SentimentBadge";
import { formatDateTime, humanize } from "../../lib/format";
import { LANGUAGE_FILTER_OPTIONS } from "../../lib/languages";
import { addDays, isDay, startOfDay, viewerTimeZone } from "../../lib/range";
import { SENTIMENT_NAMES, USER_FLAGS } from "../../lib/sentiment";
import { useUrlFilters } from "../../lib/url-filters";
import { useChatbot } from "../../session/chatbot";

const FILTERS = ["q", "role", "sentiment", "flag", "language", "plan", "from", "to"] as const;
const PAGE_SIZE = 20;

/**
 * A day picked in a date input as epoch ms, in the viewer's time zone as every other day of the dashboard (from: its
 * midnight; to: the next day's, exclusive). A hand-edited address that names no day is sent as written, for the
 * API to refuse naming the filter.
 */
const dayStart = (day: string, next = false): number | string | undefined => {
  if (!day) return undefined;
  if (!isDay(day)) return day;
  return startOfDay(next ? addDays(day, 1) : day, viewerTimeZone());
};

/** The conversation detail, scrolled to and highlighting the hit. */
export const hitLink = (chatbotId: string, hit: Pick<SearchHit, "conversationId" | "messageId">) =>
  `/chatbots/${chatbotId}/conversations/${hit.conversationId}?msg=${encodeURIComponent(hit.messageId)}`;

function Snippet({ hit }: { hit: SearchHit }) {
  return (
    <Text size="sm" style={{ overflowWrap: "anywhere" }} data-testid="search-snippet">
      {hit.snippet.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </Text>
  );
}

/** The whole card is the link; its name is what it shows (who, the passage, "Conversation … · message #…"), so speech and sight agree. */
function Result({ hit, chatbotId }: { hit: SearchHit; chatbotId: string }) {
  // An assistant's reply is shown with the user it answered, as the live feed does ("Assistant, to Ines").
  const user = hit.user?.name ?? hit.user?.email ?? hit.user?.externalId;
  const who = hit.role === "assistant" ? (user ? `Assistant, to ${user}` : "Assistant") : (user ?? "Anonymous user");
  return (
    <Paper withBorder radius="md" p="sm" component="li" style={{ listStyle: "none" }}>
      <Anchor component={Link} to={hitLink(chatbotId, hit)} underline="never" c="inherit" className="focus-ring" data-search-result display="block">
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
            <Text size="sm" fw={600} truncate>
              {who}
            </Text>
            <Badge size="xs" variant="outline" color="gray">
              {hit.role}
            </Badge>
            {hit.matchedBy.includes("semantic") && (
              <Badge size="xs" variant="light" color="grape" title="Found by meaning">
                {hit.matchedBy.includes("fulltext") ? "words + meaning" : "meaning"}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            {formatDateTime(hit.at)}
          </Text>
        </Group>
        <Group justify="space-between" align="flex-start" gap="sm" mt={6} wrap="nowrap">
          <Snippet hit={hit} />
          {hit.role === "user" && <SentimentBadge score={hit.sentiment?.score} label={hit.sentiment?.label} />}
        </Group>
        <Text size="xs" c="blue" mt={4}>
          Conversation {hit.conversationExternalId} · message #{hit.seq}
        </Text>
      </Anchor>
    </Paper>
  );
}

/** Arrow keys move between results; Enter (a link's own key) opens the focused one. */
function moveFocus(e: KeyboardEvent<HTMLElement>) {
  if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
  const links = [...e.currentTarget.querySelectorAll<HTMLElement>("[data-search-result]")];
  if (!links.length) return;
  e.preventDefault();
  const at = links.indexOf(document.activeElement as HTMLElement);
  const next = e.key === "ArrowDown" ? Math.min(links.length - 1, at + 1) : Math.max(0, at - 1);
  links[next]?.focus();
}

export default function SearchPage() {
  const { chatbot } = useChatbot();
  const { values, set, clear, page } = useUrlFilters(FILTERS);
  const [draft, setDraft] = useState(values.q);
  useEffect(() => setDraft(values.q), [values.q]);
  const resultsRef = useRef<HTMLDivElement>(null);

  const query = {
    q: values.q,
    role: values.role || undefined,
    sentiment: values.sentiment || undefined,
    flag: values.flag || undefined,
    language: values.language || undefined,
    plan: values.plan || undefined,
    from: dayStart(values.from),
    to: dayStart(values.to, true),
    page,
    limit: PAGE_SIZE,
  };
  const result = useQuery(values.q ? `search:${chatbot.id}:${JSON.stringify(query)}` : null, () => api.search(chatbot.id, query));
  const r = values.q ? result.data : undefined;
  const filtered = FILTERS.some((k) => k !== "q" && values[k]);

  const submit = () => set({ q: draft.trim() || null });
  const onBoxKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") submit();
    // From the box, the down arrow goes to the first result.
    if (e.key === "ArrowDown") {
      const first = resultsRef.current?.querySelector<HTMLElement>("[data-search-result]");
      if (first) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  return (
    <Stack gap="md">
      <PageHeader title="Search" description="Every message users and the assistant wrote: words, &quot;a phrase&quot;, prefix*." />
      <Group align="flex-end" gap="sm" wrap="nowrap">
        <TextInput
          flex={1}
          label="Search messages"
          placeholder='e.g. export button, "cancel my plan", refund*'
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={onBoxKey}
          maxLength={500}
          autoFocus
          data-testid="search-box"
        />
        <Button onClick={submit}>Search</Button>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="xs">
        <Select label="Role" placeholder="Any" clearable data={[{ value: "user", label: "User" }, { value: "assistant", label: "Assistant" }]} value={values.role || null} onChange={(v) => set({ role: v })} />
        <Select
          label="Sentiment"
          placeholder="Any"
          clearable
          data={(Object.keys(SENTIMENT_NAMES) as SentimentLabel[]).map((l) => ({ value: l, label: SENTIMENT_NAMES[l] }))}
          value={values.sentiment || null}
          onChange={(v) => set({ sentiment: v })}
        />
        <Select label="Flag" placeholder="Any" clearable data={USER_FLAGS.map((f) => ({ value: f, label: humanize(f) }))} value={values.flag || null} onChange={(v) => set({ flag: v })} />
        <Select label="Language" placeholder="Any" clearable searchable data={LANGUAGE_FILTER_OPTIONS} value={values.language || null} onChange={(v) => set({ language: v })} />
        <TextInput label="Plan" placeholder="Any" defaultValue={values.plan} key={`plan-${values.plan}`} onBlur={(e) => set({ plan: e.currentTarget.value.trim() || null })} onKeyDown={(e) => e.key === "Enter" && set({ plan: e.currentTarget.value.trim() || null })} />
        <TextInput label="From" type="date" value={values.from} onChange={(e) => set({ from: e.currentTarget.value || null })} />
        <TextInput label="To" type="date" value={values.to} onChange={(e) => set({ to: e.currentTarget.value || null })} />
      </SimpleGrid>
      {filtered && (
        <Group>
          <Button variant="subtle" size="xs" onClick={() => clear(FILTERS.filter((k) => k !== "q"))}>
            Clear filters
          </Button>
        </Group>
      )}

      {!values.q ? (
        <EmptyNotice title="Search every message">Type words and press Enter. Results open the conversation at the message.</EmptyNotice>
      ) : staleFilters(result.error, ["flag"]).length > 0 ? (
        // A link whose flag the chatbot has since deleted: said in words with a way out, instead of the API's refusal.
        <StaleFilterNotice filters={["flag"]} onClear={() => set({ flag: null })} />
      ) : result.error !== null ? (
        <ErrorNotice error={result.error} onRetry={result.reload} />
      ) : !r || (result.fetching && !result.data) ? (
        <Stack gap="xs" aria-busy="true">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} h={88} radius="md" />
          ))}
        </Stack>
      ) : (
        <>
          <Text size="xs" c="dimmed" data-testid="semantic-status">
            {r.semantic.used ? "Matches by words and by meaning, merged." : r.semantic.enabled ? "Matches by words only." : `Matches by words only: ${r.semantic.reason ?? "semantic search is off."}`}
          </Text>
          {r.data.length === 0 ? (
            <EmptyNotice title="No message matches">
              {filtered ? "Try fewer filters, " : "Try "}other words, or a prefix such as <code>refund*</code>.
            </EmptyNotice>
          ) : (
            <Stack gap="xs" component="ul" p={0} m={0} ref={resultsRef} onKeyDown={moveFocus} aria-label="Search results" data-testid="search-results">
              {r.data.map((hit) => (
                <Result key={`${hit.conversationId}:${hit.seq}`} hit={hit} chatbotId={chatbot.id} />
              ))}
            </Stack>
          )}
          {(page > 1 || r.pagination.hasMore) && (
            <Group justify="space-between">
              <Button variant="default" size="xs" disabled={page <= 1} onClick={() => set({ page: page - 1 }, false)}>
                Previous
              </Button>
              <Text size="sm" c="dimmed">
                Page {page}
              </Text>
              <Button variant="default" size="xs" disabled={!r.pagination.hasMore} onClick={() => set({ page: page + 1 }, false)}>
                Next
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
