import { Stack } from "@mantine/core";
import { useEffect } from "react";
import { useLocation } from "react-router";
import { PageHeader } from "../../components/PageHeader";
import { ChatbotSection } from "./settings/ChatbotSection";
import { KeysSection } from "./settings/KeysSection";
import { MembersSection } from "./settings/MembersSection";
import { WebhooksSection } from "./settings/WebhooksSection";

export default function SettingsPage() {
  const { hash } = useLocation();
  useEffect(() => {
    if (hash) document.getElementById(hash.slice(1))?.scrollIntoView();
  }, [hash]);
  return (
    <Stack>
      <PageHeader title="Settings" description="Keys, webhook destinations, people, and the chatbot itself." />
      <ChatbotSection />
      <KeysSection />
      <WebhooksSection />
      <MembersSection />
    </Stack>
  );
}
