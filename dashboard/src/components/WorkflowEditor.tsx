import { ActionIcon, Button, Group, NumberInput, Paper, SegmentedControl, Select, Stack, Switch, Text, Textarea, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { placeRefusal } from "../api/client";
import type { Condition, Cooldown, WebhookDestination, WorkflowAction, WorkflowInput } from "../api/types";
import { humanize } from "../lib/format";
import { CONDITION_FIELDS, conditionOf, defaultCondition, opLabel, TRIGGERS } from "../lib/workflow-fields";
import { useAction } from "../lib/use-action";
import { ErrorNotice } from "./ErrorNotice";

// An action's target in the one "send to" list: a webhook destination's id, or one of these.
const EMAIL_MEMBERS = "email:members";
const EMAIL_CHOSEN = "email:chosen";
const IN_APP_ADMINS = "in_app:admins";
const IN_APP_MEMBERS = "in_app:members";
const IN_APP_CHOSEN = "in_app:chosen";

function targetOf(a: WorkflowAction): string | null {
  if (a.type === "email") return a.to === "members" ? EMAIL_MEMBERS : EMAIL_CHOSEN;
  if (a.type === "in_app") return a.to === "admins" ? IN_APP_ADMINS : a.to === "members" ? IN_APP_MEMBERS : IN_APP_CHOSEN;
  return a.destinationId || null;
}

/** The action pointed at another target, keeping its template (chosen members are only set through the API). */
function retarget(a: WorkflowAction, target: string | null): WorkflowAction {
  const template = a.template !== undefined ? { template: a.template } : {};
  if (target === EMAIL_CHOSEN || target === IN_APP_CHOSEN) return a;
  if (target === EMAIL_MEMBERS) return { type: "email", to: "members", ...template };
  if (target === IN_APP_ADMINS) return { type: "in_app", to: "admins", ...template };
  if (target === IN_APP_MEMBERS) return { type: "in_app", to: "members", ...template };
  return { destinationId: target ?? "", ...template };
}

/** The chatbot's own flags and behaviours (Analysis configuration), offered beside the built-ins. */
export interface CustomLabels {
  flag: readonly { slug: string; name: string }[];
  behaviour: readonly { slug: string; name: string }[];
}

/** A condition's choices: the built-ins, then the chatbot's own (one with a built-in's slug adds words to it: listed once). */
function valueOptions(builtIn: readonly string[], own: CustomLabels["flag"]) {
  return [...builtIn.map((o) => ({ value: o, label: humanize(o) })), ...own.filter((c) => !builtIn.includes(c.slug)).map((c) => ({ value: c.slug, label: c.name }))];
}

function ConditionRow({ condition, index, custom, onChange, onRemove }: { condition: Condition; index: number; custom: CustomLabels; onChange: (c: Condition) => void; onRemove: () => void }) {
  const meta = CONDITION_FIELDS[condition.field] ?? CONDITION_FIELDS.sentiment_score!;
  const own = condition.field === "flag" || condition.field === "behaviour" ? custom[condition.field] : [];
  const n = index + 1;
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <Select
        label={`Condition ${n} field`}
        data={Object.entries(CONDITION_FIELDS).map(([value, f]) => ({ value, label: f.label }))}
        value={condition.field}
        onChange={(v) => v && onChange(defaultCondition(v))}
        allowDeselect={false}
        w={190}
      />
      <Select label="Operator" data={meta.ops.map((op) => ({ value: op, label: opLabel(op) }))} value={condition.op} onChange={(v) => v && onChange(conditionOf(condition.field, v, condition.value))} allowDeselect={false} w={140} />
      {meta.value === "score" || meta.value === "money" ? (
        <NumberInput
          label="Value"
          min={meta.value === "score" ? -1 : 0}
          max={meta.value === "score" ? 1 : undefined}
          step={meta.value === "score" ? 0.1 : 100}
          decimalScale={meta.value === "score" ? 2 : 0}
          value={Number(condition.value)}
          onChange={(v) => onChange(conditionOf(condition.field, condition.op, Number(v) || 0))}
          w={130}
        />
      ) : meta.value === "text" ? (
        <TextInput label="Value" value={String(condition.value)} onChange={(e) => onChange(conditionOf(condition.field, condition.op, e.currentTarget.value))} w={170} />
      ) : (
        <Select label="Value" data={valueOptions(meta.value.options, own)} value={String(condition.value)} onChange={(v) => v && onChange(conditionOf(condition.field, condition.op, v))} allowDeselect={false} searchable w={190} />
      )}
      <ActionIcon variant="subtle" color="red" size="lg" onClick={onRemove} aria-label={`Remove condition ${n}`}>
        ✕
      </ActionIcon>
    </Group>
  );
}

