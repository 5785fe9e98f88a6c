import { ActionIcon, Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Switch, TagsInput, Text, Textarea, TextInput } from "@mantine/core";
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { api, placeRefusal } from "../../api/client";
import type { AnalysisConfigChange, AnalysisConfigView, CustomDefinition, PromptName } from "../../api/types";
import { useQuery } from "../../api/use-query";
import { ErrorNotice } from "../../components/ErrorNotice";
import { failed, RegionError } from "../../components/QueryRegion";
import { PageHeader } from "../../components/PageHeader";
import { humanize } from "../../lib/format";
import { useAction } from "../../lib/use-action";
import { useSaveQueue } from "../../lib/use-save-queue";
import { BEHAVIOURS, USER_FLAGS } from "../../lib/sentiment";
import { useChatbot } from "../../session/chatbot";
import { IntentSuggestions } from "./IntentSuggestions";

type Save = (patch: AnalysisConfigChange) => Promise<void>;

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Text fw={600}>{title}</Text>
      {description && (
        <Text size="sm" c="dimmed" mb="sm">
          {description}
        </Text>
      )}
      {children}
    </Paper>
  );
}

function Toggles({ config, canEdit, save }: { config: AnalysisConfigView; canEdit: boolean; save: Save }) {
  // One switch at a time, the others waiting: a switch's patch carries the flags (or behaviours) as last saved, so a
  // second one sent while the first saves would put the first back as it was.
  const { busy, error, run } = useAction();
  const toggle = (label: string, checked: boolean, patch: AnalysisConfigChange) => (
    <Switch key={label} label={label} checked={checked} disabled={!canEdit || busy} onChange={() => void run(() => save(patch))} />
  );
  return (
    <Section title="What is analysed" description="Switch analyses on or off; changes apply to new messages.">
      <Stack>
        <Group>
          {toggle("Sentiment", config.sentiment, { sentiment: !config.sentiment })}
          {toggle("Intent", config.intent, { intent: !config.intent })}
          {toggle("Topics", config.topics, { topics: !config.topics })}
        </Group>
        <Text size="sm" fw={500}>
          User flags
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="xs">
          {USER_FLAGS.map((f) => toggle(humanize(f), config.flags[f] !== false, { flags: { ...config.flags, [f]: config.flags[f] === false } }))}
        </SimpleGrid>
        <Text size="sm" fw={500}>
          Assistant behaviours
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="xs">
          {BEHAVIOURS.map((b) => toggle(humanize(b), config.behaviours[b] !== false, { behaviours: { ...config.behaviours, [b]: config.behaviours[b] === false } }))}
        </SimpleGrid>
        {error !== null && <ErrorNotice error={error} compact />}
      </Stack>
    </Section>
  );
}

const DEFINITION_KINDS = [
  { key: "customIntents", title: "Custom intents" },
  { key: "customTopics", title: "Custom topics" },
  { key: "customFlags", title: "Custom flags" },
  { key: "customBehaviours", title: "Custom behaviours" },
] as const;

