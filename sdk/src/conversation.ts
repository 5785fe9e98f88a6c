/**
 * A live conversation over one reconnecting WebSocket (README "Live protocol").
 *
 * Never losing or doubling a message comes down to three rules: every message has an id; every message
 * stays in the outbox until its ack arrives, and the whole outbox is resent, in order, on each new
 * socket (the server acks an id it already has as a duplicate, with the original seq); each reconnect
 * asks for `?after=<highest seq seen>` so what others said meanwhile is replayed.
 */
import ReconnectingWebSocket from "partysocket/ws";
import { Emitter } from "./emitter.js";
import type { Logger } from "./environment.js";
import { randomId } from "./environment.js";
import { OpenBatError } from "./errors.js";
import { pacer, type FrameBudget, type Pacer } from "./pacer.js";
import type { Ack, Annotation, Context, MessageInput, Resolution, ServerFrame, StatusChange, StoredMessage, Welcome } from "./types.js";

/**
 * The events of a {@link Conversation}.
 * @example conversation.on("error", (e: ConversationEvents["error"]) => console.warn(e.code, e.message));
 */
export interface ConversationEvents extends Record<string, unknown> {
  /** Connected (first time and after every reconnect); buffered messages are being sent. */
  open: Welcome;
  /** A message from another participant (another socket, a REST capture, or a replay). */
  message: StoredMessage;
  annotation: Annotation;
  resolution: Resolution;
  status: StatusChange;
  /** Something went wrong; the conversation carries on (send() promises say which message failed). */
  error: OpenBatError;
  /** The socket dropped; the SDK reconnects by itself. */
  disconnect: { code: number; reason: string };
  /** Closed for good by `close()`. */
  close: undefined;
}

/**
 * Reconnection and buffering knobs.
 * @example openbat.connect({ conversationId: "c-1", maxBuffered: 200, reconnect: { maxDelayMs: 10_000 } });
 */
export interface LiveOptions {
  /**
   * How many messages may wait for an acknowledgement at once (in flight or buffered while offline).
   * Beyond it `send()` rejects at once with `OpenBatError` code `buffer_full` and the message is not
   * recorded; nothing already accepted is ever dropped. Default 1,000.
   */
  maxBuffered?: number;
  reconnect?: {
    /** First retry delay; each further one grows by `growFactor` up to `maxDelayMs`. Defaults: 1–2 s (randomised so a fleet does not reconnect in step), ×1.5, 30 s. */
    minDelayMs?: number;
    maxDelayMs?: number;
    growFactor?: number;
    /** A connection attempt slower than this counts as failed (default 10 s). */
    timeoutMs?: number;
  };
  /** A ping this often detects a dead connection (no answer by the next ping: reconnect). Default 25 s; 0 turns it off. */
  heartbeatMs?: number;
}

/** What `OpenBat.connect` hands a conversation. */
export interface Wiring {
  log: Logger;
  /** Builds the URL for the next attempt from the conversation's id and the highest seq seen. */
  url: (id: string | undefined, after: number | undefined) => Promise<string>;
  protocols?: string[];
  WebSocket?: unknown;
  /** Disabled SDK: resolve everything, send nothing. */
  inert?: boolean;
  /** Each attempt fetches a fresh credential (a token function): a refused one may be followed by a good one. */
  renewable?: boolean;
  /**
   * Why a handshake failed, asked of the same URL over plain HTTP (a WebSocket is not told): the server's refusal
   * of the credential (401, 403) as a sentence, or null (anything else, or no answer).
   */
  refusal?: (url: string) => Promise<string | null>;
  /** The server's frame budget for this kind of credential (pacer.ts). */
  frames: FrameBudget;
}

/**
 * Close codes after which reconnecting cannot help (README "Live protocol"): the key or token was revoked or
 * expired (4001; unless a token function can fetch a new one), the chatbot was archived (4003) or deleted (4004).
 */
const REFUSED: Readonly<Record<number, string>> = {
  4001: "the key was revoked or has expired: connect again with a new key or token",
  4003: "the chatbot was archived: messages are refused until it is unarchived",
  4004: "the chatbot was deleted",
};

