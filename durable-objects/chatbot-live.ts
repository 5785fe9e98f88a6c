/**
 * One Durable Object per chatbot that fans live events out to dashboard viewers (SPEC §7 live feed).
 *
 * Conversations publish events here without waiting for an answer. Events are not forwarded one by one:
 * they gather in memory and go out as one `batch` frame per viewer every FLUSH_MS, keeping only the
 * newest MAX_EVENTS_PER_BATCH (the rest are counted in `dropped`). So a burst coalesces instead of
 * queueing, a viewer never receives an unbounded backlog, and every viewer costs one send per tick
 * whatever the traffic. Counters (messages and analysed messages today) are kept in storage by quarter-hour,
 * so each viewer's frames count today from midnight in the viewer's own time zone (live-counters.ts).
 *
 * It is also the chatbot's registry of live conversation sockets: each conversation reports which keys
 * its open sockets were opened with whenever one connects or closes (never per message), so revoking a
 * key, archiving or deleting the chatbot reaches every open socket — empty conversations included —
 * without scanning D1.
 *
 * A viewer's socket opened with a member session remembers the session (session-sockets.ts, as the member's
 * notification channel does): the Worker closes it when the session ends or the member leaves the
 * organization (endSessions), and one whose session expired is closed at the next frame instead of being
 * sent to, both with 4001. A socket opened with a read or admin key remembers no session.
 */
import { DurableObject } from "cloudflare:workers";
import { z } from "zod";
import type { Conversation } from "./conversation";
import { counterOf, FLUSH_MS, KEPT_EVENT_TYPES, MAX_EVENTS_PER_BATCH, MAX_INDEXED_IDS, type DroppedEvents, type FeedFrame, type LiveCounters, type LiveEvent } from "./feed-frames";
import { QuarterHourCounts } from "./live-counters";
import { CLOSE } from "./protocol";
import { closeQuietly, endedBy, expired, SESSION_ENDED_CLOSE, sessionFromHeaders, socketSession } from "./session-sockets";

export { MAX_EVENTS_PER_BATCH, type FeedFrame, type LiveCounters, type LiveEvent };

/** The header the Worker sets on a feed upgrade: the viewer's IANA time zone (validated there), whose today the counters count. */
export const FEED_ZONE_HEADER = "x-openbat-feed-zone";

/** The header the Worker sets on a key viewer's upgrade: the key it was opened with, so revoking the key closes it. */
export const FEED_KEY_HEADER = "x-openbat-feed-key";
/** Beside it, when that key expires (epoch ms; absent: never), so the feed closes then. */
export const FEED_KEY_EXPIRES_HEADER = "x-openbat-feed-key-expires";

/**
 * What a viewer's socket remembers across hibernation: its zone, and the member session or the key it was
 * opened with (and when that key expires).
 */
const viewerAttachment = z.object({ timeZone: z.string(), session: socketSession.optional(), keyId: z.string().optional(), keyExpiresAt: z.number().int().optional() });
type ViewerAttachment = z.infer<typeof viewerAttachment>;
const viewerOf = (ws: WebSocket): ViewerAttachment => {
  const parsed = viewerAttachment.safeParse(ws.deserializeAttachment());
  return parsed.success ? parsed.data : { timeZone: "UTC" };
};

/** Conversations told to close their sockets at once during a sweep. */
const SWEEP_CONCURRENCY = 25;

/** Which sockets a sweep closes, and how the client is told. */
export interface SocketSweep {
  /** Only sockets opened with this key (or a conversation token minted with it); all when absent. */
  keyId?: string;
  code: number;
  reason: string;
}