/** Creates or edits a workflow: trigger, conditions (all / any), actions, cooldown, status. */
export function WorkflowEditor({
  initial,
  destinations,
  custom = { flag: [], behaviour: [] },
  submitLabel,
  onSubmit,
}: {
  initial: WorkflowInput;
  destinations: WebhookDestination[];
  custom?: CustomLabels;
  submitLabel: string;
  onSubmit: (input: WorkflowInput) => Promise<unknown>;
}) {
  const [form, setForm] = useState<WorkflowInput>(initial);
  const { busy, error, run } = useAction();
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof WorkflowInput>(key: K, value: WorkflowInput[K]) => {
    setSaved(false);
    setForm((f) => ({ ...f, [key]: value }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await onSubmit(form);
      setSaved(true);
    });
  };

  const cooldownType = form.cooldown.type;
  const refusal = placeRefusal(error, ["body.name", "name"]);
  const nameError = refusal.beside["body.name"] ?? refusal.beside.name;
  return (
    <form onSubmit={submit} aria-label="Workflow">
      <Stack>
        {refusal.alert !== null && <ErrorNotice error={refusal.alert} compact />}
        <TextInput label="Name" required value={form.name} onChange={(e) => set("name", e.currentTarget.value)} error={nameError} />
        <Group align="flex-end" gap="md">
          <Select label="When" data={TRIGGERS} value={form.trigger} onChange={(v) => v && set("trigger", v as WorkflowInput["trigger"])} allowDeselect={false} w={300} />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="match-label">
              Conditions must
            </Text>
            <SegmentedControl
              aria-labelledby="match-label"
              value={form.match}
              onChange={(v) => set("match", v as "all" | "any")}
              data={[
                { value: "all", label: "All match" },
                { value: "any", label: "Any match" },
              ]}
            />
          </Stack>
        </Group>
        <Paper withBorder p="sm" radius="md">
          <Stack gap="xs">
            <Text fw={600} size="sm">
              Conditions
            </Text>
            {form.conditions.length === 0 && (
              <Text size="sm" c="dimmed">
                None: every analysed message of the trigger matches.
              </Text>
            )}
            {form.conditions.map((c, i) => (
              <ConditionRow
                key={i}
                condition={c}
                index={i}
                custom={custom}
                onChange={(next) => set("conditions", form.conditions.map((x, j) => (j === i ? next : x)))}
                onRemove={() => set("conditions", form.conditions.filter((_, j) => j !== i))}
              />
            ))}
            <Button variant="light" size="xs" w="fit-content" onClick={() => set("conditions", [...form.conditions, defaultCondition("sentiment_score")])}>
              Add condition
            </Button>
          </Stack>
        </Paper>
        <Paper withBorder p="sm" radius="md">
          <Stack gap="xs">
            <Text fw={600} size="sm">
              Actions
            </Text>
            {form.actions.map((a, i) => (
              <Stack key={i} gap={6}>
                <Group align="flex-end" gap="xs">
                  <Select
                    label={`Action ${i + 1}: send to`}
                    placeholder="Choose a destination"
                    data={[
                      { value: IN_APP_ADMINS, label: "In the app: every owner and admin" },
                      { value: IN_APP_MEMBERS, label: "In the app: every member of the organization" },
                      ...(targetOf(a) === IN_APP_CHOSEN ? [{ value: IN_APP_CHOSEN, label: "In the app: the chosen members" }] : []),
                      ...destinations.map((d) => ({ value: d.id, label: `${d.name} (${d.kind})${d.status === "disabled" ? " — disabled" : ""}` })),
                      { value: EMAIL_MEMBERS, label: "Email every member of the organization" },
                      ...(targetOf(a) === EMAIL_CHOSEN ? [{ value: EMAIL_CHOSEN, label: "Email the chosen members" }] : []),
                    ]}
                    value={targetOf(a)}
                    onChange={(v) => set("actions", form.actions.map((x, j) => (j === i ? retarget(x, v) : x)))}
                    w={300}
                    required
                  />
                  <ActionIcon variant="subtle" color="red" size="lg" onClick={() => set("actions", form.actions.filter((_, j) => j !== i))} aria-label={`Remove action ${i + 1}`} disabled={form.actions.length === 1}>
                    ✕
                  </ActionIcon>
                </Group>
                <Textarea
                  label="Message template"
                  description="Placeholders: {{user.email}}, {{organization.mrr}}, {{sentiment.score}}, {{flag}}, {{message.content}}, {{conversation.externalId}}…"
                  autosize
                  minRows={2}
                  value={a.template ?? ""}
                  onChange={(e) => set("actions", form.actions.map((x, j) => (j === i ? { ...x, template: e.currentTarget.value } : x)))}
                />
              </Stack>
            ))}
            <Button variant="light" size="xs" w="fit-content" onClick={() => set("actions", [...form.actions, { destinationId: "" }])}>
              Add action
            </Button>
          </Stack>
        </Paper>
        <Group align="flex-end">
          <Select
            label="Fire"
            data={[
              { value: "once_per_conversation", label: "Once per conversation" },
              { value: "minutes", label: "At most every … minutes per conversation" },
              { value: "none", label: "On every match" },
            ]}
            value={cooldownType}
            onChange={(v) => set("cooldown", (v === "minutes" ? { type: "minutes", minutes: 60 } : { type: v ?? "once_per_conversation" }) as Cooldown)}
            allowDeselect={false}
            w={320}
          />
          {form.cooldown.type === "minutes" && (
            <NumberInput label="Minutes" min={1} max={43200} value={form.cooldown.minutes} onChange={(v) => set("cooldown", { type: "minutes", minutes: Number(v) || 1 })} w={120} />
          )}
          <Switch label="Enabled" checked={form.status === "active"} onChange={(e) => set("status", e.currentTarget.checked ? "active" : "inactive")} mb={8} />
        </Group>
        <Group>
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
          {saved && (
            <Text size="sm" c="teal.7" role="status">
              Saved.
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
