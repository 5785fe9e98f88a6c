/**
 * Releasing the connections of hibernating sockets an object closed itself.
 *
 * workerd keeps the connection of a hibernatable socket open after a close the object started when the
 * client never sent a frame on it: the close frame reaches the client, the client answers, the object's
 * `webSocketClose` runs, and yet the connection stays up, so the client never fires its close event (seen
 * with `wrangler dev` and both of Node's clients, `ws` and undici; a client that had sent anything, a ping
 * included, closes at once). Listen-only sockets are the common case — a widget waiting for replies, a
 * dashboard tab waiting for notifications — and they are exactly the ones a revoked key, an archived chatbot
 * or an ended session must reach. Resetting the object (`ctx.abort`) releases them; it also drops every other
 * socket, so it is done only when the object closed all it had, once their clients answered the close (or
 * after RELEASE_AFTER_MS). Nothing is lost: what the object holds is in its storage.
 *
 * workerd logs that reset as an uncaught error, which a deployment's error alerting counts, so it is made only
 * when a socket that needs it was closed: one whose client never sent anything. A frame that reached the object
 * (`heard`, kept in the socket's attachment across hibernation) or a ping the runtime answered for it
 * (`getWebSocketAutoResponseTimestamp`) is enough for a plain close to release the connection, and every client
 * of ours pings (the SDK every 25 s, the dashboard's channels every 30 s): only a socket closed before its first
 * ping still costs a reset. Checked against wrangler dev with Node's WebSocket (undici): a socket that sent a
 * frame, or only the auto-answered ping, heard its close at once without the reset; one that sent nothing, never.
 */

/** How long the clients get to answer the close before the object resets anyway. */
export const RELEASE_AFTER_MS = 1_000;

const live = (ws: WebSocket) => ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING;

/** Set in the object's storage while a socket it closed had never spoken: its connection waits on a reset. */
const RESET_OWED = "socketRelease.resetOwed";

/** The mark `heard` leaves in a socket's attachment (an object, as every socket of ours carries). */
const HEARD = "clientSpoke";

function attachmentOf(ws: WebSocket): Record<string, unknown> | null {
  const attachment: unknown = ws.deserializeAttachment();
  return attachment !== null && typeof attachment === "object" ? (attachment as Record<string, unknown>) : null;
}

export class SocketRelease {
  private armed: ReturnType<typeof setTimeout> | undefined;
  /** Sockets already marked (or found marked) since the object woke. */
  private readonly marked = new WeakSet<WebSocket>();

  constructor(private readonly ctx: DurableObjectState) {}

  /**
   * A frame from the client reached the object (its webSocketMessage): a close of this socket needs no reset.
   * Marked once, in the socket's attachment, so it holds after hibernation.
   */
  heard(ws: WebSocket): void {
    // Every frame passes here: the attachment is read once per socket per wake-up, not per frame.
    if (this.marked.has(ws)) return;
    this.marked.add(ws);
    const attachment = attachmentOf(ws);
    if (attachment === null || attachment[HEARD] === true) return;
    ws.serializeAttachment({ ...attachment, [HEARD]: true });
  }

  /** Whether the socket's client ever sent anything: a frame the object read, or a ping the runtime answered. */
  private spoke(ws: WebSocket): boolean {
    return attachmentOf(ws)?.[HEARD] === true || this.ctx.getWebSocketAutoResponseTimestamp(ws) !== null;
  }

  /** The object just closed sockets itself: when none is left open, release their connections. */
  afterClosing(): void {
    // Noted in storage, not in memory: the reset may come only when the last other socket is closed, after a nap.
    if (this.ctx.getWebSockets().some((ws) => !live(ws) && !this.spoke(ws))) this.ctx.storage.kv.put(RESET_OWED, true);
    if (this.armed !== undefined || this.ctx.getWebSockets().some(live)) return;
    this.armed = setTimeout(() => this.release(), RELEASE_AFTER_MS);
  }

  /** A socket's close finished (`webSocketClose`): the last of those closed above releases them all now. */
  closed(ws: WebSocket): void {
    if (this.armed === undefined) return;
    if (this.ctx.getWebSockets().some((other) => other !== ws && other.readyState !== WebSocket.CLOSED)) return;
    this.release();
  }

  private release(): void {
    clearTimeout(this.armed);
    this.armed = undefined;
    // A socket opened since keeps the object as it is: resetting would drop it too.
    if (this.ctx.getWebSockets().some(live)) return;
    // Every socket the object closed had spoken: their connections ended with the close, no reset (and no error logged).
    if (this.ctx.storage.kv.get(RESET_OWED) !== true) return;
    this.ctx.storage.kv.delete(RESET_OWED);
    // workerd logs the reason as an uncaught error: it says what happened, so nobody reads it as a crash.
    this.ctx.abort("not a failure: the server closed every socket of this object (key revoked, chatbot archived or deleted, session ended) and resets it to release their connections");
  }
}
