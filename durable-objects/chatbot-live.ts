/**
 * One Durable Object per chatbot that fans live events out to dashboard viewers (SPEC §7 live feed).
 *
 * Conversations publish events here without waiting for an answer. Events are not forwarded one by one:
 * they gather in memory and go out as one `batch` frame per viewer every FLUSH_MS, keeping only the
 * newest MAX_EVENTS_PER_BATCH (the rest are counted in `dropped`). So a burst coalesces instead of
 * queueing, a viewer never receives an unbounded backlog, and every viewer costs one send per tick
 * whatever the traffic.
 *
 * A chatbot's feed is several of these (feed-shards.ts): each conversation publishes to one shard, and the
 * Worker relays every shard to a viewer's one socket (worker/services/feed-relay.ts). Shard 0, named by the
 * chatbot id, is the feed proper: the watch mark, `hello`, the 30 s counters, pings, triage and label events;
 * the others batch their conversations' events. The index queue tells one shard per batch what it wrote (the
 * shard of the batch's first conversation), and that shard sends the `indexed` frame with counters it read.
 *
 * It costs nothing while nobody watches: it marks its chatbot watched in D1 while it has viewers
 * (live-watch.ts), and conversations, the index queue and triage actions call it only while that mark
 * holds. So the "today" counters (messages and analysed messages since midnight in each viewer's zone) are
 * not counted from events but read from the index's rollups (worker/analytics/today.ts): on each viewer's
 * `hello`, and again whenever the index queue reports conversations written (`indexed` frames carry them).
 *
 * A viewer's socket opened with a member session remembers the session (session-sockets.ts, as the member's
 * notification channel does): the Worker closes it when the session ends or the member leaves the
 * organization (endSessions), and one whose session expired is closed at the next frame instead of being
 * sent to, both with 4001. A socket opened with a read or admin key remembers no session.
 */
import { DurableObject } from "cloudflare:workers";
import { z } from "zod";
import { createDb } from "../worker/db/client";
import { todayCounts } from "../worker/analytics/today";
import { feedClientFrame, FLUSH_MS, MAX_EVENTS_PER_BATCH, MAX_INDEXED_IDS, trimBatch, type FeedFrame, type LiveCounters, type LiveEvent } from "./feed-frames";
import { markWatched, WATCH_MS, WATCH_RENEW_MS } from "./live-watch";
import { localDay } from "../worker/analytics/time-zone";
import { readFrame } from "./frame-reading";
import { CLOSE, PONG } from "./protocol";
import { closeQuietly, endedBy, expired, SESSION_CLOSE_REASONS, SESSION_ENDED_CLOSE, sessionEndCause, sessionFromHeaders, socketSession, type SessionEndCause } from "./session-sockets";

export { MAX_EVENTS_PER_BATCH, type FeedFrame, type LiveCounters, type LiveEvent };

/** The header the Worker sets on a feed upgrade: the chatbot watched (the object's name, which it cannot read itself). */
export const FEED_CHATBOT_HEADER = "x-openbat-feed-chatbot";

/** The header the Worker sets on a feed upgrade: which of the chatbot's feed shards this is (feed-shards.ts; absent: 0). */
export const FEED_SHARD_HEADER = "x-openbat-feed-shard";

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
const viewerAttachment = z.object({
  timeZone: z.string(),
  session: socketSession.optional(),
  keyId: z.string().optional(),
  keyExpiresAt: z.number().int().optional(),
  /** The feed shard this socket is on (feed-shards.ts); 0 for sockets older than the shards. */
  shard: z.number().int().default(0),
});
type ViewerAttachment = z.infer<typeof viewerAttachment>;
const viewerOf = (ws: WebSocket): ViewerAttachment => {
  const parsed = viewerAttachment.safeParse(ws.deserializeAttachment());
  return parsed.success ? parsed.data : { timeZone: "UTC", shard: 0 };
};

/** A batch as a shard other than 0 sends it to the relay, which adds the newest counters it knows. */
export type ShardBatch = Omit<Extract<FeedFrame, { type: "batch" }>, "counters">;

/** Counters for a zone nothing could be read for yet: zero, on the zone's date. */
const nothingCounted = (zone: string, now: number): LiveCounters => ({ day: localDay(now, zone), timeZone: zone, messagesToday: 0, analysedToday: 0 });

const sameCounters = (a: LiveCounters | undefined, b: LiveCounters): boolean =>
  a !== undefined && a.day === b.day && a.messagesToday === b.messagesToday && a.analysedToday === b.analysedToday;

