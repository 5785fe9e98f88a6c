/** One conversation as the API and the MCP tool answer it: the Durable Object's detail plus its triage from D1. */
import type { AnalysedMessage } from "../../durable-objects/conversation";
import type { ConversationState } from "../../durable-objects/conversation-store";
import type { Db } from "../db/client";
import { conversationDetail } from "../services/conversations";
import { triageOfOne } from "./read";

export async function conversationWithTriage(db: Db, state: ConversationState, messages: AnalysedMessage[], limit: number) {
  const [detail, triage] = await Promise.all([conversationDetail(db, state, messages, limit), triageOfOne(db, state.chatbotId, state.conversationId)]);
  return { ...detail, triage };
}
