/**
 * One Durable Object per conversation: it keeps the messages, acknowledges each once durable,
 * broadcasts to every socket of the conversation, and keeps the D1 index current in batches.
 *
 * Sockets use the Hibernation API, so an idle conversation costs nothing; everything needed after
 * waking is in SQLite or the socket's attachment. Deferred work (index flush, idle timeout) is
 * written down as due times in the state row and driven by one alarm; alarms are at-least-once, so
 * every step they take is idempotent.
 *
 * The ack path is kept to what a durable store must do: one parse, one lookup by id and one insert
 * (the message row carries its analysis job), then the ack. The state row is rewritten only when
 * something beyond the message counters changes (the store folds newer messages back in on waking);
 * the alarm is set once per flush cycle, not per message; analysis with the embedded analyzer runs in
 * the turn right after (`analyseSoon`), and live-feed events go out in coalesced batches.
 */
import { DurableObject } from "cloudflare:workers";
import { z } from "zod";
import { buildSnapshot } from "../worker/index-queue/snapshot";
import { SEARCH_MESSAGES_PER_FLUSH } from "../worker/search/feed";
import { forgetMessages } from "../worker/search/embed";
import { publicAnalysis, resolutionJob, runDueAnalysis } from "./conversation-analysis";
import { analyzerChoice } from "../worker/analysis/run";
import type { LiveEvent } from "./chatbot-live";
import { registryShardName, registryShardOf, SWEEP_CLOCK_SLACK_MS, type SocketRegistry, type SocketSweep, type SweepRecord } from "./socket-registry";
import { customRefusal, oversizedContext, type ContextRefusal } from "./context-limits";
import { admitFrame, conversationLimits, socketLimits, type SocketLimits } from "./frame-limits";
import { LivePublisher } from "./live-publisher";
import { closeQuietly } from "./session-sockets";
import { SocketRelease } from "./socket-release";
import { newId } from "../worker/services/ids";
import { ConversationStore, emptyAggregates, type ConversationState, type EndReason } from "./conversation-store";
import { firstChars } from "../worker/text-cut";
import { frameId } from "./frame-id";
import { checkFrame, readJson, type FrameRead } from "./frame-reading";
import { chosenProtocol } from "../worker/services/socket-protocol";
import {
  browserContext,
  clientFrame,
  CLOSE,
  contextInput,
  LIMITS,
  messageInput,
  PING,
  pingFrame,
  PONG,
  reusedIdWarning,
  type ClientFrame,
  type ContextInput,
  type ErrorFrameCode,
  type MessageInput,
  type ServerFrame,
  type StoredMessage,
} from "./protocol";

/** How long index changes may gather before one D1 write carries them all. */
export const FLUSH_DELAY_MS = 1_000;

/** A live-feed event before the conversation's ids are stamped on it. */
export type LiveEventBody = LiveEvent extends infer E ? (E extends LiveEvent ? Omit<E, "conversationId" | "externalId"> : never) : never;
const MAX_FLUSH_BACKOFF_MS = 60_000;
const REPLAY_PAGE = 500;
/** Analyses written to D1 per flush; more wait for the next one, a moment later. */
const ANALYSES_PER_FLUSH = 50;

const edgeInput = z.object({
  country: z.string().optional(),
  city: z.string().optional(),
  continent: z.string().optional(),
  timezone: z.string().optional(),
  device: z.enum(["desktop", "mobile", "tablet"]).optional(),
});

const scopeInput = z.object({
  organizationId: z.string().min(1),
  chatbotId: z.string().min(1),
  externalId: z.string().min(1),
  idleTimeoutMinutes: z.number().int().positive(),
});
export type ScopeInput = z.infer<typeof scopeInput>;

export const captureRpcInput = contextInput.extend({
  scope: scopeInput,
  edge: edgeInput,
  messages: z.array(messageInput).min(1).max(LIMITS.messagesPerCapture),
});
export type CaptureRpcInput = z.input<typeof captureRpcInput>;

const identifyInput = z.object({ scope: scopeInput, user: contextInput.shape.user, organization: contextInput.shape.organization });

export const socketHandoff = z.object({
  scope: scopeInput,
  edge: edgeInput,
  keyKind: z.enum(["ingest", "publishable", "token"]),
  /** The key the socket was opened with (for a token: the key that minted it); revoking it closes the socket. */
  keyId: z.string().min(1),
  /** When that key expires (null: never): the first frame from or to the socket after it closes the socket instead. */
  keyExpiresAt: z.number().int().nullable().default(null),
  /** A browser (publishable key) naming an id may only reconnect to a conversation that exists, never create one. */
  mustExist: z.boolean().default(false),
  after: z.number().int().nonnegative().optional(),
});
export type SocketHandoff = z.infer<typeof socketHandoff>;
export const HANDOFF_HEADER = "x-openbat-handoff";

/** A browser named a conversation nobody opened: the upgrade's 404, and the plain GET's that asks why. */
export const NOT_OPENED = "conversation not found: open /api/v1/live?key=… without an id to start one; its id comes in the welcome frame";

