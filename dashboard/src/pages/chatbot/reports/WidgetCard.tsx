import { ActionIcon, Button, Group, Paper, Popover, SegmentedControl, Select, Skeleton, Stack, Text, TextInput, Tooltip } from "@mantine/core";
import { useState, type DragEvent } from "react";
import type { ReportWidget, WidgetData, WidgetFilters, WidgetSize } from "../../../api/types";
import type { SentimentLabel } from "../../../api/types";
import { LANGUAGE_FILTER_OPTIONS } from "../../../lib/languages";
import { SENTIMENT_NAMES } from "../../../lib/sentiment";
import { filterSummary, WIDGETS, widgetTitle } from "./catalog";
import { WidgetView } from "./WidgetView";

const SIZE_OPTIONS = [
  { value: "third", label: "Third" },
  { value: "half", label: "Half" },
  { value: "full", label: "Full" },
];
const LABEL_OPTIONS = (Object.keys(SENTIMENT_NAMES) as SentimentLabel[]).map((l) => ({ value: l, label: SENTIMENT_NAMES[l] }));

export type MoveDirection = "earlier" | "later";

/** The id of a card's "move earlier" / "move later" button, by which the page gives focus back after a move. */
export const moveButtonId = (widgetId: string, direction: MoveDirection) => `move-${direction}-${widgetId}`;

export interface WidgetCardProps {
  widget: ReportWidget;
  index: number;
  count: number;
  data: WidgetData | undefined;
  chatbotId: string;
  canEdit: boolean;
  /** The report's figures could not be read (the page shows the one error and its retry). */
  failed: boolean;
  /** Live additions to the figure since the answer arrived (messages today). */
  live?: number;
  onChange: (next: ReportWidget) => void;
  /** Keyboard: to the position `to`, by the card's "move earlier" or "move later" button. */
  onMove: (to: number, by: MoveDirection) => void;
  /** Drag and drop: the widget at `from` was dropped on this one and takes its place. */
  onDropFrom: (from: number) => void;
  onRemove: () => void;
}

/**
 * One widget in the report's grid. Admins reorder it by dragging the card onto another one, or with the
 * "move earlier / later" buttons (keyboard), and change its size, title and filters in its settings.
 */
export function WidgetCard({ widget, index, count, data, failed, chatbotId, canEdit, live, onChange, onMove, onDropFrom, onRemove }: WidgetCardProps) {
  const title = widgetTitle(widget);
  const titleId = `widget-title-${widget.id}`;
  const [dragOver, setDragOver] = useState(false);
  const summary = filterSummary(widget.filters);

  const dragProps = canEdit
    ? {
        draggable: true,
        onDragStart: (e: DragEvent) => {
          e.dataTransfer.setData("application/x-openbat-widget", String(index));
          e.dataTransfer.effectAllowed = "move";
        },
        onDragOver: (e: DragEvent) => {
          if (!e.dataTransfer.types.includes("application/x-openbat-widget")) return;
          e.preventDefault();
          setDragOver(true);
        },
        onDragLeave: () => setDragOver(false),
        onDrop: (e: DragEvent) => {
          setDragOver(false);
          const from = Number(e.dataTransfer.getData("application/x-openbat-widget"));
          if (!Number.isInteger(from) || from === index) return;
          e.preventDefault();
          onDropFrom(from);
        },
      }
    : {};

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby={titleId}
      className="report-widget"
      data-size={widget.size}
      data-testid={`widget-${widget.id}`}
      data-widget-type={widget.type}
      style={dragOver ? { outline: "2px dashed var(--mantine-color-blue-6)", outlineOffset: 2 } : undefined}
      {...dragProps}
    >
      <Group justify="space-between" align="flex-start" gap={4} wrap="nowrap" mb="xs">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Tooltip label={WIDGETS[widget.type].help} multiline w={260} withArrow>
            <Text fw={600} id={titleId} style={{ overflowWrap: "anywhere" }}>
              {title}
            </Text>
          </Tooltip>
          {summary && (
            <Text size="xs" c="dimmed">
              {summary}
            </Text>
          )}
        </Stack>
        {canEdit && (
          <Group gap={2} wrap="nowrap" className="no-print">
            <ActionIcon id={moveButtonId(widget.id, "earlier")} variant="subtle" color="gray" size={36} aria-label={`Move ${title} earlier`} disabled={index === 0} onClick={() => onMove(index - 1, "earlier")}>
              <span aria-hidden="true">←</span>
            </ActionIcon>
            <ActionIcon id={moveButtonId(widget.id, "later")} variant="subtle" color="gray" size={36} aria-label={`Move ${title} later`} disabled={index === count - 1} onClick={() => onMove(index + 1, "later")}>
              <span aria-hidden="true">→</span>
            </ActionIcon>
            <WidgetSettings widget={widget} title={title} onChange={onChange} onRemove={onRemove} />
          </Group>
        )}
      </Group>
      {data ? (
        <WidgetView widget={widget} data={data} chatbotId={chatbotId} live={live} />
      ) : failed ? (
        <Text size="sm" c="dimmed">
          Not available
        </Text>
      ) : (
        <Skeleton h={WIDGETS[widget.type].group === "Stats" ? 60 : 200} />
      )}
    </Paper>
  );
}

