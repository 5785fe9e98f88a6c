/**
 * The attention queue's one query, shared by the page, the navigation's count badge (one request for
 * both) and the boot script (which starts it before the application has loaded, so no React here);
 * refetched when the live feed says the index wrote conversations of this chatbot (`indexed`).
 */
import { api } from "../../api/client";
import type { QueryOptions } from "../../api/query-client";

export const ATTENTION_LIMIT = 50;

export const attentionQuery = (chatbotId: string) => ({
  key: `attention:${chatbotId}`,
  load: () => api.analytics.attention(chatbotId, { limit: ATTENTION_LIMIT }),
  options: { indexedChatbotId: chatbotId } satisfies QueryOptions,
});
