import { api } from "../api/client";
import type { Chatbot, SessionOrganization, SessionView } from "../api/types";

export interface ChatbotLookup {
  chatbot: Chatbot;
  organization: SessionOrganization;
}

/** Finds which of the member's organizations holds the chatbot (the current one is asked first). */
async function findChatbot(organizations: SessionOrganization[], currentId: string | null, chatbotId: string): Promise<ChatbotLookup | null> {
  const ordered = [...organizations].sort((a, b) => Number(b.id === currentId) - Number(a.id === currentId));
  for (const organization of ordered) {
    const chatbot = (await api.organizations.chatbots(organization.id)).find((c) => c.id === chatbotId);
    if (chatbot) return { chatbot, organization };
  }
  return null;
}

/**
 * The cache key and loader of "which organization holds this chatbot, with which role", for the chatbot
 * pages' layout and for boot.ts. The key carries the member's roles: a changed role is a new lookup.
 */
export function chatbotLookup(session: SessionView, chatbotId: string) {
  return {
    key: `chatbot:${chatbotId}:${session.organizations.map((o) => `${o.id}=${o.role}`).join(",")}`,
    load: () => findChatbot(session.organizations, session.currentOrganizationId, chatbotId),
  };
}