function Definitions({ kind, title, items, canEdit, save }: { kind: (typeof DEFINITION_KINDS)[number]["key"]; title: string; items: CustomDefinition[]; canEdit: boolean; save: Save }) {
  const [draft, setDraft] = useState<CustomDefinition>({ slug: "", name: "", description: "" });
  // Adding and removing share one action: one change of this list at a time, each sent once.
  const { busy, error, run } = useAction();
  const add = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await save({ [kind]: [...items, draft] });
      setDraft({ slug: "", name: "", description: "" });
    });
  };
  const slugField = `${kind}.${items.length}.slug`;
  const refusal = placeRefusal(error, [slugField]);
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          None yet.
        </Text>
      ) : (
        items.map((d) => (
          <Group key={d.slug} justify="space-between" wrap="nowrap" gap="xs">
            <Text size="sm">
              <b>{d.name}</b> <Text span c="dimmed" size="xs">{d.slug}</Text> — {d.description}
            </Text>
            {canEdit && (
              <ActionIcon variant="subtle" color="red" aria-label={`Remove ${d.name}`} disabled={busy} onClick={() => void run(() => save({ [kind]: items.filter((x) => x.slug !== d.slug) }))}>
                ✕
              </ActionIcon>
            )}
          </Group>
        ))
      )}
      {canEdit && (
        <form onSubmit={add} aria-label={`Add to ${title.toLowerCase()}`}>
          <Group align="flex-end" gap="xs">
            <TextInput label="Slug" placeholder="snake_case" required size="xs" w={140} value={draft.slug} onChange={(e) => setDraft({ ...draft, slug: e.currentTarget.value })} error={refusal.beside[slugField]} />
            <TextInput label="Name" required size="xs" w={160} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />
            <TextInput label="Description" required size="xs" style={{ flex: 1, minWidth: 180 }} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })} />
            <Button type="submit" size="xs" variant="light" loading={busy}>
              Add
            </Button>
          </Group>
        </form>
      )}
      {refusal.alert !== null && <ErrorNotice error={refusal.alert} compact />}
    </Stack>
  );
}

function PromptEditor({ name, config, canEdit, chatbotId, onConfig }: { name: PromptName; config: AnalysisConfigView; canEdit: boolean; chatbotId: string; onConfig: (c: AnalysisConfigView) => void }) {
  const effective = config.effectivePrompts[name];
  const [text, setText] = useState(effective.text);
  // Saving and reverting share one action: one change of this prompt at a time, each sent once.
  const { busy, error, run } = useAction();
  useEffect(() => setText(effective.text), [effective.text]);
  const change = (action: () => Promise<AnalysisConfigView>) => void run(async () => onConfig(await action()));
  const refusal = placeRefusal(error, [`prompts.${name}`]);
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {humanize(name)} prompt
        </Text>
        <Badge size="sm" variant="light" color={effective.isDefault ? "gray" : "blue"}>
          {effective.isDefault ? "default" : "customised"}
        </Badge>
      </Group>
      <Textarea aria-label={`${humanize(name)} prompt`} autosize minRows={3} maxRows={10} value={text} readOnly={!canEdit} onChange={(e) => setText(e.currentTarget.value)} error={refusal.beside[`prompts.${name}`]} />
      {canEdit && (
        <Group gap="xs">
          <Button size="xs" disabled={text === effective.text} loading={busy} onClick={() => change(() => api.analysis.update(chatbotId, { prompts: { ...config.prompts, [name]: text } }))}>
            Save prompt
          </Button>
          {!effective.isDefault && (
            <Button size="xs" variant="default" loading={busy} onClick={() => change(() => api.analysis.revertPrompt(chatbotId, name))}>
              Revert to default
            </Button>
          )}
        </Group>
      )}
      {refusal.alert !== null && <ErrorNotice error={refusal.alert} compact />}
    </Stack>
  );
}

/**
 * Stays mounted while its changes save (no key that a saved description or language would change): remounting it
 * would drop the queue with a change still saving, its pending value and its refusal. The two typed fields follow
 * their saved value instead, as a prompt's text does.
 */
