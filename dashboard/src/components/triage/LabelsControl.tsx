import { Badge, Button, ColorSwatch, Group, MultiSelect, Pill, Select, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { api, placeRefusal } from "../../api/client";
import type { Label, LabelColor } from "../../api/types";
import { humanize } from "../../lib/format";
import { useAction } from "../../lib/use-action";
import { ErrorNotice } from "../ErrorNotice";
import { useLabels } from "./data";

/** The palette the API takes (LabelColor), in the order the colour picker offers it. */
const COLORS: LabelColor[] = ["gray", "red", "pink", "grape", "violet", "indigo", "blue", "cyan", "teal", "green", "lime", "yellow", "orange"];

export function LabelBadge({ label, size = "sm" }: { label: Pick<Label, "name" | "color">; size?: "xs" | "sm" }) {
  return (
    <Badge color={label.color} variant="light" size={size} style={{ flexShrink: 0 }} data-testid="label-badge">
      {label.name}
    </Badge>
  );
}

/**
 * A label on the conversation inside the label select, in its colour (the light badge's, so it reads as the badges
 * elsewhere do), with a ✕ that takes it off. The select's own pills are plain grey: shown beside coloured badges, every
 * label appeared twice.
 */
function LabelPill({ label, onRemove, disabled }: { label: Pick<Label, "name" | "color">; onRemove: () => void; disabled?: boolean }) {
  return (
    <Pill
      withRemoveButton
      onRemove={onRemove}
      disabled={disabled}
      // Mantine hides the ✕ from screen readers (Backspace in the select removes the last label); named, it can be
      // found and said for what it does.
      removeButtonProps={{ "aria-hidden": false, "aria-label": `Remove label ${label.name}` }}
      style={{ background: `var(--mantine-color-${label.color}-light)`, color: `var(--mantine-color-${label.color}-light-color)`, fontWeight: 600 }}
      data-testid="label-badge"
      data-color={label.color}
    >
      {label.name}
    </Pill>
  );
}

/** A conversation's labels as badges (read-only members, compact rows). */
export function LabelList({ labels, size }: { labels: Pick<Label, "id" | "name" | "color">[]; size?: "xs" | "sm" }) {
  if (!labels.length) return null;
  return (
    <Group gap={4}>
      {labels.map((l) => (
        <LabelBadge key={l.id} label={l} size={size} />
      ))}
    </Group>
  );
}

/** Creates a label of the chatbot (name and colour) and hands it back, e.g. to put it on a conversation at once. */
export function NewLabelForm({ chatbotId, onCreated }: { chatbotId: string; onCreated: (label: Label) => Promise<void> | void }) {
  const [name, setName] = useState("");
  const [color, setColor] = useState<LabelColor>("blue");
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    e.stopPropagation();
    if (!name.trim()) return;
    void run(async () => {
      const label = await api.labels.create(chatbotId, { name: name.trim(), color });
      setName("");
      await onCreated(label);
    });
  };
  const refusal = placeRefusal(error, ["name"]);
  return (
    <form onSubmit={submit} aria-label="Create a label">
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput label="New label" size="xs" value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={40} w={150} error={refusal.beside.name} />
        <Select
          label="Colour"
          size="xs"
          w={120}
          allowDeselect={false}
          data={COLORS.map((c) => ({ value: c, label: humanize(c) }))}
          value={color}
          onChange={(v) => v && setColor(v as LabelColor)}
          leftSection={<ColorSwatch color={`var(--mantine-color-${color}-filled)`} size={12} />}
        />
        <Button type="submit" size="xs" variant="light" loading={busy} disabled={!name.trim()}>
          Create and add
        </Button>
      </Group>
      {refusal.alert !== null && <ErrorNotice error={refusal.alert} compact />}
    </form>
  );
}

/**
 * A conversation's labels: a multi-select of the chatbot's labels for those who may act, each label on the
 * conversation once, in its colour, with a ✕ to take it off, and a form to create a label and add it at once;
 * badges for read-only members.
 */
export function LabelsControl({ chatbotId, conversationId, labels, canEdit, allowCreate = true }: { chatbotId: string; conversationId: string; labels: Label[]; canEdit: boolean; allowCreate?: boolean }) {
  const all = useLabels(chatbotId);
  const { busy, error, run } = useAction();
  if (!canEdit) {
    return labels.length ? (
      <LabelList labels={labels} />
    ) : (
      <Text size="sm" c="dimmed">
        No labels.
      </Text>
    );
  }
  const known = new Map([...(all.data ?? []), ...labels].map((l) => [l.id, l]));
  const selected = labels.map((l) => l.id);
  const change = (next: string[]) => {
    const added = next.filter((id) => !selected.includes(id));
    const removed = selected.filter((id) => !next.includes(id));
    return run(async () => {
      for (const id of added) await api.triage.addLabel(chatbotId, conversationId, id);
      for (const id of removed) await api.triage.removeLabel(chatbotId, conversationId, id);
    });
  };
  return (
    <Stack gap={6}>
      <MultiSelect
        label="Labels"
        size="sm"
        placeholder={selected.length ? undefined : all.data?.length ? "Add a label" : "No labels yet"}
        data={[...known.values()].map((l) => ({ value: l.id, label: l.name }))}
        value={selected}
        onChange={(next) => void change(next)}
        searchable
        disabled={busy}
        renderPill={({ option, value, onRemove, disabled }) => (
          <LabelPill label={known.get(String(value)) ?? { name: option.label, color: "gray" }} onRemove={() => onRemove?.()} disabled={disabled} />
        )}
        renderOption={({ option }) => (
          <Group gap={8} wrap="nowrap">
            <ColorSwatch color={`var(--mantine-color-${known.get(option.value)?.color ?? "gray"}-filled)`} size={12} />
            <span>{option.label}</span>
          </Group>
        )}
      />
      {error !== null && <ErrorNotice error={error} compact />}
      {allowCreate && <NewLabelForm chatbotId={chatbotId} onCreated={async (label) => void (await api.triage.addLabel(chatbotId, conversationId, label.id))} />}
    </Stack>
  );
}