interface Entry {
  /** The message's own frame, or the `end` frame. */
  frame: string;
  promise: Promise<Ack | undefined>;
  resolve(value?: Ack): void;
  reject(error: OpenBatError): void;
  end?: true;
}

const noop = () => {};

/** A JSON-safe copy (Dates become ISO text, undefined fields go), or undefined, logged, when there is none. */
export function json<T>(value: T, log: Logger): T | undefined {
  try {
    return JSON.parse(JSON.stringify(value)) as T;
  } catch (error) {
    log.error("[openbat] context that cannot be sent as JSON was ignored", error);
  }
}
/** The server's frame cap (LIMITS.frameBytes), counted as it counts it: string length. */
const FRAME_LIMIT = 40 * 1024;
// An empty context frame changes nothing but is answered with `context_saved` in order, which makes
// it a barrier: its answer proves every earlier frame (such as `end`, which has no reply) was handled.
const BARRIER = '{"type":"context"}';

/**
 * A live conversation. Get one from `openbat.connect()`.
 * @example
 * const conversation = openbat.connect({ conversationId: "support-8812", user: { id: "u-42" } });
 * conversation.on("message", (m) => console.log(`${m.role}: ${m.content}`));
 * const ack = await conversation.send({ role: "user", content: "Hello" });
 * await conversation.end();
 * await conversation.close();
 */
/** Why a conversation cannot connect where the runtime has no WebSocket (Node 20). */
const NO_WEBSOCKET = "no WebSocket in this runtime (Node 20 has none): pass one as the `WebSocket` option, e.g. from the `ws` package (`npm install ws`)";

export class Conversation extends Emitter<ConversationEvents> {
  /** Your id for the conversation; for publishable-key sessions, known from the first `open` event. */
  id: string | undefined;
  /** The server's id for it (64 hex characters), from the first `open` event. */
  serverId: string | undefined;
  /** The highest sequence number seen: acks, messages and replays. Reconnects resume after it. */
  lastSeq = 0;

  private outbox = new Map<string, Entry>();
  /**
   * The frames sent on this socket that await a reply, in order: a message's id, "" for a context
   * frame, an end entry's key for its barrier. The server answers each of those with exactly one
   * `ack`, `context_saved` or `error`, in order, which tells which frame an error is about.
   */
  private replies: string[] = [];
  private context: Context | undefined;
  private socket: ReconnectingWebSocket | undefined;
  private live = false;
  private resume: boolean;
  private closing = false;
  private closed = false;
  private heard = true;
  /** A beat found the socket open with no welcome yet; the next one replaces it if that is still so. */
  private welcomeOverdue = false;
  private failures = 0;
  private warnedRateLimit = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private drained: (() => void)[] = [];
  private ends = 0;
  private readonly max: number;
  private readonly pacer: Pacer;

  constructor(
    private readonly wiring: Wiring,
    id: string | undefined,
    context: Context | undefined,
    options: LiveOptions & { after?: number },
  ) {
    super(wiring.log);
    this.id = id;
    this.context = context;
    this.max = options.maxBuffered ?? 1000;
    this.pacer = pacer(wiring.frames);
    this.resume = options.after !== undefined;
    this.lastSeq = options.after ?? 0;
    if (wiring.inert) return;
    const WS = wiring.WebSocket ?? (globalThis as { WebSocket?: unknown }).WebSocket;
    if (!WS) {
      this.fail(new OpenBatError("unsupported", NO_WEBSOCKET));
      return;
    }
    const r = options.reconnect ?? {};
    this.socket = new ReconnectingWebSocket(() => wiring.url(this.id, this.resume ? this.lastSeq : undefined), wiring.protocols, {
      WebSocket: WS,
      minReconnectionDelay: r.minDelayMs ?? 1000 + Math.random() * 1000,
      maxReconnectionDelay: r.maxDelayMs ?? 30_000,
      reconnectionDelayGrowFactor: r.growFactor ?? 1.5,
      connectionTimeout: r.timeoutMs ?? 10_000,
      // The outbox is the only buffer: partysocket's own would resend frames a second time.
      maxEnqueuedMessages: 0,
    });
    // Node reports an exception thrown in an EventTarget listener as uncaught, which would take the
    // integrator's process down: whatever a frame does here stays here.
    this.socket.addEventListener("message", (event) => {
      try {
        this.receive(event.data);
      } catch (error) {
        this.log.error("[openbat] could not handle a frame", error);
      }
    });
    this.socket.addEventListener("close", (event) => {
      const wasLive = this.live;
      this.live = false;
      this.replies = [];
      this.pacer.reset();
      if (this.closed) return;
      if (wasLive) this.emit("disconnect", { code: event.code, reason: event.reason });
      // Report the first failure of a streak only: an outage must not flood the console.
      else if (++this.failures === 1) void this.firstFailure();
      const refused = REFUSED[event.code];
      if (refused !== undefined && !(event.code === 4001 && wiring.renewable)) this.refuse(`${refused} (close code ${event.code})`);
    });
    const every = options.heartbeatMs ?? 25_000;
    if (every > 0) this.timer = setInterval(() => this.beat(), every);
  }