function ContextSettings({ config, canEdit, save }: { config: AnalysisConfigView; canEdit: boolean; save: Save }) {
  const [description, setDescription] = useState(config.companyDescription);
  const [language, setLanguage] = useState(config.primaryLanguage ?? "");
  useEffect(() => setDescription(config.companyDescription), [config.companyDescription]);
  useEffect(() => setLanguage(config.primaryLanguage ?? ""), [config.primaryLanguage]);
  // Changes here queue rather than wait for a free moment: a tag added while the one before saves is kept, and
  // is sent with it, not instead of it. What waits is shown over what was saved.
  const { pending, error, change } = useSaveQueue(save);
  const shown = { ...config, ...pending };
  const refusal = placeRefusal(error, ["primaryLanguage"]);
  return (
    <Section title="Context" description="What the analyzer knows about you.">
      <Stack>
        <TagsInput label="Competitors" description="Names that raise a competitor mention." value={shown.competitors} disabled={!canEdit} onChange={(v) => change({ competitors: v })} />
        <TagsInput label="Your names" description="Your own brand and product names: never a competitor mention." value={shown.ownNames} disabled={!canEdit} onChange={(v) => change({ ownNames: v })} />
        <Textarea label="Company description" autosize minRows={2} value={description} readOnly={!canEdit} onChange={(e) => setDescription(e.currentTarget.value)} onBlur={() => description !== shown.companyDescription && change({ companyDescription: description })} />
        <Group align="flex-end">
          <TextInput label="Primary language" description="ISO 639-1, e.g. en" w={160} value={language} readOnly={!canEdit} onChange={(e) => setLanguage(e.currentTarget.value)} onBlur={() => language !== (shown.primaryLanguage ?? "") && change({ primaryLanguage: language || null })} error={refusal.beside.primaryLanguage} />
          <Switch label="Translate other languages" checked={shown.autoTranslate} disabled={!canEdit} onChange={() => change({ autoTranslate: !shown.autoTranslate })} mb={8} />
        </Group>
        {config.warnings.map((w) => (
          <Text key={w} size="sm" c="orange.8">
            {w}
          </Text>
        ))}
        {refusal.alert !== null && <ErrorNotice error={refusal.alert} compact />}
      </Stack>
    </Section>
  );
}

export default function AnalysisPage() {
  const { chatbot, canEdit } = useChatbot();
  const config = useQuery(`analysis:${chatbot.id}`, () => api.analysis.config(chatbot.id));
  // A refused save is shown by the part of the page that sent it (the form, the switches, the context), once;
  // the alert at the top is for a configuration that failed to load.
  const save: Save = async (patch) => {
    config.setData(await api.analysis.update(chatbot.id, patch));
  };
  const c = config.data;

  return (
    <Stack>
      <PageHeader title="Analysis config" description={c ? `Analyzer: ${c.analyzer === "workers-ai" ? "Workers AI" : "embedded (runs inside the Worker)"}` : undefined} />
      <RegionError query={config} />
      {failed(config) ? null : !c ? (
        <Skeleton h={600} />
      ) : (
        <>
          <Toggles config={c} canEdit={canEdit} save={save} />
          <Section
            title="Suggested intents"
            description="Requests no intent covers that recur: at least 3 messages from 2 or more conversations, most messages first. Approve one to add it to your intents, or reject."
          >
            <IntentSuggestions chatbotId={chatbot.id} canEdit={canEdit} onApproved={config.reload} />
          </Section>
          <Section title="Custom definitions" description={`Your own intents, topics, flags and behaviours, on top of the built-in ones (${c.defaultIntents.length} default intents).`}>
            <Stack>
              <Group gap={6} aria-label="Built-in intents">
                <Text size="sm" fw={500}>
                  Built-in intents
                </Text>
                {c.defaultIntents.map((i) => (
                  <Badge key={i.slug} variant="light" color="gray" title={i.description}>
                    {i.name}
                  </Badge>
                ))}
              </Group>
              {DEFINITION_KINDS.map((k) => (
                <Definitions key={k.key} kind={k.key} title={k.title} items={c[k.key]} canEdit={canEdit} save={save} />
              ))}
            </Stack>
          </Section>
          <ContextSettings config={c} canEdit={canEdit} save={save} />
          <Section title="Prompts" description="The instructions the Workers AI analyzer follows. Edit one to tune it; revert to go back to ours.">
            <Stack>
              {(["sentiment", "intent", "topics", "flags"] as const).map((name) => (
                <PromptEditor key={name} name={name} config={c} canEdit={canEdit} chatbotId={chatbot.id} onConfig={config.setData} />
              ))}
            </Stack>
          </Section>
        </>
      )}
    </Stack>
  );
}
