/**
 * The Worker: HTTP and WebSocket entry (Hono app), the webhooks, email and index queue consumers, and the
 * Durable Object classes it hosts.
 */
import { app } from "./app";
import { handleEmailQueue } from "./email/consumer";
import { runScheduledBackfill } from "./search/scheduled";
import { handleIndexQueue } from "./index-queue/consumer";
import { hashedAsset, isHashedAsset } from "./static/hashed-assets";
import { handleQueue } from "./webhooks/consumer";

export { ChatbotLive } from "../durable-objects/chatbot-live";
export { Conversation } from "../durable-objects/conversation";
export { MemberChannel } from "../durable-objects/member-channel";
export { SocketRegistry } from "../durable-objects/socket-registry";

export default {
  fetch: (request, env, ctx) => (isHashedAsset(request) ? hashedAsset(request, env) : app.fetch(request, env, ctx)),
  // One queue() for every queue (and their dead-letter queues), told apart by name.
  queue: (batch, env) =>
    batch.queue.startsWith("openbat-email")
      ? handleEmailQueue(batch, env)
      : batch.queue.startsWith("openbat-index")
        ? handleIndexQueue(batch, env)
        : handleQueue(batch, env),
  scheduled: runScheduledBackfill,
} satisfies ExportedHandler<Env>;