  /**
   * Records a message. Resolves with the server's acknowledgement once it is durable, however many
   * reconnects that takes; rejects (with an {@link OpenBatError}) only when the buffer is full, the
   * server refuses the message, the conversation is closed first, or the runtime has no WebSocket
   * (`unsupported`: Node 20 without the `WebSocket` option). The returned promise is already
   * marked handled, so not awaiting it never crashes your process.
   * @example
   * const { seq } = await conversation.send({ role: "assistant", content: "Happy to help!" });
   */
  send(message: MessageInput): Promise<Ack> {
    const id = message?.id ?? randomId("m_");
    const existing = this.outbox.get(id);
    // The same id again while the first is unacknowledged: one message, one promise.
    if (existing && !existing.end) return existing.promise as Promise<Ack>;
    let entry!: Entry;
    const promise = new Promise<Ack | undefined>((resolve, reject) => {
      entry = { frame: "", promise: undefined!, resolve, reject };
    });
    promise.catch(noop);
    entry.promise = promise;
    if (this.wiring.inert) entry.resolve({ id, seq: 0, duplicate: false, receivedAt: Date.now() });
    else if (!this.socket) entry.reject(new OpenBatError("unsupported", NO_WEBSOCKET, id));
    else if (this.closing) entry.reject(new OpenBatError("closed", "the conversation is closed", id));
    else if (this.outbox.size >= this.max) {
      this.fail(new OpenBatError("buffer_full", `${this.max} messages are already waiting for the server; this one was not recorded`, id), entry);
    } else {
      try {
        entry.frame = JSON.stringify({ ...message, type: "message", id });
      } catch {
        // circular or BigInt content: refused below like any unsendable message
      }
      if (!entry.frame) this.fail(new OpenBatError("invalid_message", "the message cannot be serialised to JSON", id), entry);
      else if (entry.frame.length > FRAME_LIMIT) this.fail(new OpenBatError("payload_too_large", "the message is over the 40 KB frame limit", id), entry);
      else {
        this.outbox.set(id, entry);
        if (this.live) this.frame(id, entry.frame);
      }
    }
    return promise as Promise<Ack>;
  }

  /**
   * States or updates who is talking (merged into what was sent before). Delivered once, also across reconnects.
   * @example conversation.setContext({ user: { id: "u-42", plan: "pro", mrr: 99 } });
   */
  setContext(context: Context): void {
    if (this.closing || this.wiring.inert) return;
    const plain = json(context, this.log);
    if (!plain) return;
    this.context = { ...this.context, ...plain };
    if (this.live) this.sendContext();
  }

  /**
   * Ends the conversation (after every message sent before it). Resolves once the server has ended it,
   * or when the conversation is closed; never rejects. A later `send()` reopens the conversation.
   * @example await conversation.end();
   */
  end(): Promise<void> {
    if (this.closing || !this.socket) return Promise.resolve();
    let entry!: Entry;
    const promise = new Promise<Ack | undefined>((resolve) => {
      entry = { frame: '{"type":"end"}', promise: undefined!, resolve, reject: () => resolve(undefined), end: true };
    });
    entry.promise = promise;
    const key = `\u0000end${++this.ends}`;
    this.outbox.set(key, entry);
    if (this.live) this.sendEnd(key, entry);
    return promise.then(noop);
  }