export interface CaptureOutcome {
  conversationId: string;
  inserted: number;
  duplicates: number;
  /** New messages written down for analysis (system messages are not analysed). */
  analysisQueued: number;
  messages: { id: string; seq: number; duplicate: boolean }[];
  /** Ids sent again with another role or text than the message stored under them (kept as first stored). */
  reusedIds: string[];
}

/** `language`: the user message's detected language once analysed, else null. */
export type AnalysedMessage = StoredMessage & { language: string | null; analysis: ReturnType<typeof publicAnalysis> | null };

export interface ConversationSnapshot {
  state: ConversationState;
  messages: AnalysedMessage[];
}

interface SocketAttachment {
  keyKind: SocketHandoff["keyKind"];
  keyId: string;
  /** Absent on sockets opened before keys' expiry reached sockets: they never expire. */
  keyExpiresAt?: number | null;
  connectedAt: number;
}

export class Conversation extends DurableObject<Env> {
  private readonly store: ConversationStore;
  private readonly live: LivePublisher;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new ConversationStore(ctx.storage.sql);
    this.live = new LivePublisher(env);
    // Keep-alive pings are answered by the runtime without waking a hibernating object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }

  /**
   * Stores a batch of messages (REST capture) and the context that came with it.
   * @example await stub.capture({ scope, edge, messages: [{ role: "user", content: "hi" }] })
   */
  async capture(raw: CaptureRpcInput): Promise<CaptureOutcome | { refused: ContextRefusal }> {
    const input = captureRpcInput.parse(raw);
    const now = Date.now();
    const state = this.open(input.scope, now);
    // Refused before anything is written: the call stores all of it or nothing.
    const refused = customRefusal(state.custom, input.custom, false);
    if (refused) return { refused };
    this.applyContext(state, input, input.edge, now);
    const results = input.messages.map((m) => this.appendOne(state, m, now, null));
    this.commit(state, now);
    return {
      conversationId: state.conversationId,
      inserted: results.filter((r) => !r.duplicate).length,
      duplicates: results.filter((r) => r.duplicate).length,
      analysisQueued: results.filter((r) => !r.duplicate && r.message.role !== "system").length,
      messages: results.map((r) => ({ id: r.message.id, seq: r.message.seq, duplicate: r.duplicate })),
      reusedIds: results.filter((r) => r.differs).map((r) => r.message.id),
    };
  }

  /**
   * The conversation's state when it belongs to `chatbotId` and someone has written in it, else null. A socket may
   * have opened it without a message being written: empty conversations are not conversations (README).
   */
  private writtenFor(chatbotId: string): ConversationState | null {
    const state = this.store.state;
    return state && state.chatbotId === chatbotId && state.firstMessageAt !== null ? state : null;
  }

  /**
   * The conversation with a page of its messages, or null when it does not belong to `chatbotId`.
   * @example await stub.read("cb_123", { after: 0, limit: 500 })
   */
  async read(chatbotId: string, page: { after: number; limit: number }): Promise<ConversationSnapshot | null> {
    const state = this.writtenFor(chatbotId);
    if (!state) return null;
    const messages = this.store.messagesAfter(page.after, page.limit);
    const analyses = this.store.analysesFor(messages.map((m) => m.seq));
    const languages = this.store.languagesFor(messages.map((m) => m.seq));
    return {
      state,
      messages: messages.map((m) => {
        const a = analyses.get(m.seq);
        return { ...m, language: languages.get(m.seq) ?? null, analysis: a ? publicAnalysis(a) : null };
      }),
    };
  }

  /**
   * Ends the conversation (REST end). Returns null when it does not belong to `chatbotId`, or when nobody has
   * written in it yet: an empty conversation is not a conversation, so it is left as it is (the route's 404).
   * @example await stub.end("cb_123")
   */
  async end(chatbotId: string): Promise<ConversationState | null> {
    const state = this.writtenFor(chatbotId);
    if (!state) return null;
    this.endConversation(state, "explicit", Date.now());
    // The embedded analyzer judges the resolution at once: the answer carries it, as ending again or reading
    // would. (A failed run is left to the alarm, which stands behind every job.) Workers AI's comes later.
    if (analyzerChoice(this.env).ai === null) await this.analyseDue().catch(() => undefined);
    return state;
  }

  /**
   * Closes the sockets a sweep names — those opened with a revoked key, or all of them when the chatbot
   * was archived: clients learn why from the close code and reason, and a reconnect is refused by the Worker.
   * @example await stub.disconnect("cb_123", { keyId: "key_abc", code: 4001, reason: "key revoked" })
   */
  async disconnect(chatbotId: string, sweep: SocketSweep): Promise<number> {
    const state = this.store.state;
    if (!state || state.chatbotId !== chatbotId) return 0;
    const caught = this.socketsOf(sweep);
    for (const ws of caught) closeQuietly(ws, sweep.code, sweep.reason);
    await this.register();
    if (caught.length) this.release.afterClosing();
    return caught.length;
  }