function WidgetSettings({ widget, title, onChange, onRemove }: { widget: ReportWidget; title: string; onChange: (next: ReportWidget) => void; onRemove: () => void }) {
  const [opened, setOpened] = useState(false);
  const [draft, setDraft] = useState(widget);
  const setFilter = (key: keyof WidgetFilters, value: string | null) => {
    const filters = { ...draft.filters };
    if (value && value.trim()) (filters as Record<string, string>)[key] = value.trim();
    else delete filters[key];
    setDraft({ ...draft, filters });
  };
  // Checked here, beside the field, rather than refused by the save with the layout's path in the message.
  const country = draft.filters.country ?? "";
  const countryError = country && !/^[A-Za-z]{2}$/.test(country) ? "Two letters, e.g. DE" : undefined;
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={300}
      trapFocus
      withinPortal
      onOpen={() => setDraft(widget)}
    >
      <Popover.Target>
        <ActionIcon variant="subtle" color="gray" size={36} aria-label={`Settings of ${title}`} onClick={() => setOpened((o) => !o)}>
          <span aria-hidden="true">⚙</span>
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (countryError) return;
            const country = draft.filters.country?.toUpperCase();
            onChange({ ...draft, title: draft.title?.trim() || undefined, filters: { ...draft.filters, ...(country ? { country } : {}) } });
            setOpened(false);
          }}
        >
          <Stack gap="xs">
            <TextInput label="Title" placeholder={WIDGETS[widget.type].label} value={draft.title ?? ""} maxLength={80} onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })} />
            <div>
              <Text size="sm" fw={500} id={`size-${widget.id}`}>
                Size
              </Text>
              <SegmentedControl fullWidth aria-labelledby={`size-${widget.id}`} value={draft.size} data={SIZE_OPTIONS} onChange={(v) => setDraft({ ...draft, size: v as WidgetSize })} />
            </div>
            <TextInput label="Plan" placeholder="any" value={draft.filters.plan ?? ""} onChange={(e) => setFilter("plan", e.currentTarget.value)} />
            <TextInput label="Country" description="Two-letter code, e.g. DE" placeholder="any" maxLength={2} value={country} error={countryError} onChange={(e) => setFilter("country", e.currentTarget.value)} />
            <Select label="Language" placeholder="any" clearable searchable data={LANGUAGE_FILTER_OPTIONS} value={draft.filters.language ?? null} onChange={(v) => setFilter("language", v)} comboboxProps={{ withinPortal: false }} />
            <Select label="Sentiment label" placeholder="any" clearable data={LABEL_OPTIONS} value={draft.filters.label ?? null} onChange={(v) => setFilter("label", v)} comboboxProps={{ withinPortal: false }} />
            <Group justify="space-between" mt="xs">
              <Button variant="subtle" color="red" onClick={onRemove}>
                Remove widget
              </Button>
              <Button type="submit">Apply</Button>
            </Group>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
