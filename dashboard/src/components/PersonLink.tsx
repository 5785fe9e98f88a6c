import { Anchor } from "@mantine/core";
import { Link } from "react-router";

/**
 * A client user's or organization's name, linked to their profile: every name in the product goes through
 * here, so they all lead to the same place. `name` falls back to the external id. Clicks do not reach a
 * clickable row around it.
 */
export function PersonLink({ chatbotId, kind, externalId, name, size = "sm" }: { chatbotId: string; kind: "user" | "organization"; externalId: string; name?: string | null; size?: string }) {
  return (
    <Anchor component={Link} to={personPath(chatbotId, kind, externalId)} size={size} data-testid={`${kind}-link`} onClick={(e) => e.stopPropagation()}>
      {name || externalId}
    </Anchor>
  );
}

/** Their profile page (pages/chatbot/ProfilePage.tsx), by their external id. */
export const personPath = (chatbotId: string, kind: "user" | "organization", externalId: string) =>
  `/chatbots/${chatbotId}/${kind === "user" ? "users" : "organizations"}/${encodeURIComponent(externalId)}`;
