import { Button, Drawer, Skeleton } from "@mantine/core";
import { lazy, Suspense } from "react";
import { useChatbot } from "../../session/chatbot";

const ConversationActions = lazy(() => import("./ConversationActions"));

/** The conversation being acted on from a list: its drawer stays open when the row leaves the list (marked reviewed, filtered out). */
export interface Acting {
  conversationId: string;
  who: string;
}

/** "Act": the conversation's status, assignee, labels and notes in a drawer, without leaving the list. */
export function ActDrawer({ acting, onClose }: { acting: Acting | null; onClose: () => void }) {
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

/** The row's "Act" button; it does not open the row (rows of the table are links to the conversation). */
export function ActButton({ acting, onAct }: { acting: Acting; onAct: (acting: Acting) => void }) {
  return (
    <Button
      size="xs"
      variant="light"
      onClick={(e) => {
        e.stopPropagation();
        onAct(acting);
      }}
      aria-label={`Act on the conversation with ${acting.who}`}
    >
      Act
    </Button>
  );
}