export class ChatbotLive extends DurableObject<Env> {
  private pending: LiveEvent[] = [];
  /** Conversations indexed since the last tick: one `indexed` frame carries them all. */
  private indexedIds = new Set<string>();
  private dropped = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private counts: QuarterHourCounts;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.createTables();
    this.counts = new QuarterHourCounts(ctx.storage.sql.exec<{ slot: number; messages: number; analysed: number }>("SELECT slot, messages, analysed FROM counter_slots"));
  }

  private createTables(): void {
    // `counters` held one UTC day's totals before the counts went by quarter-hour.
    this.ctx.storage.sql.exec(
      `DROP TABLE IF EXISTS counters;
       CREATE TABLE IF NOT EXISTS counter_slots (slot INTEGER PRIMARY KEY, messages INTEGER NOT NULL, analysed INTEGER NOT NULL);
       CREATE TABLE IF NOT EXISTS live_sockets (conversation_id TEXT NOT NULL, key_id TEXT NOT NULL, PRIMARY KEY (conversation_id, key_id));
       CREATE INDEX IF NOT EXISTS live_sockets_key ON live_sockets (key_id);`,
    );
  }

  /**
   * A conversation's open sockets changed: `keyIds` are the keys they were opened with now (empty when
   * none is left). Each conversation sends these one after another, so the last one received is current.
   * @example await stub.track("3f83…", ["key_abc"])
   */
  async track(conversationId: string, keyIds: string[]): Promise<void> {
    this.ctx.storage.sql.exec("DELETE FROM live_sockets WHERE conversation_id = ?", conversationId);
    for (const keyId of new Set(keyIds)) {
      this.ctx.storage.sql.exec("INSERT INTO live_sockets (conversation_id, key_id) VALUES (?, ?)", conversationId, keyId);
    }
  }

  /**
   * Closes the live sockets of the chatbot's conversations (a key revoked or rotated, the chatbot
   * archived) and, for a key, the feed viewers watching with it; returns how many sockets were closed.
   * @example await stub.closeSockets("cb_123", { keyId: "key_abc", code: 4001, reason: "key revoked" })
   */
  async closeSockets(chatbotId: string, sweep: SocketSweep): Promise<number> {
    let viewers = 0;
    if (sweep.keyId !== undefined) {
      for (const ws of this.ctx.getWebSockets()) {
        if (viewerOf(ws).keyId !== sweep.keyId) continue;
        closeQuietly(ws, sweep.code, sweep.reason);
        viewers += 1;
      }
    }
    const closed = await this.eachConversation(sweep.keyId, (stub) => stub.disconnect(chatbotId, sweep));
    return closed.reduce((sum, n) => sum + n, viewers);
  }

  /**
   * The chatbot was deleted: erases every conversation that has a socket open (those without one are
   * found in D1 by the caller), closes the viewers' sockets and drops this object's storage.
   * @example await stub.purge("cb_123")
   */
  async purge(chatbotId: string): Promise<void> {
    await this.eachConversation(undefined, (stub) => stub.destroy(chatbotId));
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.close(CLOSE.chatbotDeleted, "chatbot deleted");
      } catch {
        // already closing
      }
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ctx.storage.deleteAll();
    this.createTables();
    this.counts.clear();
    this.pending = [];
    this.indexedIds.clear();
  }

  /**
   * Sessions of a member ended: one (log-out, `sessionId`), or all of them (a password reset, or the member
   * left the chatbot's organization): closes the viewer sockets opened with them with 4001; answers how many.
   * Key viewers and other members' sockets stay.
   * @example await stub.endSessions("mem_123", "ses_456")
   */
  async endSessions(memberId: string, sessionId?: string): Promise<number> {
    const member = z.string().min(1).parse(memberId);
    const id = z.string().min(1).optional().parse(sessionId);
    let closed = 0;
    for (const ws of this.ctx.getWebSockets()) {
      if (!endedBy(viewerOf(ws).session, member, id)) continue;
      closeQuietly(ws, SESSION_ENDED_CLOSE, "session ended");
      closed += 1;
    }
    return closed;
  }

  private async eachConversation<T>(keyId: string | undefined, act: (stub: DurableObjectStub<Conversation>) => Promise<T>): Promise<T[]> {
    const rows = this.ctx.storage.sql
      .exec<{ id: string }>(
        keyId === undefined
          ? "SELECT DISTINCT conversation_id AS id FROM live_sockets"
          : "SELECT conversation_id AS id FROM live_sockets WHERE key_id = ?",
        ...(keyId === undefined ? [] : [keyId]),
      )
      .toArray();
    const ns = this.env.CONVERSATION as DurableObjectNamespace<Conversation>;
    const out: T[] = [];
    for (let i = 0; i < rows.length; i += SWEEP_CONCURRENCY) {
      const batch = rows.slice(i, i + SWEEP_CONCURRENCY).map(({ id }) =>
        act(ns.get(ns.idFromString(id))).catch((error: unknown) => {
          console.error("socket sweep failed for a conversation", { conversationId: id, error: String(error) });
          return undefined;
        }),
      );
      for (const result of await Promise.all(batch)) if (result !== undefined) out.push(result as T);
    }
    return out;
  }

  /**
   * Takes events from a conversation. Never waits on viewers: they get them on the next tick.
   * @example await stub.publish([{ type: "conversation", conversationId, externalId, status: "started" }])
   */
  async publish(events: LiveEvent[], dropped?: DroppedEvents): Promise<void> {
    // Only this Worker's conversation objects call this, with events their own code built from validated
    // input (live-publisher.ts): typed by the RPC, not parsed again — a parse per call was a tenth of a
    // message's CPU. The bound stays, so a runaway caller cannot grow a batch without limit.
    if (events.length > MAX_EVENTS_PER_BATCH) throw new RangeError(`at most ${MAX_EVENTS_PER_BATCH} events a call`);
    const now = Date.now();
    for (const event of events) {
      const counter = counterOf(event);
      if (counter) this.counts.add(counter, now);
    }
    if (dropped?.messages) this.counts.add("messages", now, dropped.messages);
    if (dropped?.analysed) this.counts.add("analysed", now, dropped.analysed);
    // Nobody watching: counting is all there is to do.
    if (this.ctx.getWebSockets().length) {
      this.dropped += dropped?.events ?? 0;
      this.pending.push(...events);
      if (this.pending.length > MAX_EVENTS_PER_BATCH) this.dropOldest(this.pending.length - MAX_EVENTS_PER_BATCH);
    }
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /**
   * The index queue wrote these conversations to D1 (one call per chatbot per queue batch): viewers are
   * told on the next tick, so they re-read the conversations table and the attention queue once the rows
   * are there, not on the `message` event, which comes before them. Nobody watching: nothing to do.
   * @example await stub.indexed(["3f83…", "9a1c…"])
   */
  async indexed(raw: string[]): Promise<void> {
    const ids = z.array(z.string().min(1).max(128)).max(MAX_INDEXED_IDS).parse(raw);
    if (!this.ctx.getWebSockets().length) return;
    for (const id of ids) this.indexedIds.add(id);
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Drops the oldest `excess` conversation events; what a person did (triage, labels) is always kept. */
  private dropOldest(excess: number): void {
    const kept: LiveEvent[] = [];
    let toDrop = excess;
    for (const event of this.pending) {
      if (toDrop > 0 && !KEPT_EVENT_TYPES.has(event.type)) {
        toDrop -= 1;
        continue;
      }
      kept.push(event);
    }
    this.dropped += excess - toDrop;
    this.pending = kept;
  }

  /** The counters now, today counted from midnight in `timeZone` (an IANA name the caller validated). */
  async snapshot(timeZone = "UTC"): Promise<LiveCounters> {
    return this.counts.today(timeZone, Date.now());
  }

  /** Viewer sockets, already authenticated by the Worker. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade") !== "websocket") return new Response("expected a WebSocket upgrade", { status: 426 });
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    const timeZone = request.headers.get(FEED_ZONE_HEADER) ?? "UTC";
    // Named by the Worker: a member session's, or the key's id for a key's viewer.
    const session = sessionFromHeaders(request.headers) ?? undefined;
    const keyId = request.headers.get(FEED_KEY_HEADER) ?? undefined;
    const keyExpires = Number(request.headers.get(FEED_KEY_EXPIRES_HEADER) ?? Number.NaN);
    const keyExpiresAt = Number.isInteger(keyExpires) ? keyExpires : undefined;
    server.serializeAttachment({ timeZone, session, keyId, keyExpiresAt } satisfies ViewerAttachment);
    server.send(JSON.stringify({ type: "hello", counters: this.counts.today(timeZone, Date.now()) } satisfies FeedFrame));
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // Viewers only listen; a ping keeps proxies from closing an idle feed.
    if (message === '{"type":"ping"}' && this.current(ws, Date.now())) ws.send('{"type":"pong"}');
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    closeQuietly(ws, code === 1005 ? 1000 : code, reason);
  }

  /** Whether a frame may go to this viewer now: a socket whose session or key has expired is closed instead. */
  private current(ws: WebSocket, now: number): ViewerAttachment | null {
    const viewer = viewerOf(ws);
    if (viewer.session && expired(viewer.session, now)) {
      closeQuietly(ws, SESSION_ENDED_CLOSE, "session expired");
      return null;
    }
    if (viewer.keyExpiresAt !== undefined && viewer.keyExpiresAt <= now) {
      closeQuietly(ws, CLOSE.keyRevoked, "key expired");
      return null;
    }
    return viewer;
  }

  /**
   * One tick: the counts to storage (a write per quarter-hour touched, usually one, however many events),
   * the batch to every viewer with today's counters in the viewer's zone.
   */
  private flush(): void {
    this.timer = null;
    const now = Date.now();
    const { upserts, olderThan } = this.counts.takeChanges(now);
    for (const { slot, messages, analysed } of upserts) {
      this.ctx.storage.sql.exec("INSERT OR REPLACE INTO counter_slots (slot, messages, analysed) VALUES (?, ?, ?)", slot, messages, analysed);
    }
    if (upserts.length) this.ctx.storage.sql.exec("DELETE FROM counter_slots WHERE slot < ?", olderThan);
    if (this.pending.length) {
      // One frame per time zone among the viewers (usually one or two), not one per viewer.
      const { pending: events, dropped } = this;
      const frames = new Map<string, string>();
      const frameFor = (zone: string) => {
        let frame = frames.get(zone);
        if (frame === undefined) {
          frame = JSON.stringify({ type: "batch", events, dropped, counters: this.counts.today(zone, now) } satisfies FeedFrame);
          frames.set(zone, frame);
        }
        return frame;
      };
      this.pending = [];
      this.dropped = 0;
      this.sendAll(now, (viewer) => frameFor(viewer.timeZone));
    }
    // After the batch: its messages were stored before their rows were written.
    if (this.indexedIds.size) {
      const indexed = JSON.stringify({ type: "indexed", conversationIds: [...this.indexedIds] } satisfies FeedFrame);
      this.indexedIds.clear();
      this.sendAll(now, () => indexed);
    }
  }

  /** Sends each current viewer its frame (viewers whose session or key expired are closed instead). */
  private sendAll(now: number, frameOf: (viewer: ViewerAttachment) => string): void {
    for (const ws of this.ctx.getWebSockets()) {
      const viewer = this.current(ws, now);
      if (!viewer) continue;
      try {
        ws.send(frameOf(viewer));
      } catch {
        // a viewer that went away is cleaned up by webSocketClose
      }
    }
  }
}
