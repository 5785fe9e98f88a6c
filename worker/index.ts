/**
 * The Worker: HTTP and WebSocket entry (Hono app) and the Durable Object classes it hosts.
 */
import { app } from "./app";

export { Conversation } from "../durable-objects/conversation";

export default {
  fetch: app.fetch,
  async queue(batch) {
    // Webhook delivery arrives with the workflows issue. Until then nothing enqueues; anything found is
    // retried rather than acknowledged, so it ends up intact in the dead-letter queue, not lost.
    for (const message of batch.messages) {
      console.error("no consumer for queue message yet", { queue: batch.queue, id: message.id });
      message.retry();
    }
  },
} satisfies ExportedHandler<Env>;
