/**
 * Feeding the search index: the messages a conversation received since its last index snapshot go
 * to D1 in that snapshot's batch (worker/services/conversation-index.ts), so search costs no D1 write
 * of its own — the write budget stays one batch per conversation per flush.
 */
import type { ConversationState } from "../../durable-objects/conversation-store";
import type { StoredMessage } from "../../durable-objects/protocol";
import { SEARCH_ROLES } from "./query";

/** Messages sent along with one flush; a longer backlog (a conversation from before search) follows in the next ones. */
export const SEARCH_MESSAGES_PER_FLUSH = 100;

/** Messages search covers: what the user and the assistant wrote (system prompts are not conversation). */
export const isSearchable = (m: Pick<StoredMessage, "role">) => (SEARCH_ROLES as readonly string[]).includes(m.role);

/**
 * One insert per searchable message; a message already indexed (a retried flush) is left alone — message
 * content never changes. The conversation's row must come earlier in the same batch (foreign key).
 */
export function searchRows(db: D1Database, s: ConversationState, messages: readonly StoredMessage[]): D1PreparedStatement[] {
  return messages.filter(isSearchable).map((m) =>
    db
      .prepare(
        `INSERT INTO search_messages (organization_id, chatbot_id, conversation_id, seq, message_id, role, content, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (conversation_id, seq) DO NOTHING`,
      )
      .bind(s.organizationId, s.chatbotId, s.conversationId, m.seq, m.id, m.role, m.content, m.receivedAt),
  );
}