export class ChatbotLive extends DurableObject<Env> {
  private pending: LiveEvent[] = [];
  /** Conversations indexed since the last tick: one `indexed` frame carries them all. */
  private indexedIds = new Set<string>();
  private dropped = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Today's counters per viewer zone, as last read from the index. */
  private counters = new Map<string, LiveCounters>();
  /** Which chatbot this feed is (from the first upgrade; kept in storage for alarms after hibernation). */
  private chatbotId: string | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.createTables();
    // The counters last read, kept across hibernation: batches repeat them, and the alarm sends only a change.
    for (const row of ctx.storage.sql.exec<{ zone: string; counters: string }>("SELECT zone, counters FROM last_counters")) {
      this.counters.set(row.zone, JSON.parse(row.counters) as LiveCounters);
    }
  }

  private createTables(): void {
    // `counters` and `counter_slots` held today's counts before they were read from the index; `live_sockets`
    // was the chatbot's socket registry before it moved to the deployment-wide SocketRegistry shards (a
    // deploy restarts every object, so the sockets it listed had closed).
    this.ctx.storage.sql.exec(
      `DROP TABLE IF EXISTS counters;
       DROP TABLE IF EXISTS counter_slots;
       DROP TABLE IF EXISTS live_sockets;
       CREATE TABLE IF NOT EXISTS last_counters (zone TEXT PRIMARY KEY, counters TEXT NOT NULL);`,
    );
  }

  /**
   * A key was revoked or rotated: closes the feed viewers watching with it (the relay closes their other
   * shards' sockets with them); answers how many. The conversations' sockets are the SocketRegistry's.
   * @example await stub.closeKeyViewers("key_abc", 4001, "key revoked")
   */
  async closeKeyViewers(keyId: string, code: number, reason: string): Promise<number> {
    let closed = 0;
    for (const ws of this.ctx.getWebSockets()) {
      if (viewerOf(ws).keyId !== keyId) continue;
      closeQuietly(ws, code, reason);
      closed += 1;
    }
    return closed;
  }

  /**
   * The chatbot was deleted: closes the viewers' sockets and drops this object's storage (its
   * conversations are erased through the SocketRegistry and D1 by the caller).
   * @example await stub.purge()
   */
  async purge(): Promise<void> {
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
    this.counters.clear();
    this.pending = [];
    this.indexedIds.clear();
  }

  /**
   * Sessions of a member ended: one (log-out, `sessionId`), or all of them (a password reset, or the member
   * was removed from or left the chatbot's organization, `cause` "removed" or "left"): closes the viewer
   * sockets opened with them with 4001, the reason saying which (SESSION_CLOSE_REASONS); answers how many.
   * Key viewers and other members' sockets stay.
   * @example await stub.endSessions("mem_123", "ses_456")
   * @example await stub.endSessions("mem_123", undefined, "removed")
   */
  async endSessions(memberId: string, sessionId?: string, cause: SessionEndCause = "ended"): Promise<number> {
    const member = z.string().min(1).parse(memberId);
    const id = z.string().min(1).optional().parse(sessionId);
    const reason = SESSION_CLOSE_REASONS[sessionEndCause.parse(cause)];
    let closed = 0;
    for (const ws of this.ctx.getWebSockets()) {
      if (!endedBy(viewerOf(ws).session, member, id)) continue;
      closeQuietly(ws, SESSION_ENDED_CLOSE, reason);
      closed += 1;
    }
    return closed;
  }

  /**
   * Takes events from a conversation (or a triage action), `dropped` the older events it left out. Never
   * waits on viewers: they get them on the next tick. Callers ask `watched` (live-watch.ts) first; whatever
   * still arrives once nobody watches is let go.
   * @example await stub.publish([{ type: "conversation", conversationId, externalId, status: "started" }])
   */
  async publish(events: LiveEvent[], dropped = 0): Promise<void> {
    // Only this Worker's conversation objects call this, with events their own code built from validated
    // input (live-publisher.ts): typed by the RPC, not parsed again — a parse per call was a tenth of a
    // message's CPU. The bound stays, so a runaway caller cannot grow a batch without limit.
    if (events.length > MAX_EVENTS_PER_BATCH) throw new RangeError(`at most ${MAX_EVENTS_PER_BATCH} events a call`);
    if (!this.ctx.getWebSockets().length) return;
    this.dropped += dropped;
    this.pending.push(...events);
    if (this.pending.length > MAX_EVENTS_PER_BATCH) {
      const { kept, dropped: letGo } = trimBatch(this.pending);
      this.pending = kept;
      this.dropped += letGo;
    }
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /**
   * The index queue wrote these conversations to D1 (one call per watched chatbot per queue batch): viewers
   * are told on the next tick, with today's counters read again, so they re-read the conversations table
   * and the attention queue once the rows are there, not on the `message` event, which comes before them.
   * Nobody watching: nothing to do.
   * @example await stub.indexed(["3f83…", "9a1c…"])
   */
  async indexed(raw: string[]): Promise<void> {
    const ids = z.array(z.string().min(1).max(128)).max(MAX_INDEXED_IDS).parse(raw);
    if (!this.ctx.getWebSockets().length) return;
    for (const id of ids) this.indexedIds.add(id);
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Viewer sockets, already authenticated by the Worker, which names the chatbot, the zone and the credentials. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade") !== "websocket") return new Response("expected a WebSocket upgrade", { status: 426 });
    const chatbotId = request.headers.get(FEED_CHATBOT_HEADER);
    if (!chatbotId) return new Response(`${FEED_CHATBOT_HEADER} is required`, { status: 400 });
    const shard = Number(request.headers.get(FEED_SHARD_HEADER) ?? 0);
    const timeZone = request.headers.get(FEED_ZONE_HEADER) ?? "UTC";
    // Every shard may have to read today's counters (an `indexed` call): each knows its chatbot. Shard 0 marks the
    // chatbot watched and says hello with the counters; the others relay events and `indexed` frames.
    await this.remember(chatbotId);
    let hello: string | null = null;
    if (shard === 0) {
      await this.watchedBy(chatbotId);
      const counters = (await this.readCounters([timeZone], Date.now())).get(timeZone)!;
      hello = JSON.stringify({ type: "hello", counters } satisfies FeedFrame);
    }
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    // Named by the Worker: a member session's, or the key's id for a key's viewer.
    const session = sessionFromHeaders(request.headers) ?? undefined;
    const keyId = request.headers.get(FEED_KEY_HEADER) ?? undefined;
    const keyExpires = Number(request.headers.get(FEED_KEY_EXPIRES_HEADER) ?? Number.NaN);
    const keyExpiresAt = Number.isInteger(keyExpires) ? keyExpires : undefined;
    server.serializeAttachment({ timeZone, session, keyId, keyExpiresAt, shard } satisfies ViewerAttachment);
    if (hello) server.send(hello);
    return new Response(null, { status: 101, webSocket: client });
  }

  /**
   * A viewer is joining: the chatbot is marked watched before its `hello` (so conversations start
   * publishing within the watch cache's second), and the mark is renewed by the alarm while viewers stay.
   */
  private async watchedBy(chatbotId: string): Promise<void> {
    // A mark that cannot be written now is written by the alarm within half a minute; the viewer is let in meanwhile.
    await markWatched(this.env.DB, chatbotId, Date.now() + WATCH_MS).catch((error: unknown) => console.error("marking the live feed watched failed", { chatbotId, error: String(error) }));
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + WATCH_RENEW_MS);
  }

  /** Which chatbot this feed is, kept for alarms and calls after hibernation (the object cannot read its own name). */
  private async remember(chatbotId: string): Promise<void> {
    if (this.chatbotId === chatbotId) return;
    this.chatbotId = chatbotId;
    await this.ctx.storage.put("chatbotId", chatbotId);
  }

  private async knownChatbot(): Promise<string | null> {
    this.chatbotId ??= (await this.ctx.storage.get<string>("chatbotId")) ?? null;
    return this.chatbotId;
  }

  /**
   * Every half minute while viewers stay: the watch mark renewed, and today's counters read again (a
   * quiet chatbot's viewers see the day turn at midnight). The last viewer gone, the mark has been ended
   * by webSocketClose and the alarm stops.
   */
  override async alarm(): Promise<void> {
    const chatbotId = await this.knownChatbot();
    if (!chatbotId || !this.viewers().length) return;
    await markWatched(this.env.DB, chatbotId, Date.now() + WATCH_MS);
    await this.ctx.storage.setAlarm(Date.now() + WATCH_RENEW_MS);
    await this.sendCounters([], { onlyChanged: true });
  }

  /** The open viewer sockets (a closing one is left out). */
  private viewers(except?: WebSocket): WebSocket[] {
    return this.ctx.getWebSockets().filter((ws) => ws !== except && ws.readyState === WebSocket.OPEN);
  }

  /** Today's counters for each of `zones`, read from the index (the last ones read when that fails: the feed is a view). */
  private async readCounters(zones: Iterable<string>, now: number): Promise<Map<string, LiveCounters>> {
    const chatbotId = await this.knownChatbot();
    const db = createDb(this.env.DB);
    await Promise.all(
      [...new Set(zones)].map(async (zone) => {
        try {
          if (!chatbotId) throw new Error("the feed does not know its chatbot yet");
          const counters = await todayCounts(db, chatbotId, zone, now);
          this.counters.set(zone, counters);
          this.ctx.storage.sql.exec("INSERT OR REPLACE INTO last_counters (zone, counters) VALUES (?, ?)", zone, JSON.stringify(counters));
        } catch (error) {
          console.error("reading today's counters failed", { chatbotId, error: String(error) });
          if (!this.counters.has(zone)) this.counters.set(zone, nothingCounted(zone, now));
        }
      }),
    );
    return this.counters;
  }

  /**
   * Reads today's counters for the viewers' zones and sends them in an `indexed` frame with `conversationIds`
   * (with `onlyChanged`, to the viewers whose counters changed, if any).
   */
  private async sendCounters(conversationIds: string[], { onlyChanged = false } = {}): Promise<void> {
    const before = new Map(this.counters);
    const counters = await this.readCounters(
      this.viewers().map((ws) => viewerOf(ws).timeZone),
      Date.now(),
    );
    const frames = new Map<string, string | null>();
    this.sendAll(Date.now(), (viewer) => {
      let frame = frames.get(viewer.timeZone);
      if (frame === undefined) {
        const read = counters.get(viewer.timeZone)!;
        frame = onlyChanged && sameCounters(before.get(viewer.timeZone), read) ? null : JSON.stringify({ type: "indexed", conversationIds, counters: read } satisfies FeedFrame);
        frames.set(viewer.timeZone, frame);
      }
      return frame;
    });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    // Viewers only listen; a ping (relayed to shard 0 alone) keeps proxies from closing an idle feed, however it
    // is spaced. Anything else is answered with an error frame, as a conversation socket answers a bad frame, so a
    // client that sends something else learns so instead of waiting on an answer that never comes.
    if (!this.current(ws, Date.now())) return;
    const read = readFrame(message, feedClientFrame);
    try {
      ws.send(read.ok ? PONG : JSON.stringify(read.refusal satisfies FeedFrame));
    } catch {
      // a viewer that went away is cleaned up by webSocketClose
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    closeQuietly(ws, code === 1005 ? 1000 : code, reason);
    // The last viewer left: conversations stop publishing once their cached "watched" runs out. (The mark is
    // shard 0's: every viewer has a socket there.)
    const chatbotId = viewerOf(ws).shard === 0 ? await this.knownChatbot() : null;
    if (chatbotId && !this.viewers(ws).length) {
      await markWatched(this.env.DB, chatbotId, Date.now()).catch((error: unknown) => console.error("ending the live-feed watch mark failed", { chatbotId, error: String(error) }));
    }
  }

  /** Whether a frame may go to this viewer now: a socket whose session or key has expired is closed instead. */
  private current(ws: WebSocket, now: number): ViewerAttachment | null {
    const viewer = viewerOf(ws);
    if (viewer.session && expired(viewer.session, now)) {
      closeQuietly(ws, SESSION_ENDED_CLOSE, SESSION_CLOSE_REASONS.expired);
      return null;
    }
    if (viewer.keyExpiresAt !== undefined && viewer.keyExpiresAt <= now) {
      closeQuietly(ws, CLOSE.keyRevoked, "key expired");
      return null;
    }
    return viewer;
  }

  /**
   * One tick: the batch to every viewer, with today's counters in the viewer's zone as last read; then, if
   * the index queue wrote conversations since the last tick, the `indexed` frame with the counters read again.
   */
  private async flush(): Promise<void> {
    this.timer = null;
    const now = Date.now();
    if (this.pending.length) {
      // One frame per time zone among the viewers (usually one or two), not one per viewer.
      const { pending: events, dropped } = this;
      const frames = new Map<string, string>();
      const frameFor = (viewer: ViewerAttachment) => {
        // Shard 0's frames carry today's counters; the other shards' get them from the relay.
        const key = viewer.shard === 0 ? viewer.timeZone : "";
        let frame = frames.get(key);
        if (frame === undefined) {
          const zone = viewer.timeZone;
          const counters = this.counters.get(zone) ?? nothingCounted(zone, now);
          frame = JSON.stringify(viewer.shard === 0 ? ({ type: "batch", events, dropped, counters } satisfies FeedFrame) : ({ type: "batch", events, dropped } satisfies ShardBatch));
          frames.set(key, frame);
        }
        return frame;
      };
      this.pending = [];
      this.dropped = 0;
      this.sendAll(now, frameFor);
    }
    // After the batch: its messages were stored before their rows were written.
    if (this.indexedIds.size) {
      const ids = [...this.indexedIds];
      this.indexedIds.clear();
      await this.sendCounters(ids);
    }
  }

  /** Sends each current viewer its frame, if any (viewers whose session or key expired are closed instead). */
  private sendAll(now: number, frameOf: (viewer: ViewerAttachment) => string | null): void {
    for (const ws of this.ctx.getWebSockets()) {
      const viewer = this.current(ws, now);
      if (!viewer) continue;
      const frame = frameOf(viewer);
      if (frame === null) continue;
      try {
        ws.send(frame);
      } catch {
        // a viewer that went away is cleaned up by webSocketClose
      }
    }
  }
}