  /**
   * Erases the conversation (its chatbot was deleted): closes its sockets and drops all storage.
   * @example await stub.destroy("cb_123")
   */
  async destroy(chatbotId: string): Promise<boolean> {
    const state = this.store.state;
    if (!state || state.chatbotId !== chatbotId) return false;
    await this.erase(state);
    return true;
  }

  /** Closes every socket, tells the registry and drops all storage: nothing of the conversation is left. */
  private async erase(state: ConversationState): Promise<void> {
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.close(CLOSE.chatbotDeleted, "chatbot deleted");
      } catch {
        // already closing
      }
    }
    await this.register(state);
    // Semantic search's vectors go with the messages (their ids are this conversation's and the seqs).
    await forgetMessages(this.env, state.conversationId, this.store.userSeqs());
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.store.reset();
    this.alarmAt = null;
    this.unsaved = false;
    this.jobsWaiting = false;
    this.release.afterClosing();
  }

  /**
   * States who the conversation's user and organization are, from a trusted server (token minting).
   * @example await stub.identify({ scope, user: { id: "u-1", plan: "pro" } })
   */
  async identify(raw: z.input<typeof identifyInput>): Promise<void> {
    const input = identifyInput.parse(raw);
    const now = Date.now();
    const state = this.open(input.scope, now);
    this.applyContext(state, { user: input.user, organization: input.organization }, {}, now);
    this.commit(state, now);
  }

  /** Whether anything ever opened this conversation (a browser may only reconnect to one that was). */
  async opened(): Promise<boolean> {
    return this.store.state !== null;
  }

  /** Only WebSocket upgrades arrive here; the Worker has authenticated them and says who they are. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade") !== "websocket") return new Response("expected a WebSocket upgrade", { status: 426 });
    const handoff = socketHandoff.parse(JSON.parse(request.headers.get(HANDOFF_HEADER) ?? "null"));
    if (handoff.mustExist && !this.store.state) return Response.json({ code: "not_found", message: NOT_OPENED }, { status: 404 });
    const open = this.ctx.getWebSockets().filter((ws) => ws.readyState === WebSocket.OPEN).length;
    if (open >= LIMITS.socketsPerConversation) {
      return Response.json(
        { code: "rate_limited", message: `this conversation already has ${LIMITS.socketsPerConversation} open sockets; close one first`, retryAfter: 60 },
        { status: 429 },
      );
    }
    const now = Date.now();
    const state = this.open(handoff.scope, now);
    this.applyContext(state, {}, handoff.edge, now);
    this.commit(state, now);

    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ keyKind: handoff.keyKind, keyId: handoff.keyId, keyExpiresAt: handoff.keyExpiresAt, connectedAt: now } satisfies SocketAttachment);
    send(server, {
      type: "welcome",
      conversationId: state.conversationId,
      externalId: state.externalId,
      lastSeq: state.lastSeq,
      status: state.status,
    });
    if (handoff.after !== undefined) this.replay(server, handoff.after);
    // Registered after the welcome, so a connect never waits on a registry object far away; a sweep that ran
    // before the registration arrived is answered by it, and closes this socket then (closeMissed).
    void this.register(state)
      .then((missed) => this.closeMissed(state.chatbotId, missed))
      .catch((error: unknown) => console.error("closing sockets a sweep missed failed", { conversationId: state.conversationId, error: String(error) }));
    // A client that offered our subprotocol (to carry its key) must hear it chosen, or it hangs up.
    return new Response(null, { status: 101, webSocket: client, headers: chosenProtocol(request.headers.get("sec-websocket-protocol")) });
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    // A client that sent anything hears a close without the object resetting (socket-release.ts).
    this.release.heard(ws);
    if (this.keyExpired(ws)) return;
    // A keep-alive is never counted against the frame rate limits. The runtime answers the exact text of PING
    // without waking us; any other spelling the protocol accepts (spaced, with fields beside its type) arrives
    // here and is known by its parsed type, so the JSON is parsed once for both questions.
    const text = readJson(data);
    if (text.ok && isPing(text.json)) return send(ws, { type: "pong" });
    if (!this.admit(ws, data)) return;
    const read: FrameRead<ClientFrame> = text.ok ? checkFrame(text.json, clientFrame) : text;
    if (!read.ok) {
      const oversized = read.issues && oversizedContext(read.json, read.issues);
      if (oversized) return send(ws, { ...frameError("context_too_large", `${oversized.field}: ${oversized.message}`), details: [oversized] });
      // The client needs to know which message was refused: read from the parsed frame, or from the text of one
      // too large to parse (that is the point of the limit).
      const id = read.refusal.code === "payload_too_large" && typeof data === "string" ? frameId(data) : idOf(read.json);
      return send(ws, { ...read.refusal, ...(id ? { id } : {}) });
    }
    const frame = read.frame;
    const state = this.store.state;
    if (!state) return send(ws, frameError("internal_error", "conversation is not initialised"));
    const now = Date.now();
    switch (frame.type) {
      case "message": {
        const { type: _t, ...message } = frame;
        const { message: stored, duplicate, differs } = this.appendOne(state, message, now, ws);
        this.commit(state, now);
        return send(ws, { type: "ack", id: stored.id, seq: stored.seq, duplicate, receivedAt: stored.receivedAt, ...(differs ? { warning: reusedIdWarning(stored.id) } : {}) });
      }
      case "context": {
        // Who the user is (and what they pay) comes only from the integrator's server: an ingest-key
        // socket, or a conversation token minted with it. A browser may state its session and custom fields.
        const { keyKind } = attachmentOf(ws);
        const trusted = keyKind === "ingest";
        const refused = trusted ? customRefusal(state.custom, frame.custom, false) : this.browserContextRefusal(state, frame);
        if (refused) {
          return send(ws, { ...frameError("context_too_large", `${refused.field}: ${refused.message}`), details: [refused] });
        }
        const ignored = trusted ? [] : (["user", "organization"] as const).filter((k) => frame[k] !== undefined);
        this.applyContext(state, trusted ? frame : { session: frame.session, custom: frame.custom }, {}, now);
        this.commit(state, now);
        if (!ignored.length) return send(ws, { type: "context_saved" });
        return send(ws, {
          type: "context_saved",
          ignored,
          message: "user and organization come from your server: mint a conversation token with them (POST /api/v1/conversation-tokens)",
        });
      }
      case "resume":
        return this.replay(ws, frame.after);
      case "end":
        // Already ended: still answer, so a client waiting for the ended status is not left hanging.
        if (state.status === "ended") return send(ws, { type: "status", status: "ended", at: state.endedAt ?? now, reason: state.endReason ?? "explicit" });
        // Nobody has written yet: there is nothing to end (REST end answers 404), so nothing changes and no
        // resolution is made; the answer says the conversation is still open.
        if (state.firstMessageAt === null) return send(ws, { type: "status", status: "open", at: now });
        return this.endConversation(state, "explicit", now);
      case "ping":
        // Answered above, before the rate limits; here only for the union's sake.
        return send(ws, { type: "pong" });
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      ws.close(code === 1005 ? 1000 : code, reason);
    } catch {
      // Already closed by the runtime; nothing left to do.
    }
    await this.register();
    this.release.closed(ws);
  }

  override async webSocketError(): Promise<void> {
    await this.register();
  }

  override async alarm(): Promise<void> {
    this.alarmAt = null; // this one is spent; the pass schedules the next
    await this.work(false);
  }

  /**
   * Runs due analysis and hands everything pending to the index queue now rather than within the next
   * second (tests and operators; the alarm does the same on its own schedule). Returns the index version
   * D1 will hold once the queue's consumer wrote what was sent (null while the conversation has no
   * message, so is not indexed): `conversations.index_version` reaching it says the snapshot landed.
   * @example const sent = await stub.syncNow() // then wait for index_version >= sent.version
   */
  async syncNow(): Promise<{ conversationId: string; version: number } | null> {
    await this.work(true);
    const state = this.store.state;
    return state && state.messageCount > 0 ? { conversationId: state.conversationId, version: state.flushedVersion } : null;
  }

  // ---- internals ----

  /** A browser's session and custom fields, held to the tighter browser limits. */
  private browserContextRefusal(state: ConversationState, frame: ContextInput): ContextRefusal | null {
    const parsed = browserContext.safeParse({ session: frame.session, custom: frame.custom });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { field: issue.path.join(".") || "context", message: issue.message };
    }
    return customRefusal(state.custom, frame.custom, true);
  }

  /** Frame buckets (frame-limits.ts): in memory, full again after waking from hibernation. */
  private readonly conversationFrames = conversationLimits();
  private readonly socketFrames = new WeakMap<WebSocket, SocketLimits>();
  /** Each socket's key expiry (null: never), read from its attachment on its first frame. */
  private readonly socketKeyExpiry = new WeakMap<WebSocket, number | null>();

  /**
   * A socket whose key has expired since it was opened is closed (4001, as a revoked key's) instead of
   * being answered or sent to: a client that only listens hears nothing more after its key's expiry. Its
   * expiry is read from the attachment once per socket and kept in memory.
   */
  private keyExpired(ws: WebSocket): boolean {
    let expiresAt = this.socketKeyExpiry.get(ws);
    if (expiresAt === undefined) {
      expiresAt = attachmentOf(ws).keyExpiresAt ?? null;
      this.socketKeyExpiry.set(ws, expiresAt);
    }
    if (expiresAt === null || expiresAt > Date.now()) return false;
    closeQuietly(ws, CLOSE.keyRevoked, "key expired");
    return true;
  }

  /**
   * Counts the frame against its socket and the conversation. Over budget: the frame is dropped and the
   * client told when to retry; a socket that keeps sending regardless is closed (1008).
   */
  private admit(ws: WebSocket, data: string | ArrayBuffer): boolean {
    const now = Date.now();
    let limits = this.socketFrames.get(ws);
    if (!limits) {
      limits = socketLimits(attachmentOf(ws).keyKind === "ingest", now);
      this.socketFrames.set(ws, limits);
    }
    const verdict = admitFrame(limits, this.conversationFrames, now);
    if (verdict.ok) return true;
    if (verdict.close) {
      try {
        ws.close(CLOSE.rateLimited, "rate limit exceeded");
      } catch {
        // already closing
      }
      return false;
    }
    const id = typeof data === "string" ? frameId(data) : undefined;
    send(ws, {
      ...frameError("rate_limited", `too many frames on this ${verdict.limit}; wait ${verdict.retryAfterMs} ms, then resend (a message keeps its id)`),
      retryAfterMs: verdict.retryAfterMs,
      ...(id ? { id } : {}),
    });
    return false;
  }

  /** Registry updates go out one after another, so the registry always ends on the latest. */
  private registering: Promise<SweepRecord[]> = Promise.resolve([]);

  /** Lets go of the connections of sockets this object closed itself (socket-release.ts). */
  private readonly release = new SocketRelease(this.ctx);

  /**
   * Tells the socket registry (this conversation's shard of it: socket-registry.ts) which keys its open
   * sockets were opened with (none after the last one closed). Once per connect and close, never per message.
   * Answers the recent sweeps of the chatbot that concern those keys (for closeMissed). A registry that cannot
   * be reached does not keep anyone from chatting; the failure is logged.
   */
  private register(state: ConversationState | null = this.store.state): Promise<SweepRecord[]> {
    if (!state) return this.registering;
    const { chatbotId, conversationId } = state;
    const next = this.registering.then(async () => {
      const keyIds = this.ctx
        .getWebSockets()
        .filter((ws) => ws.readyState === WebSocket.OPEN)
        .map((ws) => attachmentOf(ws).keyId);
      const ns = this.env.SOCKET_REGISTRY as DurableObjectNamespace<SocketRegistry>;
      return ns
        .get(ns.idFromName(registryShardName(registryShardOf(conversationId))))
        .track(chatbotId, conversationId, keyIds)
        .catch((error: unknown): SweepRecord[] => {
          console.error("live socket registry update failed", { conversationId, error: String(error) });
          return [];
        });
    });
    this.registering = next;
    return next;
  }

  /**
   * Sweeps the registry ran before this conversation's registration reached it. A revoked key's sockets close
   * whenever they connected (the Worker lets no socket in with a revoked key), and a deleted chatbot's
   * conversation is erased. An archive can be undone: it closes the sockets opened before it, by the registry's
   * clock give or take SWEEP_CLOCK_SLACK_MS (another machine's), and leaves those opened once it was restored.
   */
  private async closeMissed(chatbotId: string, missed: SweepRecord[]): Promise<void> {
    for (const sweep of missed) {
      const state = this.store.state;
      if (!state || state.chatbotId !== chatbotId) return;
      const openedBy = sweep.keyId !== undefined || sweep.erase ? Number.POSITIVE_INFINITY : sweep.at + SWEEP_CLOCK_SLACK_MS;
      const caught = this.socketsOf(sweep, openedBy);
      if (!caught.length) continue;
      if (sweep.erase) return this.erase(state);
      for (const ws of caught) closeQuietly(ws, sweep.code, sweep.reason);
      await this.register();
      this.release.afterClosing();
    }
  }

  /** The sockets a sweep names: opened with its key (any key for a chatbot-wide sweep), and not after `openedBy`. */
  private socketsOf(sweep: SocketSweep, openedBy = Number.POSITIVE_INFINITY): WebSocket[] {
    return this.ctx.getWebSockets().filter((ws) => {
      const socket = attachmentOf(ws);
      return socket.connectedAt <= openedBy && (sweep.keyId === undefined || socket.keyId === sweep.keyId);
    });
  }

  /** Alarm and syncNow may overlap at an await; passes run one after another, never interleaved. */
  private lastPass: Promise<void> = Promise.resolve();

  private work(flushNow: boolean): Promise<void> {
    const pass = this.lastPass.then(() => this.pass(flushNow));
    this.lastPass = pass.catch(() => undefined);
    return pass;
  }

  /** One pass of deferred work: idle timeout, due analysis, the batched D1 write. Idempotent. */
  private async pass(flushNow: boolean): Promise<void> {
    const state = this.store.state;
    if (!state) return;
    if (state.status === "open" && state.idleDueAt !== null && state.idleDueAt <= Date.now()) {
      this.endConversation(state, "idle_timeout", Date.now());
    }
    // Retries whose time has come are in storage only.
    this.store.expectDueJobs();
    await this.analyseDue();
    const due = state.flushDueAt !== null && (flushNow || state.flushDueAt <= Date.now());
    if (due || (flushNow && this.store.hasUnflushedAnalyses())) await this.flush(state);
    if (!this.store.state) return; // erased: its chatbot is gone
    this.schedule(state, this.store.nextJobDue());
  }

  /**
   * Analysis runs are chained of their own, apart from the D1 flush: a run started right after an ack
   * waits for an earlier run, never for D1 (the flush tolerates analyses written while it waits).
   */
  private lastAnalysis: Promise<void> = Promise.resolve();

  private analyseDue(): Promise<void> {
    const run = this.lastAnalysis.then(() => this.analysisRun());
    this.lastAnalysis = run.catch(() => undefined);
    return run;
  }

  private async analysisRun(): Promise<void> {
    this.analysisSoon = false; // from here on, a new message needs a run of its own
    const state = this.store.state;
    if (!state) return;
    const host = {
      store: this.store,
      env: this.env,
      broadcast: (frame: ServerFrame) => this.broadcast(frame, null),
      publish: (event: LiveEventBody) => this.publish(state, event),
      urgent: () => {
        this.urgentIndex = true;
      },
    };
    if (!(await runDueAnalysis(host, state))) return;
    if (!this.store.state) return; // erased meanwhile
    this.unsaved = true; // aggregates and resolution live in the state row
    this.commit(state, Date.now());
  }

  /** The state row, created on first contact. The scope never changes once set. */
  private open(scope: ScopeInput, now: number): ConversationState {
    const existing = this.store.state;
    if (existing) {
      if (existing.chatbotId !== scope.chatbotId || existing.externalId !== scope.externalId) {
        throw new Error("conversation scope mismatch");
      }
      if (existing.idleTimeoutMs !== scope.idleTimeoutMinutes * 60_000) {
        existing.idleTimeoutMs = scope.idleTimeoutMinutes * 60_000;
        this.unsaved = true;
      }
      return existing;
    }
    this.unsaved = true;
    return {
      organizationId: scope.organizationId,
      chatbotId: scope.chatbotId,
      externalId: scope.externalId,
      conversationId: this.ctx.id.toString(),
      status: "open",
      createdAt: now,
      firstMessageAt: null,
      lastMessageAt: null,
      endedAt: null,
      endReason: null,
      lastSeq: 0,
      messageCount: 0,
      userMessageCount: 0,
      idleTimeoutMs: scope.idleTimeoutMinutes * 60_000,
      user: null,
      organization: null,
      contextAt: null,
      session: {},
      custom: {},
      version: 1,
      flushedVersion: 0,
      flushDueAt: now + FLUSH_DELAY_MS,
      flushAttempts: 0,
      idleDueAt: now + scope.idleTimeoutMinutes * 60_000,
      aggregates: emptyAggregates(),
    };
  }

  /**
   * Stated context wins over what the edge saw; the edge only fills what is still unknown, and its city,
   * continent and time zone only where its country is the one the conversation has (a later request from
   * elsewhere, or a stated country, describes another place).
   */
  private applyContext(state: ConversationState, context: ContextInput, edge: z.infer<typeof edgeInput>, now: number): void {
    let changed = false;
    for (const [key, value] of Object.entries(edge) as [keyof typeof edge, string][]) {
      const elsewhere = PLACE_FIELDS.has(key) && state.session.country !== undefined && edge.country !== state.session.country;
      if (value !== undefined && state.session[key] === undefined && !elsewhere) {
        (state.session as Record<string, string>)[key] = value;
        changed = true;
      }
    }
    if (context.session) {
      // A stated country moves the user: the edge's city, continent and time zone described another place.
      const moved = context.session.country !== undefined && context.session.country !== state.session.country;
      const { city: _c, continent: _k, timezone: _t, ...placeless } = state.session;
      state.session = { ...(moved ? placeless : state.session), ...context.session };
      changed = true;
    }
    if (context.custom) {
      state.custom = { ...state.custom, ...context.custom };
      changed = true;
    }
    if (context.user || context.organization) {
      if (context.user) state.user = context.user;
      if (context.organization) state.organization = context.organization;
      state.contextAt = now;
      changed = true;
    }
    if (changed) {
      state.version += 1;
      this.unsaved = true;
    }
  }

  /**
   * Stores one message (its analysis job on the same row) and tells the other sockets and the live feed.
   * What it changes in the state (counts, times, version, idle deadline) is not saved here: the store
   * recovers it from the messages on waking. Reopening an ended conversation is saved.
   */
  private appendOne(state: ConversationState, input: MessageInput, now: number, sender: WebSocket | null) {
    const result = this.store.append(state, input, input.id ?? newId("msg"), now);
    if (result.duplicate) return result;
    state.version += 1;
    state.idleDueAt = now + state.idleTimeoutMs;
    if (result.message.role !== "system") this.jobsWaiting = true;
    if (state.status === "ended") {
      this.unsaved = true;
      state.status = "open";
      state.endedAt = null;
      state.endReason = null;
      state.aggregates.resolution = null; // judged again when it ends again
      this.store.finishJob(resolutionJob);
      this.broadcast({ type: "status", status: "open", at: now, reason: "message" }, null);
      this.publish(state, { type: "conversation", status: "reopened" });
    }
    if (result.message.seq === 1) this.publish(state, { type: "conversation", status: "started" });
    this.broadcast({ type: "message", message: result.message }, sender);
    const m = result.message;
    this.publish(state, {
      type: "message",
      message: { id: m.id, seq: m.seq, role: m.role, content: firstChars(m.content, 500), receivedAt: m.receivedAt },
      user: state.user ? { id: state.user.id, email: state.user.email, name: state.user.name } : null,
      organization: state.organization ? { id: state.organization.id, name: state.organization.name } : null,
      plan: state.organization?.plan ?? state.user?.plan ?? null,
    });
    return result;
  }

  private endConversation(state: ConversationState, reason: EndReason, now: number): void {
    if (state.status === "ended") return;
    state.status = "ended";
    state.endedAt = now;
    state.endReason = reason;
    state.idleDueAt = null;
    state.version += 1;
    this.unsaved = true;
    this.store.enqueue(resolutionJob, null, now);
    this.jobsWaiting = true;
    this.commit(state, now);
    this.broadcast({ type: "status", status: "ended", at: now, reason }, null);
    this.publish(state, { type: "conversation", status: "ended" });
  }

  /** The state changed beyond what the messages themselves record: the state row must be rewritten. */
  private unsaved = false;
  /** Jobs were written down since the last schedule (a message stored, a conversation ended). */
  private jobsWaiting = false;

  /** An analysis raised something the attention queue must show at once: the next flush is now, on the priority queue. */
  private urgentIndex = false;

  /** Persists the state if it must be, and makes sure the deferred work (flush, analysis) will run. */
  private commit(state: ConversationState, now: number): void {
    if (state.version > state.flushedVersion) state.flushDueAt ??= now + FLUSH_DELAY_MS;
    if (this.urgentIndex && state.flushDueAt !== null) state.flushDueAt = Math.min(state.flushDueAt, now);
    if (this.unsaved) {
      this.store.save(state);
      this.unsaved = false;
    }
    this.schedule(state, this.jobsWaiting ? now : null);
  }

  /** The alarm this instance last set and that has not run yet; unknown (undefined) after waking. */
  private alarmAt: number | null | undefined;

  /**
   * Arranges the deferred work: analysis due now with the embedded analyzer runs in the next turn
   * (`analyseSoon`); everything else — flush, idle end, Workers AI analysis, retries — by the alarm.
   * The alarm also stands behind the next-turn analysis (within FLUSH_DELAY_MS), should the object
   * go away first: the jobs are written down, so they are found.
   */
  private schedule(state: ConversationState, jobDue: number | null): void {
    this.jobsWaiting = false;
    const now = Date.now();
    const inline = jobDue !== null && jobDue <= now && analyzerChoice(this.env).ai === null;
    if (inline) this.analyseSoon();
    const due = [state.flushDueAt, state.status === "open" ? state.idleDueAt : null, inline ? now + FLUSH_DELAY_MS : jobDue].filter(
      (t): t is number => t !== null,
    );
    if (!due.length) return;
    const next = Math.min(...due);
    // An alarm already set for no later than `next` will run and schedule the rest: setting one per
    // message would be a storage write per message.
    if (this.alarmAt != null && this.alarmAt <= next) return;
    this.alarmAt = next;
    void this.ctx.storage.setAlarm(next);
  }

  /** A run is queued and has not started: later messages are picked up by it, not by one run each. */
  private analysisSoon = false;

  /**
   * Runs due analysis in this same turn, once the handler has sent its ack: the results join the
   * message's own transaction, so the annotation frame goes out with the ack's commit instead of a turn
   * (and a commit) later, and nothing waits on an alarm. The embedded analyzer takes a fraction of a
   * millisecond; anything that waits on I/O (a config read, a workflow match) lets the next frames in.
   */
  private analyseSoon(): void {
    if (this.analysisSoon) return;
    this.analysisSoon = true;
    queueMicrotask(() => {
      this.analyseDue()
        .then(() => this.store.state && this.schedule(this.store.state, this.store.nextJobDue()))
        .catch((error: unknown) => console.error("analysis run failed", { error: String(error) }));
    });
  }

  /**
   * Hands the conversation's index snapshot to the index queue (worker/index-queue/): the consumer writes
   * it to D1 together with other conversations' snapshots, in one batch. A version counts as flushed only
   * once the queue took it; a snapshot too large for one Queue message carries what fits, and the rest
   * goes in the next one, a moment later, under a version of its own (so D1 shows when each arrived).
   */
  private async flush(state: ConversationState): Promise<void> {
    if (state.messageCount === 0) {
      // Indexed from its first message on: a socket opened and left with nothing sent (a widget on every
      // page view) is no conversation — not in analytics, not in the list — and costs no D1 write. The
      // first message writes the whole row, context included.
      state.flushedVersion = state.version;
      state.flushDueAt = null;
      state.flushAttempts = 0;
      this.store.save(state);
      return;
    }
    const version = state.version;
    const analyses = this.store.unflushedAnalyses(ANALYSES_PER_FLUSH);
    // Messages not yet in the search index ride along with the snapshot (worker/search/feed.ts).
    const texts = this.store.messagesAfter(state.searchedSeq ?? 0, SEARCH_MESSAGES_PER_FLUSH);
    const built = buildSnapshot(state, analyses, texts, this.store.attentionFacts());
    // The priority queue's consumer takes each snapshot at once; the index queue gathers them for a second.
    const queue = this.urgentIndex ? this.env.INDEX_PRIORITY : this.env.INDEX;
    this.urgentIndex = false;
    try {
      await queue.send(built.snapshot, { contentType: "json" });
    } catch (error) {
      // The queue unavailable: keep the change and try again later, backing off; nothing is lost.
      state.flushAttempts += 1;
      state.flushDueAt = Date.now() + Math.min(MAX_FLUSH_BACKOFF_MS, 1_000 * 2 ** state.flushAttempts);
      console.error("conversation index snapshot not queued", { conversationId: state.conversationId, error: String(error) });
      this.store.save(state);
      return;
    }
    // Re-read: messages may have arrived while the queue answered; they keep their own due time.
    this.store.markFlushed(built.analyses);
    const current = this.store.state ?? state;
    current.flushedVersion = Math.max(current.flushedVersion, version);
    current.flushAttempts = 0;
    current.searchedSeq = Math.max(current.searchedSeq ?? 0, built.searchedThrough ?? 0);
    const rest = this.store.hasUnflushedAnalyses() || current.searchedSeq < current.lastSeq;
    // What is left goes under a new version, so it is told apart from the snapshot just sent.
    if (rest && current.version === current.flushedVersion) current.version += 1;
    current.flushDueAt = current.version > current.flushedVersion ? Date.now() + FLUSH_DELAY_MS : null;
    this.store.save(current);
  }

  /**
   * Sends the whole index again: every analysis and every message, from the next flush on (the index
   * queue's dead-letter consumer asks for it when a snapshot could not be written). Returns false when
   * the conversation does not belong to `chatbotId`.
   * @example await stub.reindex("cb_123")
   */
  async reindex(chatbotId: string): Promise<boolean> {
    const state = this.store.state;
    if (!state || state.chatbotId !== chatbotId) return false;
    this.store.markAllUnflushed();
    state.searchedSeq = 0;
    state.version += 1;
    state.flushDueAt = Date.now() + FLUSH_DELAY_MS;
    this.store.save(state);
    this.schedule(state, null);
    return true;
  }

  private replay(ws: WebSocket, after: number): void {
    let cursor = after;
    for (;;) {
      const page = this.store.messagesAfter(cursor, REPLAY_PAGE);
      for (const message of page) send(ws, { type: "message", message });
      if (page.length < REPLAY_PAGE) break;
      cursor = page[page.length - 1]!.seq;
    }
    send(ws, { type: "replayed", lastSeq: this.store.state?.lastSeq ?? 0 });
  }

  /** Tells the chatbot's live feed (dashboard viewers); never waited for. */
  private publish(state: ConversationState, event: LiveEventBody): void {
    this.live.push(state.chatbotId, { ...event, conversationId: state.conversationId, externalId: state.externalId } as LiveEvent);
  }

  private broadcast(frame: ServerFrame, except: WebSocket | null): void {
    const sockets = this.ctx.getWebSockets();
    // Nobody else listening (the usual case: one client per conversation): nothing to serialise.
    if (sockets.length === 0 || (sockets.length === 1 && sockets[0] === except)) return;
    const text = JSON.stringify(frame);
    for (const ws of sockets) {
      if (ws === except || this.keyExpired(ws)) continue;
      try {
        ws.send(text);
      } catch {
        // A socket closing under us is cleaned up by webSocketClose.
      }
    }
  }
}

/** The edge fields that describe a place within a country (applyContext). */
const PLACE_FIELDS: ReadonlySet<string> = new Set(["city", "continent", "timezone"]);

/**
 * Whether parsed JSON is a frame clientFrame reads as a ping. Its type is looked at first, so only pings meet
 * a schema here (the small one of a ping); every other frame is parsed by clientFrame once, after the limits.
 */
const isPing = (json: unknown): boolean => (json as { type?: unknown } | null)?.type === "ping" && pingFrame.safeParse(json).success;

/** The `id` of a parsed frame, when it has a string one. */
const idOf = (json: unknown): string | undefined => (typeof (json as { id?: unknown } | undefined)?.id === "string" ? (json as { id: string }).id : undefined);

function attachmentOf(ws: WebSocket): SocketAttachment {
  return ws.deserializeAttachment() as SocketAttachment;
}

function send(ws: WebSocket, frame: ServerFrame): void {
  try {
    ws.send(JSON.stringify(frame));
  } catch {
    // The client is gone; it resumes from its last sequence when it reconnects.
  }
}

function frameError(code: ErrorFrameCode, message: string): Extract<ServerFrame, { type: "error" }> {
  return { type: "error", code, message };
}
