/**
 * The Worker's queue() handler: the webhooks queue delivers, its dead-letter queue settles what is
 * left as failed. Each message is acknowledged or retried on its own, never the batch as a whole.
 */
import { z } from "zod";
import { deliver, markDeadLettered } from "./delivery";

const deliveryMessage = z.object({ deliveryId: z.string().min(1) });

export async function handleQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const deadLetters = batch.queue.endsWith("-dlq");
  await Promise.all(
    batch.messages.map(async (message) => {
      const parsed = deliveryMessage.safeParse(message.body);
      if (!parsed.success) {
        // Not ours to deliver, and retrying will not make it so.
        console.error("unreadable queue message dropped", { queue: batch.queue, id: message.id });
        return message.ack();
      }
      try {
        if (deadLetters) {
          await markDeadLettered(env, parsed.data.deliveryId);
          return message.ack();
        }
        const outcome = await deliver(env, parsed.data.deliveryId, message.attempts);
        if (outcome.kind === "retry") message.retry({ delaySeconds: outcome.delaySeconds });
        else message.ack();
      } catch (error) {
        // Our own failure (D1 unavailable…): try again soon; the delivery stays pending.
        console.error("delivery failed on our side", { deliveryId: parsed.data.deliveryId, error: String(error) });
        message.retry({ delaySeconds: 30 });
      }
    }),
  );
}
