/**
 * How a conversation tells its chatbot's live feed what happened: events gather for PUBLISH_DELAY_MS
 * and go as one unawaited RPC, so neither the ack path nor analysis ever waits on the feed, a message
 * and its annotation usually travel together, and a busy conversation sends a few calls a second rather
 * than one per message (the feed object is shared by the whole chatbot). The short timer keeps the
 * object awake only that long. The feed is a view, not a record.
 */
import type { ChatbotLive, LiveEvent } from "./chatbot-live";

const MAX_HELD = 500;
/** How long events gather before they go; the feed's own tick (chatbot-live.ts FLUSH_MS) comes on top. */
export const PUBLISH_DELAY_MS = 50;

export class LivePublisher {
  private events: LiveEvent[] = [];
  private scheduled = false;
  private chatbotId: string | null = null;

  constructor(private readonly env: Env) {}

  push(chatbotId: string, event: LiveEvent): void {
    this.chatbotId = chatbotId;
    this.events.push(event);
    if (this.events.length > MAX_HELD) this.events.shift();
    if (!this.scheduled) {
      this.scheduled = true;
      setTimeout(() => this.send(), PUBLISH_DELAY_MS);
    }
  }

  private send(): void {
    this.scheduled = false;
    const events = this.events;
    this.events = [];
    if (!events.length || !this.chatbotId) return;
    const ns = this.env.CHATBOT_LIVE as DurableObjectNamespace<ChatbotLive>;
    ns.get(ns.idFromName(this.chatbotId))
      .publish(events)
      .catch((error: unknown) => console.error("live feed publish failed", { chatbotId: this.chatbotId, error: String(error) }));
  }
}
