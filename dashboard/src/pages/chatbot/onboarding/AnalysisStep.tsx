import { Button, Checkbox, Group, SimpleGrid, Skeleton, Stack, Switch, Text, Textarea } from "@mantine/core";
import { useEffect, useState } from "react";
import { api, placeRefusal } from "../../../api/client";
import type { AnalysisConfigView } from "../../../api/types";
import { useQuery } from "../../../api/use-query";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { failed } from "../../../components/QueryRegion";
import { humanize } from "../../../lib/format";
import { useAction } from "../../../lib/use-action";
import { USER_FLAGS } from "../../../lib/sentiment";

type Choice = Pick<AnalysisConfigView, "sentiment" | "intent" | "topics" | "flags" | "companyDescription">;

/** The analysis categories, through the analysis configuration API; everything else stays on the Analysis page. */
export function AnalysisStep({ chatbotId, onNext }: { chatbotId: string; onNext: () => void }) {
  const config = useQuery(`analysis:${chatbotId}`, () => api.analysis.config(chatbotId));
  const [choice, setChoice] = useState<Choice | null>(null);
  const { busy, error, run } = useAction();
  useEffect(() => {
    const c = config.data;
    if (c && !choice) setChoice({ sentiment: c.sentiment, intent: c.intent, topics: c.topics, flags: c.flags, companyDescription: c.companyDescription });
  }, [config.data, choice]);

  if (failed(config)) return <ErrorNotice error={config.error} onRetry={config.reload} />;
  if (!choice) return <Skeleton h={220} />;
  const save = () =>
    run(async () => {
      await api.analysis.update(chatbotId, choice);
      onNext();
    });
  const refusal = placeRefusal(error, ["companyDescription"]);
  const set = (patch: Partial<Choice>) => setChoice({ ...choice, ...patch });
  return (
    <Stack>
      <Text>Choose what OpenBat looks for in each conversation. It applies to new messages; the Analysis page has more (custom intents, topics, flags, prompts).</Text>
      <Group>
        <Switch label="Sentiment" checked={choice.sentiment} onChange={(e) => set({ sentiment: e.currentTarget.checked })} />
        <Switch label="Intent" checked={choice.intent} onChange={(e) => set({ intent: e.currentTarget.checked })} />
        <Switch label="Topics" checked={choice.topics} onChange={(e) => set({ topics: e.currentTarget.checked })} />
      </Group>
      <Text size="sm" fw={500}>
        User flags
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="xs">
        {USER_FLAGS.map((f) => (
          <Checkbox key={f} label={humanize(f)} checked={choice.flags[f] !== false} onChange={(e) => set({ flags: { ...choice.flags, [f]: e.currentTarget.checked } })} />
        ))}
      </SimpleGrid>
      <Textarea
        label="What your company does"
        description="One or two sentences; the analyzer reads conversations with it in mind."
        autosize
        minRows={2}
        maxLength={2000}
        value={choice.companyDescription}
        onChange={(e) => set({ companyDescription: e.currentTarget.value })}
        error={refusal.beside.companyDescription}
      />
      {refusal.alert !== null && <ErrorNotice error={refusal.alert} compact />}
      <Group>
        <Button onClick={() => void save()} loading={busy}>
          Save and finish
        </Button>
        <Button variant="subtle" onClick={onNext}>
          Keep the defaults
        </Button>
      </Group>
    </Stack>
  );
}
