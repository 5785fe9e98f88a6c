/**
 * How a conversation tells its chatbot's live feed what happened: the events of one turn (a REST batch,
 * a frame, an alarm pass) go as one unawaited RPC, so neither the ack path nor analysis ever waits on
 * the feed; the feed object coalesces from there. No timer here: a pending timer would keep the
 * conversation from hibernating. The feed is a view, not a record.
 */
import type { ChatbotLive, LiveEvent } from "./chatbot-live";

const MAX_HELD = 500;

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
      queueMicrotask(() => this.send());
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
