import { Alert, Anchor, Button, Group, Paper, Skeleton, Stack, Stepper, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { api } from "../../../api/client";
import { useQuery } from "../../../api/use-query";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { failed } from "../../../components/QueryRegion";
import { PageHeader } from "../../../components/PageHeader";
import { useChatbot } from "../../../session/chatbot";
import { AnalysisStep } from "./AnalysisStep";
import { ConnectStep, useFirstMessage } from "./ConnectStep";
import { KeysStep } from "./KeysStep";
import { remember, remembered, resumeAt, STEPS, type SetupStep } from "./progress";
import type { SnippetKeys } from "./snippets";

/**
 * `/chatbots/:chatbotId/setup`: a new chatbot's first steps — keys (shown once), snippets with them filled
 * in, the first message arriving live, the analysis categories, done. Skippable at any point; opening it
 * again resumes at the first step not done (see progress.ts).
 */
export default function OnboardingPage() {
  const { chatbot, canEdit, reload } = useChatbot();
  const navigate = useNavigate();
  const existingKeys = useQuery(canEdit ? `keys:${chatbot.id}` : null, () => api.keys.list(chatbot.id));
  const [step, setStep] = useState<SetupStep | null>(null);
  const [keys, setKeys] = useState<SnippetKeys | null>(null);
  const { received, first } = useFirstMessage(chatbot.status !== "pending");

  useEffect(() => {
    if (step || !existingKeys.data) return;
    const hasKeys = existingKeys.data.some((k) => !k.revokedAt);
    setStep(resumeAt({ hasKeys, hasMessages: chatbot.status !== "pending", remembered: remembered(chatbot.id) }));
  }, [step, existingKeys.data, chatbot.status, chatbot.id]);

  // The layout's chatbot still says `pending`: refresh it once the first message is in, so its badge turns active.
  useEffect(() => {
    if (received && chatbot.status === "pending") reload();
  }, [received, chatbot.status, reload]);

  const go = (next: SetupStep) => {
    if (next === "analysis" || next === "done") remember(chatbot.id, next);
    setStep(next);
  };
  const skip = () => {
    remember(chatbot.id, "skipped");
    navigate(`/chatbots/${chatbot.id}/overview`);
  };

  const header = (
    <PageHeader
      title={`Set up ${chatbot.name}`}
      description="From keys to the first recorded conversation in a few minutes."
      actions={
        step !== "done" && (
          <Button variant="default" onClick={skip}>
            Skip setup
          </Button>
        )
      }
    />
  );
  if (!canEdit) {
    return (
      <Stack>
        {header}
        <Alert color="gray">Only owners and admins can set up a chatbot: it creates keys and changes its analysis.</Alert>
      </Stack>
    );
  }
  if (failed(existingKeys)) return <ErrorNotice error={existingKeys.error} onRetry={existingKeys.reload} />;
  if (!step) return <Skeleton h={320} />;

  const index = STEPS.indexOf(step);
  return (
    <Stack>
      {header}
      <Paper withBorder radius="md" p="lg">
        <Stepper active={index} onStepClick={(i) => i < index && setStep(STEPS[i]!)} allowNextStepsSelect={false} size="sm">
          <Stepper.Step label="Keys" description="shown once">
            <KeysStep chatbotId={chatbot.id} keys={keys} existing={existingKeys.data?.filter((k) => !k.revokedAt).length ?? 0} onCreated={setKeys} onNext={() => go("connect")} />
          </Stepper.Step>
          <Stepper.Step label="Connect" description="send a first message">
            <ConnectStep keys={keys} received={received} first={first} onNext={() => go("analysis")} onSkip={() => go("analysis")} />
          </Stepper.Step>
          <Stepper.Step label="Analysis" description="what to look for">
            <AnalysisStep chatbotId={chatbot.id} onNext={() => go("done")} />
          </Stepper.Step>
          <Stepper.Completed>
            <Stack align="flex-start">
              <Text fw={600}>{received ? "All set: OpenBat is recording and analysing this chatbot." : "Setup done. The overview fills up as soon as your first message arrives."}</Text>
              <Group>
                <Button component={Link} to={`/chatbots/${chatbot.id}/overview`}>
                  Open the overview
                </Button>
                <Anchor component={Link} to={`/chatbots/${chatbot.id}/settings`} size="sm">
                  Keys, webhooks and members are in Settings
                </Anchor>
              </Group>
            </Stack>
          </Stepper.Completed>
        </Stepper>
      </Paper>
    </Stack>
  );
}
