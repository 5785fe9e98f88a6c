/**
 * How a conversation tells its chatbot's live feed what happened: the events of one turn (a message
 * and, with the embedded analyzer, its annotation, which a microtask of the same turn produces; a REST
 * batch; an alarm pass) go as one unawaited RPC, sent by a zero-delay timer once the turn is done, so
 * neither the ack path nor analysis ever waits on the feed. While a call is still on its way, later
 * events wait and go together when it returns: a busy conversation sends one call per round trip to
 * the feed instead of one per message, and a quiet one sends at once. No timer longer than the hold's
 * one second below: a pending one would keep the conversation from hibernating. The feed is a view, not
 * a record.
 *
 * Only while someone watches (live-watch.ts, a cached D1 mark): with nobody on the chatbot's feed, the
 * events are let go and the feed object is not called at all (the last few are kept a moment, in case the
 * answer was stale: hold()). And to the one of the feed's shards this conversation hashes to
 * (feed-shards.ts), so a busy chatbot's messages spread over several objects.
 *
 * A call carries at most MAX_EVENTS_PER_BATCH events — as many as the feed shows viewers in one tick; it would
 * drop the rest itself (trimBatch: annotations first, then messages, oldest first). Those are only counted, so viewers learn that events
 * were left out, while a burst costs one small call rather than serialising hundreds of events on the
 * conversation's thread (tens of milliseconds locally, holding up every ack behind it).
 */
import type { ChatbotLive, LiveEvent } from "./chatbot-live";
import { MAX_EVENTS_PER_BATCH, trimBatch } from "./feed-frames";
import { feedShardName, feedShardOf } from "./feed-shards";
import { UNWATCHED_TTL_MS, watched } from "./live-watch";

/** How long events let go while nobody seemed to watch are kept, and how many. */
const HELD_MS = 2_000;
const HELD_EVENTS = 16;

export class LivePublisher {
  private events: LiveEvent[] = [];
  private dropped = 0;
  private scheduled = false;
  private sending = false;
  private chatbotId: string | null = null;
  /** Events let go while the cached answer said nobody watches, kept a moment for a viewer who just joined. */
  private held: { event: LiveEvent; at: number }[] = [];
  private recheck: ReturnType<typeof setTimeout> | null = null;
  private heldSince = new WeakMap<LiveEvent, number>();
  /** The feed shard this conversation's events go to (feed-shards.ts): the same one for all of them, in order. */
  private shard = 0;
  /** The shard's stub, made once: deriving the id and stub per call was a tenth of a message's CPU locally. */
  private feed: { chatbotId: string; stub: DurableObjectStub<ChatbotLive> } | null = null;

  constructor(private readonly env: Env) {}

  push(chatbotId: string, event: LiveEvent): void {
    if (this.chatbotId === null && "conversationId" in event) this.shard = feedShardOf(event.conversationId);
    this.chatbotId = chatbotId;
    this.events.push(event);
    if (this.events.length > MAX_EVENTS_PER_BATCH) this.trim();
    this.schedule();
  }

  /** At most a batch waits (feed-frames.ts: annotations let go first, then messages); the rest are counted. */
  private trim(): void {
    const { kept, dropped } = trimBatch(this.events);
    this.events = kept;
    this.dropped += dropped;
  }

  private schedule(): void {
    if (this.scheduled || this.sending || !this.events.length) return;
    this.scheduled = true;
    // After this turn's microtasks: the embedded analyzer's run is one of them, so a message and its
    // annotation usually leave in one call instead of two. A zero-delay timer does not keep the object awake.
    setTimeout(() => this.send(), 0);
  }

  private send(): void {
    this.scheduled = false;
    const { events, dropped } = this;
    this.events = [];
    this.dropped = 0;
    if (!events.length || !this.chatbotId) return;
    const chatbotId = this.chatbotId;
    this.sending = true;
    watched(this.env.DB, chatbotId)
      .then((watching) => (watching ? this.stubFor(chatbotId).publish(events, dropped) : this.hold(events)))
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

  /**
   * "Nobody watches" may be up to a second old: a viewer may have joined since. So the events are kept for
   * HELD_MS, and once the cached answer has run out they are offered again; watched by then, they go to the
   * feed (a second late), otherwise they are let go. A message sent just as someone opens the dashboard is
   * not lost from their live view.
   */
  private hold(events: LiveEvent[]): void {
    const now = Date.now();
    // An event offered again and let go again keeps the time it was first let go.
    const held = events.map((event) => ({ event, at: this.heldSince.get(event) ?? now }));
    for (const h of held) this.heldSince.set(h.event, h.at);
    this.held = [...this.held, ...held].filter((h) => now - h.at < HELD_MS).slice(-HELD_EVENTS);
    this.recheck ??= setTimeout(() => this.offerHeld(), UNWATCHED_TTL_MS + 50);
  }

  private offerHeld(): void {
    this.recheck = null;
    const now = Date.now();
    const held = this.held.filter((h) => now - h.at < HELD_MS).map((h) => h.event);
    this.held = [];
    if (!held.length) return;
    // Older than anything waiting: they go first.
    this.events = [...held, ...this.events];
    this.trim();
    this.schedule();
  }

  private stubFor(chatbotId: string): DurableObjectStub<ChatbotLive> {
    if (this.feed?.chatbotId !== chatbotId) {
      const ns = this.env.CHATBOT_LIVE as DurableObjectNamespace<ChatbotLive>;
      this.feed = { chatbotId, stub: ns.get(ns.idFromName(feedShardName(chatbotId, this.shard))) };
    }
    return this.feed.stub;
  }
}
