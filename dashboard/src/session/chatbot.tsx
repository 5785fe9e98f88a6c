import { createContext, useContext, type ReactNode } from "react";
import type { Chatbot, SessionOrganization } from "../api/types";

export interface ChatbotContextValue {
  chatbot: Chatbot;
  organization: SessionOrganization;
  /** Owners and admins change things; members (read-only) only look. */
  canEdit: boolean;
  reload: () => void;
}

const ChatbotContext = createContext<ChatbotContextValue | null>(null);

export function ChatbotProvider({ value, children }: { value: ChatbotContextValue; children: ReactNode }) {
  return <ChatbotContext.Provider value={value}>{children}</ChatbotContext.Provider>;
}

export function useChatbot(): ChatbotContextValue {
  const value = useContext(ChatbotContext);
  if (!value) throw new Error("useChatbot outside a chatbot page");
  return value;
}
