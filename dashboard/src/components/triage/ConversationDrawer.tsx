import { Drawer, Skeleton } from "@mantine/core";
import { lazy, Suspense } from "react";
import { useChatbot } from "../../session/chatbot";
import type { Acting } from "./ActDrawer";

const ConversationActions = lazy(() => import("./ConversationActions"));

/** The drawer of ActDrawer.tsx, a chunk of its own: the conversation being acted on, or closed (null). */
export default function ConversationDrawer({ acting, onClose }: { acting: Acting | null; onClose: () => void }) {
  const { chatbot, organization, canEdit } = useChatbot();
  return (
    <Drawer opened={acting !== null} onClose={onClose} position="right" size="md" title={acting ? `Act on the conversation with ${acting.who}` : ""}>
      {acting && (
        <Suspense fallback={<Skeleton h={320} />}>
          <ConversationActions key={acting.conversationId} chatbotId={chatbot.id} organizationId={organization.id} conversationId={acting.conversationId} canEdit={canEdit} />
        </Suspense>
      )}
    </Drawer>
  );
}
