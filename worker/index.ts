/**
 * The Worker: HTTP and WebSocket entry (Hono app), the webhooks queue consumer, and the Durable
 * Object classes it hosts.
 */
import { app } from "./app";
import { handleQueue } from "./webhooks/consumer";

export { ChatbotLive } from "../durable-objects/chatbot-live";
export { Conversation } from "../durable-objects/conversation";

export default {
  fetch: app.fetch,
  queue: handleQueue,
} satisfies ExportedHandler<Env>;
