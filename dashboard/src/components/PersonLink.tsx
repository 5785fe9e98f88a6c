import { Anchor } from "@mantine/core";
import { useCallback } from "react";
import { Link, useLocation } from "react-router";
import { carriedRange } from "../lib/range";

/**
 * A client user's or organization's name, linked to their profile: every name in the product goes through
 * here, so they all lead to the same place, carrying the page's date range (a profile shows the same range).
 * `name` falls back to the external id. Clicks do not reach a clickable row around it.
 */
export function PersonLink({ chatbotId, kind, externalId, name, size = "sm" }: { chatbotId: string; kind: "user" | "organization"; externalId: string; name?: string | null; size?: string }) {
  const profileOf = usePersonPath();
  return (
    <Anchor component={Link} to={profileOf(chatbotId, kind, externalId)} size={size} data-testid={`${kind}-link`} onClick={(e) => e.stopPropagation()}>
      {name || externalId}
    </Anchor>
  );
}

/** Their profile page (pages/chatbot/ProfilePage.tsx), by their external id. */
export const personPath = (chatbotId: string, kind: "user" | "organization", externalId: string) =>
  `/chatbots/${chatbotId}/${kind === "user" ? "users" : "organizations"}/${encodeURIComponent(externalId)}`;

/** `personPath` with the range chosen on the current page (lib/range.ts `carriedRange`), for links and row clicks alike. */
export function usePersonPath(): typeof personPath {
  const range = carriedRange(useLocation().search);
  return useCallback((chatbotId, kind, externalId) => `${personPath(chatbotId, kind, externalId)}${range}`, [range]);
}
