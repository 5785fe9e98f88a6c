/**
 * How a conversation tells its chatbot's live feed what happened: the events of one turn (a message
 * and, with the embedded analyzer, its annotation; a REST batch; an alarm pass) go as one unawaited RPC,
 * so neither the ack path nor analysis ever waits on the feed. While a call is still on its way, later
 * events wait and go together when it returns: a busy conversation sends one call per round trip to
 * the feed (it is shared by the whole chatbot) instead of one per message, and a quiet one sends at
 * once. No timer here: a pending timer would keep the conversation from hibernating. The feed is a
 * view, not a record.
 */
import type { ChatbotLive, LiveEvent } from "./chatbot-live";
import { MAX_PUBLISHED_EVENTS } from "./feed-frames";

export class LivePublisher {
  private events: LiveEvent[] = [];
  private scheduled = false;
  private sending = false;
  private chatbotId: string | null = null;
  /** The feed's stub, made once: deriving the id and stub per call was a tenth of a message's CPU locally. */
  private feed: { chatbotId: string; stub: DurableObjectStub<ChatbotLive> } | null = null;

  constructor(private readonly env: Env) {}

  push(chatbotId: string, event: LiveEvent): void {
    this.chatbotId = chatbotId;
    this.events.push(event);
    if (this.events.length > MAX_PUBLISHED_EVENTS) this.events.shift();
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.sending || !this.events.length) return;
    this.scheduled = true;
    queueMicrotask(() => this.send());
  }

  private send(): void {
    this.scheduled = false;
    const events = this.events;
    this.events = [];
    if (!events.length || !this.chatbotId) return;
    const chatbotId = this.chatbotId;
    this.sending = true;
    this.stubFor(chatbotId)
      .publish(events)
      .catch((error: unknown) => {
        // A stub that threw may stay broken (Cloudflare: make a new one).
        this.feed = null;
        console.error("live feed publish failed", { chatbotId, error: String(error) });
      })
      .finally(() => {
        this.sending = false;
        this.schedule();
      });
  }

  private stubFor(chatbotId: string): DurableObjectStub<ChatbotLive> {
    if (this.feed?.chatbotId !== chatbotId) {
      const ns = this.env.CHATBOT_LIVE as DurableObjectNamespace<ChatbotLive>;
      this.feed = { chatbotId, stub: ns.get(ns.idFromName(chatbotId)) };
    }
    return this.feed.stub;
  }
}