  /**
   * Closes the socket for good. Waits (up to `timeoutMs`, default 5 s) for the messages still waiting
   * for an acknowledgement, then rejects what is left with code `closed`. Never rejects.
   * @example await conversation.close();
   */
  async close(timeoutMs = 5000): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.outbox.size && this.socket) {
      let timeout: ReturnType<typeof setTimeout> | undefined;
      await new Promise<void>((resolve) => {
        this.drained.push(resolve);
        timeout = setTimeout(resolve, timeoutMs);
      });
      if (timeout) clearTimeout(timeout);
    }
    // The server refused the conversation meanwhile: refuse() has closed it already.
    if (this.closed) return;
    const left = this.shut("closed by client", (id) => new OpenBatError("closed", "the conversation was closed before the server acknowledged this message", id));
    if (left.some((e) => !e.end)) this.log.warn(`[openbat] closed with ${left.length} unacknowledged message(s)`);
    this.emit("close", undefined);
  }

  /**
   * The first failed handshake of a streak. Browsers do not tell why a handshake failed (a refused key, a 429 and a
   * dead network look alike), and a refused key (unknown, revoked, of another kind, an origin it does not allow) or
   * an archived chatbot would fail every retry: so the reason is asked once over HTTP first. A refusal refuses the
   * conversation as a close code would, without announcing retries that will not come; anything else — no answer
   * within a few seconds included — is reported as `connection_failed` while the retries go on.
   */
  private async firstFailure(): Promise<void> {
    let why: string | null = null;
    try {
      if (this.wiring.refusal && !this.wiring.renewable) why = await this.wiring.refusal(await this.wiring.url(this.id, this.resume ? this.lastSeq : undefined));
    } catch {
      // No answer either (the probe gives up after a few seconds): a failure like any other.
    }
    if (this.closed || this.live) return;
    if (why !== null) this.refuse(why);
    else this.fail(new OpenBatError("connection_failed", "could not connect; retrying with backoff"));
  }

  /**
   * The server closed the conversation for good (REFUSED): no more reconnects, what waits in the outbox is
   * rejected with code `refused`, and the conversation ends as if `close()` had been called.
   */
  private refuse(why: string): void {
    const error = new OpenBatError("refused", why);
    this.shut("refused by the server", (id) => new OpenBatError("refused", error.message, id));
    this.fail(error);
    this.emit("close", undefined);
  }

  /** Ends the conversation for good (close() and refuse()): the socket closed, what waited rejected; answers it. */
  private shut(reason: string, rejection: (id: string) => OpenBatError): Entry[] {
    if (this.timer) clearInterval(this.timer);
    this.closing = true;
    this.closed = true;
    this.pacer.reset();
    this.socket?.close(1000, reason);
    const left = [...this.outbox.entries()];
    this.outbox.clear();
    for (const [id, entry] of left) entry.reject(rejection(id));
    for (const wake of this.drained.splice(0)) wake();
    return left.map(([, entry]) => entry);
  }

  private receive(data: unknown): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(data)) as ServerFrame;
    } catch {
      return;
    }
    this.heard = true;
    switch (frame.type) {
      case "welcome":
        this.id = frame.externalId;
        this.serverId = frame.conversationId;
        // Joining a conversation starts at its present; a reconnect must keep its own cursor, which the
        // replay that follows this frame moves.
        if (!this.resume) this.lastSeq = Math.max(this.lastSeq, frame.lastSeq);
        this.resume = true;
        this.live = true;
        this.failures = 0;
        this.pacer.reset();
        if (this.context) this.sendContext();
        for (const [key, entry] of this.outbox) entry.end ? this.sendEnd(key, entry) : this.frame(key, entry.frame);
        this.emit("open", frame);
        return;
      case "ack":
        this.replies.shift();
        this.seen(frame.seq);
        if (frame.warning) this.log.warn(`[openbat] ${frame.warning}`);
        return this.settle(frame.id, { id: frame.id, seq: frame.seq, duplicate: frame.duplicate, receivedAt: frame.receivedAt });
      case "message":
        this.seen(frame.message.seq);
        // Our own message, stored by a socket that dropped before its ack came: its resend is acked.
        if (!this.outbox.has(frame.message.id)) this.emit("message", frame.message);
        return;
      case "replayed":
        return this.seen(frame.lastSeq);
      case "context_saved":
      case "error": {
        const key = this.replies.shift();
        // Over the frame rate limit: the frame was dropped, not refused on its merits. Nothing is lost:
        // it goes again once the server says it may (a reconnect in between resends it anyway).
        if (frame.type === "error" && frame.code === "rate_limited" && key !== undefined && this.resendLater(key, frame.retryAfterMs ?? 1000)) return;
        // The context is done with once its last frame is answered (saved, or refused: resending a
        // refused context would only be refused again).
        if (key === "" && !this.replies.includes("")) this.context = undefined;
        if (frame.type === "context_saved") {
          if (frame.ignored?.length) this.log.warn(`[openbat] the server ignored ${frame.ignored.join(" and ")}: ${frame.message ?? ""}`);
          return key ? this.settle(key) : undefined;
        }
        const id = frame.id ?? key;
        const entry = id ? this.outbox.get(id) : undefined;
        // A message refused on its merits leaves the outbox: resending it would be refused again.
        if (entry) this.outbox.delete(id!);
        this.fail(new OpenBatError(frame.code, frame.message, frame.id), entry);
        return this.check();
      }
      case "status":
      case "annotation":
      case "resolution":
        this.emit(frame.type, frame as never);
    }
  }

  private sendContext(): void {
    this.frame("", JSON.stringify({ ...this.context, type: "context" }));
  }

  private sendEnd(key: string, entry: Entry): void {
    this.frame(undefined, entry.frame);
    this.frame(key, BARRIER);
  }

  /**
   * Every frame goes through the pacer, and what its reply will be about (`reply`: a message's id, "" for a context,
   * an end's key for its barrier; none for the `end` frame itself) is queued only once it is written.
   */
  private frame(reply: string | undefined, text: string): void {
    this.pacer.send(() => {
      if (reply !== undefined) this.replies.push(reply);
      this.socket!.send(text);
    });
  }

  /** Sends the message (or the context, key "") again after `ms`, if it still waits; false for what cannot be resent alone (an end). */
  private resendLater(key: string, ms: number): boolean {
    const entry = key === "" ? undefined : this.outbox.get(key);
    if (key !== "" && (!entry || entry.end)) return false;
    if (!this.warnedRateLimit) this.log.warn(`[openbat] over the server's frame rate limit: frames are resent after ${ms} ms`);
    this.warnedRateLimit = true;
    setTimeout(() => {
      if (!this.live) return;
      if (key === "") {
        if (this.context) this.sendContext();
      } else if (entry && this.outbox.get(key) === entry) this.frame(key, entry.frame);
    }, ms);
    return true;
  }

  private seen(seq: number): void {
    if (seq > this.lastSeq) this.lastSeq = seq;
  }

  private settle(key: string, ack?: Ack): void {
    const entry = this.outbox.get(key);
    if (!entry) return; // already settled: a second ack for the same id resolves nothing twice
    this.outbox.delete(key);
    entry.resolve(ack);
    this.check();
  }

  /** Wakes `close()` once nothing waits for the server any more. */
  private check(): void {
    if (!this.outbox.size) for (const wake of this.drained.splice(0)) wake();
  }

  /** Rejects the entry's promise (if any) and reports the error to listeners, or to the log when nobody listens. */
  private fail(error: OpenBatError, entry?: Entry): void {
    entry?.reject(error);
    if (!this.emit("error", error)) this.log.warn(`[openbat] ${error.code}: ${error.message}`);
  }

  private beat(): void {
    if (!this.live) {
      // Open for a whole interval without a welcome: the handshake's answer was lost, and nothing else would notice.
      const open = this.socket?.readyState === 1;
      if (open && this.welcomeOverdue) {
        this.welcomeOverdue = false;
        return this.socket!.reconnect();
      }
      this.welcomeOverdue = open;
      return;
    }
    this.welcomeOverdue = false;
    // Nothing heard since the last ping: the connection is dead without having said so.
    if (!this.heard) return this.socket!.reconnect();
    this.heard = false;
    this.socket!.send('{"type":"ping"}');
  }
}
