import { Button } from "@mantine/core";
import { lazy } from "react";
import { OnDemand } from "../on-demand";

const ConversationDrawer = lazy(() => import("./ConversationDrawer"));

/** The conversation being acted on from a list: its drawer stays open when the row leaves the list (marked reviewed, filtered out). */
export interface Acting {
  conversationId: string;
  who: string;
}

/**
 * "Act": the conversation's status, assignee, labels and notes in a drawer, without leaving the list. The
 * drawer's code (and the conversation's actions) is downloaded the first time a row is acted on.
 */
export function ActDrawer({ acting, onClose }: { acting: Acting | null; onClose: () => void }) {
  return (
    <OnDemand wanted={acting !== null}>
      <ConversationDrawer acting={acting} onClose={onClose} />
    </OnDemand>
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
